/**
 * Every time the package reads or writes, in one place. A stamp is always read in an explicit zone,
 * never the n8n server's (users run n8n in Docker with their own TZ): text that carries an offset keeps
 * it; text without one is read in the zone its service writes in (Loop: UTC; Xoro: the tenant zone
 * set on the Xoro credential, UTC by default; Shopify: always with an offset).
 */
import { DateTime, IANAZone } from 'luxon';

export const UTC = 'utc';

// Xoro writes MM/dd/yyyy, filters MM/dd/yyyy hh:mm:ss AM/PM, and reads 01/01/0001 as "no date".
const XORO_DATE = 'MM/dd/yyyy';
const XORO_DATE_TIME = 'MM/dd/yyyy hh:mm:ss a';
const XORO_READ_FORMATS = [XORO_DATE_TIME, 'MM/dd/yyyy HH:mm:ss', 'M/d/yyyy h:mm:ss a', 'M/d/yyyy H:mm:ss', XORO_DATE, 'M/d/yyyy'];

/** True for an IANA zone name luxon knows (`UTC`, `America/Los_Angeles`). */
export const isTimeZone = (name: string): boolean => IANAZone.isValidZone(name);

/**
 * An ISO 8601 or SQL-style stamp (`2026-11-26T23:30:00Z`, `2026-11-26 23:30:00`), read in `zone` when
 * it has no offset of its own. Undefined when it is not a real date (`2024-02-30`, `"1"`, garbage).
 */
export function parseStamp(value: unknown, zone: string = UTC): DateTime | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : DateTime.fromJSDate(value, { zone: UTC });
	if (DateTime.isDateTime(value)) return value.isValid ? value : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	// A date needs at least year-month-day: luxon would read "1" or "2026" as a whole year.
	if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
	for (const parse of [DateTime.fromISO, DateTime.fromSQL]) {
		const parsed = parse(text, { zone, setZone: true });
		if (parsed.isValid) return parsed;
	}
	return undefined;
}

/** The stamp as a UTC ISO string with milliseconds (sortable as text), or undefined. */
export function toUtcIso(value: unknown, zone: string = UTC): string | undefined {
	return parseStamp(value, zone)?.toUTC().toISO() ?? undefined;
}

/** Milliseconds since the epoch, or NaN when the stamp is not a date. */
export function toMillis(value: unknown, zone: string = UTC): number {
	return parseStamp(value, zone)?.toMillis() ?? Number.NaN;
}

function asDateTime(value: Date | string | DateTime, zone: string, inputZone: string): DateTime {
	const parsed = parseStamp(value, inputZone);
	if (!parsed) throw new RangeError(`"${String(value)}" is not a date`);
	return parsed.setZone(zone);
}

/**
 * A date for a Xoro document, as the tenant's calendar (`zone`) shows it. `inputZone`: the zone of text
 * without an offset, e.g. the workflow's zone for n8n's date picker.
 */
export function toXoroDate(value: Date | string | DateTime, zone: string = UTC, inputZone: string = UTC): string {
	return asDateTime(value, zone, inputZone).toFormat(XORO_DATE);
}

/** A date-time for a Xoro filter, on the tenant's clock (`zone`); `inputZone` as for toXoroDate. */
export function toXoroDateTime(value: Date | string | DateTime, zone: string = UTC, inputZone: string = UTC): string {
	return asDateTime(value, zone, inputZone).toFormat(XORO_DATE_TIME, { locale: 'en-US' });
}

/** Xoro text (no offset: the tenant's zone) → UTC ISO string; 01/01/0001 or unreadable → null. */
export function parseXoroDate(value: unknown, zone: string = UTC): string | null {
	if (typeof value !== 'string' || !value.trim() || value.startsWith('01/01/0001')) return null;
	const text = value.trim();
	for (const format of XORO_READ_FORMATS) {
		const parsed = DateTime.fromFormat(text, format, { zone, locale: 'en-US' });
		if (parsed.isValid) return parsed.toUTC().toISO({ suppressMilliseconds: true });
	}
	return toUtcIso(text, zone)?.replace(/\.000Z$/, 'Z') ?? null;
}
