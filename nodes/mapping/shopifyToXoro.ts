/**
 * Shopify outcomes of a Loop return → the Xoro documents that close the loop, the way Xoro's own
 * Shopify app books them (docs/apis.md §X7): store credit (gift card) → credit memo; refund → refunded
 * credit memo; exchange → sales order; a gift card spent later → credit memo applied to the invoice.
 * Pure functions: no I/O. The Xoro lookups these need (invoice of the original order, the card's
 * credit memo) are done by the node operations and passed in.
 */
import { DateTime } from 'luxon';
import { toXoroDate, toXoroDateTime, UTC } from '../shared/dates';
import { currencyProblem, dateProblem, describe, lookup, moneyProblem, textProblem } from '../shared/checks';
import type {
	ShopifyCredit,
	ShopifyExchange,
	ShopifyMoneyLine,
	ShopifyRedemption,
	ShopifyRefund,
	ShopifyTransaction,
	ShopifyTransactionKind,
} from './contracts';

/** A mapping failure that names the input field at fault. */
export class ShopifyToXoroError extends Error {
	constructor(
		message: string,
		readonly field: string,
	) {
		super(message);
		this.name = 'ShopifyToXoroError';
	}
}

/** How Shopify SKUs become Xoro ItemNumbers. */
export interface ItemNumberRules {
	/** Shopify variant id (numeric or gid) or SKU → Xoro ItemNumber; variant id wins over SKU. */
	itemMap: Record<string, string>;
	/**
	 * ItemNumber for a line that has no SKU and no mapping, like the Xoro Shopify app's
	 * "Return SKU Name" (credit memos) and "Default SKU Name" (sales orders). Empty: such a line fails.
	 */
	fallbackItemNumber: string;
}

/** Header settings shared by every document. */
export interface XoroDocumentSettings {
	thirdPartySource: string;
	/** Overrides the Shopify customer's name, else email (Xoro matches customers by CustomerName). */
	customerName: string;
	storeName: string;
	saleStoreName: string;
	/** The Xoro tenant's zone (its credential's Time Zone): document dates are written on its calendar. */
	timeZone?: string;
}

export interface CreditMemoSettings extends XoroDocumentSettings, ItemNumberRules {
	/**
	 * Xoro item the store credit is booked to, and where ThirdPartyAdjustTotalFlag posts any difference
	 * between the returned items' value and the amount refunded at the source.
	 */
	adjustmentSku: string;
	/** Post that difference to adjustmentSku (ThirdPartyAdjustTotalFlag). */
	adjustTotal: boolean;
	/** Inventory location restocked lines go back to (InventoryLocChangeList); empty: no adjustment. */
	returnLocation: string;
	/** The invoice of the original order, when the node found it. */
	invoiceNumber: string | null;
}

export interface RefundedCreditMemoSettings extends CreditMemoSettings {
	/**
	 * How Xoro is told the credit memo was refunded. Xoro does not document it (docs/apis.md §X4.2):
	 * these fields are merged into creditMemoHeader; the default marker is modeled, not confirmed.
	 */
	refundMarker: Record<string, unknown>;
}

export type SalesOrderSettings = XoroDocumentSettings & ItemNumberRules;

export interface XoroCreditMemoHeader {
	ThirdPartyRefNo: string;
	ThirdPartySource: string;
	TxnDate: string;
	CustomerName: string;
	CurrencyCode: string;
	RefNo?: string;
	InvoiceNumber?: string;
	StoreName?: string;
	SaleStoreName?: string;
	ThirdPartyNotes?: string;
	ThirdPartyTotalRefundAmount: number;
	ThirdPartyAdjustTotalFlag: boolean;
	ThirdPartyAdjSku?: string;
	[modeled: string]: unknown;
}

export interface XoroCreditMemoLine {
	ItemNumber: string;
	Description: string;
	Qty: number;
	UnitPrice: number;
	ReturnNotes?: string;
	InventoryLocChangeList?: Array<{ LocationName: string; DeltaQty: number }>;
}

