/**
 * What a value must be before it is written into a Xoro document (pure): a real date, money that is a
 * finite number (positive where the document needs it), an ISO 4217 currency, text that is text.
 * Each returns the problem in words, or undefined; callers name the field and the item.
 */
import { parseStamp } from './dates';

const ISO_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function currencyProblem(value: unknown): string | undefined {
	if (typeof value !== 'string' || !ISO_CURRENCIES.has(value.trim().toUpperCase())) return `is not an ISO 4217 currency code: ${shown(value)}`;
	return undefined;
}

export function dateProblem(value: unknown): string | undefined {
	return parseStamp(value) ? undefined : `is not a date: ${shown(value)}`;
}

/** A finite number; `positive`: above zero (a memo of 0 or -50 books nothing or the wrong way). */
export function moneyProblem(value: unknown, positive: boolean): string | undefined {
	if (typeof value !== 'number' || !Number.isFinite(value)) return `is not a number: ${shown(value)}`;
	if (positive && value <= 0) return `must be more than 0, not ${value}`;
	if (value < 0) return `must not be negative: ${value}`;
	return undefined;
}

/** Text, or a clear word on what it is instead ("an object" rather than "[object Object]"). */
export function textProblem(value: unknown): string | undefined {
	if (typeof value === 'string') return undefined;
	return `must be text, not ${describe(value)}`;
}

export function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	return `${typeof value === 'number' ? 'a number' : typeof value} ${shown(value)}`;
}

export function shown(value: unknown): string {
	if (typeof value === 'string') return `"${value}"`;
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}

/** The mapped value for `key`, never a property every object inherits ("constructor", "toString"). */
export function lookup(map: Record<string, string>, key: string | null | undefined): string | undefined {
	return key && Object.hasOwn(map, key) ? map[key] : undefined;
}
