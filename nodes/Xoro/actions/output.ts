/** What the nodes output for Xoro documents: normalised fields, Xoro's own body under `raw`. */
import type { IDataObject } from 'n8n-workflow';
import type { XoroAsn, XoroCreditMemo, XoroInvoice, XoroRma, XoroSalesOrder } from '../schemas';
import { parseXoroDate, UTC } from '../../shared/dates';

/** `zone`: the tenant's clock (xoroTimeZone), which Xoro's offset-less times are in. */
export function rmaJson(rma: XoroRma, zone: string = UTC): IDataObject {
	return {
		rmaNumber: rma.rmaNumber,
		status: rma.status,
		loopReturnId: rma.thirdPartySource === null || /loop/i.test(rma.thirdPartySource) ? rma.thirdPartyRefNo : null,
		thirdPartyRefNo: rma.thirdPartyRefNo,
		thirdPartySource: rma.thirdPartySource,
		refNo: rma.refNo,
		customerName: rma.customerName,
		storeCode: rma.storeCode,
		currencyCode: rma.currencyCode,
		asnNumber: rma.asnNumber,
		creditMemoNumber: rma.creditMemoNumber,
		createdAt: parseXoroDate(rma.createdDate, zone),
		lines: rma.lines.map((l) => ({ ...l })),
		raw: rma.raw as IDataObject,
	};
}

export function asnJson(asn: XoroAsn, zone: string = UTC): IDataObject {
	return {
		asnNumber: asn.asnNumber,
		status: asn.status,
		rmaNumber: asn.rmaNumber,
		thirdPartyRefNo: asn.thirdPartyRefNo,
		deliveryDate: parseXoroDate(asn.deliveryDate, zone),
		closedAt: parseXoroDate(asn.closedDate, zone),
		lines: asn.lines.map((l) => ({ ...l })),
		raw: asn.raw as IDataObject,
	};
}

/** A memo as the node outputs it; Xoro's times read on the tenant's clock (`zone`). */
export function creditMemoJson(memo: XoroCreditMemo, zone: string = UTC): IDataObject {
	return {
		creditMemoNumber: memo.creditMemoNumber,
		status: memo.status,
		rmaNumber: memo.rmaNumber,
		thirdPartyRefNo: memo.thirdPartyRefNo,
		thirdPartySource: memo.thirdPartySource,
		refNo: memo.refNo,
		invoiceNumber: memo.invoiceNumber,
		customerName: memo.customerName,
		currencyCode: memo.currencyCode,
		totalAmount: memo.totalAmount,
		remainingAmount: memo.remainingAmount,
		lines: memo.lines.map((l) => ({ ...l })),
		applications: memo.applications.map((a) => ({ ...a, txnDate: parseXoroDate(a.txnDate, zone) ?? a.txnDate })),
		raw: memo.raw as IDataObject,
	};
}

export function invoiceJson(invoice: XoroInvoice): IDataObject {
	return {
		invoiceNumber: invoice.invoiceNumber,
		salesOrderNumber: invoice.salesOrderNumber,
		status: invoice.status,
		thirdPartyRefNo: invoice.thirdPartyRefNo,
		refNo: invoice.refNo,
		customerName: invoice.customerName,
		totalAmount: invoice.totalAmount,
		balanceDue: invoice.balanceDue,
	};
}

/** An order as the node outputs it; Xoro's dates read on the tenant's calendar (`zone`). */
export function salesOrderJson(order: XoroSalesOrder, zone: string = UTC): IDataObject {
	return {
		orderNumber: order.orderNumber,
		status: order.status,
		thirdPartyRefNo: order.thirdPartyRefNo,
		thirdPartySource: order.thirdPartySource,
		refNo: order.refNo,
		customerName: order.customerName,
		orderDate: parseXoroDate(order.orderDate, zone),
		lines: order.lines.map((l) => ({ ...l })),
		raw: order.raw as IDataObject,
	};
}
