/**
 * Xoro reads the operations share. Filters are sent to Xoro AND applied again here: Xoro is known
 * to ignore filter params on some reads (docs/apis.md §X4.3), and the RMA/ASN filters are modeled.
 */
import type { IDataObject, IExecuteFunctions, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { z } from 'zod';
import { parseList, xoroAsnSchema, xoroItemSchema, xoroRmaSchema, type XoroAsn, type XoroRma } from '../schemas';
import { readUntil } from '../../shared/retry';
import type { XoroEndpointKey } from '../endpoints';
import { xoroCallAll, xoroCallPage, xoroCallUpTo, xoroRetryPolicy } from '../transport';
import { byDocumentNumber } from './createOnce';

type ReadContext = IExecuteFunctions | IPollFunctions;

export function parseRows<T>(
	ctx: ReadContext,
	schema: z.ZodType<T, z.ZodTypeDef, unknown>,
	rows: unknown,
	what: string,
	itemIndex?: number,
): T[] {
	try {
		return parseList(schema, rows, what);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, { itemIndex });
	}
}

/** Equal ignoring case, as Xoro compares numbers and references. */
export function same(a: string | null | undefined, b: string): boolean {
	return (a ?? '').toLowerCase() === b.toLowerCase();
}

export async function searchRmas(ctx: ReadContext, qs: IDataObject, itemIndex: number): Promise<XoroRma[]> {
	const rows = await xoroCallAll(ctx, 'rmaGet', qs, { itemIndex });
	return parseRows(ctx, xoroRmaSchema, rows, 'RMA', itemIndex);
}

/** Every RMA Xoro holds for this third-party reference, oldest first. */
export async function findRmasByRef(ctx: ReadContext, thirdPartyRefNo: string, itemIndex: number): Promise<XoroRma[]> {
	const rmas = await searchRmas(ctx, { third_party_ref_no: thirdPartyRefNo }, itemIndex);
	return rmas.filter((r) => same(r.thirdPartyRefNo, thirdPartyRefNo)).sort(byDocumentNumber((r) => r.rmaNumber));
}

export async function getRma(ctx: ReadContext, rmaNumber: string, itemIndex: number): Promise<XoroRma | undefined> {
	const rmas = await searchRmas(ctx, { rma_number: rmaNumber }, itemIndex);
	return rmas.find((r) => same(r.rmaNumber, rmaNumber));
}

/**
 * An RMA whose number Xoro gave us (a create just before, an ASN's link): an empty read means "not
 * yet" or a lost read, so it is read again within the retry budget before it counts as missing.
 */
export async function getKnownRma(ctx: ReadContext, rmaNumber: string, itemIndex: number): Promise<XoroRma | undefined> {
	return await readUntil(() => getRma(ctx, rmaNumber, itemIndex), (rma) => rma !== undefined, xoroRetryPolicy);
}

export async function searchAsns(ctx: ReadContext, qs: IDataObject, itemIndex: number): Promise<XoroAsn[]> {
	const rows = await xoroCallAll(ctx, 'asnGet', qs, { itemIndex });
	return parseRows(ctx, xoroAsnSchema, rows, 'ASN', itemIndex);
}

/** One page of an ASN search, for a reader that stops between pages (the trigger's poll budget). */
export async function searchAsnsPage(ctx: ReadContext, qs: IDataObject, page: number): Promise<{ asns: XoroAsn[]; totalPages: number }> {
	const { rows, totalPages } = await xoroCallPage(ctx, 'asnGet', qs, { page });
	return { asns: parseRows(ctx, xoroAsnSchema, rows, 'ASN'), totalPages };
}

export async function findAsnsForRma(ctx: ReadContext, rmaNumber: string, itemIndex: number): Promise<XoroAsn[]> {
	const asns = await searchAsns(ctx, { rma_number: rmaNumber }, itemIndex);
	return asns.filter((a) => same(a.rmaNumber, rmaNumber)).sort(byDocumentNumber((a) => a.asnNumber));
}

