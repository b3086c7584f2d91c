/** The Statuses to Search option of the Sales Order operations, and its reading (see ./lookups.ts for why). */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

export const DEFAULT_SALES_ORDER_STATUSES = 'Open, Pending, Released, Partially Shipped, Shipped, Invoiced, Closed, Cancelled';

export function statusesProperty(): INodeProperties {
	return {
		displayName: 'Statuses to Search',
		name: 'statuses',
		type: 'string',
		default: DEFAULT_SALES_ORDER_STATUSES,
		description:
			'Comma-separated sales order statuses to look in. Xoro returns no sales orders without a status, so a lookup asks once per status until it finds a match.',
	};
}

export function readStatuses(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const raw = String(ctx.getNodeParameter('options.statuses', itemIndex, DEFAULT_SALES_ORDER_STATUSES) || DEFAULT_SALES_ORDER_STATUSES);
	return raw.split(',').map((s) => s.trim()).filter(Boolean);
}
