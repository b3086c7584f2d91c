/** Closed ASNs as the Xoro Trigger reads them, whichever way it found them (trigger/window.ts, trigger/returnRmas.ts). */
import { parseXoroDate, toMillis } from '../../shared/dates';
import type { XoroAsn } from '../schemas';

export interface ClosedAsn {
	asn: XoroAsn;
	/** AsnNumber@closedAt: the already-seen key */
	key: string;
	closedAt: string | null;
	closedAtMs: number;
}

export interface Found extends ClosedAsn {
	loopReturnId: string | null;
	/** Why an ASN that is not a Loop return's is not emitted */
	skipped?: string;
}

/** Closed ASNs, with the closing time (or last update when Xoro gives none, on the tenant's clock) at or after `sinceMs`. */
export function closedWithin(asns: XoroAsn[], sinceMs: number | null, zone: string): ClosedAsn[] {
	return asns
		.filter((asn) => asn.status?.toLowerCase() === 'closed')
		.map((asn) => {
			const closedAt = parseXoroDate(asn.closedDate, zone) ?? parseXoroDate(asn.updatedDate, zone);
			return { asn, key: `${asn.asnNumber}@${closedAt ?? ''}`, closedAt, closedAtMs: toMillis(closedAt) };
		})
		.filter((c) => sinceMs === null || !Number.isFinite(c.closedAtMs) || c.closedAtMs >= sinceMs);
}

export function skipReason(asn: XoroAsn): string {
	return asn.rmaNumber
		? `RMA ${asn.rmaNumber} was not made from a Loop return (or is not awaiting receipt)`
		: 'Not a return ASN: it has no RMA (e.g. a purchase-order ASN)';
}
