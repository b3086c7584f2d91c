/**
 * Loop Returns on loopback: the /warehouse/return endpoints the nodes use, stateful and with Loop's
 * documented quirks (docs/apis.md §L2–§L4): X-Authorization keys with scopes, cursor
 * paging whose nextPageUrl drops from/state, the 24-hour default window, 422 beyond 120 days, the
 * default state set, process queued then closed, HTTP-200 refusals, notes ≤ 255, 300/min → 429.
 */
import { serve, type SimRequest, type SimResponse, type SimServer } from '../http';
import type { Scenario, ScenarioOutcome, ScenarioReturnLine } from '../scenario';
import type { LoopReturnProcessed } from '../events';
import {
	exchangeOrderName,
	lineValue,
	outcomeLines,
	renderReturn,
	type SimNote,
	type SimReturn,
	type SimState,
} from './render';
import { orderById } from '../scenario';
import { routeMatcher, type SimRoute } from '../routeTable';

/**
 * The routes served below the base URL (`/api/{version}`), each with its status in docs/apis.md: every
 * one is in Loop's public API reference (§L2.1 list, §L2.2 details, §L2.3 process, §L2.4 the others).
 * The handler dispatches on this table, so a route not listed here is not served.
 */
export const LOOP_ROUTES = {
	list: { method: 'GET', path: '/warehouse/return/list', status: 'CONFIRMED' },
	details: { method: 'GET', path: '/warehouse/return/details', status: 'CONFIRMED' },
	process: { method: 'POST', path: '/warehouse/return/{id}/process', status: 'CONFIRMED' },
	flag: { method: 'POST', path: '/warehouse/return/{id}/flag', status: 'CONFIRMED' },
	close: { method: 'POST', path: '/warehouse/return/{id}/close', status: 'CONFIRMED' },
	cancel: { method: 'POST', path: '/warehouse/return/{id}/cancel', status: 'CONFIRMED' },
	remove: { method: 'POST', path: '/warehouse/return/{id}/remove', status: 'CONFIRMED' },
	note: { method: 'POST', path: '/warehouse/return/{id}/note', status: 'CONFIRMED' },
	notes: { method: 'GET', path: '/warehouse/return/{id}/notes', status: 'CONFIRMED' },
} as const satisfies Record<string, SimRoute>;

type ReturnAction = Exclude<keyof typeof LOOP_ROUTES, 'list' | 'details' | 'notes'>;

const routeOf = routeMatcher(LOOP_ROUTES, '/api/{version}');

export interface LoopSimulatorOptions {
	scenario: Scenario;
	port?: number;
	onProcessed?: (event: LoopReturnProcessed) => void;
	/** API key → scopes; default: 'loop-test-key' with returns, 'loop-noscope-key' with orders only */
	keys?: Record<string, string[]>;
	/** How long a processed return stays open ("queued") before it closes; default 200 ms */
	processDelayMs?: number;
	/** Requests per key per window before 429; default 300 per 60 s */
	rateLimit?: { requests: number; windowMs: number };
	/** Notes body: Gladly's bare array or the spec's {notes: [...]}; default 'array' */
	notesShape?: 'array' | 'wrapped';
	/** The simulator's clock; default the real one */
	now?: () => Date;
	faultSeed?: number;
	/** Return stamps without an offset (`2026-11-26 23:30:00`, UTC), as Loop writes some; default +00:00 */
	offsetlessStamps?: boolean;
}

export interface NewReturn {
	id?: string;
	orderId: string;
	state?: SimState;
	outcome?: ScenarioOutcome;
	createdAt?: string;
	updatedAt?: string;
	lines: ScenarioReturnLine[];
}

