/**
 * Sales Order → Create Exchange Order. Input: a Shopify Transactions "exchange" item. Idempotent by
 * ThirdPartyRefNo: a separate exchange order (EXC-/L-) carries its Shopify order id, which is also
 * how Xoro's Shopify app imports that order when it syncs it, so an order the app already brought in
 * is returned (`alreadyExisted: true`) rather than duplicated. createOnce keeps one live order per
 * reference when executions overlap, cancelling the duplicates they made; an execution's items are
 * looked up and read back by one search for them all (createOnceBatch, issue 11).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { exchangeRefNo, exchangeToSalesOrder } from '../../../mapping/shopifyToXoro';
import { xoroSalesOrderSchema, type XoroSalesOrder } from '../../schemas';
import { xoroCall } from '../../transport';
import { documentProperties, mapped, readDocumentSettings, readTransaction } from '../creditMemo/documentSettings';
import { createOnceBatch, isLive, onceOutput, outcomeOf, parseCreated, planEach, type OnceBatchItem, type OnceBatchSearch, type OnceDocumentKind } from '../createOnce';
import { windowSince } from '../batchWindow';
import { forEachItem } from '../../../shared/items';
import type { XoroOperation } from '../types';
import { salesOrderJson } from '../output';
import { findSalesOrders, searchSalesOrdersOfRefsSince } from './lookups';
import { readStatuses, statusesProperty } from './params';
import { xoroTimeZone } from '../../tenant';

const displayOptions = { show: { resource: ['salesOrder'], operation: ['createExchange'] } };

const description = updateDisplayOptions(displayOptions, documentProperties({ fallbackLabel: 'Default SKU', moreOptions: [statusesProperty()] }));

/** One item, ready for createOnceBatch. */
interface ExchangePlan {
	occurredAt: string;
	zone: string;
	/** The statuses its documents are searched under */
	searched(): string[];
	once: OnceBatchItem<XoroSalesOrder>;
}

function planExchange(ctx: IExecuteFunctions, itemIndex: number, item: INodeExecutionData, zone: string): ExchangePlan {
	const exchange = readTransaction(ctx, item.json, 'exchange', itemIndex);
	const refNo = mapped(ctx, itemIndex, () => exchangeRefNo(exchange));
	// A cancelled order does not count, so there is no point asking for them.
	const statuses = readStatuses(ctx, itemIndex).filter((status) => isLive(status));
	// The read-back also looks under the status Xoro gave the new order, should the setting omit it.
	let createdStatus: string | null = null;
	const searched = () => (createdStatus && !statuses.includes(createdStatus) ? [createdStatus, ...statuses] : statuses);
	const kind: OnceDocumentKind<XoroSalesOrder> = {
		what: 'sales order',
		undo: 'cancel',
		reference: `ThirdPartyRefNo ${refNo}`,
		numberOf: (o) => o.orderNumber,
		statusOf: (o) => o.status,
		find: (complete) => findSalesOrders(ctx, 'third_party_ref_no', refNo, searched(), itemIndex, complete),
		create: async (recheck) => {
			const settings = { ...readDocumentSettings(ctx, itemIndex), timeZone: zone };
			const body = mapped(ctx, itemIndex, () => exchangeToSalesOrder(exchange, settings));
			return xoroCall(ctx, 'salesOrderCreate', { body: body as unknown as IDataObject, itemIndex, expectData: true, recheck });
		},
		parseCreated: (data) => {
			const order = parseCreated(xoroSalesOrderSchema, data);
			createdStatus = order?.status ?? null;
			return order;
		},
		cancel: async (orderNumber, recheck) => {
			return xoroCall(ctx, 'salesOrderCancel', { body: { SoEstimateHeader: { OrderNumber: orderNumber } }, itemIndex, recheck });
		},
	};
	return { occurredAt: exchange.occurredAt, zone, searched, once: { itemIndex, kind, reference: refNo } };
}

/**
 * The batch's one search (createOnceBatch): the sales orders Xoro made since the batch's oldest
 * exchange, under every status an item searches, kept by ThirdPartyRefNo. Such an order, ours or one
 * Xoro's Shopify app imported (docs/apis.md §X7), is made after its exchange. An item's own look-up
 * costs a request per status, and so does the batch's.
 */
function exchangeBatchSearch(ctx: IExecuteFunctions, plans: ExchangePlan[]): OnceBatchSearch<XoroSalesOrder> {
	const statuses = () => [...new Set(plans.flatMap((p) => p.searched()))];
	return {
		read: async (maxPages) => {
			const since = windowSince(plans.map((p) => p.occurredAt), plans[0]?.zone ?? '');
			if (!since) return undefined;
			return searchSalesOrdersOfRefsSince(ctx, plans.map((p) => p.once.reference), statuses(), since, maxPages, plans[0].once.itemIndex);
		},
		referenceOf: (o) => o.thirdPartyRefNo,
		itemRequests: Math.max(1, ...plans.map((p) => p.searched().length)),
	};
}

async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const planned = await planEach(this, items, async (itemIndex, item) => planExchange(this, itemIndex, item, await xoroTimeZone(this, itemIndex)));
	const plans = planned.filter((p): p is ExchangePlan => !(p instanceof Error));
	const outcomes = await createOnceBatch(this, plans.map((p) => p.once), exchangeBatchSearch(this, plans));
	const output = await forEachItem(this, items, async (itemIndex) => {
		const plan = planned[itemIndex];
		if (plan instanceof Error) throw plan;
		return onceOutput(outcomeOf(this, outcomes, itemIndex), (order) => salesOrderJson(order, plan.zone));
	});
	return [output];
}

export const operation: XoroOperation = {
	option: {
		name: 'Create Exchange Order',
		value: 'createExchange',
		action: 'Create an exchange sales order from a Shopify exchange',
		description: 'Sales order from a Shopify Transactions exchange item; returns the existing order for the same exchange',
	},
	description,
	execute,
};