export async function getAsn(ctx: ReadContext, asnNumber: string, itemIndex: number): Promise<XoroAsn | undefined> {
	const asns = await searchAsns(ctx, { asn_number: asnNumber }, itemIndex);
	return asns.find((a) => same(a.asnNumber, asnNumber));
}

/**
 * What Xoro made (with `read.stamp` 'updated': made or changed) since `since` (Xoro date-time text on
 * the tenant's clock) on `key`'s list, with `qs`, from one paged search of at most `maxPages` pages
 * (xoroCallUpTo; else undefined), kept when `keyOf` names one of `keys` (any case). The created_at_min
 * and updated_at_min filters are confirmed for some reads and modeled for others (docs/apis.md §X4,
 * §X5.2): a tenant that ignores one lists more pages (past the bound: undefined), never fewer
 * documents, as rows are kept here by their key.
 */
export async function searchMadeSince<T>(
	ctx: ReadContext,
	read: { key: XoroEndpointKey; schema: z.ZodType<T, z.ZodTypeDef, unknown>; what: string; qs?: IDataObject; stamp?: 'created' | 'updated' },
	since: string,
	maxPages: number,
	itemIndex: number,
	wanted?: { keys: string[]; keyOf: (document: T) => string | null },
): Promise<T[] | undefined> {
	const rows = await xoroCallUpTo(ctx, read.key, { ...read.qs, [`${read.stamp ?? 'created'}_at_min`]: since }, maxPages, { itemIndex });
	if (!rows) return undefined;
	const documents = parseRows(ctx, read.schema, rows, read.what, itemIndex);
	if (!wanted) return documents;
	const keys = new Set(wanted.keys.map((key) => key.toLowerCase()));
	return documents.filter((d) => keys.has((wanted.keyOf(d) ?? '').toLowerCase()));
}

/** The RMAs of any of `refs` (Loop return ids) among those Xoro made since `since`. */
export async function searchRmasOfRefsSince(ctx: ReadContext, refs: string[], since: string, maxPages: number, itemIndex: number): Promise<XoroRma[] | undefined> {
	return searchMadeSince(ctx, { key: 'rmaGet', schema: xoroRmaSchema, what: 'RMA' }, since, maxPages, itemIndex, { keys: refs, keyOf: (r) => r.thirdPartyRefNo });
}

/** The ASNs of any of `rmaNumbers` among those Xoro made since `since`. */
export async function searchAsnsOfRmasSince(ctx: ReadContext, rmaNumbers: string[], since: string, maxPages: number, itemIndex: number): Promise<XoroAsn[] | undefined> {
	return searchMadeSince(ctx, { key: 'asnGet', schema: xoroAsnSchema, what: 'ASN' }, since, maxPages, itemIndex, { keys: rmaNumbers, keyOf: (a) => a.rmaNumber });
}

/** What the RMA mapping needs of Xoro's item master: barcode → item number, and its item numbers in lower case. */
export interface ItemMaster {
	byBarcode: Map<string, string>;
	itemNumbers: Set<string>;
}

/** Xoro's whole item master (read when a Loop line has no SKU, or a Default SKU is set). */
export async function loadItemMaster(ctx: ReadContext, itemIndex: number): Promise<ItemMaster> {
	const rows = await xoroCallAll(ctx, 'itemGet', {}, { itemIndex });
	const master: ItemMaster = { byBarcode: new Map(), itemNumbers: new Set() };
	for (const item of parseRows(ctx, xoroItemSchema, rows, 'item', itemIndex)) {
		master.itemNumbers.add(item.itemNumber.toLowerCase());
		for (const barcode of item.barcodes) if (!master.byBarcode.has(barcode)) master.byBarcode.set(barcode, item.itemNumber);
	}
	return master;
}