export interface LoopSimulator extends SimServer {
	/** The base URL a credential uses: `${url}/api/v1` */
	baseUrl: string;
	addReturn(ret: NewReturn): SimReturn;
	/** Loop processes the return on its own (e.g. on a carrier scan): queued, then closed with its outcomes */
	loopProcesses(id: string): void;
	/** Changes a return and bumps updated_at (strictly later than before) */
	updateReturn(id: string, changes: Partial<Pick<SimReturn, 'state' | 'outcome' | 'lines'>>): SimReturn;
	getReturn(id: string): SimReturn | undefined;
	/** The return as Loop's details endpoint shows it */
	renderReturn(id: string): Record<string, unknown>;
	notes(id: string): SimNote[];
	processedEvents: LoopReturnProcessed[];
	setNotesShape(shape: 'array' | 'wrapped'): void;
}

const STATES: SimState[] = ['open', 'closed', 'cancelled', 'expired', 'review'];
const DEFAULT_STATES: SimState[] = ['open', 'closed', 'expired'];
const DAY = 86_400_000;

const unauthorized = (): SimResponse => ({
	status: 401,
	body: { error: { code: '401', http_code: 'GEN-UNAUTHORIZED', message: 'Unauthorized.' } },
});
const notFound = (what: string): SimResponse => ({ status: 404, body: { errors: { message: `${what} not found.`, code: 'NOT_FOUND' } } });
const invalid = (field: string, code: string, message: string): SimResponse => ({
	status: 422,
	body: { message: 'The given data was invalid.', errors: { [field]: [message], code } },
});
const refused = (message: string, code?: string): SimResponse => ({ status: 200, body: { errors: code ? { message, code } : { message } } });

/** "2023-01-01 00:00:00" (UTC) or ISO-8601; undefined when unparseable. */
function parseLoopDate(value: string): number | undefined {
	const text = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
	const ms = Date.parse(text);
	return Number.isFinite(ms) ? ms : undefined;
}

const encodeCursor = (field: string, stamp: string, id: string) =>
	Buffer.from(JSON.stringify({ [field]: stamp, id: Number(id), _pointsToNextItems: true })).toString('base64url');

function decodeCursor(cursor: string, field: string): { stamp: string; id: number } | undefined {
	try {
		const data = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
		return typeof data[field] === 'string' && typeof data.id === 'number' ? { stamp: data[field], id: data.id } : undefined;
	} catch {
		return undefined;
	}
}

