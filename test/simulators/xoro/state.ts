/**
 * The Xoro simulator's state: every collection the routes read and write, seeded from the shared
 * scenario. Records keep Xoro's own PascalCase header + line shapes, so routes answer with them as-is.
 */
import { DateTime } from 'luxon';
import type { Scenario } from '../scenario';
import { customerByEmail, orderById, variantById } from '../scenario';
import type { ShopifyOrderCreated } from '../events';

export interface XoroItemRecord {
	ItemId: number;
	ItemNumber: string;
	/** The field name our sim uses for the barcode; the nodes accept several (UNCONFIRMED) */
	UPC: string;
	Description: string;
	BasePartNumber: string;
	StandardUnitPrice: number;
	CreatedDate: string;
	UpdatedDate: string;
}

export interface XoroCustomerRecord {
	CustomerId: number;
	CustomerName: string;
	EmailMain: string;
	ThirdPartyRefNo: string;
	StoreCode: string;
}

type Row = Record<string, unknown>;

export interface XoroRmaRecord {
	RmaHeader: Row & {
		RmaId: number;
		RmaNumber: string;
		ThirdPartyRefNo: string;
		StatusName: 'Open' | 'Approved' | 'Credited' | 'Closed' | 'Cancelled';
		CustomerName: string;
		StoreCode: string;
		CurrencyCode: string;
		CreatedDate: string;
		UpdatedDate: string;
		AsnNumber: string | null;
		/** Set once Xoro credits the RMA (new process) or converts it (old process) */
		CreditMemoNumber?: string | null;
	};
	RmaItemLineArr: Array<Row & { ItemNumber: string; Qty: number; UnitPrice: number }>;
}

export interface XoroAsnLineRecord extends Row {
	ItemNumber: string;
	BaseQtyToReceive: number;
	/** Received so far; answered under the simulator's `receivedQtyField` name */
	received: number;
	ReceiveLocationName: string | null;
}

export type XoroAsnStatus = 'Open' | 'Received' | 'Closed' | 'Cancelled';

export interface XoroAsnRecord {
	AsnHeaderData: Row & {
		AsnId: number;
		AsnNumber: string;
		StatusName: XoroAsnStatus;
		RmaNumber: string | null;
		ThirdPartyRefNo: string | null;
		StoreCode: string;
		DeliveryDate: string;
		CreatedDate: string;
		UpdatedDate: string;
		/** "01/01/0001" until closed, as Xoro writes empty dates */
		ClosedDate: string;
	};
	AsnDetailData: XoroAsnLineRecord[];
}

export interface XoroSalesOrderRecord {
	SoEstimateHeader: Row & {
		OrderNumber: string;
		ThirdPartyRefNo: string;
		ThirdPartySource: string;
		RefNo: string;
		CustomerName: string;
		CurrencyCode: string;
		StatusName: string;
		OrderDate: string;
		StoreName: string;
		/** What the customer is charged: the lines after their discounts */
		TotalAmount: number;
	};
	SoEstimateItemLineArr: Array<Row & { ItemNumber: string; Qty: number; UnitPrice: number }>;
}

/** A sales-order line's amount: Qty × UnitPrice less its Discount (a percentage when DiscountTypeName says so, else an amount). */
export function salesLineAmount(line: Row & { Qty: number; UnitPrice: number }): number {
	const gross = line.Qty * line.UnitPrice;
	const discount = typeof line.Discount === 'number' ? line.Discount : 0;
	const off = String(line.DiscountTypeName ?? '').toLowerCase() === 'percentage' ? (gross * discount) / 100 : discount;
	return Math.round((gross - off) * 100) / 100;
}

export function salesOrderTotal(lines: Array<Row & { Qty: number; UnitPrice: number }>): number {
	return Math.round(lines.reduce((sum, l) => sum + salesLineAmount(l), 0) * 100) / 100;
}

export interface XoroInvoiceRecord {
	InvoiceHeader: Row & {
		InvoiceNumber: string;
		SoNumber: string;
		ThirdPartyRefNo: string;
		RefNo: string;
		CustomerName: string;
		CurrencyCode: string;
		StatusName: string;
		TxnDate: string;
		TotalAmount: number;
		BalanceAmount: number;
	};
	invoiceItemLineArr: Array<Row & { ItemNumber: string; Qty: number; UnitPrice: number }>;
}

