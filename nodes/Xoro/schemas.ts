/**
 * zod schemas for every Xoro body we read, and the normalised shapes our nodes output.
 * Xoro documents little (see the README's endpoint table), so the UNCONFIRMED parts accept
 * every plausible reading: alternative header/line keys, alternative received-qty field names,
 * numbers sent as strings.
 */
import { z } from 'zod';

const looseBoolean = z.union([z.boolean(), z.enum(['true', 'false', 'True', 'False']).transform((v) => v.toLowerCase() === 'true')]);
const looseNumber = z.union([z.number(), z.string().trim().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);
const optionalText = z.union([z.string(), z.number().transform(String)]).nullish();

export const xoroEnvelopeSchema = z
	.object({
		Result: looseBoolean,
		ErrorCode: looseNumber.nullish().transform((v) => v ?? 0),
		Message: z.string().nullish(),
		Data: z.unknown(),
		Page: looseNumber.nullish(),
		TotalPages: looseNumber.nullish(),
	})
	.passthrough();
export type XoroEnvelope = z.infer<typeof xoroEnvelopeSchema>;

/** The first of several candidate keys that is present. */
function pick(record: Record<string, unknown>, keys: string[]): unknown {
	for (const key of keys) if (record[key] !== undefined && record[key] !== null) return record[key];
	return undefined;
}

const record = z.record(z.unknown());

function text(value: unknown): string | null {
	const parsed = optionalText.safeParse(value);
	return parsed.success && parsed.data !== undefined && parsed.data !== null && parsed.data !== '' ? parsed.data : null;
}

function quantity(value: unknown): number | null {
	const parsed = looseNumber.safeParse(value);
	return parsed.success ? parsed.data : null;
}

// ---- RMA (modeled: header + line array like every Xoro document) ----

export const RMA_HEADER_KEYS = ['RmaHeader', 'RMAHeader', 'rmaHeader', 'RmaHeaderData'];
export const RMA_LINE_KEYS = ['RmaItemLineArr', 'RmaItemLineArry', 'rmaItemLineArr', 'RMAItemLineArr', 'RmaDetailData'];

export interface XoroRmaLine {
	itemNumber: string;
	qty: number;
	unitPrice: number | null;
	returnReason: string | null;
}

export interface XoroRma {
	rmaNumber: string | null;
	status: string | null;
	thirdPartyRefNo: string | null;
	thirdPartySource: string | null;
	refNo: string | null;
	customerName: string | null;
	storeCode: string | null;
	currencyCode: string | null;
	asnNumber: string | null;
	/** The credit memo the RMA links to once credited (new process) or converted (old); modeled field */
	creditMemoNumber: string | null;
	createdDate: string | null;
	updatedDate: string | null;
	lines: XoroRmaLine[];
	raw: Record<string, unknown>;
}

export const xoroRmaSchema = record
	.refine((r) => typeof pick(r, RMA_HEADER_KEYS) === 'object', { message: `RMA without a header (${RMA_HEADER_KEYS.join(' / ')})` })
	.transform((raw): XoroRma => {
		const header = record.parse(pick(raw, RMA_HEADER_KEYS));
		const lines = z.array(record).catch([]).parse(pick(raw, RMA_LINE_KEYS) ?? []);
		return {
			rmaNumber: text(pick(header, ['RmaNumber', 'RMANumber', 'TxnNumber'])),
			status: text(pick(header, ['StatusName', 'Status', 'RmaStatusName'])),
			thirdPartyRefNo: text(header.ThirdPartyRefNo),
			thirdPartySource: text(header.ThirdPartySource),
			refNo: text(header.RefNo),
			customerName: text(header.CustomerName),
			storeCode: text(pick(header, ['StoreCode', 'StoreName'])),
			currencyCode: text(header.CurrencyCode),
			asnNumber: text(header.AsnNumber),
			creditMemoNumber: text(pick(header, ['CreditMemoNumber', 'InvoiceCreditMemoNumber'])),
			createdDate: text(pick(header, ['CreatedDate', 'TxnDate', 'DateCreated'])),
			updatedDate: text(pick(header, ['UpdatedDate', 'DateUpdated', 'LastModifiedDate'])),
			lines: lines.map((line) => ({
				itemNumber: text(line.ItemNumber) ?? '',
				qty: quantity(pick(line, ['Qty', 'BaseQty', 'QtyReturned'])) ?? 0,
				unitPrice: quantity(pick(line, ['UnitPrice', 'Price'])),
				returnReason: text(pick(line, ['ReturnReason', 'ReturnReasonName', 'ReturnNotes'])),
			})),
			raw,
		};
	});

// ---- ASN (read shape confirmed: AsnHeaderData + AsnDetailData; received qty UNCONFIRMED) ----

/** Candidate names of the received quantity per ASN line (UNCONFIRMED in Xoro's API). */
export const RECEIVED_QTY_FIELDS = ['BaseQtyReceived', 'QtyReceived', 'ReceivedQty', 'BaseReceivedQty', 'QtyRecvd'];
const EXPECTED_QTY_FIELDS = ['BaseQtyToReceive', 'QtyToReceive', 'BaseQty', 'Qty'];
const CLOSED_DATE_FIELDS = ['ClosedDate', 'CloseDate', 'DateClosed', 'ClosedOn', 'AsnClosedDate'];

export interface XoroAsnLine {
	itemNumber: string;
	expected: number;
	received: number;
}

export interface XoroAsn {
	asnNumber: string;
	status: string | null;
	rmaNumber: string | null;
	thirdPartyRefNo: string | null;
	deliveryDate: string | null;
	/** As Xoro sent it; the nodes parse it with parseXoroDate */
	closedDate: string | null;
	updatedDate: string | null;
	lines: XoroAsnLine[];
	raw: Record<string, unknown>;
}

export const xoroAsnSchema = record
	.refine((r) => typeof pick(r, ['AsnHeaderData', 'AsnHeader']) === 'object', { message: 'ASN without AsnHeaderData' })
	.transform((raw, ctx): XoroAsn => {
		const header = record.parse(pick(raw, ['AsnHeaderData', 'AsnHeader']));
		const lines = z.array(record).catch([]).parse(pick(raw, ['AsnDetailData', 'AsnDetailArr', 'AsnItemLineArr']) ?? []);
		const asnNumber = text(header.AsnNumber);
		if (!asnNumber) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'ASN without AsnNumber' });
		return {
			asnNumber: asnNumber ?? '',
			status: text(pick(header, ['StatusName', 'Status', 'AsnStatusName'])),
			rmaNumber: text(pick(header, ['RmaNumber', 'RMANumber'])),
			thirdPartyRefNo: text(header.ThirdPartyRefNo),
			deliveryDate: text(header.DeliveryDate),
			closedDate: text(pick(header, CLOSED_DATE_FIELDS)),
			updatedDate: text(pick(header, ['UpdatedDate', 'DateUpdated', 'LastModifiedDate'])),
			lines: lines.map((line) => ({
				itemNumber: text(line.ItemNumber) ?? '',
				expected: quantity(pick(line, EXPECTED_QTY_FIELDS)) ?? 0,
				received: quantity(pick(line, RECEIVED_QTY_FIELDS)) ?? 0,
			})),
			raw,
		};
	});

