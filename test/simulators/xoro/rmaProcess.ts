/**
 * Xoro's RMA process (README, "Xoro's RMA process"), switchable per simulated tenant:
 * - `rmaApprovalRequired`: asn/create refuses an RMA that is not approved (Options > "Mark as Approved");
 * - `rmaProcess` 'new' ("Use New RMA ASN Process"): closing the received return ASN credits the RMA and
 *   Xoro generates a credit memo linked from it; 'old': the approved RMA is converted to a credit memo
 *   (rma/converttocreditmemo) and its ASN must be made from that memo; 'none': no memo from the RMA.
 * rma/approve, rma/converttocreditmemo and creditmemo/update are MODELED (Xoro publishes no such API).
 */
import { REFUND_MARKER_FIELD, withApplications } from './credit';
import { numberFromBody } from './filters';
import { asNumber, defineRoutes, ok, requireText, XoroFailure, type XoroRouteOptions } from './routes';
import { nextNumber, xoroNow, type XoroCreditMemoRecord, type XoroRmaRecord, type XoroState } from './state';

export type XoroRmaProcess = 'none' | 'new' | 'old';

/** The header fields creditmemo/update records; the memo's own identity (customer, lines) stays. */
const OUTCOME_FIELDS = ['ThirdPartyRefNo', 'ThirdPartySource', 'ThirdPartyNotes', 'ThirdPartyTotalRefundAmount', 'ThirdPartyAdjustTotalFlag', 'ThirdPartyAdjSku'];

function findRma(state: XoroState, rmaNumber: string): XoroRmaRecord {
	const rma = state.rmas.find((r) => r.RmaHeader.RmaNumber.toLowerCase() === rmaNumber.toLowerCase());
	if (!rma) throw new XoroFailure(`RMA '${rmaNumber}' does not exist.`, 4);
	return rma;
}

/** asn/create's check: the tenant's process allows an ASN for this RMA (and, old process, from this memo). */
export function checkRmaForAsn(options: XoroRouteOptions, rma: XoroRmaRecord, creditMemoNumber: unknown): void {
	const h = rma.RmaHeader;
	if (options.rmaApprovalRequired && h.StatusName === 'Open') {
		throw new XoroFailure(`RMA '${h.RmaNumber}' is not approved. Mark it as approved before creating its ASN.`, 5);
	}
	if (options.rmaProcess === 'old') {
		if (!h.CreditMemoNumber) throw new XoroFailure(`RMA '${h.RmaNumber}' has not been converted to a credit memo.`, 5);
		if (String(creditMemoNumber ?? '') !== h.CreditMemoNumber) {
			throw new XoroFailure(`The ASN for RMA '${h.RmaNumber}' must be created from its credit memo ${String(h.CreditMemoNumber)}.`, 5);
		}
	}
}

/** The credit memo Xoro makes for an RMA (lines at the RMA's prices), linked both ways. */
export function creditMemoForRma(state: XoroState, rma: XoroRmaRecord, lines: Array<{ ItemNumber: string; Qty: number }>): XoroCreditMemoRecord {
	const h = rma.RmaHeader;
	const priced = lines
		.filter((l) => l.Qty > 0)
		.map((l) => ({ ItemNumber: l.ItemNumber, Qty: l.Qty, UnitPrice: rma.RmaItemLineArr.find((r) => r.ItemNumber === l.ItemNumber)?.UnitPrice ?? 0 }));
	const total = Math.round(priced.reduce((sum, l) => sum + l.Qty * l.UnitPrice, 0) * 100) / 100;
	const memo: XoroCreditMemoRecord = {
		creditMemoHeader: {
			CreditMemoNumber: nextNumber(state, 'C'),
			RmaNumber: h.RmaNumber,
			ThirdPartyRefNo: h.ThirdPartyRefNo,
			ThirdPartySource: h.ThirdPartySource ?? null,
			CustomerName: h.CustomerName,
			CurrencyCode: h.CurrencyCode,
			InvoiceNumber: h.InvoiceNumber ?? null,
			StatusName: 'Open',
			TotalAmount: total,
			BalanceAmount: total,
			CreatedDate: xoroNow(state),
			UpdatedDate: xoroNow(state),
		},
		creditMemoItemLineArry: priced,
	};
	state.creditMemos.push(memo);
	h.CreditMemoNumber = memo.creditMemoHeader.CreditMemoNumber;
	h.UpdatedDate = xoroNow(state);
	return memo;
}

defineRoutes({
	rmaApprove: {
		handle: ({ state, body }) => {
			const rma = findRma(state, numberFromBody(body, 'RmaHeader', 'RmaNumber'));
			const h = rma.RmaHeader;
			if (h.StatusName !== 'Open') throw new XoroFailure(`RMA '${h.RmaNumber}' is ${h.StatusName} and cannot be approved.`, 5);
			h.StatusName = 'Approved';
			h.UpdatedDate = xoroNow(state);
			return ok(rma);
		},
	},
	rmaConvert: {
		handle: ({ state, body, options }) => {
			const rma = findRma(state, numberFromBody(body, 'RmaHeader', 'RmaNumber'));
			const h = rma.RmaHeader;
			if (h.CreditMemoNumber) throw new XoroFailure(`RMA '${h.RmaNumber}' was already converted to credit memo ${String(h.CreditMemoNumber)}.`, 5);
			if (h.StatusName !== 'Approved' && (options.rmaApprovalRequired || h.StatusName !== 'Open')) {
				throw new XoroFailure(`RMA '${h.RmaNumber}' is ${h.StatusName} and cannot be converted to a credit memo.`, 5);
			}
			return ok(creditMemoForRma(state, rma, rma.RmaItemLineArr));
		},
	},
	creditMemoUpdate: {
		handle: ({ state, body }) => {
			const header = body.creditMemoHeader as Record<string, unknown> | undefined;
			const memoNumber = requireText(header?.CreditMemoNumber, 'creditMemoHeader.CreditMemoNumber');
			const memo = state.creditMemos.find((m) => m.creditMemoHeader.CreditMemoNumber === memoNumber);
			if (!memo) throw new XoroFailure(`Credit memo ${memoNumber} does not exist.`, 3);
			const m = memo.creditMemoHeader;
			if (m.StatusName === 'Voided') throw new XoroFailure(`Credit memo ${memoNumber} is voided.`, 5);
			const refund = header?.[REFUND_MARKER_FIELD] === true;
			const applied = state.creditApplications.some((a) => a.CreditMemoNumber === memoNumber && a.Status === 'Applied');
			if (refund && applied) throw new XoroFailure(`Credit memo ${memoNumber} has been applied to an invoice and cannot be refunded.`, 5);
			for (const field of OUTCOME_FIELDS) if (header?.[field] !== undefined) m[field] = field === 'ThirdPartyRefNo' ? String(header[field]) : header[field];
			if (header?.ThirdPartyAdjustTotalFlag === true && header.ThirdPartyTotalRefundAmount !== undefined && !applied) {
				m.TotalAmount = Math.round(asNumber(header.ThirdPartyTotalRefundAmount, 'ThirdPartyTotalRefundAmount') * 100) / 100;
				m.BalanceAmount = m.TotalAmount;
			}
			if (refund) {
				m.StatusName = 'Refunded';
				m.BalanceAmount = 0;
			}
			m.UpdatedDate = xoroNow(state);
			return ok(withApplications(state, memo));
		},
	},
});
