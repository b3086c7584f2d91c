import { toMillis } from '../../shared/dates';

/** Splits [from, to] into consecutive windows of at most `days` days (Loop rejects longer ranges). */
export function dateWindows(from: string, to: string, days: number): Array<{ from: string; to: string }> {
	const start = toMillis(from);
	const end = toMillis(to);
	if (!Number.isFinite(start) || !Number.isFinite(end)) throw new Error(`Invalid date range ${from} – ${to}`);
	const step = days * 86_400_000;
	const windows: Array<{ from: string; to: string }> = [];
	for (let at = start; at < end || windows.length === 0; at += step) {
		windows.push({ from: new Date(at).toISOString(), to: new Date(Math.min(at + step, end)).toISOString() });
	}
	return windows;
}
