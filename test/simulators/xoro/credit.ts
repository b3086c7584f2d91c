/**
 * The Xoro simulator's credit side: credit memos (store credit or refunded), invoices, sales orders
 * and the application of a credit memo to an invoice. Everything is computed from state: imports
 * add records, applications move balances, reads filter and page what is there.
 *
 * Like Xoro: ThirdPartyRefNo is not unique (nothing stops a second memo with the same one);
 * void, unapply and salesorder/cancel (MODELED) undo a document or application, keeping it readable;
 * getsalesorder without `status` answers Result:true with no data; unknown customers and items
 * are refused with Result:false and a Message.
 */
import { DateTime } from 'luxon';
import {
	asArray,
	asNumber,
	asRecord,
	defineRoutes,
	ok,
	paged,
	requireText,
	XoroFailure,
	type RouteContext,
} from './routes';
import { listed, matches as matchesText, numberFromBody, withinDates } from './filters';
import {
	nextId,
	nextNumber,
	xoroNow,
	type XoroCreditApplicationRecord,
	type XoroCreditMemoRecord,
	type XoroInvoiceRecord,
	type XoroSalesOrderRecord,
	salesOrderTotal,
	type XoroState,
} from './state';

/** Non-inventory items the simulated tenant has besides the scenario's stock (store credit, adjustments). */
export const SERVICE_ITEMS = ['STORE-CREDIT', 'LOOP-ADJ'];

/**
 * How the simulator recognises a refunded credit memo: our modeled default marker
 * (`RefundedFlag: true` in creditMemoHeader). Xoro's real field is not public.
 */
export const REFUND_MARKER_FIELD = 'RefundedFlag';

defineRoutes({
	creditMemoImport: { handle: importCreditMemo },
	creditMemoGet: { handle: getCreditMemos },
	creditApply: { handle: applyCreditMemo },
	creditMemoVoid: { handle: voidCreditMemo },
	creditUnapply: { handle: unapplyCreditMemo },
	invoiceGet: { handle: getInvoices },
	salesOrderCreate: { handle: createSalesOrder },
	salesOrderGet: { handle: getSalesOrders },
	salesOrderCancel: { handle: cancelSalesOrder },
});

function importCreditMemo({ state, body }: RouteContext) {
	const header = asRecord(body.creditMemoHeader, 'creditMemoHeader');
	const lines = asArray(body.creditMemoItemLineArry, 'creditMemoItemLineArry');
	const customerName = knownCustomer(state, header.CustomerName);
	requireText(header.CurrencyCode, 'CurrencyCode');
	const invoiceNumber = header.InvoiceNumber ? requireText(header.InvoiceNumber, 'InvoiceNumber') : null;
	if (invoiceNumber && !findInvoice(state, invoiceNumber)) throw new XoroFailure(`Invoice ${invoiceNumber} does not exist.`, 3);
	const storedLines = lines.map((line, i) => {
		const itemNumber = knownItem(state, line.ItemNumber, `creditMemoItemLineArry[${i}].ItemNumber`);
		const qty = asNumber(line.Qty, `creditMemoItemLineArry[${i}].Qty`);
		const unitPrice = line.UnitPrice === undefined ? itemPrice(state, itemNumber) : asNumber(line.UnitPrice, 'UnitPrice');
		return { ...line, ItemNumber: itemNumber, Qty: qty, UnitPrice: unitPrice };
	});
	const linesTotal = round(storedLines.reduce((sum, l) => sum + l.Qty * l.UnitPrice, 0));
	const adjust = header.ThirdPartyAdjustTotalFlag === true && header.ThirdPartyTotalRefundAmount !== undefined;
	if (adjust) knownItem(state, header.ThirdPartyAdjSku, 'ThirdPartyAdjSku');
	const total = adjust ? round(asNumber(header.ThirdPartyTotalRefundAmount, 'ThirdPartyTotalRefundAmount')) : linesTotal;
	const refunded = header[REFUND_MARKER_FIELD] === true;
	const memo: XoroCreditMemoRecord = {
		creditMemoHeader: {
			...header,
			CreditMemoNumber: nextNumber(state, 'C'),
			ThirdPartyRefNo: header.ThirdPartyRefNo === undefined || header.ThirdPartyRefNo === null ? null : String(header.ThirdPartyRefNo),
			CustomerName: customerName,
			StatusName: refunded ? 'Refunded' : 'Open',
			TotalAmount: total,
			// A refunded memo paid its credit out; store credit stays available to apply.
			BalanceAmount: refunded ? 0 : total,
			AdjustmentAmount: round(total - linesTotal),
			CreatedDate: xoroNow(state),
			UpdatedDate: xoroNow(state),
		},
		creditMemoItemLineArry: storedLines,
	};
	state.creditMemos.push(memo);
	return ok(withApplications(state, memo));
}