/** Body of POST creditmemo/import (official sample; note Xoro's spelling `creditMemoItemLineArry`). */
export interface XoroCreditMemoImport {
	creditMemoHeader: XoroCreditMemoHeader;
	creditMemoItemLineArry: XoroCreditMemoLine[];
}

/** Body of POST salesorder/create. */
export interface XoroSalesOrderCreate {
	SoEstimateHeader: {
		ThirdPartyRefNo: string;
		ThirdPartySource: string;
		RefNo: string;
		OrderDate: string;
		CustomerName: string;
		CurrencyCode: string;
		StoreName?: string;
		SaleStoreName?: string;
		Memo: string;
	};
	SoEstimateItemLineArr: XoroSalesOrderLine[];
}

export interface XoroSalesOrderLine {
	ItemNumber: string;
	Description: string;
	Qty: number;
	UnitPrice: number;
	/** Percent off the line (Qty × UnitPrice); `DiscountTypeName` "percentage" is the form Xoro integrations send. */
	Discount?: number;
	DiscountTypeName?: 'percentage';
}

/** Body of the modeled credit application (apply a credit memo to an invoice); not public in Xoro. */
export interface XoroCreditApplication {
	CreditMemoNumber: string;
	InvoiceNumber: string;
	Amount: number;
	ThirdPartyRefNo: string;
	TxnDate: string;
}

/** Throws unless the item is a Shopify transaction of the expected kind. */
export function expectKind<K extends ShopifyTransactionKind>(
	item: unknown,
	kind: K,
): Extract<ShopifyTransaction, { kind: K }> {
	const got = isRecord(item) ? item.kind : undefined;
	if (got !== kind) {
		const seen = typeof got === 'string' ? `a "${got}" item` : 'an item without a Shopify transaction "kind"';
		throw new ShopifyToXoroError(
			`Expected a Shopify Transactions "${kind}" item, got ${seen}`,
			'kind',
		);
	}
	const id = (item as { id?: unknown }).id;
	if (id === undefined || id === null || id === '') throw new ShopifyToXoroError('The Shopify transaction has no "id"', 'id');
	if (typeof id !== 'string') throw new ShopifyToXoroError(`The Shopify transaction's "id" ${textProblem(id)}`, 'id');
	const problem = transactionProblem(item as Record<string, unknown>);
	if (problem) throw new ShopifyToXoroError(`The Shopify transaction's "${problem.field}" ${problem.message}`, problem.field);
	return item as Extract<ShopifyTransaction, { kind: K }>;
}

/**
 * The first value a Xoro document would be written with wrongly: a date that is not one, a currency
 * that is not ISO 4217, an amount that is not a positive number (only an exchange may be even), a line
 * price or quantity that is not a number.
 */
function transactionProblem(item: Record<string, unknown>): { field: string; message: string } | undefined {
	const checks: Array<[string, string | undefined]> = [
		['occurredAt', dateProblem(item.occurredAt)],
		['currency', currencyProblem(item.currency)],
		['amount', moneyProblem(item.amount, item.kind !== 'exchange')],
	];
	const lines = item.lines === undefined || item.lines === null ? [] : item.lines;
	if (!Array.isArray(lines)) return { field: 'lines', message: `must be a list, not ${describe(lines)}` };
	for (const [index, line] of lines.entries()) {
		if (!line || typeof line !== 'object') return { field: `lines[${index}]`, message: `must be a line object, not ${describe(line)}` };
		checks.push([`lines[${index}].unitPrice`, moneyProblem((line as Record<string, unknown>).unitPrice, false)]);
	}
	const found = checks.find(([, message]) => message !== undefined);
	return found ? { field: found[0], message: found[1]! } : undefined;
}

/** "gid://shopify/GiftCard/539685323008" → "539685323008": numeric, like the ThirdPartyRefNo in Xoro's own Shopify sample. */
export function shopifyRefNo(id: string): string {
	const match = /^gid:\/\/shopify\/[^/]+\/([^/?]+)/.exec(id);
	return match ? match[1] : id;
}

