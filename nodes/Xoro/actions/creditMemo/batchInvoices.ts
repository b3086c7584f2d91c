/**
 * Apply to Invoice's invoice reads over a batch (issue 11): one listing of the invoices Xoro made since
 * the batch's oldest redemption stands for a search per order, before the applications (the open
 * invoice each applies to) and after them (the balance each left). An invoice is made after its order,
 * which the gift card paid for as the redemption happened, so the window (batchWindow.ts) holds the
 * batch's invoices; what the listing does not answer is read on its own, as for a single item.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import type { ShopifyOrderRef, ShopifyRedemption } from '../../../mapping/contracts';
import type { XoroInvoice } from '../../schemas';
import { windowSince } from '../batchWindow';
import { same } from '../lookups';
import { findInvoicesForOrder, invoicesOfOrder, searchInvoices, searchInvoicesSince } from './lookups';

/**
 * The invoices of the window of `plans`' redemptions; undefined for a single redemption, or past as
 * many pages as the searches per item it stands for (fewer than the redemptions).
 */
export async function invoiceListing(ctx: IExecuteFunctions, plans: Array<{ redemption: ShopifyRedemption; zone: string; once: { itemIndex: number } }>): Promise<XoroInvoice[] | undefined> {
	const since = windowSince(plans.map((p) => p.redemption.occurredAt), plans[0]?.zone ?? '');
	if (plans.length < 2 || !since) return undefined;
	return await searchInvoicesSince(ctx, since, plans.length - 1, plans[0].once.itemIndex).catch(() => undefined);
}

/**
 * The open invoice of an order: from `listed` the first time the order is asked, and read on its own
 * when asked again (the listing's balance is from before the first redemption's application) or when
 * the listing holds no open invoice of the order.
 */
export function openInvoiceFinder(ctx: IExecuteFunctions, listed: XoroInvoice[] | undefined) {
	const asked = new Set<string>();
	const open = (invoices: XoroInvoice[]) => invoices.find((i) => (i.balanceDue ?? 0) > 0);
	return async (order: ShopifyOrderRef | null, itemIndex: number): Promise<XoroInvoice | undefined> => {
		const key = order?.id ?? order?.legacyId ?? order?.name ?? '';
		const first = !asked.has(key);
		asked.add(key);
		const fromListing = listed && first ? open(invoicesOfOrder(listed, order)) : undefined;
		return fromListing ?? open(await findInvoicesForOrder(ctx, order, itemIndex));
	};
}

/** The invoice numbered `invoiceNumber`: from `listed`, else read on its own. */
export async function invoiceNumbered(ctx: IExecuteFunctions, listed: XoroInvoice[] | undefined, invoiceNumber: string, itemIndex: number): Promise<XoroInvoice | undefined> {
	const numbered = (invoices: XoroInvoice[]) => invoices.find((i) => same(i.invoiceNumber, invoiceNumber));
	return (listed && numbered(listed)) ?? numbered(await searchInvoices(ctx, { invoice_number: invoiceNumber }, itemIndex));
}