function getCreditMemos({ state, query, options }: RouteContext) {
	const rows = state.creditMemos.filter((memo) => {
		const h = memo.creditMemoHeader;
		return (
			listed(query, options, h.StatusName) &&
			matches(query, 'credit_memo_number', h.CreditMemoNumber) &&
			matches(query, 'third_party_ref_no', h.ThirdPartyRefNo) &&
			matches(query, 'third_party_source', h.ThirdPartySource) &&
			matches(query, 'ref_no', h.RefNo) &&
			matches(query, 'customer_name', h.CustomerName) &&
			matches(query, 'status', h.StatusName) &&
			withinDates(query, 'created_at', String(h.CreatedDate)) &&
			withinDates(query, 'updated_at', String(h.UpdatedDate))
		);
	});
	return paged(rows.map((memo) => withApplications(state, memo)), query);
}

function applyCreditMemo({ state, body }: RouteContext) {
	const memoNumber = requireText(body.CreditMemoNumber, 'CreditMemoNumber');
	const invoiceNumber = requireText(body.InvoiceNumber, 'InvoiceNumber');
	const amount = round(asNumber(body.Amount, 'Amount'));
	const memo = state.creditMemos.find((m) => m.creditMemoHeader.CreditMemoNumber === memoNumber);
	if (!memo) throw new XoroFailure(`Credit memo ${memoNumber} does not exist.`, 3);
	const invoice = findInvoice(state, invoiceNumber);
	if (!invoice) throw new XoroFailure(`Invoice ${invoiceNumber} does not exist.`, 3);
	const m = memo.creditMemoHeader;
	const inv = invoice.InvoiceHeader;
	if (amount <= 0) throw new XoroFailure('Amount must be greater than zero.', 2);
	if (m.StatusName === 'Refunded') throw new XoroFailure(`Credit memo ${memoNumber} was refunded and has no credit to apply.`, 4);
	if (m.CurrencyCode && inv.CurrencyCode && m.CurrencyCode !== inv.CurrencyCode) {
		throw new XoroFailure(`Credit memo ${memoNumber} is in ${String(m.CurrencyCode)}, invoice ${invoiceNumber} in ${inv.CurrencyCode}.`, 4);
	}
	if (amount > m.BalanceAmount) {
		throw new XoroFailure(`Amount ${amount} exceeds the remaining credit ${m.BalanceAmount} of credit memo ${memoNumber}.`, 4);
	}
	if (amount > inv.BalanceAmount) {
		throw new XoroFailure(`Amount ${amount} exceeds the balance ${inv.BalanceAmount} of invoice ${invoiceNumber}.`, 4);
	}
	m.BalanceAmount = round(m.BalanceAmount - amount);
	m.StatusName = m.BalanceAmount === 0 ? 'Applied' : 'Partially Applied';
	m.UpdatedDate = xoroNow(state);
	inv.BalanceAmount = round(inv.BalanceAmount - amount);
	inv.StatusName = inv.BalanceAmount === 0 ? 'Paid' : 'Partially Paid';
	const application: XoroCreditApplicationRecord = {
		ApplicationId: nextId(state, 'application'),
		CreditMemoNumber: memoNumber,
		InvoiceNumber: invoiceNumber,
		Amount: amount,
		ThirdPartyRefNo: body.ThirdPartyRefNo === undefined || body.ThirdPartyRefNo === null ? null : String(body.ThirdPartyRefNo),
		TxnDate: typeof body.TxnDate === 'string' ? body.TxnDate : xoroNow(state),
		CreatedDate: xoroNow(state),
		Status: 'Applied',
	};
	state.creditApplications.push(application);
	return ok(application);
}

