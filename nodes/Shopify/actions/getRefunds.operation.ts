/**
 * Get Refunds: refunds made in the window. Shopify has no refund search, so: orders updated since
 * the window opened (a refund updates its order) with the ids of their refunds, then the refunds
 * created in the window, read by id in batches with their lines. Only SUCCESS refund transactions
 * count as money returned, and only Loop's refunds are kept unless "Include Refunds and Exchanges
 * Not Made by Loop" is on (helpers/loopOrigin.ts).
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ShopifyRefund } from '../../mapping/contracts';
import { DEFAULT_LOOP_ORDER_TAGS, isLoopRefund, loopOriginProperties, parseTags } from '../helpers/loopOrigin';
import { allNodes, wholeList } from '../helpers/nested';
import { refundFromShopify } from '../helpers/normalise';
import { inWindow, searchRange, type TimeWindow } from '../helpers/window';
import {
	CHANGED_ORDER_COST,
	CHANGED_ORDERS,
	ORDER_REFUNDS,
	REFUND_COST,
	REFUND_LINES_PAGE,
	REFUND_TRANSACTIONS_PAGE,
	REFUNDS,
	REFUNDS_PER_ORDER,
} from '../queries';
import {
	changedOrdersPageSchema,
	orderRefundsSchema,
	refundLinesPageSchema,
	refundsByIdSchema,
	refundTransactionsPageSchema,
} from '../schemas';
import type { ShopifyGraphql } from '../transport';

/** Get Exchange Orders tells Loop's native exchanges from the merchant's by the same settings. */
const displayOptions = { show: { operation: ['getRefunds', 'getExchangeOrders', 'getAll'] } };

export const description = updateDisplayOptions(displayOptions, loopOriginProperties);

export async function execute(
	this: IExecuteFunctions,
	shopify: ShopifyGraphql,
	window: TimeWindow,
	itemIndex: number,
): Promise<ShopifyRefund[]> {
	const includeNonLoop = this.getNodeParameter('includeNonLoop', itemIndex, false) as boolean;
	const loopTags = parseTags(this.getNodeParameter('loopOrderTags', itemIndex, DEFAULT_LOOP_ORDER_TAGS) as string);
	// No upper bound: an order refunded in the window may have changed again since.
	const orders = await shopify.paginate(
		CHANGED_ORDERS,
		{ query: searchRange('updated_at', window, false) },
		changedOrdersPageSchema,
		(data) => data.orders,
		{ nodeCost: CHANGED_ORDER_COST },
	);
	const refundIds: string[] = [];
	for (const order of orders) {
		const listed = await wholeList(this, shopify, order.refunds ?? [], REFUNDS_PER_ORDER, {
			document: ORDER_REFUNDS,
			order,
			schema: orderRefundsSchema,
			pick: (data) => data.order?.refunds,
			what: 'refunds',
		});
		refundIds.push(...listed.filter((r) => inWindow(r.createdAt, window)).map((r) => r.id));
	}
	const refunds: ShopifyRefund[] = [];
	const found = await shopify.nodesById(REFUNDS, [...new Set(refundIds)], refundsByIdSchema, (data) => data.nodes, { nodeCost: REFUND_COST });
	for (const refund of found) {
		if (!refund) continue;
		const { id } = refund;
		if (!includeNonLoop && !isLoopRefund(refund, loopTags)) continue;
		refund.refundLineItems.nodes = await allNodes(this, shopify, refund.refundLineItems, {
			document: REFUND_LINES_PAGE,
			id,
			schema: refundLinesPageSchema,
			pick: (data) => data.refund?.refundLineItems,
			what: 'the refund',
		});
		refund.transactions.nodes = await allNodes(this, shopify, refund.transactions, {
			document: REFUND_TRANSACTIONS_PAGE,
			id,
			schema: refundTransactionsPageSchema,
			pick: (data) => data.refund?.transactions,
			what: 'the refund',
		});
		const normalised = refundFromShopify(refund);
		if (normalised) refunds.push(normalised);
	}
	return refunds;
}
