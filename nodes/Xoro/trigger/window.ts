/**
 * The Xoro Trigger's window read (asnFilters.ts says when it is used): the ASNs closed since the window
 * start, in pages of `asn/getasn?status=Closed&updated_at_min=…`, every row checked against both
 * filters. A closed ASN with an RMA is looked up once per RMA (to tell a Loop return's from others and
 * give its Loop return id); one without (a purchase-order ASN) costs nothing more. So a quiet poll is
 * one request, and each newly closed return ASN one more.
 */
import type { IPollFunctions } from 'n8n-workflow';
import { toXoroDateTime } from '../../shared/dates';
import { getKnownRma, searchAsnsPage } from '../actions/lookups';
import { isLastPage } from '../transport';
import { brokenFilter, MIN_WINDOW_PAGES } from './asnFilters';
import { closedWithin, skipReason, type Found } from './closed';
import { isCancelled, isLoopReturnRma } from './returnRmas';

/** What the RMA of a closed ASN says: its Loop return, or why the ASN is not emitted. */
export type RmaCheck = { loopReturnId: string } | { skipped: string };

/** Where a window read stands between ticks (part of the trigger's saved run). */
export interface WindowPosition {
	/** ISO start of the window */
	since: string;
	/** The page to read next (read again when a tick stopped inside it) */
	page: number;
	/** RMA number → what its check found, in this run */
	rmas: Record<string, RmaCheck>;
	/** First activation: mark what is there as seen, look nothing up */
	silent: boolean;
}

export interface WindowRead {
	found: Found[];
	/** Read through to the last page */
	complete: boolean;
	/** The window cannot be used: a row proved a filter ignored, or it is too large */
	fallback?: string;
}

export async function readWindow(
	ctx: IPollFunctions,
	run: WindowPosition,
	options: { zone: string; source: string; seen: Record<string, string>; pageLimit: number; outOfTime: () => boolean },
): Promise<WindowRead> {
	const { zone, source, pageLimit, outOfTime } = options;
	const since = new Date(run.since);
	const qs = { status: 'Closed', updated_at_min: toXoroDateTime(since, zone) };
	const taken = new Set(Object.keys(options.seen));
	const found: Found[] = [];
	// Each tick reads its page and looks at least one RMA up, so a run always moves on.
	let readAny = false;
	let checkedAny = false;
	for (;;) {
		if (readAny && outOfTime()) return { found, complete: false };
		const { asns, totalPages } = await searchAsnsPage(ctx, qs, run.page);
		readAny = true;
		const broken = brokenFilter(asns, qs.updated_at_min);
		if (broken) return { found, complete: false, fallback: broken };
		if (totalPages > pageLimit) {
			const limit = `more than the ${pageLimit} it may take (at least ${MIN_WINDOW_PAGES}, or what the last per-RMA poll cost)`;
			return { found, complete: false, fallback: `the window of ASNs closed since ${qs.updated_at_min} is ${totalPages} pages, ${limit}` };
		}
		for (const c of closedWithin(asns, since.getTime(), zone)) {
			if (taken.has(c.key)) continue;
			const rmaNumber = c.asn.rmaNumber;
			if (!run.silent && rmaNumber && !run.rmas[rmaNumber]) {
				// Out of time inside the page: the next tick reads it again; what was found is kept (seen).
				if (checkedAny && outOfTime()) return { found, complete: false };
				run.rmas[rmaNumber] = await checkRma(ctx, rmaNumber, source);
				checkedAny = true;
			}
			taken.add(c.key);
			if (run.silent) {
				found.push({ ...c, loopReturnId: null });
				continue;
			}
			const check = rmaNumber ? run.rmas[rmaNumber] : { skipped: skipReason(c.asn) };
			found.push('loopReturnId' in check ? { ...c, loopReturnId: check.loopReturnId } : { ...c, loopReturnId: null, skipped: check.skipped });
		}
		if (isLastPage(run.page, { rows: asns, totalPages })) return { found, complete: true };
		run.page += 1;
	}
}

async function checkRma(ctx: IPollFunctions, rmaNumber: string, source: string): Promise<RmaCheck> {
	const rma = await getKnownRma(ctx, rmaNumber, 0);
	if (!rma) return { skipped: `RMA ${rmaNumber} is not in Xoro` };
	if (isCancelled(rma)) return { skipped: `RMA ${rmaNumber} is cancelled` };
	if (!isLoopReturnRma(rma, source)) return { skipped: `RMA ${rmaNumber} was not made from a Loop return` };
	return { loopReturnId: rma.thirdPartyRefNo! };
}
