/**
 * Sales order reads. Xoro's getsalesorder answers nothing without `status` (docs/apis.md §X4.1) and its
 * `third_party_ref_no` filter is UNCONFIRMED, so a search asks once per status (a setting) and matches
 * the reference here as well.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { xoroSalesOrderSchema, type XoroSalesOrder } from '../../schemas';
import { parseXoroDate, UTC } from '../../../shared/dates';
import { xoroCallAll } from '../../transport';
import { byDocumentNumber } from '../createOnce';
import { parseRows, same } from '../lookups';

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

/**
 * Sales orders whose `field` equals `value`, oldest first: from the first status that has any, or with
 * `complete`, from every status (what a read-back after a create needs to see).
 */
export async function findSalesOrders(
	ctx: IExecuteFunctions,
	by: 'third_party_ref_no' | 'order_number',
	value: string,
	statuses: string[],
	itemIndex: number,
	complete = false,
): Promise<XoroSalesOrder[]> {
	const field = (o: XoroSalesOrder) => (by === 'order_number' ? o.orderNumber : o.thirdPartyRefNo);
	const found = new Map<string, XoroSalesOrder>();
	for (const status of statuses) {
		const rows = await xoroCallAll(ctx, 'salesOrderGet', { [by]: value, status }, { itemIndex });
		for (const order of parseRows(ctx, xoroSalesOrderSchema, rows, 'sales order', itemIndex)) {
			if (same(field(order), value)) found.set(order.orderNumber ?? `${status}#${found.size}`, order);
		}
		if (found.size && !complete) break;
	}
	return [...found.values()].sort(byDocumentNumber((o) => o.orderNumber));
}

/** An order as the node outputs it; Xoro's dates read on the tenant's calendar (`zone`). */
export function salesOrderJson(order: XoroSalesOrder, zone: string = UTC): IDataObject {
	return {
		orderNumber: order.orderNumber,
		status: order.status,
		thirdPartyRefNo: order.thirdPartyRefNo,
		thirdPartySource: order.thirdPartySource,
		refNo: order.refNo,
		customerName: order.customerName,
		orderDate: parseXoroDate(order.orderDate, zone),
		lines: order.lines.map((l) => ({ ...l })),
		raw: order.raw as IDataObject,
	};
}
