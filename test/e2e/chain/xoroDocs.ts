/** Reading the Xoro simulator's state the way the assertions need it: live documents only. */
import type { XoroSimulator } from '../../simulators/xoro';

const dead = /cancel|void|reversed/i;

export function liveRmas(xoro: XoroSimulator, loopReturnId: string) {
	return xoro.state.rmas.filter((r) => r.RmaHeader.ThirdPartyRefNo === loopReturnId && !dead.test(r.RmaHeader.StatusName));
}

export function liveAsnsFor(xoro: XoroSimulator, rmaNumber: string) {
	return xoro.state.asns.filter((a) => a.AsnHeaderData.RmaNumber === rmaNumber && !dead.test(a.AsnHeaderData.StatusName));
}

/** RMA count, linked ASN count (over all live RMAs of the return) and the ASN when there is one. */
export function importedReturn(xoro: XoroSimulator, loopReturnId: string) {
	const rmas = liveRmas(xoro, loopReturnId);
	const asns = rmas.flatMap((r) => liveAsnsFor(xoro, r.RmaHeader.RmaNumber));
	return { rmas: rmas.length, asns: asns.length, rma: rmas[0], asn: asns[0] };
}

export function liveCreditMemos(xoro: XoroSimulator, refNo: string) {
	return xoro.state.creditMemos.filter((m) => m.creditMemoHeader.ThirdPartyRefNo === refNo && !dead.test(m.creditMemoHeader.StatusName));
}

/** Live credit memos crediting one return: made for its RMA, or booked for its Shopify transaction. */
export function creditDocuments(xoro: XoroSimulator, rmaNumber: string, refNo: string) {
	return xoro.state.creditMemos.filter(
		(m) => !dead.test(m.creditMemoHeader.StatusName) && (m.creditMemoHeader.RmaNumber === rmaNumber || m.creditMemoHeader.ThirdPartyRefNo === refNo),
	);
}

export function liveSalesOrders(xoro: XoroSimulator, refNo: string) {
	return xoro.state.salesOrders.filter((s) => s.SoEstimateHeader.ThirdPartyRefNo === refNo && !dead.test(s.SoEstimateHeader.StatusName));
}

export function liveApplications(xoro: XoroSimulator) {
	return xoro.state.creditApplications.filter((a) => a.Status === 'Applied');
}

/**
 * Every ThirdPartyRefNo held by more than one live document of a kind (ASNs by their RMA): the
 * "no duplicate anywhere" check. Empty when all is well.
 */
export function duplicates(xoro: XoroSimulator): string[] {
	const found: string[] = [];
	const check = (kind: string, keys: Array<string | null>) => {
		const counts = new Map<string, number>();
		for (const key of keys) if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
		for (const [key, n] of counts) if (n > 1) found.push(`${kind} ${key} ×${n}`);
	};
	const s = xoro.state;
	check('RMA', s.rmas.filter((r) => !dead.test(r.RmaHeader.StatusName)).map((r) => r.RmaHeader.ThirdPartyRefNo));
	check('ASN of RMA', s.asns.filter((a) => !dead.test(a.AsnHeaderData.StatusName)).map((a) => a.AsnHeaderData.RmaNumber));
	check('sales order', s.salesOrders.filter((o) => !dead.test(o.SoEstimateHeader.StatusName)).map((o) => o.SoEstimateHeader.ThirdPartyRefNo));
	check('credit memo', s.creditMemos.filter((m) => !dead.test(m.creditMemoHeader.StatusName)).map((m) => m.creditMemoHeader.ThirdPartyRefNo));
	check('credit application', liveApplications(xoro).map((a) => a.ThirdPartyRefNo));
	return found;
}
