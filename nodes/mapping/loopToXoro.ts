/**
 * Loop return → Xoro RMA body (pure). Loop sends one line per unit; Xoro wants one line per item
 * with a quantity, so units are grouped by the Xoro ItemNumber they resolve to. Field names follow
 * Xoro's RMA CSV import and its ThirdParty* family (docs/apis.md §X5.1); the body shape
 * {RmaHeader, RmaItemLineArr} is modeled on Xoro's other documents.
 */
import type { LoopReturnItem, LoopReturnLine } from './contracts';
import { toXoroDate } from '../shared/dates';
import { currencyProblem, dateProblem, describe, lookup, moneyProblem, textProblem } from '../shared/checks';

export interface LoopToXoroOptions {
	/** Xoro store of a return whose Loop destination is not in storeByDestination */
	storeCode: string;
	/** Loop destination ID (the return's destination_id) → Xoro store code */
	storeByDestination?: Record<string, string>;
	/** Loop return reason text → Xoro reason code; a reason not in it is written as Loop's text */
	reasonCodes?: Record<string, string>;
	/**
	 * Xoro item for a line that resolves to no item Xoro has (no mapping, SKU or known barcode; or, with
	 * knownItemNumbers, an item number Xoro does not know), as Xoro's Shopify app's "Use Default SKU when
	 * incoming SKU is not found in Xoro" (docs/apis.md §X7). Empty: such a line fails the return.
	 */
	defaultSku?: string;
	/** Xoro's item numbers in lower case (Xoro compares them ignoring case), to tell which items it has */
	knownItemNumbers?: Set<string>;
	/** The Xoro tenant's zone: document dates are written on its calendar (default UTC) */
	timeZone?: string;
	/** Written to ThirdPartySource; with ThirdPartyRefNo it identifies the Loop return */
	thirdPartySource?: string;
	/** Xoro customer name; default: Loop's customer name, else the customer's email */
	customerName?: string;
	/** User-given Shopify variant ID (or SKU, or barcode) → Xoro ItemNumber; wins over the SKU */
	itemMap?: Record<string, string>;
	/** Barcode → Xoro ItemNumber, from Xoro's item master; used when a line has no SKU */
	itemsByBarcode?: Map<string, string>;
	/** Xoro invoice being returned against, when known */
	invoiceNumber?: string;
}

export interface XoroRmaLinePayload {
	ItemNumber: string;
	Description: string;
	Qty: number;
	UnitPrice: number;
	ReturnReason: string | null;
	/** Loop line ids folded into this line */
	ThirdPartyRefNo2: string;
}

export interface XoroRmaPayload {
	RmaHeader: {
		ThirdPartyRefNo: string;
		ThirdPartySource: string;
		ThirdPartyDisplayName: string;
		ThirdPartyRefName: string | null;
		ThirdPartyNotes: string;
		RefNo: string | null;
		InvoiceNumber?: string;
		CustomerName: string;
		StoreCode: string;
		CurrencyCode: string;
		TxnDate: string;
	};
	RmaItemLineArr: XoroRmaLinePayload[];
}

/** A line booked under the Default SKU, and why. */
export interface DefaultedLine {
	lineItemId: string;
	sku: string | null;
	variantId: string | null;
	title: string;
	itemNumber: string;
	reason: string;
}

export interface LoopToXoroResult {
	rma: XoroRmaPayload;
	defaultedLines: DefaultedLine[];
}

export interface MappingProblem {
	lineItemId: string | null;
	field: string;
	message: string;
}

export class LoopToXoroError extends Error {
	constructor(readonly problems: MappingProblem[]) {
		super(problems.map((p) => (p.lineItemId ? `line ${p.lineItemId}: ${p.message}` : p.message)).join('; '));
	}
}

/**
 * Why `json` cannot be read as a Loop return (the field at fault and the problem), or undefined. Checked
 * before any request: a garbage date, currency or price must not reach Xoro.
 */
