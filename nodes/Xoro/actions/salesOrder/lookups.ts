/**
 * Sales order reads. Xoro's getsalesorder answers nothing without `status` (docs/apis.md §X4.1) and its
 * `third_party_ref_no` filter is UNCONFIRMED, so a search asks once per status (a setting, ./params.ts)
 * and matches the reference here as well.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { xoroSalesOrderSchema, type XoroSalesOrder } from '../../schemas';
import { xoroCallAll } from '../../transport';
import { byDocumentNumber } from '../createOnce';
import { parseRows, same } from '../lookups';

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