// ---- Items (product/item/getitem, confirmed; the barcode field name is UNCONFIRMED) ----

const BARCODE_FIELDS = ['Barcode', 'UPC', 'Upc', 'UpcCode', 'UPCCode', 'ItemUpc', 'ItemUPC', 'EAN'];

export interface XoroItem {
	itemNumber: string;
	barcodes: string[];
	description: string | null;
}

export const xoroItemSchema = record.transform((raw, ctx): XoroItem => {
	const itemNumber = text(raw.ItemNumber);
	if (!itemNumber) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'item without ItemNumber' });
	return {
		itemNumber: itemNumber ?? '',
		barcodes: BARCODE_FIELDS.map((key) => text(raw[key])).filter((v): v is string => v !== null),
		description: text(pick(raw, ['Description', 'ItemDescription', 'Title'])),
	};
});

/** Parses a list read, naming the first bad row. */
export function parseList<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, rows: unknown, what: string): T[] {
	const list = Array.isArray(rows) ? rows : rows && typeof rows === 'object' ? [rows] : [];
	return list.map((row, index) => {
		const parsed = schema.safeParse(row);
		if (!parsed.success) {
			throw new Error(`Xoro returned an unexpected ${what} (row ${index + 1}): ${parsed.error.issues.map((i) => i.message).join('; ')}`);
		}
		return parsed.data;
	});
}

