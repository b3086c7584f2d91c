/**
 * Get Refunds: refunds made in the window. Shopify has no refund search, so: orders updated since
 * the window opened (a refund updates its order), then each refund created in the window in
 * detail. Only SUCCESS refund transactions count as money returned.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ShopifyRefund } from '../../mapping/contracts';
import { refundFromShopify } from '../helpers/normalise';
import { inWindow, searchRange, type TimeWindow } from '../helpers/window';
import { CHANGED_ORDERS, REFUND, REFUND_LINES_PAGE } from '../queries';
import { changedOrdersPageSchema, refundByIdSchema, refundLinesPageSchema } from '../schemas';
import type { ShopifyGraphql } from '../transport';

export const description: INodeProperties[] = [];

export async function execute(
	this: IExecuteFunctions,
	shopify: ShopifyGraphql,
	window: TimeWindow,
): Promise<ShopifyRefund[]> {
	// No upper bound: an order refunded in the window may have changed again since.
	const orders = await shopify.paginate(
		CHANGED_ORDERS,
		{ query: searchRange('updated_at', window, false) },
		changedOrdersPageSchema,
		(data) => data.orders,
		{ pageSize: 40 },
	);
	const refundIds = orders.flatMap((o) => (o.refunds ?? []).filter((r) => inWindow(r.createdAt, window)).map((r) => r.id));
	const refunds: ShopifyRefund[] = [];
	for (const id of refundIds) {
		const { refund } = await shopify.request(REFUND, { id }, refundByIdSchema);
		if (!refund) continue;
		if (refund.refundLineItems.pageInfo.hasNextPage) {
			const rest = await shopify.paginate(
				REFUND_LINES_PAGE,
				{ id },
				refundLinesPageSchema,
				(data) => data.refund?.refundLineItems ?? { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } },
				{ pageSize: 100 },
			);
			refund.refundLineItems.nodes = rest;
		}
		const normalised = refundFromShopify(refund);
		if (normalised) refunds.push(normalised);
	}
	return refunds;
}
