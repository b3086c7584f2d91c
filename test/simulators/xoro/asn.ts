/**
 * asn/* : getasn is confirmed (AsnHeaderData + AsnDetailData); create, receive, close and cancel are MODELED
 * on the bodies in docs/apis.md (§X5.1–§X5.2). Closing does not require full receipt (Xoro allows closing
 * short), which is exactly what Receipt Status has to detect.
 */
import { listed, matches, numberFromBody, withinDates } from './filters';
import { asArray, asNumber, asRecord, defineRoutes, ok, paged, requireText, XoroFailure, type XoroRouteOptions } from './routes';
import { checkRmaForAsn, creditMemoForRma } from './rmaProcess';
import { nextId, nextNumber, XORO_NO_DATE, xoroNow, type XoroAsnRecord, type XoroRmaRecord, type XoroState } from './state';
import { DateTime } from 'luxon';

export interface ReceiptLine {
	ItemNumber: string;
	QtyReceived: number;
	ReceiveLocationName?: string;
}

/** An ASN as Xoro answers it: the received qty under the configured (UNCONFIRMED) field name. */
export function asnView(asn: XoroAsnRecord, options: XoroRouteOptions): Record<string, unknown> {
	return {
		AsnHeaderData: { ...asn.AsnHeaderData },
		AsnDetailData: asn.AsnDetailData.map(({ received, ...line }) => ({ ...line, [options.receivedQtyField]: received })),
	};
}

export function createAsnForRma(
	state: XoroState,
	rma: XoroRmaRecord,
	lines: Array<{ ItemNumber: string; BaseQtyToReceive: number }> | undefined,
	deliveryDate?: string,
): XoroAsnRecord {
	const now = xoroNow(state);
	const asn: XoroAsnRecord = {
		AsnHeaderData: {
			AsnId: nextId(state, 'asn'),
			AsnNumber: nextNumber(state, 'A'),
			StatusName: 'Open',
			RmaNumber: rma.RmaHeader.RmaNumber,
			ThirdPartyRefNo: rma.RmaHeader.ThirdPartyRefNo,
			StoreCode: rma.RmaHeader.StoreCode,
			DeliveryDate: deliveryDate ?? DateTime.utc().setZone(state.clockZone).toFormat('MM/dd/yyyy'),
			CreatedDate: now,
			UpdatedDate: now,
			ClosedDate: XORO_NO_DATE,
		},
		AsnDetailData: (lines ?? rma.RmaItemLineArr.map((l) => ({ ItemNumber: l.ItemNumber, BaseQtyToReceive: l.Qty }))).map((l) => ({
			ItemNumber: l.ItemNumber,
			BaseQtyToReceive: l.BaseQtyToReceive,
			received: 0,
			ReceiveLocationName: null,
		})),
	};
	state.asns.push(asn);
	if (!rma.RmaHeader.AsnNumber) rma.RmaHeader.AsnNumber = asn.AsnHeaderData.AsnNumber;
	return asn;
}

/** A purchase-order ASN (no RMA), as the warehouse receives vendors' goods; closed ones are received in full. */
export function createPurchaseOrderAsn(state: XoroState, closed: boolean): XoroAsnRecord {
	const now = xoroNow(state);
	const asn: XoroAsnRecord = {
		AsnHeaderData: {
			AsnId: nextId(state, 'asn'),
			AsnNumber: nextNumber(state, 'A'),
			StatusName: closed ? 'Closed' : 'Open',
			RmaNumber: null,
			ThirdPartyRefNo: null,
			PoNumber: nextNumber(state, 'P'),
			StoreCode: state.storeCode,
			DeliveryDate: DateTime.utc().setZone(state.clockZone).toFormat('MM/dd/yyyy'),
			CreatedDate: now,
			UpdatedDate: now,
			ClosedDate: closed ? now : XORO_NO_DATE,
		},
		AsnDetailData: [{ ItemNumber: state.items[0].ItemNumber, BaseQtyToReceive: 12, received: closed ? 12 : 0, ReceiveLocationName: closed ? state.returnLocation : null }],
	};
	state.asns.push(asn);
	return asn;
}