export interface XoroCreditMemoRecord {
	creditMemoHeader: Row & { CreditMemoNumber: string; ThirdPartyRefNo: string | null; StatusName: string; TotalAmount: number; BalanceAmount: number };
	creditMemoItemLineArry: Row[];
}

export interface XoroCreditApplicationRecord extends Row {
	ApplicationId: number;
	CreditMemoNumber: string;
	InvoiceNumber: string;
	Amount: number;
	ThirdPartyRefNo: string | null;
	CreatedDate: string;
	/** 'Applied', or 'Reversed' once creditmemo/unapply undid it */
	Status: 'Applied' | 'Reversed';
}

export interface XoroState {
	/** The IANA zone the tenant's clock writes its stamps in (Xoro writes no offset) */
	clockZone: string;
	storeCode: string;
	/** Stores besides the scenario's one, for RMAs booked to another store (none unless a test adds them) */
	otherStoreCodes: string[];
	storeName: string;
	returnLocation: string;
	items: XoroItemRecord[];
	customers: XoroCustomerRecord[];
	rmas: XoroRmaRecord[];
	asns: XoroAsnRecord[];
	salesOrders: XoroSalesOrderRecord[];
	invoices: XoroInvoiceRecord[];
	creditMemos: XoroCreditMemoRecord[];
	creditApplications: XoroCreditApplicationRecord[];
	/** Next number per document prefix, e.g. "R" → 1 gives MAIN-R000001 */
	counters: Record<string, number>;
}

/** Xoro's date-time text, e.g. "03/16/2026 12:44:27 PM", on the tenant's clock (no offset). */
export function xoroNow(state: Pick<XoroState, 'clockZone'>, at: DateTime = DateTime.utc()): string {
	return at.setZone(state.clockZone).toFormat('MM/dd/yyyy hh:mm:ss a', { locale: 'en-US' });
}

export const XORO_NO_DATE = '01/01/0001';

/**
 * Parses Xoro date or date-time text to a DateTime, reading it as if UTC: stamps and filter bounds are
 * both on the tenant's clock, so comparing them this way orders them right.
 */
export function parseXoroText(value: string | null | undefined): DateTime | null {
	if (!value || value.startsWith(XORO_NO_DATE)) return null;
	for (const format of ['MM/dd/yyyy hh:mm:ss a', 'MM/dd/yyyy']) {
		const parsed = DateTime.fromFormat(value.trim(), format, { zone: 'utc', locale: 'en-US' });
		if (parsed.isValid) return parsed;
	}
	return null;
}

/** "MAIN-R000001" style document numbers. */
export function nextNumber(state: XoroState, prefix: string): string {
	const n = (state.counters[prefix] ?? 0) + 1;
	state.counters[prefix] = n;
	return `${state.storeCode}-${prefix}${String(n).padStart(6, '0')}`;
}

export function nextId(state: XoroState, key: string): number {
	const n = (state.counters[key] ?? 1000) + 1;
	state.counters[key] = n;
	return n;
}

export function createXoroState(scenario: Scenario, clockZone = 'utc'): XoroState {
	const seededAt = DateTime.fromISO(scenario.now, { zone: 'utc' }).minus({ days: 365 });
	const state: XoroState = {
		clockZone,
		storeCode: scenario.xoro.storeCode,
		otherStoreCodes: [],
		storeName: scenario.xoro.storeName,
		returnLocation: scenario.xoro.returnLocation,
		items: [],
		customers: [],
		rmas: [],
		asns: [],
		salesOrders: [],
		invoices: [],
		creditMemos: [],
		creditApplications: [],
		counters: {},
	};
	for (const variant of scenario.variants) {
		state.items.push({
			ItemId: nextId(state, 'item'),
			ItemNumber: variant.xoroItemNumber,
			UPC: variant.barcode,
			Description: variant.title,
			BasePartNumber: variant.xoroItemNumber.split('-').slice(0, 2).join('-'),
			StandardUnitPrice: variant.price,
			CreatedDate: xoroNow(state, seededAt),
			UpdatedDate: xoroNow(state, seededAt),
		});
	}
	for (const customer of scenario.customers) {
		state.customers.push({
			CustomerId: nextId(state, 'customer'),
			CustomerName: customer.xoroCustomerName,
			EmailMain: customer.email,
			ThirdPartyRefNo: customer.shopifyId,
			StoreCode: scenario.xoro.storeCode,
		});
	}
	for (const order of scenario.orders) {
		const customer = customerByEmail(scenario, order.customerEmail);
		const lines = order.lines.map((line) => {
			const variant = variantById(scenario, line.variantId);
			return { ItemNumber: variant.xoroItemNumber, Description: variant.title, Qty: line.quantity, UnitPrice: variant.price };
		});
		addOrderWithInvoice(state, {
			orderNumber: order.xoroSalesOrderNumber,
			invoiceNumber: order.xoroInvoiceNumber,
			thirdPartyRefNo: orderById(scenario, order.id).id,
			refNo: order.number,
			source: scenario.shop.domain,
			customerName: customer.xoroCustomerName,
			currency: scenario.shop.currency,
			at: DateTime.fromISO(order.createdAt, { zone: 'utc' }),
			lines,
			status: 'Invoiced',
		});
	}
	return state;
}