// ---- Credit side: credit memos (read confirmed, applications modeled), invoices, sales orders ----
// Owned by the credit operations (actions/creditMemo, actions/salesOrder).

const CREDIT_MEMO_HEADER_KEYS = ['creditMemoHeader', 'CreditMemoHeader', 'CreditMemoHeaderData'];
const CREDIT_MEMO_LINE_KEYS = ['creditMemoItemLineArry', 'creditMemoItemLineArr', 'CreditMemoItemLineArr', 'CreditMemoItemLineArry'];
/** Where a credit memo lists the invoices it was applied to: not public, so every plausible key. */
const CREDIT_APPLICATION_KEYS = ['creditMemoApplicationArr', 'CreditMemoApplicationArr', 'AppliedInvoiceArr', 'CreditApplicationArr', 'Applications'];

/** The header when the record has one, else the record itself (flat reads). */
function headerOf(raw: Record<string, unknown>, keys: string[]): Record<string, unknown> {
	const header = pick(raw, keys);
	return header && typeof header === 'object' && !Array.isArray(header) ? (header as Record<string, unknown>) : raw;
}

function rows(raw: Record<string, unknown>, keys: string[]): Record<string, unknown>[] {
	return z.array(record).catch([]).parse(pick(raw, keys) ?? []);
}

export interface XoroCreditApplicationRecord {
	/** Xoro's id of the application (modeled: ApplicationId), in creation order */
	applicationId: string | null;
	/** 'Applied', or e.g. 'Reversed' once undone (modeled) */
	status: string | null;
	invoiceNumber: string | null;
	amount: number | null;
	thirdPartyRefNo: string | null;
	txnDate: string | null;
}

export interface XoroCreditMemo {
	creditMemoNumber: string | null;
	status: string | null;
	/** The RMA Xoro made this memo for (modeled field); null for a memo imported from Shopify */
	rmaNumber: string | null;
	thirdPartyRefNo: string | null;
	thirdPartySource: string | null;
	refNo: string | null;
	invoiceNumber: string | null;
	customerName: string | null;
	currencyCode: string | null;
	totalAmount: number | null;
	remainingAmount: number | null;
	/** When Xoro made it, Xoro text on the tenant's clock */
	createdDate: string | null;
	lines: Array<{ itemNumber: string; qty: number; unitPrice: number | null }>;
	applications: XoroCreditApplicationRecord[];
	raw: Record<string, unknown>;
}

export const xoroCreditMemoSchema = record.transform((raw): XoroCreditMemo => {
	const header = headerOf(raw, CREDIT_MEMO_HEADER_KEYS);
	const applications = pick(raw, CREDIT_APPLICATION_KEYS) !== undefined ? raw : header;
	return {
		creditMemoNumber: text(pick(header, ['CreditMemoNumber', 'TxnNumber', 'DocNumber'])),
		status: text(pick(header, ['StatusName', 'Status'])),
		rmaNumber: text(pick(header, ['RmaNumber', 'RMANumber'])),
		thirdPartyRefNo: text(header.ThirdPartyRefNo),
		thirdPartySource: text(header.ThirdPartySource),
		refNo: text(header.RefNo),
		invoiceNumber: text(header.InvoiceNumber),
		customerName: text(pick(header, ['CustomerName', 'CustomerFullName'])),
		currencyCode: text(header.CurrencyCode),
		totalAmount: quantity(pick(header, ['TotalAmount', 'TxnTotal', 'Amount', 'ThirdPartyTotalRefundAmount'])),
		remainingAmount: quantity(pick(header, ['RemainingAmount', 'RemainingCredit', 'OpenBalance', 'BalanceAmount'])),
		createdDate: text(pick(header, ['CreatedDate', 'DateCreated'])),
		lines: rows(raw, CREDIT_MEMO_LINE_KEYS).map((line) => ({
			itemNumber: text(line.ItemNumber) ?? '',
			qty: quantity(line.Qty) ?? 0,
			unitPrice: quantity(pick(line, ['UnitPrice', 'Price'])),
		})),
		applications: rows(applications, CREDIT_APPLICATION_KEYS).map(creditApplication),
		raw,
	};
});

