/**
 * Sales Order → Create Exchange Order. Input: a Shopify Transactions "exchange" item. Idempotent by
 * ThirdPartyRefNo: a separate exchange order (EXC-/L-) carries its Shopify order id, which is also
 * how Xoro's Shopify app imports that order when it syncs it, so an order the app already brought in
 * is returned (`alreadyExisted: true`) rather than duplicated. createOnce keeps one live order per
 * reference when executions overlap, cancelling the duplicates they made.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { exchangeRefNo, exchangeToSalesOrder } from '../../../mapping/shopifyToXoro';
import { xoroSalesOrderSchema, type XoroSalesOrder } from '../../schemas';
import { xoroCall } from '../../transport';
import { documentProperties, mapped, readDocumentSettings, readTransaction } from '../creditMemo/documentSettings';
import { createOnce, isLive, onceOutput, parseCreated } from '../createOnce';
import { forEachItem } from '../../../shared/items';
import type { XoroOperation } from '../types';
import { salesOrderJson } from '../output';
import { findSalesOrders } from './lookups';
import { readStatuses, statusesProperty } from './params';
import { xoroTimeZone } from '../../tenant';

const displayOptions = { show: { resource: ['salesOrder'], operation: ['createExchange'] } };

const description = updateDisplayOptions(displayOptions, documentProperties({ fallbackLabel: 'Default SKU', moreOptions: [statusesProperty()] }));

async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const output = await forEachItem(this, items, async (itemIndex, item) => {
		const exchange = readTransaction(this, item.json, 'exchange', itemIndex);
		const refNo = mapped(this, itemIndex, () => exchangeRefNo(exchange));
		const zone = await xoroTimeZone(this, itemIndex);
		// A cancelled order does not count, so there is no point asking for them.
		const statuses = readStatuses(this, itemIndex).filter((status) => isLive(status));
		// The read-back also looks under the status Xoro gave the new order, should the setting omit it.
		let createdStatus: string | null = null;
		const searched = () => (createdStatus && !statuses.includes(createdStatus) ? [createdStatus, ...statuses] : statuses);

		const result = await createOnce<XoroSalesOrder>(this, itemIndex, {
			what: 'sales order',
			undo: 'cancel',
			reference: `ThirdPartyRefNo ${refNo}`,
			numberOf: (o) => o.orderNumber,
			statusOf: (o) => o.status,
			find: (complete) => findSalesOrders(this, 'third_party_ref_no', refNo, searched(), itemIndex, complete),
			create: async (recheck) => {
				const settings = { ...readDocumentSettings(this, itemIndex), timeZone: zone };
				const body = mapped(this, itemIndex, () => exchangeToSalesOrder(exchange, settings));
				return xoroCall(this, 'salesOrderCreate', { body: body as unknown as IDataObject, itemIndex, expectData: true, recheck });
			},
			parseCreated: (data) => {
				const order = parseCreated(xoroSalesOrderSchema, data);
				createdStatus = order?.status ?? null;
				return order;
			},
			cancel: async (orderNumber, recheck) => {
				return xoroCall(this, 'salesOrderCancel', { body: { SoEstimateHeader: { OrderNumber: orderNumber } }, itemIndex, recheck });
			},
		});
		return onceOutput(result, (order) => salesOrderJson(order, zone));
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