/** Store credit: a Loop gift card → credit memo keyed by the gift card's id. */
export function creditToCreditMemo(credit: ShopifyCredit, settings: CreditMemoSettings): XoroCreditMemoImport {
	if (!credit.giftCard?.id) throw new ShopifyToXoroError('The credit item has no gift card id', 'giftCard.id');
	requireSetting(settings.adjustmentSku, 'Adjustment SKU', 'a store credit is booked to that Xoro item');
	const card = credit.giftCard.lastCharacters ? `gift card …${credit.giftCard.lastCharacters}` : 'gift card';
	return {
		creditMemoHeader: {
			...creditMemoHeader(credit, settings, shopifyRefNo(credit.giftCard.id)),
			ThirdPartyNotes: notes(`Store credit issued as ${card}`, credit.loopReturnId),
		},
		creditMemoItemLineArry: [storeCreditLine(credit.amount, `Store credit (${card})`, settings.adjustmentSku)],
	};
}

/** Refund: a successful Shopify refund → credit memo marked refunded, keyed by the refund's id. */
export function refundToCreditMemo(refund: ShopifyRefund, settings: RefundedCreditMemoSettings): XoroCreditMemoImport {
	const returnNotes = notes('Returned', refund.loopReturnId);
	const lines = (refund.lines ?? []).map((line, i): XoroCreditMemoLine => {
		const qty = quantity(line, `lines[${i}]`);
		return {
			ItemNumber: itemNumber(line, settings, `lines[${i}]`),
			Description: line.title,
			Qty: qty,
			UnitPrice: money(line.unitPrice),
			ReturnNotes: returnNotes,
			...(line.restocked && settings.returnLocation
				? { InventoryLocChangeList: [{ LocationName: settings.returnLocation, DeltaQty: qty }] }
				: {}),
		};
	});
	if (lines.length === 0) {
		// A refund without item lines (shipping, fees, goodwill) is booked wholly to the adjustment item.
		requireSetting(settings.adjustmentSku, 'Adjustment SKU', 'this refund has no item lines');
		lines.push(storeCreditLine(refund.amount, 'Refund without returned items', settings.adjustmentSku));
	}
	return {
		creditMemoHeader: {
			...creditMemoHeader(refund, settings, shopifyRefNo(refund.id)),
			ThirdPartyNotes: notes(`Refunded via ${(refund.gateways ?? []).join(', ') || 'Shopify'}`, refund.loopReturnId),
			...settings.refundMarker,
		},
		creditMemoItemLineArry: lines,
	};
}

/**
 * Exchange → sales order at the price the customer paid: lines at full price, each with its share
 * of Loop's exchange credit as a percentage discount, so the order totals what Shopify charged (an
 * even exchange: 0; an upsell: the difference paid). A separate exchange order (EXC-/L-) is keyed by its Shopify order id, the
 * key Xoro's Shopify app presumably uses when it imports that order itself (so it is found, not duplicated);
 * a native exchange lives on the original order, so it is keyed by the transaction's id (the Shopify return).
 */
export function exchangeToSalesOrder(exchange: ShopifyExchange, settings: SalesOrderSettings): XoroSalesOrderCreate {
	const orderRef = exchangeRefNo(exchange);
	if (!exchange.lines?.length) throw new ShopifyToXoroError('The exchange item has no lines', 'lines');
	const original = exchange.originalOrder?.name ?? 'the original order';
	return {
		SoEstimateHeader: {
			ThirdPartyRefNo: orderRef,
			ThirdPartySource: settings.thirdPartySource,
			RefNo: orderNumber(exchange.mode === 'order' ? exchange.order : exchange.originalOrder) ?? orderRef,
			OrderDate: xoroDate(exchange.occurredAt, 'occurredAt', settings.timeZone),
			CustomerName: customerName(exchange, settings),
			CurrencyCode: exchange.currency.trim().toUpperCase(),
			...stores(settings),
			Memo: notes(`Exchange for ${original}${creditNote(exchange)}`, exchange.loopReturnId),
		},
		SoEstimateItemLineArr: exchange.lines.map((line, i) => salesOrderLine(line, settings, `lines[${i}]`)),
	};
}

