/**
 * How the Xoro Trigger finds closed ASNs, and what it has learned of getasn's filters on this tenant.
 *
 * Whether `asn/getasn` honours `status` and `updated_at_min` is unconfirmed (docs/apis.md §X4.4), and a
 * tenant may ignore a read's filters (one ignores every invoice filter, §X4.3). The trigger has two reads:
 * - the window: one `asn/getasn?status=Closed&updated_at_min=<window start>`, one request per quiet
 *   poll (plus a page per 100 ASNs closed in the window). Cheap, but only while Xoro honours both filters.
 * - per RMA: the Loop-return RMAs awaiting receipt, then one ASN read per RMA (returnRmas.ts): bounded by
 *   the returns, whatever getasn does with its filters.
 *
 * Why learned from the answers and kept in static data, not a setting alone: no merchant can be expected
 * to know how their tenant reads these filters, while every answer of the window read shows it: a row
 * that is not Closed, or was last updated before `updated_at_min`, proves a filter ignored. So the trigger
 * starts with the window, checks every row it gets and, on the first proof, reads per RMA and remembers
 * that for the credential (n8n credential id @ base URL; the key itself is never stored) for a day before
 * trying the window again (one request). A window larger than the per-RMA read would cost (a warehouse
 * closing many purchase-order ASNs, or rows without stamps that cannot show the date filter ignored) is
 * answered the same way, so a poll stays bounded by the returns awaiting receipt either way. The
 * trigger's option "Find Closed ASNs" can pin the per-RMA read.
 */
import { DateTime } from 'luxon';
import type { IPollFunctions } from 'n8n-workflow';
import { parseXoroDate, toMillis, UTC } from '../../shared/dates';
import { xoroBaseUrl } from '../baseUrl';
import type { XoroAsn } from '../schemas';
import { XORO_CREDENTIAL } from '../transport';

export type AsnRead = 'window' | 'perRma';

/** What the trigger keeps between polls about the window read, for one credential. */
export interface AsnReadMemory {
	/** n8n credential id @ base URL: another credential starts over with the window */
	for: string;
	read: AsnRead;
	/** Why the per-RMA read: the row that showed a filter ignored, or the window's size */
	reason?: string;
	/** ISO time the per-RMA read was chosen; the window is tried again a day later */
	at?: string;
	/** Requests of the last per-RMA poll (RMA listings + one per RMA): the window is read while it takes fewer pages */
	perRmaCost?: number;
}

export const WINDOW_RETRY_MS = 24 * 3_600_000;
/** A window of up to this many pages (100 closed ASNs each) is always read, whatever the per-RMA read costs. */
export const MIN_WINDOW_PAGES = 5;

export async function credentialKey(ctx: IPollFunctions): Promise<string> {
	const credentials = await ctx.getCredentials(XORO_CREDENTIAL);
	return `${ctx.getNode().credentials?.[XORO_CREDENTIAL]?.id ?? ''}@${xoroBaseUrl(credentials)}`;
}

/** The read a new run uses. `option`: the trigger's "Find Closed ASNs" ('auto' unless pinned). */
export function chooseRead(memory: AsnReadMemory | undefined, key: string, option: string | undefined, nowMs: number): AsnRead {
	if (option === 'perRma') return 'perRma';
	if (!memory || memory.for !== key || memory.read === 'window') return 'window';
	return nowMs - toMillis(memory.at) < WINDOW_RETRY_MS ? 'perRma' : 'window';
}

/** The most pages the window may take before the per-RMA read is the cheaper one. */
export function windowPageLimit(memory: AsnReadMemory | undefined, key: string): number {
	return Math.max(MIN_WINDOW_PAGES, memory?.for === key ? (memory.perRmaCost ?? 0) : 0);
}

const DATE_ONLY = /^\d{1,2}\/\d{1,2}\/\d{4}$/;
/** Xoro text as its wall clock, compared as Xoro compares its filters (no zone, so no DST ambiguity). */
const wallClock = (text: string | null | undefined): number => toMillis(parseXoroDate(text, UTC));

/**
 * The first row that proves getasn ignored `status=Closed` or `updated_at_min`, as a sentence; undefined
 * when every row keeps both. A row without an update stamp proves nothing; a date-only stamp is held
 * to the filter's day.
 */
export function brokenFilter(asns: XoroAsn[], updatedAtMin: string): string | undefined {
	const bound = wallClock(updatedAtMin);
	const boundDay = DateTime.fromMillis(bound, { zone: UTC }).startOf('day').toMillis();
	for (const asn of asns) {
		if (asn.status?.toLowerCase() !== 'closed') {
			return `asn/getasn answered ${asn.asnNumber} (status ${asn.status ?? 'none'}) to status=Closed`;
		}
		const updated = asn.updatedDate?.trim() ?? '';
		if (wallClock(updated) < (DATE_ONLY.test(updated) ? boundDay : bound)) {
			return `asn/getasn answered ${asn.asnNumber} (last updated ${updated}) to updated_at_min=${updatedAtMin}`;
		}
	}
	return undefined;
}
