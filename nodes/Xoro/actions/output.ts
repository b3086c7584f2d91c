/** What the nodes output for Xoro documents: normalised fields, Xoro's own body under `raw`. */
import type { IDataObject } from 'n8n-workflow';
import type { XoroAsn, XoroRma } from '../schemas';
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
