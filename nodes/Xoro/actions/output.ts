/** What the nodes output for Xoro documents: normalised fields, Xoro's own body under `raw`. */
import type { IDataObject } from 'n8n-workflow';
import type { XoroAsn, XoroRma } from '../schemas';
import { parseXoroDate } from '../../shared/dates';

export function rmaJson(rma: XoroRma): IDataObject {
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
		createdAt: parseXoroDate(rma.createdDate),
		lines: rma.lines.map((l) => ({ ...l })),
		raw: rma.raw as IDataObject,
	};
}

export function asnJson(asn: XoroAsn): IDataObject {
	return {
		asnNumber: asn.asnNumber,
		status: asn.status,
		rmaNumber: asn.rmaNumber,
		thirdPartyRefNo: asn.thirdPartyRefNo,
		deliveryDate: parseXoroDate(asn.deliveryDate),
		closedAt: parseXoroDate(asn.closedDate),
		lines: asn.lines.map((l) => ({ ...l })),
		raw: asn.raw as IDataObject,
	};
}
