/**
 * rma/* (MODELED; Xoro publishes no RMA API): create from {RmaHeader, RmaItemLineArr} with the
 * mandatory columns of Xoro's RMA CSV import, and getrma with Xoro-style filters.
 * ThirdPartyRefNo is not unique: a second create with the same ref makes a second RMA. cancel
 * (MODELED) marks an Open/Approved RMA and its unreceived ASNs Cancelled.
 */
import { listed, matches, numberFromBody, withinDates } from './filters';
import { cancelAsn, createAsnForRma } from './asn';
import { asArray, asNumber, asRecord, defineRoutes, ok, paged, requireText, XoroFailure } from './routes';
import { nextId, nextNumber, xoroNow, type XoroRmaRecord } from './state';

defineRoutes({
	rmaCreate: {
		handle: ({ state, body, options }) => {
			const header = asRecord(body.RmaHeader, 'RmaHeader');
			const lines = asArray(body.RmaItemLineArr, 'RmaItemLineArr');
			const thirdPartyRefNo = requireText(header.ThirdPartyRefNo, 'ThirdPartyRefNo');
			const customerName = requireText(header.CustomerName, 'CustomerName');
			const storeCode = requireText(header.StoreCode, 'StoreCode');
			const currencyCode = requireText(header.CurrencyCode, 'CurrencyCode');
			const customer = state.customers.find(
				(c) => c.CustomerName.toLowerCase() === customerName.toLowerCase() || c.EmailMain.toLowerCase() === customerName.toLowerCase(),
			);
			if (!customer) throw new XoroFailure(`Customer '${customerName}' does not exist.`, 4);
			const store = [state.storeCode, ...state.otherStoreCodes].find((code) => code.toUpperCase() === storeCode.toUpperCase());
			if (!store) throw new XoroFailure(`Store '${storeCode}' does not exist.`, 4);
			const rmaLines = lines.map((line, index) => {
				const itemNumber = requireText(line.ItemNumber, `RmaItemLineArr[${index}].ItemNumber`);
				const item = state.items.find((i) => i.ItemNumber.toLowerCase() === itemNumber.toLowerCase());
				if (!item) throw new XoroFailure(`Item '${itemNumber}' does not exist.`, 4);
				const qty = asNumber(line.Qty, `RmaItemLineArr[${index}].Qty`);
				if (qty <= 0) throw new XoroFailure(`RmaItemLineArr[${index}].Qty must be greater than 0.`, 2);
				return { ...line, ItemNumber: item.ItemNumber, Qty: qty, UnitPrice: line.UnitPrice === undefined ? item.StandardUnitPrice : asNumber(line.UnitPrice, `RmaItemLineArr[${index}].UnitPrice`) };
			});
			const now = xoroNow(state);
			const rma: XoroRmaRecord = {
				RmaHeader: {
					...header,
					RmaId: nextId(state, 'rma'),
					RmaNumber: nextNumber(state, 'R'),
					ThirdPartyRefNo: thirdPartyRefNo,
					StatusName: 'Open',
					CustomerName: customer.CustomerName,
					CustomerId: customer.CustomerId,
					StoreCode: store,
					CurrencyCode: currencyCode,
					CreatedDate: now,
					UpdatedDate: now,
					AsnNumber: null,
				},
				RmaItemLineArr: rmaLines,
			};
			state.rmas.push(rma);
			if (options.asnWithRma) createAsnForRma(state, rma, undefined);
			return ok(rma);
		},
	},
	rmaGet: {
		handle: ({ state, query, options }) => {
			const rows = state.rmas.filter(
				(r) =>
					listed(query, options, r.RmaHeader.StatusName) &&
					matches(query, 'third_party_ref_no', r.RmaHeader.ThirdPartyRefNo) &&
					matches(query, 'rma_number', r.RmaHeader.RmaNumber) &&
					matches(query, 'status', r.RmaHeader.StatusName) &&
					matches(query, 'customer_name', r.RmaHeader.CustomerName) &&
					withinDates(query, 'created_at', r.RmaHeader.CreatedDate) &&
					withinDates(query, 'updated_at', r.RmaHeader.UpdatedDate),
			);
			return paged(rows, query);
		},
	},
	rmaCancel: {
		handle: ({ state, body }) => {
			const rmaNumber = numberFromBody(body, 'RmaHeader', 'RmaNumber');
			const rma = state.rmas.find((r) => r.RmaHeader.RmaNumber.toLowerCase() === rmaNumber.toLowerCase());
			if (!rma) throw new XoroFailure(`RMA '${rmaNumber}' does not exist.`, 4);
			const status = rma.RmaHeader.StatusName;
			if (status === 'Cancelled') throw new XoroFailure(`RMA '${rmaNumber}' is already cancelled.`, 5);
			if (status !== 'Open' && status !== 'Approved') throw new XoroFailure(`RMA '${rmaNumber}' is ${status} and cannot be cancelled.`, 5);
			const asns = state.asns.filter((a) => a.AsnHeaderData.RmaNumber === rma.RmaHeader.RmaNumber && a.AsnHeaderData.StatusName !== 'Cancelled');
			if (asns.some((a) => a.AsnHeaderData.StatusName === 'Closed' || a.AsnDetailData.some((l) => l.received > 0))) {
				throw new XoroFailure(`RMA '${rmaNumber}' has received goods and cannot be cancelled.`, 5);
			}
			// Its ASNs go with it (an ASN for a cancelled RMA would expect goods that will not come).
			for (const asn of asns) cancelAsn(state, asn.AsnHeaderData.AsnNumber);
			rma.RmaHeader.StatusName = 'Cancelled';
			rma.RmaHeader.UpdatedDate = xoroNow(state);
			return ok(rma);
		},
	},
});
