/**
 * Where the window of a createOnceBatch search starts: the batch's documents are looked up and read
 * back by one search of what Xoro made since then, so the window must begin before any of them.
 */
import { parseStamp, toXoroDateTime } from '../../shared/dates';

/**
 * How far before a batch's oldest outside event (a Loop return, a Shopify transaction) the window of
 * the Xoro documents recording them starts. Such a document is made after its event, stamped on the
 * tenant's clock; the event's time is put on that clock by the credential's Time Zone, which is a
 * setting (docs/apis.md §X3.3) and may be wrong by up to 26 hours (UTC−12 to UTC+14). Starting that
 * much earlier keeps every document of the batch inside the window however the zone is set, at the
 * cost of a day's more documents listed.
 */
export const TENANT_ZONE_LEAD_MS = 26 * 3_600_000;

/**
 * The window's start as Xoro filter text on the tenant's clock (`zone`): `leadMs` before the oldest of
 * `stamps` (instants, e.g. ISO text); undefined when there is none or one is not a date.
 */
export function windowSince(stamps: unknown[], zone: string, leadMs = TENANT_ZONE_LEAD_MS): string | undefined {
	const millis = stamps.map((stamp) => parseStamp(stamp)?.toMillis() ?? Number.NaN);
	if (!millis.length || millis.some(Number.isNaN)) return undefined;
	return toXoroDateTime(new Date(Math.min(...millis) - leadMs), zone);
}