function findAsn(state: XoroState, asnNumber: string): XoroAsnRecord {
	const asn = state.asns.find((a) => a.AsnHeaderData.AsnNumber.toLowerCase() === asnNumber.toLowerCase());
	if (!asn) throw new XoroFailure(`ASN '${asnNumber}' does not exist.`, 4);
	return asn;
}

export function receiveAsn(state: XoroState, options: XoroRouteOptions, asnNumber: string, lines: ReceiptLine[], close: boolean): XoroAsnRecord {
	const asn = findAsn(state, asnNumber);
	if (asn.AsnHeaderData.StatusName === 'Closed') throw new XoroFailure(`ASN '${asnNumber}' is closed.`, 5);
	if (asn.AsnHeaderData.StatusName === 'Cancelled') throw new XoroFailure(`ASN '${asnNumber}' is cancelled.`, 5);
	// Validate every line before applying any, so a bad line leaves the ASN untouched.
	const targets = lines.map((line, index) => {
		const target = asn.AsnDetailData.find((l) => l.ItemNumber.toLowerCase() === String(line.ItemNumber).toLowerCase());
		if (!target) throw new XoroFailure(`Item '${line.ItemNumber}' is not on ASN '${asnNumber}'.`, 4);
		const qty = asNumber(line.QtyReceived, `AsnDetailLocationData[${index}].QtyReceived`);
		if (qty <= 0) throw new XoroFailure(`AsnDetailLocationData[${index}].QtyReceived must be greater than 0.`, 2);
		return { target, qty, location: line.ReceiveLocationName ?? state.returnLocation };
	});
	for (const { target, qty, location } of targets) {
		target.received += qty;
		target.ReceiveLocationName = location;
	}
	const full = asn.AsnDetailData.every((l) => l.received >= l.BaseQtyToReceive);
	asn.AsnHeaderData.StatusName = full ? 'Received' : 'Open';
	asn.AsnHeaderData.UpdatedDate = xoroNow(state);
	if (close) closeAsn(state, options, asnNumber);
	return asn;
}

export function closeAsn(state: XoroState, options: XoroRouteOptions, asnNumber: string): XoroAsnRecord {
	const asn = findAsn(state, asnNumber);
	if (asn.AsnHeaderData.StatusName === 'Closed') throw new XoroFailure(`ASN '${asnNumber}' is already closed.`, 5);
	if (asn.AsnHeaderData.StatusName === 'Cancelled') throw new XoroFailure(`ASN '${asnNumber}' is cancelled.`, 5);
	const now = xoroNow(state);
	asn.AsnHeaderData.StatusName = 'Closed';
	asn.AsnHeaderData.ClosedDate = now;
	asn.AsnHeaderData.UpdatedDate = now;
	const rma = state.rmas.find((r) => r.RmaHeader.RmaNumber === asn.AsnHeaderData.RmaNumber);
	if (rma && asn.AsnDetailData.some((l) => l.received > 0)) {
		rma.RmaHeader.StatusName = 'Credited';
		rma.RmaHeader.UpdatedDate = now;
		// New RMA ASN process: the receipt credits the RMA with a memo Xoro makes itself.
		if (options.rmaProcess === 'new' && !rma.RmaHeader.CreditMemoNumber) {
			creditMemoForRma(state, rma, asn.AsnDetailData.map((l) => ({ ItemNumber: l.ItemNumber, Qty: l.received })));
		}
	}
	return asn;
}

export function cancelAsn(state: XoroState, asnNumber: string): XoroAsnRecord {
	const asn = findAsn(state, asnNumber);
	const status = asn.AsnHeaderData.StatusName;
	if (status === 'Cancelled') throw new XoroFailure(`ASN '${asnNumber}' is already cancelled.`, 5);
	if (status === 'Closed' || asn.AsnDetailData.some((l) => l.received > 0)) {
		throw new XoroFailure(`ASN '${asnNumber}' has receipts and cannot be cancelled.`, 5);
	}
	asn.AsnHeaderData.StatusName = 'Cancelled';
	asn.AsnHeaderData.UpdatedDate = xoroNow(state);
	const rma = state.rmas.find((r) => r.RmaHeader.AsnNumber === asn.AsnHeaderData.AsnNumber);
	if (rma) {
		const other = state.asns.find((a) => a.AsnHeaderData.RmaNumber === rma.RmaHeader.RmaNumber && a.AsnHeaderData.StatusName !== 'Cancelled');
		rma.RmaHeader.AsnNumber = other?.AsnHeaderData.AsnNumber ?? null;
	}
	return asn;
}

