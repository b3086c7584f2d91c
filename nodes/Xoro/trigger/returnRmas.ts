/**
 * The RMAs the Xoro Trigger watches when it reads per RMA (asnFilters.ts says when): those made from a
 * Loop return (ThirdPartyRefNo = the Loop return ID, ThirdPartySource = the RMA node's "Third-Party
 * Source", "Loop" by default) that still await receipt, or changed within the trigger's window. The
 * trigger then looks up the ASNs of these RMAs only, so a poll costs three RMA reads plus one ASN read
 * per return awaiting receipt, however large Xoro's ASN table is and whether or not getasn honours its
 * status and date filters. The window read tells a Loop return's RMA the same way (isLoopReturnRma).
 */
import type { IPollFunctions } from 'n8n-workflow';
import { parseXoroDate, toMillis, toXoroDateTime } from '../../shared/dates';
import { searchRmas } from '../actions/lookups';
import type { XoroRma } from '../schemas';

/** An RMA to check, as the trigger keeps it between ticks. */
export interface WatchedRma {
	rmaNumber: string;
	loopReturnId: string;
	/** Xoro's UpdatedDate text: a settled RMA is checked again only once this changes */
	updated: string;
}

/** Open and Approved RMAs have not been received yet (Xoro: Open → Approved → Credited). */
const AWAITING_RECEIPT = ['Open', 'Approved'];
const isAwaiting = (rma: XoroRma) => AWAITING_RECEIPT.some((s) => s.toLowerCase() === rma.status?.toLowerCase());
export const isCancelled = (rma: XoroRma) => /^(cancel|void)/i.test(rma.status ?? '');

/** True when the RMA was created from a Loop return by this package (or carries no source at all). */
export function isLoopReturnRma(rma: XoroRma, source: string): boolean {
	return Boolean(rma.thirdPartyRefNo) && (!rma.thirdPartySource || rma.thirdPartySource.toLowerCase() === source.toLowerCase());
}

/** Loop-return RMAs awaiting receipt or updated since `since` (ms), each once. */
export async function watchedRmas(ctx: IPollFunctions, since: number, zone: string, source: string): Promise<WatchedRma[]> {
	const awaiting: XoroRma[] = [];
	for (const status of AWAITING_RECEIPT) awaiting.push(...(await searchRmas(ctx, { status }, 0)));
	// Filters are applied again here, in case Xoro ignores them.
	const changed = (await searchRmas(ctx, { updated_at_min: toXoroDateTime(new Date(since), zone) }, 0)).filter((rma) => {
		const at = toMillis(parseXoroDate(rma.updatedDate, zone));
		return Number.isNaN(at) || at >= since;
	});
	const watched = new Map<string, WatchedRma>();
	for (const rma of [...awaiting.filter(isAwaiting), ...changed]) {
		if (!rma.rmaNumber || isCancelled(rma) || !isLoopReturnRma(rma, source)) continue;
		watched.set(rma.rmaNumber, { rmaNumber: rma.rmaNumber, loopReturnId: rma.thirdPartyRefNo!, updated: rma.updatedDate ?? '' });
	}
	return [...watched.values()];
}