/** MODELED: voids a memo nothing was applied from; a voided memo keeps its number and reads as Voided. */
function voidCreditMemo({ state, body }: RouteContext) {
	const memoNumber = numberFromBody(body, 'creditMemoHeader', 'CreditMemoNumber');
	const memo = state.creditMemos.find((m) => m.creditMemoHeader.CreditMemoNumber === memoNumber);
	if (!memo) throw new XoroFailure(`Credit memo ${memoNumber} does not exist.`, 3);
	if (memo.creditMemoHeader.StatusName === 'Voided') throw new XoroFailure(`Credit memo ${memoNumber} is already voided.`, 5);
	if (state.creditApplications.some((a) => a.CreditMemoNumber === memoNumber && a.Status === 'Applied')) {
		throw new XoroFailure(`Credit memo ${memoNumber} has been applied to an invoice and cannot be voided.`, 5);
	}
	memo.creditMemoHeader.StatusName = 'Voided';
	memo.creditMemoHeader.BalanceAmount = 0;
	memo.creditMemoHeader.UpdatedDate = xoroNow(state);
	return ok(withApplications(state, memo));
}

/** MODELED: reverses an application, giving the amount back to the memo and the invoice. */
function unapplyCreditMemo({ state, body }: RouteContext) {
	const id = asNumber(body.ApplicationId, 'ApplicationId');
	const application = state.creditApplications.find((a) => a.ApplicationId === id);
	if (!application) throw new XoroFailure(`Credit application ${id} does not exist.`, 3);
	if (application.Status === 'Reversed') throw new XoroFailure(`Credit application ${id} is already reversed.`, 5);
	const memo = state.creditMemos.find((m) => m.creditMemoHeader.CreditMemoNumber === application.CreditMemoNumber)!;
	const invoice = findInvoice(state, application.InvoiceNumber)!;
	const m = memo.creditMemoHeader;
	const inv = invoice.InvoiceHeader;
	m.BalanceAmount = round(m.BalanceAmount + application.Amount);
	m.StatusName = m.BalanceAmount >= m.TotalAmount ? 'Open' : 'Partially Applied';
	m.UpdatedDate = xoroNow(state);
	inv.BalanceAmount = round(inv.BalanceAmount + application.Amount);
	inv.StatusName = inv.BalanceAmount >= inv.TotalAmount ? 'Open' : 'Partially Paid';
	application.Status = 'Reversed';
	return ok(application);
}

function getInvoices({ state, query }: RouteContext) {
	const rows = state.invoices.filter((invoice) => {
		const h = invoice.InvoiceHeader;
		return (
			matches(query, 'invoice_number', h.InvoiceNumber) &&
			matches(query, 'so_number', h.SoNumber) &&
			matches(query, 'third_party_ref_no', h.ThirdPartyRefNo) &&
			matches(query, 'ref_no', h.RefNo) &&
			matches(query, 'customer_name', h.CustomerName) &&
			matches(query, 'status', h.StatusName) &&
			withinDates(query, 'created_at', String(h.CreatedDate))
		);
	});
	return paged(rows, query);
}

function createSalesOrder({ state, body }: RouteContext) {
	const header = asRecord(body.SoEstimateHeader, 'SoEstimateHeader');
	const lines = asArray(body.SoEstimateItemLineArr, 'SoEstimateItemLineArr');
	const customerName = knownCustomer(state, header.CustomerName);
	const orderDate = requireText(header.OrderDate, 'OrderDate');
	if (!DateTime.fromFormat(orderDate, 'MM/dd/yyyy').isValid) throw new XoroFailure(`OrderDate "${orderDate}" is not MM/dd/yyyy.`, 2);
	const order: XoroSalesOrderRecord = {
		SoEstimateHeader: {
			...header,
			OrderNumber: nextNumber(state, 'S'),
			ThirdPartyRefNo: header.ThirdPartyRefNo === undefined ? '' : String(header.ThirdPartyRefNo),
			ThirdPartySource: typeof header.ThirdPartySource === 'string' ? header.ThirdPartySource : '',
			RefNo: typeof header.RefNo === 'string' ? header.RefNo : '',
			CustomerName: customerName,
			CurrencyCode: requireText(header.CurrencyCode, 'CurrencyCode'),
			StatusName: header.AutoReleaseSalesOrder === true ? 'Released' : 'Open',
			OrderDate: orderDate,
			StoreName: typeof header.StoreName === 'string' ? header.StoreName : state.storeName,
			CreatedDate: xoroNow(state),
			TotalAmount: 0,
		},
		SoEstimateItemLineArr: lines.map((line, i) => {
			const itemNumber = knownItem(state, line.ItemNumber, `SoEstimateItemLineArr[${i}].ItemNumber`);
			return {
				...line,
				ItemNumber: itemNumber,
				Qty: asNumber(line.Qty, `SoEstimateItemLineArr[${i}].Qty`),
				UnitPrice: line.UnitPrice === undefined ? itemPrice(state, itemNumber) : asNumber(line.UnitPrice, 'UnitPrice'),
				...(line.Discount === undefined ? {} : { Discount: asNumber(line.Discount, `SoEstimateItemLineArr[${i}].Discount`) }),
			};
		}),
	};
	order.SoEstimateHeader.TotalAmount = salesOrderTotal(order.SoEstimateItemLineArr);
	state.salesOrders.push(order);
	return ok({ ...order, SoEstimateEdiLogArr: [], ThirdPartyRequestRawData: null });
}