export function loopReturnProblem(json: Record<string, unknown>): { field: string; message: string } | undefined {
	for (const field of ['id', 'currency', 'createdAt']) {
		const value = json[field];
		if (value === undefined || value === null || value === '') return { field, message: 'is missing' };
		const notText = textProblem(value);
		if (notText) return { field, message: notText };
	}
	const invalid = currencyProblem(json.currency) ? { field: 'currency', message: currencyProblem(json.currency)! } : undefined;
	if (invalid) return invalid;
	if (dateProblem(json.createdAt)) return { field: 'createdAt', message: dateProblem(json.createdAt)! };
	if (!Array.isArray(json.lineItems)) return { field: 'lineItems', message: json.lineItems === undefined ? 'is missing' : `must be a list, not ${describe(json.lineItems)}` };
	for (const [index, line] of json.lineItems.entries()) {
		if (!line || typeof line !== 'object' || Array.isArray(line)) return { field: `lineItems[${index}]`, message: `must be a line item object, not ${describe(line)}` };
		const price = (line as Record<string, unknown>).price;
		const problem = moneyProblem(typeof price === 'number' ? Math.abs(price) : price, false);
		if (problem) return { field: `lineItems[${index}].price`, message: problem };
	}
	return undefined;
}

/** How a Loop line maps to a Xoro item, or why it does not. */
export function resolveItemNumber(line: LoopReturnLine, options: Pick<LoopToXoroOptions, 'itemMap' | 'itemsByBarcode'>): string | null {
	const map = options.itemMap ?? {};
	for (const key of [line.variantId, line.sku, line.barcode]) {
		const mapped = lookup(map, key);
		if (mapped) return mapped;
	}
	if (line.sku) return line.sku;
	if (line.barcode && options.itemsByBarcode?.get(line.barcode)) return options.itemsByBarcode.get(line.barcode)!;
	return null;
}

/** True when some line can only be resolved through Xoro's item master (no mapping, no SKU). */
export function needsBarcodeLookup(ret: LoopReturnItem, itemMap: Record<string, string> = {}): boolean {
	return ret.lineItems.some((line) => resolveItemNumber(line, { itemMap }) === null && line.barcode !== null);
}

function customerNameOf(ret: LoopReturnItem): string | null {
	const detail = ret.raw?.customer_detail as { first_name?: unknown; last_name?: unknown } | undefined;
	const name = [detail?.first_name, detail?.last_name].filter((p) => typeof p === 'string' && p.trim()).join(' ').trim();
	return name || ret.customerEmail || null;
}

/** The Xoro store of the return's Loop destination (Loop's `destination_id`, docs/apis.md §L3.1), else the Store Code. */
export function storeCodeFor(ret: LoopReturnItem, options: Pick<LoopToXoroOptions, 'storeCode' | 'storeByDestination'>): string {
	const destination = ret.raw?.destination_id;
	const id = typeof destination === 'number' || typeof destination === 'string' ? String(destination).trim() : null;
	return (lookup(options.storeByDestination ?? {}, id) ?? options.storeCode ?? '').trim();
}

/** Reason text → code, matched ignoring case and surrounding spaces (a person types the table). */
function reasonCodeLookup(reasonCodes: Record<string, string> = {}): (reason: string | null) => string | undefined {
	const byText = new Map(Object.entries(reasonCodes).map(([text, code]) => [text.trim().toLowerCase(), code]));
	return (reason) => (reason ? byText.get(reason.trim().toLowerCase()) : undefined);
}

/** A unit's reason for Xoro: the code of its reason, else of its parent reason, else Loop's text as before. */
function reasonOf(unit: LoopReturnLine, codeOf: (reason: string | null) => string | undefined): string | null {
	return codeOf(unit.returnReason) ?? codeOf(unit.parentReturnReason) ?? unit.returnReason ?? unit.parentReturnReason;
}

