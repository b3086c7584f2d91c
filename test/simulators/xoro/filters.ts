/** Xoro's list filters as the simulator applies them to its records. */
import { requireText, XoroFailure, type XoroRouteOptions } from './routes';
import { parseXoroText } from './state';

/** True when `value` (Xoro date text) lies within created/updated _min/_max query bounds. */
export function withinDates(query: URLSearchParams, prefix: 'created_at' | 'updated_at', value: string): boolean {
	const at = parseXoroText(value);
	for (const [suffix, test] of [
		['min', (bound: number, t: number) => t >= bound],
		['max', (bound: number, t: number) => t <= bound],
	] as const) {
		const raw = query.get(`${prefix}_${suffix}`);
		if (!raw) continue;
		const bound = parseXoroText(raw);
		if (!bound) throw new XoroFailure(`${prefix}_${suffix} must be MM/dd/yyyy or MM/dd/yyyy hh:mm:ss AM/PM.`, 3);
		if (!at || !test(bound.toMillis(), at.toMillis())) return false;
	}
	return true;
}

export function matches(query: URLSearchParams, param: string, value: string | null | undefined): boolean {
	const wanted = query.get(param);
	return !wanted || (value ?? '').toLowerCase() === wanted.toLowerCase();
}

/** Cancelled, voided and reversed documents: still stored, but no longer in effect. */
export function isCancelled(status: string | null | undefined): boolean {
	return /^(cancel|void|revers)/i.test(status ?? '');
}

/** Whether a read lists a document with this status (see XoroRouteOptions.listCancelled). */
export function listed(query: URLSearchParams, options: XoroRouteOptions, status: string | null | undefined): boolean {
	return options.listCancelled || Boolean(query.get('status')) || !isCancelled(status);
}

/** The document number a cancel body names: under its header key (Xoro's convention) or flat. */
export function numberFromBody(body: Record<string, unknown>, headerKey: string, field: string): string {
	const header = body[headerKey];
	const value = header && typeof header === 'object' && !Array.isArray(header) ? (header as Record<string, unknown>)[field] : body[field];
	return requireText(value, `${headerKey}.${field}`);
}