function creditApplication(a: Record<string, unknown>): XoroCreditApplicationRecord {
	return {
		applicationId: text(pick(a, ['ApplicationId', 'CreditApplicationId', 'Id'])),
		status: text(pick(a, ['Status', 'StatusName'])),
		invoiceNumber: text(a.InvoiceNumber),
		amount: quantity(pick(a, ['Amount', 'AppliedAmount'])),
		thirdPartyRefNo: text(a.ThirdPartyRefNo),
		txnDate: text(a.TxnDate),
	};
}

/** The answer of an application (modeled): one application record, recognised by its id. */
export const xoroCreditApplicationSchema = record
	.refine((a) => pick(a, ['ApplicationId', 'CreditApplicationId']) !== undefined, { message: 'application without ApplicationId' })
	.transform(creditApplication);

export interface XoroInvoice {
	invoiceNumber: string | null;
	salesOrderNumber: string | null;
	status: string | null;
	thirdPartyRefNo: string | null;
	refNo: string | null;
	customerName: string | null;
	currencyCode: string | null;
	totalAmount: number | null;
	balanceDue: number | null;
	raw: Record<string, unknown>;
}

export const xoroInvoiceSchema = record.transform((raw): XoroInvoice => {
	const header = headerOf(raw, ['invoiceHeader', 'InvoiceHeader', 'InvoiceHeaderData']);
	return {
		invoiceNumber: text(pick(header, ['InvoiceNumber', 'TxnNumber'])),
		salesOrderNumber: text(pick(header, ['SoNumber', 'SalesOrderNumber', 'OrderNumber'])),
		status: text(pick(header, ['StatusName', 'Status'])),
		thirdPartyRefNo: text(header.ThirdPartyRefNo),
		refNo: text(header.RefNo),
		customerName: text(pick(header, ['CustomerName', 'CustomerFullName'])),
		currencyCode: text(header.CurrencyCode),
		totalAmount: quantity(pick(header, ['TotalAmount', 'TxnTotal', 'InvoiceTotal'])),
		balanceDue: quantity(pick(header, ['BalanceDue', 'AmountDue', 'OpenBalance', 'BalanceAmount'])),
		raw,
	};
});

export interface XoroSalesOrder {
	orderNumber: string | null;
	status: string | null;
	thirdPartyRefNo: string | null;
	thirdPartySource: string | null;
	refNo: string | null;
	customerName: string | null;
	orderDate: string | null;
	lines: Array<{ itemNumber: string; qty: number; unitPrice: number | null }>;
	raw: Record<string, unknown>;
}

export const xoroSalesOrderSchema = record.transform((raw): XoroSalesOrder => {
	const header = headerOf(raw, ['SoEstimateHeader', 'soEstimateHeader']);
	return {
		orderNumber: text(pick(header, ['OrderNumber', 'SoNumber', 'TxnNumber'])),
		status: text(pick(header, ['StatusName', 'Status'])),
		thirdPartyRefNo: text(header.ThirdPartyRefNo),
		thirdPartySource: text(header.ThirdPartySource),
		refNo: text(header.RefNo),
		customerName: text(pick(header, ['CustomerName', 'CustomerFullName'])),
		orderDate: text(header.OrderDate),
		lines: rows(raw, ['SoEstimateItemLineArr', 'soEstimateItemLineArr']).map((line) => ({
			itemNumber: text(line.ItemNumber) ?? '',
			qty: quantity(pick(line, ['Qty', 'QtyOrdered'])) ?? 0,
			unitPrice: quantity(line.UnitPrice),
		})),
		raw,
	};
});