function getSalesOrders({ state, query }: RouteContext) {
	// Xoro's quirk: without a status it answers Result:true with no data (so cancelled orders are only
	// listed when status=Cancelled asks for them).
	if (!query.get('status')) return ok([], 0);
	const rows = state.salesOrders.filter((order) => {
		const h = order.SoEstimateHeader;
		return (
			matches(query, 'status', h.StatusName) &&
			matches(query, 'order_number', h.OrderNumber) &&
			matches(query, 'third_party_ref_no', h.ThirdPartyRefNo) &&
			withinDates(query, 'created_at', String(h.CreatedDate))
		);
	});
	return paged(rows, query);
}

/** MODELED: cancels an order that has not shipped. */
function cancelSalesOrder({ state, body }: RouteContext) {
	const orderNumber = numberFromBody(body, 'SoEstimateHeader', 'OrderNumber');
	const order = state.salesOrders.find((o) => o.SoEstimateHeader.OrderNumber === orderNumber);
	if (!order) throw new XoroFailure(`Sales order ${orderNumber} does not exist.`, 3);
	const status = order.SoEstimateHeader.StatusName;
	if (status === 'Cancelled') throw new XoroFailure(`Sales order ${orderNumber} is already cancelled.`, 5);
	if (!['Open', 'Pending', 'Released'].includes(status)) throw new XoroFailure(`Sales order ${orderNumber} is ${status} and cannot be cancelled.`, 5);
	order.SoEstimateHeader.StatusName = 'Cancelled';
	return ok({ ...order, SoEstimateEdiLogArr: [], ThirdPartyRequestRawData: null });
}

/** The memo as getcreditmemo answers it, with the invoices it was applied to. */
export function withApplications(state: XoroState, memo: XoroCreditMemoRecord) {
	const number = memo.creditMemoHeader.CreditMemoNumber;
	return { ...memo, creditMemoApplicationArr: state.creditApplications.filter((a) => a.CreditMemoNumber === number) };
}

function findInvoice(state: XoroState, invoiceNumber: string): XoroInvoiceRecord | undefined {
	return state.invoices.find((i) => i.InvoiceHeader.InvoiceNumber === invoiceNumber);
}

function knownCustomer(state: XoroState, value: unknown): string {
	const name = requireText(value, 'CustomerName');
	if (!state.customers.some((c) => c.CustomerName.toLowerCase() === name.toLowerCase())) {
		throw new XoroFailure(`Customer "${name}" does not exist.`, 3);
	}
	return name;
}

function knownItem(state: XoroState, value: unknown, field: string): string {
	const itemNumber = requireText(value, field);
	if (!SERVICE_ITEMS.includes(itemNumber) && !state.items.some((i) => i.ItemNumber === itemNumber)) {
		throw new XoroFailure(`Item ${itemNumber} does not exist.`, 3);
	}
	return itemNumber;
}

function itemPrice(state: XoroState, itemNumber: string): number {
	return state.items.find((i) => i.ItemNumber === itemNumber)?.StandardUnitPrice ?? 0;
}

/** A filter Xoro honours on a field of any type: absent → matches all; present → equal, case-insensitive. */
function matches(query: URLSearchParams, name: string, value: unknown): boolean {
	return matchesText(query, name, value === null || value === undefined ? null : String(value));
}

function round(n: number): number {
	return Math.round(n * 100) / 100;
}
