/**
 * Listing returns: Loop's 120-day windows, one pass per state (Loop leaves review and cancelled out
 * by default), cursor paging with Loop's quirks, and a position to resume from on a later poll.
 */
import type { IDataObject } from 'n8n-workflow';
import { toMillis } from '../../shared/dates';
import type { LoopReturnState } from '../../mapping/contracts';
import { dateWindows } from '../helpers/windows';
import { listBodySchema } from '../schemas';
import type { LoopContext } from './connection';
import { loopError } from './errors';
import { loopRequest } from './request';
import { loopTransportTuning } from './tuning';

export type LoopDateFilter = 'created_at' | 'updated_at';

export interface LoopListQuery {
	/** ISO datetimes; a missing `to` is now, a missing `from` is `defaultLookbackDays` before `to`. */
	from?: string;
	to?: string;
	filter?: LoopDateFilter;
	/** 'all' adds the review and cancelled passes Loop leaves out by default; [] = Loop's default set. */
	states?: 'all' | LoopReturnState[];
	/** Returns per page; Loop's largest (750) when left out. */
	pageSize?: number;
	itemIndex?: number;
}

/** Where a listing stands: enough to resume it on a later poll. */
export interface LoopListPosition {
	window: number;
	pass: number;
	cursor?: string;
}

export interface LoopPage {
	returns: Array<Record<string, unknown>>;
	/** Where the next page starts; null once the listing is complete. */
	next: LoopListPosition | null;
}

/** Fills in the range and defaults; callers that resume a listing pass explicit from/to. */
function resolveListQuery(query: LoopListQuery) {
	// Callers pass ISO instants; text without an offset is UTC, as Loop writes it.
	const to = new Date(query.to ? toMillis(query.to) : Date.now());
	const from = new Date(query.from ? toMillis(query.from) : to.getTime() - loopTransportTuning.defaultLookbackDays * 86_400_000);
	if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new RangeError(`Invalid date range ${query.from} – ${query.to}`);
	return {
		from: from.toISOString(),
		to: to.toISOString(),
		filter: query.filter ?? 'created_at',
		states: query.states ?? 'all',
		pageSize: Math.max(1, Math.min(loopTransportTuning.maxPageSize, Math.floor(query.pageSize ?? loopTransportTuning.maxPageSize))),
		itemIndex: query.itemIndex,
	};
}

/** One pass per requested state; `undefined` is Loop's default set (open, closed, expired). */
function statePasses(states: 'all' | LoopReturnState[]): Array<LoopReturnState | undefined> {
	if (states === 'all') return [undefined, 'review', 'cancelled'];
	return states.length ? [...new Set(states)] : [undefined];
}

function cursorOf(nextPageUrl: string | null): string | undefined {
	if (!nextPageUrl) return undefined;
	try {
		return new URL(nextPageUrl, 'https://loop.invalid').searchParams.get('cursor') ?? undefined;
	} catch {
		return undefined;
	}
}

/**
 * Pages through the list, window by window and state pass by state pass. Only the cursor is taken
 * from nextPageUrl (Loop's drops from and state); a cursor seen twice in a pass ends it.
 */
export async function* pageReturns(
	ctx: LoopContext,
	query: LoopListQuery,
	start: LoopListPosition = { window: 0, pass: 0 },
): AsyncGenerator<LoopPage> {
	const resolved = resolveListQuery(query);
	if (resolved.from > resolved.to) return;
	const windows = dateWindows(resolved.from, resolved.to, loopTransportTuning.windowDays);
	const passes = statePasses(resolved.states);
	let position: LoopListPosition = { ...start };
	while (position.window < windows.length) {
		const window = windows[position.window];
		const state = passes[position.pass];
		const seenCursors = new Set<string>();
		let cursor = position.cursor;
		for (;;) {
			const qs: IDataObject = {
				paginate: true,
				pageSize: resolved.pageSize,
				from: window.from,
				to: window.to,
				filter: resolved.filter,
			};
			if (state) qs.state = state;
			if (cursor) qs.cursor = cursor;
			const body = await loopRequest(ctx, { method: 'GET', path: '/warehouse/return/list', qs, itemIndex: resolved.itemIndex });
			const parsed = listBodySchema.safeParse(body);
			if (!parsed.success) {
				throw loopError(ctx, {
					message: 'Loop answered the return list with an unexpected body (neither a list nor {returns})',
					httpCode: '200',
					itemIndex: resolved.itemIndex,
				});
			}
			if (cursor) seenCursors.add(cursor);
			const nextCursor = cursorOf(parsed.data.nextPageUrl);
			const more = nextCursor !== undefined && !seenCursors.has(nextCursor) && parsed.data.returns.length > 0;
			const next: LoopListPosition | null = more
				? { window: position.window, pass: position.pass, cursor: nextCursor }
				: position.pass + 1 < passes.length
					? { window: position.window, pass: position.pass + 1 }
					: position.window + 1 < windows.length
						? { window: position.window + 1, pass: 0 }
						: null;
			yield { returns: parsed.data.returns, next };
			if (!next) return;
			position = next;
			if (!more) break;
			cursor = nextCursor;
		}
	}
}

/**
 * Every return the query matches, once each (a return can move state between passes: the copy with
 * the newest updated_at is kept). `keep` turns each body into what the caller holds, page by page as
 * they arrive, so Loop's bodies need not all be in memory at once; should it throw for a body a later
 * pass replaces, that copy is simply dropped, otherwise the first such error is thrown at the end.
 */
export async function listReturns<T = Record<string, unknown>>(
	ctx: LoopContext,
	query: LoopListQuery,
	limit = Number.POSITIVE_INFINITY,
	keep: (body: Record<string, unknown>) => T = (body) => body as T,
): Promise<T[]> {
	const byId = new Map<string, { stamp: string; kept: { value: T } | { error: unknown } }>();
	const held = () => [...byId.values()].map(({ kept }) => {
		if ('error' in kept) throw kept.error;
		return kept.value;
	});
	for await (const page of pageReturns(ctx, query)) {
		for (const loopReturn of page.returns) {
			const id = String(loopReturn.id);
			const stamp = String(loopReturn.updated_at ?? '');
			const known = byId.get(id);
			if (!known || stamp > known.stamp) {
				let kept: { value: T } | { error: unknown };
				try {
					kept = { value: keep(loopReturn) };
				} catch (error) {
					kept = { error };
				}
				byId.set(id, { stamp, kept });
			}
			if (byId.size >= limit) return held();
		}
	}
	return held();
}
