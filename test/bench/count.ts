/**
 * Request counts for the bench, taken from the simulators' own request logs (test/simulators/http.ts):
 * every request a simulator answered, faulted or throttled is one entry. The log is emptied before
 * a measured step so the step's entries are exactly what is left after it.
 */
import { performance } from 'node:perf_hooks';
import type { LoggedRequest, SimServer } from '../simulators/http';

/** http.ts keeps this many entries and drops the oldest after: a step must stay under it. */
const LOG_LIMIT = 5000;

export interface Counted<T> {
	result: T;
	/** Requests the step sent to the simulator */
	requests: number;
	/** Of those, answered with anything but HTTP 200 (throttling, faults, errors) */
	notOk: number;
	/** Requests per `method path`, most first, e.g. "GET rma/getrma ×40"; "no requests" when there were none */
	breakdown: string;
	/** Elapsed wall time of the step */
	ms: number;
}

/** Runs `step` and counts the requests it made to `server`. */
export async function counted<T>(server: SimServer, step: () => Promise<T>, pathPrefix = ''): Promise<Counted<T>> {
	server.requests.length = 0;
	const started = performance.now();
	const result = await step();
	const ms = performance.now() - started;
	const log: LoggedRequest[] = [...server.requests];
	if (log.length >= LOG_LIMIT) throw new Error(`the simulator's request log overflowed (${LOG_LIMIT} entries): the step made more requests than it keeps`);
	return { result, requests: log.length, notOk: log.filter((r) => r.status !== 200).length, breakdown: breakdown(log, pathPrefix), ms };
}

function breakdown(log: LoggedRequest[], pathPrefix: string): string {
	const byRoute = new Map<string, number>();
	for (const r of log) {
		const path = r.path.startsWith(pathPrefix) ? r.path.slice(pathPrefix.length) : r.path;
		const key = `${r.method} ${path}`;
		byRoute.set(key, (byRoute.get(key) ?? 0) + 1);
	}
	// A step that sent nothing says so: its row's notes would otherwise read "; ;".
	if (!byRoute.size) return 'no requests';
	return [...byRoute.entries()]
		.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
		.map(([route, n]) => `${route} ×${n}`)
		.join(', ');
}

/** Requests per item, to two decimals (a per-item figure from N items). */
export const perItem = (requests: number, items: number): number => Math.round((requests / items) * 100) / 100;

/** "a ×3, b ×1": how often each key occurs, most first. */
export const tally = (keys: string[]): string =>
	[...keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>()).entries()]
		.sort((a, b) => b[1] - a[1])
		.map(([k, n]) => `${k} ×${n}`)
		.join(', ');