/** The Xoro item of a line, the Default SKU in its place (with why), or null when neither. */
function itemOfLine(line: LoopReturnLine, options: LoopToXoroOptions): { itemNumber: string; defaulted?: DefaultedLine } | null {
	const resolved = resolveItemNumber(line, options);
	const known = resolved !== null && (!options.knownItemNumbers || options.knownItemNumbers.has(resolved.toLowerCase()));
	const defaultSku = options.defaultSku?.trim();
	if (known || (resolved && !defaultSku)) return { itemNumber: resolved };
	if (!defaultSku) return null;
	const reason = resolved ? `Xoro has no item ${resolved}` : `no SKU, Item Mapping or barcode Xoro knows`;
	return {
		itemNumber: defaultSku,
		defaulted: { lineItemId: line.lineItemId, sku: line.sku, variantId: line.variantId, title: line.title, itemNumber: defaultSku, reason },
	};
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function loopReturnToRma(ret: LoopReturnItem, options: LoopToXoroOptions): LoopToXoroResult {
	const problems: MappingProblem[] = [];
	if (!ret.id) problems.push({ lineItemId: null, field: 'id', message: 'the Loop return has no id' });
	const customerName = options.customerName?.trim() || customerNameOf(ret);
	if (!customerName) problems.push({ lineItemId: null, field: 'customerEmail', message: 'no customer name or email to match a Xoro customer' });
	if (!ret.currency) problems.push({ lineItemId: null, field: 'currency', message: 'the Loop return has no currency' });
	const storeCode = storeCodeFor(ret, options);
	if (!storeCode) problems.push({ lineItemId: null, field: 'storeCode', message: 'Store Code is empty' });
	if (ret.lineItems.length === 0) problems.push({ lineItemId: null, field: 'lineItems', message: 'the Loop return has no line items' });

	const groups = new Map<string, LoopReturnLine[]>();
	const defaultedLines: DefaultedLine[] = [];
	for (const line of ret.lineItems) {
		const item = itemOfLine(line, options);
		if (!item) {
			problems.push({
				lineItemId: line.lineItemId,
				field: 'sku',
				message: `"${line.title}" has no SKU${line.barcode ? ` and no Xoro item has barcode ${line.barcode}` : ' and no barcode'}; add variant ${line.variantId ?? '(none)'} to the Item Mapping`,
			});
			continue;
		}
		if (item.defaulted) defaultedLines.push(item.defaulted);
		groups.set(item.itemNumber, [...(groups.get(item.itemNumber) ?? []), line]);
	}
	if (problems.length) throw new LoopToXoroError(problems);

	const codeOf = reasonCodeLookup(options.reasonCodes);
	const lines = [...groups].map(([itemNumber, units]): XoroRmaLinePayload => {
		const reasons = [...new Set(units.map((u) => reasonOf(u, codeOf)).filter((r): r is string => !!r))];
		return {
			ItemNumber: itemNumber,
			Description: units[0].title,
			Qty: units.length,
			UnitPrice: round2(units.reduce((sum, u) => sum + Math.abs(u.price), 0) / units.length),
			ReturnReason: reasons.length ? reasons.join('; ') : null,
			ThirdPartyRefNo2: units.map((u) => u.lineItemId).join(','),
		};
	});

	const orderRef = ret.orderNumber ?? ret.orderName?.replace(/^#/, '') ?? null;
	const rma: XoroRmaPayload = {
		RmaHeader: {
			ThirdPartyRefNo: ret.id,
			ThirdPartySource: options.thirdPartySource?.trim() || 'Loop',
			ThirdPartyDisplayName: 'Loop Returns',
			ThirdPartyRefName: ret.orderName,
			ThirdPartyNotes: `Loop return ${ret.id}${ret.outcome ? ` (${ret.outcome})` : ''}${ret.statusPageUrl ? ` ${ret.statusPageUrl}` : ''}`,
			RefNo: orderRef,
			...(options.invoiceNumber ? { InvoiceNumber: options.invoiceNumber } : {}),
			CustomerName: customerName!,
			StoreCode: storeCode,
			CurrencyCode: ret.currency.trim().toUpperCase(),
			TxnDate: toXoroDate(ret.createdAt, options.timeZone),
		},
		RmaItemLineArr: lines,
	};
	return { rma, defaultedLines };
}