interface OrderInput {
	orderNumber: string;
	invoiceNumber: string;
	thirdPartyRefNo: string;
	refNo: string;
	source: string;
	customerName: string;
	currency: string;
	at: DateTime;
	lines: Array<{ ItemNumber: string; Description: string; Qty: number; UnitPrice: number; Discount?: number; DiscountTypeName?: string }>;
	status: string;
}

function addOrderWithInvoice(state: XoroState, o: OrderInput): void {
	const total = salesOrderTotal(o.lines);
	state.salesOrders.push({
		SoEstimateHeader: {
			OrderNumber: o.orderNumber,
			ThirdPartyRefNo: o.thirdPartyRefNo,
			ThirdPartySource: o.source,
			RefNo: o.refNo,
			CustomerName: o.customerName,
			CurrencyCode: o.currency,
			StatusName: o.status,
			OrderDate: o.at.toFormat('MM/dd/yyyy'),
			StoreName: state.storeName,
			TotalAmount: total,
			CreatedDate: xoroNow(state, o.at),
		},
		SoEstimateItemLineArr: o.lines.map((l) => ({ ...l })),
	});
	state.invoices.push({
		InvoiceHeader: {
			InvoiceNumber: o.invoiceNumber,
			SoNumber: o.orderNumber,
			ThirdPartyRefNo: o.thirdPartyRefNo,
			RefNo: o.refNo,
			CustomerName: o.customerName,
			CurrencyCode: o.currency,
			StatusName: 'Open',
			TxnDate: o.at.toFormat('MM/dd/yyyy'),
			TotalAmount: total,
			BalanceAmount: total,
			CreatedDate: xoroNow(state, o.at),
		},
		invoiceItemLineArr: o.lines.map((l) => ({ ...l })),
	});
}

/** What Xoro's own Shopify app does with a new Shopify order: a sales order and its invoice. */
export function importShopifyOrder(state: XoroState, event: ShopifyOrderCreated, source: string): void {
	if (state.salesOrders.some((so) => so.SoEstimateHeader.ThirdPartyRefNo === event.orderId)) return;
	const customer = state.customers.find((c) => c.EmailMain === event.customerEmail);
	addOrderWithInvoice(state, {
		orderNumber: nextNumber(state, 'S'),
		invoiceNumber: nextNumber(state, 'I'),
		thirdPartyRefNo: event.orderId,
		refNo: event.orderName.replace(/^#/, ''),
		source,
		customerName: customer?.CustomerName ?? event.customerEmail,
		currency: event.currency,
		at: DateTime.fromISO(event.createdAt, { zone: 'utc' }),
		lines: event.lines.map((line) => {
			const item = state.items.find((i) => i.ItemNumber === line.sku);
			// The app imports the order at what Shopify charged: each line's discount as a percentage.
			const discount = line.discount ? { Discount: (line.discount / (line.price * line.quantity)) * 100, DiscountTypeName: 'percentage' } : {};
			return { ItemNumber: item?.ItemNumber ?? line.sku, Description: line.title, Qty: line.quantity, UnitPrice: line.price, ...discount };
		}),
		status: 'Released',
	});
}