export async function startLoopSimulator(options: LoopSimulatorOptions): Promise<LoopSimulator> {
	const { scenario } = options;
	const now = options.now ?? (() => new Date());
	const keys = options.keys ?? { 'loop-test-key': ['returns'], 'loop-noscope-key': ['orders'] };
	const processDelayMs = options.processDelayMs ?? 200;
	const rateLimit = options.rateLimit ?? { requests: 300, windowMs: 60_000 };
	let notesShape = options.notesShape ?? 'array';
	const returns = new Map<string, SimReturn>();
	const hits = new Map<string, number[]>();
	const timers = new Set<NodeJS.Timeout>();
	const processedEvents: LoopReturnProcessed[] = [];
	let noteIds = 2825500;
	let nextId = 27000000;

	for (const r of scenario.returns) {
		returns.set(r.id, { ...r, lines: r.lines.map((l) => ({ ...l })), notes: [] });
	}

	const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
	/** updated_at moves forward by at least a second: Loop stamps have second precision. */
	function touch(ret: SimReturn) {
		const previous = Date.parse(ret.updatedAt);
		ret.updatedAt = iso(Math.max(now().getTime(), previous + 1000));
	}

	function settle(ret: SimReturn) {
		if (ret.closesAt === undefined || now().getTime() < ret.closesAt) return;
		ret.closesAt = undefined;
		if (ret.state !== 'open') return;
		ret.state = 'closed';
		touch(ret);
		const order = orderById(scenario, ret.orderId);
		const event: LoopReturnProcessed = {
			returnId: ret.id,
			orderId: ret.orderId,
			orderName: order.name,
			outcome: ret.outcome,
			amount: Math.round(lineValue(scenario, ret) * 100) / 100,
			currency: scenario.shop.currency,
			customerEmail: order.customerEmail,
			returnedLines: outcomeLines(scenario, ret.lines.map((l) => l.variantId)),
			exchangeLines:
				ret.outcome === 'exchange'
					? outcomeLines(scenario, ret.lines.flatMap((l) => (l.exchangeVariantId ? [l.exchangeVariantId] : [])))
					: [],
			additionalDetails: ret.additionalDetails ?? {},
			exchangeOrderName: exchangeOrderName(scenario, ret),
		};
		processedEvents.push(event);
		options.onProcessed?.(event);
	}
	const settleAll = () => returns.forEach(settle);

	function queueProcessing(ret: SimReturn, details: Record<string, string>) {
		ret.additionalDetails = details;
		ret.closesAt = now().getTime() + processDelayMs;
		const timer = setTimeout(() => {
			timers.delete(timer);
			settle(ret);
		}, processDelayMs + 5);
		timer.unref();
		timers.add(timer);
	}

	function rateLimited(key: string): boolean {
		const at = Date.now();
		const recent = (hits.get(key) ?? []).filter((t) => at - t < rateLimit.windowMs);
		hits.set(key, recent);
		if (recent.length >= rateLimit.requests) return true;
		recent.push(at);
		return false;
	}

	function list(req: SimRequest): SimResponse {
		const q = req.query;
		const filter = q.get('filter') ?? 'created_at';
		if (filter !== 'created_at' && filter !== 'updated_at') return invalid('filter', 'InvalidFilter', 'The selected filter is invalid.');
		const state = q.get('state');
		if (state && !STATES.includes(state as SimState)) return invalid('state', 'InvalidState', 'The selected state is invalid.');
		const fromText = q.get('from');
		const toText = q.get('to');
		const from = fromText ? parseLoopDate(fromText) : undefined;
		const to = toText ? parseLoopDate(toText) : undefined;
		if (fromText && from === undefined) return invalid('from', 'InvalidFromDate', 'The from is not a valid date.');
		if (toText && to === undefined) return invalid('to', 'InvalidToDate', 'The to is not a valid date.');
		// Neither → the last 24 hours; only `to` → the 24 hours before it; only `from` → up to now.
		const end = to ?? now().getTime();
		const start = from ?? end - DAY;
		if (end - start > 120 * DAY) return invalid('from', 'InvalidFromDate', 'The date range may not exceed 120 days.');
		const pageSize = Math.min(750, Math.max(1, Number(q.get('pageSize') ?? 100) || 100));
		const states = state ? [state as SimState] : DEFAULT_STATES;
		const field = filter === 'created_at' ? 'createdAt' : 'updatedAt';

		const matching = [...returns.values()]
			.filter((r) => states.includes(r.state))
			.filter((r) => {
				const stamp = Date.parse(r[field]);
				return stamp >= start && stamp <= end;
			})
			.sort((a, b) => Date.parse(a[field]) - Date.parse(b[field]) || Number(a.id) - Number(b.id));

		if (q.get('paginate') !== 'true') return { status: 200, body: matching.map((r) => renderReturn(scenario, r, 'list', options.offsetlessStamps)) };

		const cursorText = q.get('cursor');
		let rest = matching;
		if (cursorText) {
			const cursor = decodeCursor(cursorText, filter);
			if (!cursor) return invalid('cursor', 'InvalidCursor', 'The cursor is invalid.');
			const after = Date.parse(cursor.stamp);
			rest = matching.filter((r) => {
				const stamp = Date.parse(r[field]);
				return stamp > after || (stamp === after && Number(r.id) > cursor.id);
			});
		}
		const page = rest.slice(0, pageSize);
		let nextPageUrl: string | null = null;
		if (rest.length > pageSize) {
			const last = page[page.length - 1];
			// As in Loop's docs: `to`, `filter`, `pageSize` and the cursor survive; `from` and `state` do not.
			const next = new URLSearchParams();
			if (toText) next.set('to', toText);
			next.set('filter', filter);
			next.set('pageSize', String(pageSize));
			next.set('cursor', encodeCursor(filter, last[field], last.id));
			nextPageUrl = `${sim.url}${req.path}?${next.toString()}`;
		}
		return { status: 200, body: { returns: page.map((r) => renderReturn(scenario, r, 'list', options.offsetlessStamps)), nextPageUrl, previousPageUrl: null } };
	}

	function details(req: SimRequest): SimResponse {
		const q = req.query;
		const all = [...returns.values()];
		const latest = (list: SimReturn[]) => list.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)).at(-1);
		let found: SimReturn | undefined;
		if (q.get('return_id')) found = returns.get(q.get('return_id')!);
		else if (q.get('order_id')) found = latest(all.filter((r) => r.orderId === q.get('order_id')));
		else if (q.get('order_name')) {
			const name = q.get('order_name')!;
			found = latest(
				all.filter((r) => {
					const order = orderById(scenario, r.orderId);
					return order.name === name || order.name === `#${name}`;
				}),
			);
		} else return invalid('return_id', 'InvalidRequest', 'One of return_id, order_id or order_name is required.');
		if (!found) return notFound('Return');
		return { status: 200, body: renderReturn(scenario, found, 'details', options.offsetlessStamps) };
	}

	function processReturn(ret: SimReturn, body: unknown): SimResponse {
		if (ret.closesAt !== undefined) return { status: 200, body: true };
		switch (ret.state) {
			case 'closed':
				return refused('Return is closed and therefore cannot be processed.', 'UNPROCESSABLE_RETURN');
			case 'review':
				// Loop's documented refusal names the state "open" even though the return is flagged.
				return refused('Return is open and therefore cannot be processed.', 'UNPROCESSABLE_FLAGGED_RETURN');
			case 'cancelled':
			case 'expired':
				return { status: 200, body: { message: `Return is ${ret.state} and therefore cannot be processed.` } };
		}
		const details: Record<string, string> = {};
		if (body && typeof body === 'object' && !Array.isArray(body)) {
			for (const [k, v] of Object.entries(body)) details[k] = typeof v === 'string' ? v : JSON.stringify(v);
		}
		queueProcessing(ret, details);
		return { status: 200, body: true };
	}

	function action(req: SimRequest, ret: SimReturn, verb: ReturnAction): SimResponse {
		switch (verb) {
			case 'process':
				return processReturn(ret, req.body);
			case 'flag':
				if (ret.state !== 'open' || ret.closesAt !== undefined) {
					return refused(`Return is ${ret.state === 'review' ? 'already flagged' : ret.state} and cannot be flagged.`, 'UnprocessableStateReturn');
				}
				ret.state = 'review';
				touch(ret);
				return { status: 200, body: 'true' };
			case 'close':
				if (ret.state !== 'open' && ret.state !== 'review') {
					return refused(`Return is ${ret.state} and therefore cannot be closed.`, 'UNPROCESSABLE_RETURN');
				}
				ret.state = 'closed';
				ret.closesAt = undefined;
				touch(ret);
				return { status: 200, body: 'true' };
			case 'cancel':
				if (ret.state === 'review') return { status: 200, body: { content: 'Return is flagged and cannot be processed.' } };
				if (ret.state !== 'open' || ret.closesAt !== undefined) {
					return { status: 200, body: { content: `Return is ${ret.state} and cannot be processed.` } };
				}
				ret.state = 'cancelled';
				touch(ret);
				return { status: 200, body: 'true' };
			case 'remove': {
				const ids = (req.query.get('line_item_id') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
				if (!ids.length) return { status: 422, body: { message: 'The line item id field is required.', errors: { line_item_id: ['The line item id field is required.'] } } };
				if (ret.state !== 'open' || ret.closesAt !== undefined) return { status: 422, body: { message: 'Return cannot be modified.' } };
				if (ret.outcome === 'exchange') return { status: 422, body: { message: 'There are no line items that qualify for removal' } };
				if (!ids.every((id) => ret.lines.some((l) => l.lineItemId === id))) {
					return { status: 422, body: { message: 'Not all line items qualify for removal' } };
				}
				ret.lines = ret.lines.filter((l) => !ids.includes(l.lineItemId));
				touch(ret);
				queueProcessing(ret, {});
				return { status: 200, body: true };
			}
			case 'note': {
				const content = (req.body as { content?: unknown } | undefined)?.content;
				// Laravel's max:255 counts code points (mb_strlen): an emoji is one character.
				if (typeof content !== 'string' || !content.trim() || [...content].length > 255) {
					return { status: 422, body: { errors: { message: 'Content is required and must be less than 255 characters.' } } };
				}
				ret.notes.push({ id: ++noteIds, content, created_at: new Date(now()).toISOString().replace('T', ' ').slice(0, 19) });
				return { status: 200, body: 'true' };
			}
		}
		return notFound('Route');
	}

	function handle(req: SimRequest): SimResponse {
		const key = req.headers['x-authorization'];
		if (typeof key !== 'string' || !(key in keys)) return unauthorized();
		if (rateLimited(key)) return { status: 429, body: { message: 'Too Many Attempts.' } };
		// Loop documents that a valid key without the scope gets 401 as well.
		if (!keys[key].includes('returns')) return unauthorized();
		settleAll();

		const route = routeOf(req.method, req.path);
		if (!route) return notFound('Route');
		if (route.key === 'list') return list(req);
		if (route.key === 'details') return details(req);
		const ret = returns.get(route.params.id);
		if (!ret) return notFound('Return');
		if (route.key === 'notes') {
			if (!ret.notes.length) return { status: 422, body: { message: 'NoReturnNotes', errors: { code: 'NoReturnNotes', message: 'This return has no notes.' } } };
			return { status: 200, body: notesShape === 'array' ? ret.notes : { notes: ret.notes } };
		}
		return action(req, ret, route.key);
	}

	const sim = await serve({
		handler: handle,
		port: options.port,
		faultSeed: options.faultSeed,
		responders: {
			rateLimit: () => ({ status: 429, body: { message: 'Too Many Attempts.' } }),
			serverError: () => ({ status: 500, body: { errors: { message: 'An unexpected error occurred.', code: 'UNEXPECTED_ERROR' } } }),
			empty: () => ({ status: 200, raw: '' }),
			errorAt200: () => ({ status: 200, body: { errors: { message: 'An unexpected error occurred.', code: 'UNEXPECTED_ERROR' } } }),
		},
		state: () => ({ returns: [...returns.values()], processedEvents }),
	});

	const mustGet = (id: string) => {
		const ret = returns.get(id);
		if (!ret) throw new Error(`the Loop simulator has no return ${id}`);
		return ret;
	};

	return {
		...sim,
		baseUrl: `${sim.url}/api/v1`,
		processedEvents,
		close: async () => {
			for (const timer of timers) clearTimeout(timer);
			await sim.close();
		},
		addReturn(input) {
			const stamp = iso(now().getTime());
			const ret: SimReturn = {
				id: input.id ?? String(nextId++),
				orderId: input.orderId,
				state: input.state ?? 'open',
				outcome: input.outcome ?? 'credit',
				createdAt: input.createdAt ?? stamp,
				updatedAt: input.updatedAt ?? input.createdAt ?? stamp,
				lines: input.lines,
				notes: [],
			};
			orderById(scenario, ret.orderId);
			returns.set(ret.id, ret);
			return ret;
		},
		loopProcesses(id) {
			const ret = mustGet(id);
			if (ret.state !== 'open' || ret.closesAt !== undefined) throw new Error(`the Loop simulator cannot process return ${id} (${ret.state})`);
			queueProcessing(ret, {});
		},
		updateReturn(id, changes) {
			const ret = mustGet(id);
			Object.assign(ret, changes);
			touch(ret);
			return ret;
		},
		getReturn(id) {
			const ret = returns.get(id);
			if (ret) settle(ret);
			return ret;
		},
		renderReturn: (id) => renderReturn(scenario, mustGet(id), 'details', options.offsetlessStamps),
		notes: (id) => mustGet(id).notes,
		setNotesShape(shape) {
			notesShape = shape;
		},
	};
}

