/**
 * Credit memo and invoice reads for the credit operations (their output shapes: ../output.ts). Filters
 * are sent to Xoro AND applied again here: Xoro is known to ignore filters on some reads (docs/apis.md §X4.3).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { ShopifyOrderRef } from '../../../mapping/contracts';
import { orderNumber, shopifyRefNo } from '../../../mapping/shopifyToXoro';
import { xoroCreditMemoSchema, xoroInvoiceSchema, type XoroCreditMemo, type XoroInvoice, type XoroRma } from '../../schemas';
import { xoroCallAll } from '../../transport';
import { byDocumentNumber } from '../createOnce';
import { parseRows, same, searchMadeSince } from '../lookups';

export async function searchCreditMemos(ctx: IExecuteFunctions, qs: IDataObject, itemIndex: number): Promise<XoroCreditMemo[]> {
	const rows = await xoroCallAll(ctx, 'creditMemoGet', qs, { itemIndex });
	return parseRows(ctx, xoroCreditMemoSchema, rows, 'credit memo', itemIndex);
}

/**
 * Every credit memo Xoro holds for this ThirdPartyRefNo, oldest first, whatever its source: a memo
 * Xoro's own Shopify app made for the same gift card or refund must not be booked a second time.
 */
export async function findCreditMemosByRef(ctx: IExecuteFunctions, thirdPartyRefNo: string, itemIndex: number): Promise<XoroCreditMemo[]> {
	const memos = await searchCreditMemos(ctx, { third_party_ref_no: thirdPartyRefNo }, itemIndex);
	return memos.filter((m) => same(m.thirdPartyRefNo, thirdPartyRefNo)).sort(byDocumentNumber((m) => m.creditMemoNumber));
}

/**
 * The credit memos of any of `refs` (ThirdPartyRefNo) among those Xoro made (`stamp` 'updated': made or
 * changed) since `since` (getcreditmemo's created_at_min and updated_at_min: docs/apis.md §X4.2).
 */
export async function searchCreditMemosOfRefsSince(
	ctx: IExecuteFunctions,
	refs: string[],
	since: string,
	maxPages: number,
	itemIndex: number,
	stamp: 'created' | 'updated' = 'created',
): Promise<XoroCreditMemo[] | undefined> {
	const read = { key: 'creditMemoGet', schema: xoroCreditMemoSchema, what: 'credit memo', stamp } as const;
	return searchMadeSince(ctx, read, since, maxPages, itemIndex, { keys: refs, keyOf: (m) => m.thirdPartyRefNo });
}

/**
 * The credit memos Xoro made for an RMA (new process: on receipt; old: the conversion), oldest first:
 * those naming the RMA, else the one the RMA links to (which of the two a tenant's read shows is modeled).
 */
export async function findCreditMemosForRma(ctx: IExecuteFunctions, rma: XoroRma, itemIndex: number): Promise<XoroCreditMemo[]> {
	const rmaNumber = rma.rmaNumber ?? '';
	const naming = (await searchCreditMemos(ctx, { rma_number: rmaNumber }, itemIndex)).filter((m) => same(m.rmaNumber, rmaNumber));
	if (naming.length || !rma.creditMemoNumber) return naming.sort(byDocumentNumber((m) => m.creditMemoNumber));
	const linked = rma.creditMemoNumber;
	return (await searchCreditMemos(ctx, { credit_memo_number: linked }, itemIndex)).filter((m) => same(m.creditMemoNumber, linked));
}

export async function searchInvoices(ctx: IExecuteFunctions, qs: IDataObject, itemIndex: number): Promise<XoroInvoice[]> {
	const rows = await xoroCallAll(ctx, 'invoiceGet', qs, { itemIndex });
	return parseRows(ctx, xoroInvoiceSchema, rows, 'invoice', itemIndex);
}

/** How an order's invoice names it, in the order tried (§X7): ThirdPartyRefNo = Shopify order id, as Xoro's Shopify app imports orders; RefNo = order number. */
function invoiceKeys(order: ShopifyOrderRef | null): Array<{ param: string; value: string; field: (i: XoroInvoice) => string | null }> {
	const refNo = order?.legacyId ?? (order?.id ? shopifyRefNo(order.id) : null);
	const number = orderNumber(order);
	return [
		{ param: 'third_party_ref_no', value: refNo ?? '', field: (i: XoroInvoice) => i.thirdPartyRefNo },
		{ param: 'ref_no', value: number ?? '', field: (i: XoroInvoice) => i.refNo },
	].filter((key) => key.value);
}

/**
 * The invoices of a Shopify order in Xoro: by ThirdPartyRefNo, else by RefNo (invoiceKeys). Oldest first.
 */
export async function findInvoicesForOrder(ctx: IExecuteFunctions, order: ShopifyOrderRef | null, itemIndex: number): Promise<XoroInvoice[]> {
	for (const { param, value, field } of invoiceKeys(order)) {
		const invoices = (await searchInvoices(ctx, { [param]: value }, itemIndex)).filter((i) => same(field(i), value));
		if (invoices.length) return invoices.sort(byDocumentNumber((i) => i.invoiceNumber));
	}
	return [];
}

/** findInvoicesForOrder's answer from `listed` invoices instead of a search per order. */
export function invoicesOfOrder(listed: XoroInvoice[], order: ShopifyOrderRef | null): XoroInvoice[] {
	for (const { value, field } of invoiceKeys(order)) {
		const invoices = listed.filter((i) => same(field(i), value));
		if (invoices.length) return invoices.sort(byDocumentNumber((i) => i.invoiceNumber));
	}
	return [];
}

/** Every invoice Xoro made since `since` (getinvoice's created_at_min is modeled: docs/apis.md §X4.3 names it not). */
export async function searchInvoicesSince(ctx: IExecuteFunctions, since: string, maxPages: number, itemIndex: number): Promise<XoroInvoice[] | undefined> {
	return searchMadeSince(ctx, { key: 'invoiceGet', schema: xoroInvoiceSchema, what: 'invoice' }, since, maxPages, itemIndex);
}