function salesOrderLine(line: ShopifyMoneyLine, settings: SalesOrderSettings, field: string): XoroSalesOrderLine {
	const qty = quantity(line, field);
	const gross = line.unitPrice * qty;
	const discount = line.discount ?? 0;
	if (!Number.isFinite(discount) || discount < 0 || discount > gross + 0.005) {
		throw new ShopifyToXoroError(`Line "${line.title}" has a discount of ${discount} on ${money(gross)}`, `${field}.discount`);
	}
	const base = { ItemNumber: itemNumber(line, settings, field), Description: line.title, Qty: qty, UnitPrice: money(line.unitPrice) };
	if (!(discount > 0) || !(gross > 0)) return base;
	// Six decimals keep the line amount exact to the cent for any realistic price.
	return { ...base, Discount: Math.min(100, Math.round((discount / gross) * 100 * 1e6) / 1e6), DiscountTypeName: 'percentage' };
}

/** ": exchange credit 29.99, charged 34.01" when Loop's credit paid for part or all of it. */
function creditNote(exchange: ShopifyExchange): string {
	const credit = exchange.exchangeCredit ?? (exchange.lines ?? []).reduce((n, l) => n + (l.discount ?? 0), 0);
	return credit > 0 ? `: exchange credit ${money(credit).toFixed(2)}, charged ${money(exchange.amount).toFixed(2)}` : '';
}

/** The ThirdPartyRefNo an exchange's sales order carries. */
export function exchangeRefNo(exchange: ShopifyExchange): string {
	if (exchange.mode === 'native') return shopifyRefNo(exchange.id);
	const id = exchange.order?.legacyId ?? exchange.order?.id;
	if (!id) throw new ShopifyToXoroError('The exchange item has no exchange order id', 'order.id');
	return shopifyRefNo(id);
}

/** Redemption → application of the card's credit memo to the invoice of the order it paid for. */
export function redemptionToCreditApplication(
	redemption: ShopifyRedemption,
	target: { creditMemoNumber: string; invoiceNumber: string },
	timeZone: string = UTC,
): XoroCreditApplication {
	if (!(redemption.amount > 0)) throw new ShopifyToXoroError('The redemption amount must be positive', 'amount');
	return {
		CreditMemoNumber: target.creditMemoNumber,
		InvoiceNumber: target.invoiceNumber,
		Amount: money(redemption.amount),
		ThirdPartyRefNo: redemptionRefNo(redemption),
		TxnDate: xoroDate(redemption.occurredAt, 'occurredAt', timeZone),
	};
}

/** One application per gift-card transaction: its id is the application's ThirdPartyRefNo. */
export function redemptionRefNo(redemption: ShopifyRedemption): string {
	return shopifyRefNo(redemption.transactionId || redemption.id);
}

/** The ThirdPartyRefNo of the credit memo the redeemed gift card was booked as (see creditToCreditMemo). */
export function redeemedCardRefNo(redemption: ShopifyRedemption): string {
	if (!redemption.giftCardId) throw new ShopifyToXoroError('The redemption item has no gift card id', 'giftCardId');
	return shopifyRefNo(redemption.giftCardId);
}

