/**
 * Sales order reads. Xoro's getsalesorder answers nothing without `status` (docs/apis.md §X4.1) and its
 * `third_party_ref_no` filter is UNCONFIRMED, so a search asks once per status (a setting, ./params.ts)
 * and matches the reference here as well.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { xoroSalesOrderSchema, type XoroSalesOrder } from '../../schemas';
import { xoroCallAll } from '../../transport';
import { byDocumentNumber } from '../createOnce';
import { parseRows, same, searchMadeSince } from '../lookups';

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

/**
 * The sales orders of any of `refs` (ThirdPartyRefNo) among those Xoro made since `since` (Xoro
 * date-time text on the tenant's clock): one paged search per status, each of at most its share of
 * `maxPages` pages (else undefined). getsalesorder's created_at_min is modeled (docs/apis.md §X4.1
 * lists no date filter): the rows are kept by reference here, so a tenant that ignores it lists more
 * pages, never fewer orders.
 */
export async function searchSalesOrdersOfRefsSince(
	ctx: IExecuteFunctions,
	refs: string[],
	statuses: string[],
	since: string,
	maxPages: number,
	itemIndex: number,
): Promise<XoroSalesOrder[] | undefined> {
	const pagesPerStatus = Math.floor(maxPages / Math.max(1, statuses.length));
	const orders: XoroSalesOrder[] = [];
	for (const status of statuses) {
		const read = { key: 'salesOrderGet', schema: xoroSalesOrderSchema, what: 'sales order', qs: { status } } as const;
		const found = await searchMadeSince(ctx, read, since, pagesPerStatus, itemIndex, { keys: refs, keyOf: (o) => o.thirdPartyRefNo });
		if (!found) return undefined;
		orders.push(...found);
	}
	return orders;
}