defineRoutes({
	asnCreate: {
		handle: ({ state, body, options }) => {
			const header = asRecord(body.AsnHeaderData, 'AsnHeaderData');
			const rmaNumber = requireText(header.RmaNumber, 'AsnHeaderData.RmaNumber');
			const rma = state.rmas.find((r) => r.RmaHeader.RmaNumber.toLowerCase() === rmaNumber.toLowerCase());
			if (!rma) throw new XoroFailure(`RMA '${rmaNumber}' does not exist.`, 4);
			checkRmaForAsn(options, rma, header.CreditMemoNumber);
			// MODELED: a return ASN receives into its RMA's store.
			if (header.StoreCode !== undefined && String(header.StoreCode).toUpperCase() !== rma.RmaHeader.StoreCode.toUpperCase()) {
				throw new XoroFailure(`Store '${String(header.StoreCode)}' is not the store of RMA '${rmaNumber}'.`, 4);
			}
			const lines =
				body.AsnDetailData === undefined
					? undefined
					: asArray(body.AsnDetailData, 'AsnDetailData').map((line, index) => {
							const itemNumber = requireText(line.ItemNumber, `AsnDetailData[${index}].ItemNumber`);
							if (!rma.RmaItemLineArr.some((l) => l.ItemNumber.toLowerCase() === itemNumber.toLowerCase())) {
								throw new XoroFailure(`Item '${itemNumber}' is not on RMA '${rmaNumber}'.`, 4);
							}
							return { ItemNumber: itemNumber, BaseQtyToReceive: asNumber(line.BaseQtyToReceive ?? line.Qty, `AsnDetailData[${index}].BaseQtyToReceive`) };
						});
			const deliveryDate = typeof header.DeliveryDate === 'string' ? header.DeliveryDate : undefined;
			const asn = createAsnForRma(state, rma, lines, deliveryDate);
			// Old RMA process: the ASN is made from the RMA's credit memo.
			if (header.CreditMemoNumber) asn.AsnHeaderData.CreditMemoNumber = String(header.CreditMemoNumber);
			return ok(asnView(asn, options));
		},
	},
	asnGet: {
		handle: ({ state, query, options }) => {
			const status = options.asnFiltersIgnored ? null : (query.get('status') ?? query.get('ASNStatusId'));
			const rows = state.asns.filter(
				(a) =>
					listed(query, options, a.AsnHeaderData.StatusName) &&
					matches(query, 'asn_number', a.AsnHeaderData.AsnNumber) &&
					matches(query, 'rma_number', a.AsnHeaderData.RmaNumber) &&
					matches(query, 'third_party_ref_no', a.AsnHeaderData.ThirdPartyRefNo) &&
					(!status || a.AsnHeaderData.StatusName.toLowerCase() === status.toLowerCase()) &&
					(options.asnFiltersIgnored ||
						(withinDates(query, 'created_at', a.AsnHeaderData.CreatedDate) && withinDates(query, 'updated_at', a.AsnHeaderData.UpdatedDate))),
			);
			return paged(rows.map((a) => asnView(a, options)), query);
		},
	},
	asnReceive: {
		handle: ({ state, body, options }) => {
			const header = asRecord(body.AsnHeaderData, 'AsnHeaderData');
			const asnNumber = requireText(header.AsnNumber, 'AsnHeaderData.AsnNumber');
			const lines = asArray(body.AsnDetailLocationData, 'AsnDetailLocationData').map((line) => line as unknown as ReceiptLine);
			return ok(asnView(receiveAsn(state, options, asnNumber, lines, header.CloseASN === true), options));
		},
	},
	asnCancel: {
		handle: ({ state, body, options }) => ok(asnView(cancelAsn(state, numberFromBody(body, 'AsnHeaderData', 'AsnNumber')), options)),
	},
	asnClose: {
		handle: ({ state, body, options }) => {
			const header = asRecord(body.AsnHeaderData, 'AsnHeaderData');
			return ok(asnView(closeAsn(state, options, requireText(header.AsnNumber, 'AsnHeaderData.AsnNumber')), options));
		},
	},
});