/** "#1086" → "1086", the Reference Number Xoro's Shopify app stores. */
export function orderNumber(order: { name: string | null } | null | undefined): string | null {
	const name = order?.name?.trim();
	return name ? name.replace(/^#/, '') : null;
}

function creditMemoHeader(
	item: ShopifyCredit | ShopifyRefund,
	settings: CreditMemoSettings,
	refNo: string,
): XoroCreditMemoHeader {
	return {
		ThirdPartyRefNo: refNo,
		ThirdPartySource: settings.thirdPartySource,
		TxnDate: creditMemoDate(item.occurredAt, settings.timeZone),
		CustomerName: customerName(item, settings),
		CurrencyCode: item.currency.trim().toUpperCase(),
		...optional('RefNo', orderNumber(item.originalOrder)),
		...optional('InvoiceNumber', settings.invoiceNumber),
		...stores(settings),
		ThirdPartyTotalRefundAmount: money(item.amount),
		ThirdPartyAdjustTotalFlag: settings.adjustTotal && settings.adjustmentSku !== '',
		...optional('ThirdPartyAdjSku', settings.adjustmentSku),
	};
}

function storeCreditLine(amount: number, description: string, sku: string): XoroCreditMemoLine {
	return { ItemNumber: sku, Description: description, Qty: 1, UnitPrice: money(amount) };
}

/** Variant mapping, then SKU mapping, then the SKU itself, then the fallback item. */
export function itemNumber(line: ShopifyMoneyLine, rules: ItemNumberRules, field: string): string {
	const variantId = line.variantId ? shopifyRefNo(line.variantId) : null;
	const sku = line.sku?.trim() || null;
	const mapped =
		lookup(rules.itemMap, line.variantId) ||
		lookup(rules.itemMap, variantId) ||
		lookup(rules.itemMap, sku) ||
		sku ||
		rules.fallbackItemNumber;
	if (!mapped) {
		throw new ShopifyToXoroError(
			`Line "${line.title}" (variant ${variantId ?? 'unknown'}) has no SKU: map the variant to a Xoro item number or set a fallback item number`,
			`${field}.sku`,
		);
	}
	return mapped;
}

function customerName(item: ShopifyTransaction, settings: XoroDocumentSettings): string {
	const name = settings.customerName || item.customer?.displayName?.trim() || item.customer?.email?.trim();
	if (!name) {
		throw new ShopifyToXoroError(
			'The item has no customer: set "Customer Name" (Xoro matches customers by name)',
			'customer.displayName',
		);
	}
	return name;
}

function quantity(line: ShopifyMoneyLine, field: string): number {
	if (!Number.isFinite(line.quantity) || line.quantity <= 0) {
		throw new ShopifyToXoroError(`Line "${line.title}" has quantity ${line.quantity}`, `${field}.quantity`);
	}
	return line.quantity;
}

function stores(settings: XoroDocumentSettings): { StoreName?: string; SaleStoreName?: string } {
	return { ...optional('StoreName', settings.storeName), ...optional('SaleStoreName', settings.saleStoreName) };
}

function notes(what: string, loopReturnId: string | null): string {
	return loopReturnId ? `${what} (Loop return ${loopReturnId})` : what;
}

function requireSetting(value: string, name: string, why: string): void {
	if (!value) throw new ShopifyToXoroError(`Set "${name}": ${why}`, name);
}

function optional<K extends string>(key: K, value: string | null | undefined): { [P in K]?: string } {
	return (value ? { [key]: value } : {}) as { [P in K]?: string };
}

function money(amount: number): number {
	return Math.round(amount * 100) / 100;
}

function parse(iso: string, field: string): DateTime {
	const date = DateTime.fromISO(iso, { setZone: true });
	if (!date.isValid) throw new ShopifyToXoroError(`"${iso}" is not an ISO date`, field);
	return date;
}

/** MM/dd/yyyy, Xoro's date for writes (SO OrderDate). */
function xoroDate(iso: string, field: string, zone: string = UTC): string {
	return toXoroDate(parse(iso, field), zone);
}

/**
 * Credit memo TxnDate. The official sample writes "23 April, 2025 02:43:45"; we send Xoro's common
 * date-time text (MM/dd/yyyy hh:mm:ss AM/PM), which the same .NET date parsing reads.
 */
function creditMemoDate(iso: string, zone: string = UTC): string {
	return toXoroDateTime(parse(iso, 'occurredAt'), zone);
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
