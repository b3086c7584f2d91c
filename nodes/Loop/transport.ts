/**
 * The one way to Loop: auth (the credential's `authenticate`), base URL, pacing under Loop's
 * 300 requests/minute per key, retries, cursor paging with Loop's quirks, and error mapping.
 */
import { createHash } from 'node:crypto';
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';
import { parseBody, type ParsedBody } from '../shared/body';
import { RetryBudget } from '../shared/retry';
import type { LoopReturnState } from '../mapping/contracts';
import { loopBaseUrl } from './baseUrl';
import { listBodySchema } from './schemas';
import { dateWindows } from './helpers/windows';
import { toMillis } from '../shared/dates';

export const LOOP_CREDENTIAL = 'loopReturnsApi';

export type LoopContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

/** Timings and limits; tests shrink the delays. */
export const loopTransportTuning = {
	/** Requests per minute per key; Loop allows 300, we stay under it. */
	requestsPerMinute: 280,
	/** Requests that may go out back to back before pacing starts. */
	burst: 10,
	backoffBaseMs: 1000,
	backoffMaxMs: 30_000,
	/**
	 * How long one request may spend backing off from 429 (Loop gives no Retry-After), 5xx, network
	 * errors, timeouts, empty or malformed bodies and 200-with-errors before it fails.
	 */
	retryBudgetMs: 60_000,
	requestTimeoutMs: 30_000,
	/** Loop rejects ranges over 120 days. */
	windowDays: 120,
	/** Without a range Loop silently returns the last 24 hours; we send this much instead. */
	defaultLookbackDays: 120,
};

export interface LoopRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, e.g. /warehouse/return/list */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Process, flag, close, cancel, note: Loop answers refusals with HTTP 200. */
	action?: boolean;
	/** What the call does, for messages: "process return 25044702" */
	label?: string;
	itemIndex?: number;
}

interface LoopFailure {
	message: string;
	httpCode?: string;
	loopCode?: string;
	description?: string;
	itemIndex?: number;
}

/** Thrown for every Loop failure; `context.loopCode` holds Loop's code when it sent one. */
export function loopError(ctx: LoopContext, failure: LoopFailure): NodeApiError {
	const response: JsonObject = { message: failure.message };
	if (failure.httpCode) response.httpCode = failure.httpCode;
	if (failure.loopCode) response.code = failure.loopCode;
	const error = new NodeApiError(ctx.getNode(), response, {
		message: failure.loopCode ? `${failure.message} [${failure.loopCode}]` : failure.message,
		description: failure.description,
		httpCode: failure.httpCode,
		itemIndex: failure.itemIndex,
	});
	if (failure.loopCode) error.context.loopCode = failure.loopCode;
	return error;
}

// ---- pacing: one token bucket per key and base URL, shared by every node in this process ----

interface Bucket {
	tokens: number;
	updatedAt: number;
}
const buckets = new Map<string, Bucket>();

async function takeToken(bucketKey: string): Promise<void> {
	const { requestsPerMinute, burst } = loopTransportTuning;
	const perMs = requestsPerMinute / 60_000;
	const bucket = buckets.get(bucketKey) ?? { tokens: burst, updatedAt: Date.now() };
	buckets.set(bucketKey, bucket);
	for (;;) {
		const now = Date.now();
		bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updatedAt) * perMs);
		bucket.updatedAt = now;
		if (bucket.tokens >= 1) {
			bucket.tokens -= 1;
			return;
		}
		await sleep(Math.ceil((1 - bucket.tokens) / perMs));
	}
}

async function connection(ctx: LoopContext): Promise<{ baseUrl: string; bucketKey: string }> {
	const credentials = await ctx.getCredentials(LOOP_CREDENTIAL);
	// A blank or foreign base URL is refused here, at once: retrying it cannot help.
	const baseUrl = loopBaseUrl(credentials);
	// The key itself never leaves this function: the bucket is keyed by its hash.
	const bucketKey = createHash('sha256').update(`${String(credentials.apiKey)}\n${baseUrl}`).digest('hex');
	return { baseUrl, bucketKey };
}

// ---- one request ----

interface RawAnswer {
	statusCode: number;
	body: unknown;
}

function describeThrown(error: unknown): string {
	const e = error as { code?: string; message?: string };
	// Only the code and message: a thrown HTTP error also carries the request, headers included.
	return [e?.code, e?.message].filter(Boolean).join(': ') || 'unknown error';
}

/** Loop's refusal bodies: {errors:{message,code}}, {message}, {content}, Laravel {message, errors}. */
export function readRefusal(body: unknown): { message: string; code?: string } | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const b = body as Record<string, unknown>;
	const errors = b.errors as Record<string, unknown> | undefined;
	const error = b.error as Record<string, unknown> | undefined;
	const codeOf = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
	if (errors && typeof errors === 'object' && !Array.isArray(errors)) {
		const message =
			(typeof errors.message === 'string' && errors.message) ||
			(typeof b.message === 'string' && b.message) ||
			Object.values(errors).flat().filter((v) => typeof v === 'string').join(' ') ||
			'Loop refused the request';
		return { message, code: codeOf(errors.code) ?? codeOf(b.code) };
	}
	if (error && typeof error === 'object') {
		return { message: String(error.message ?? 'Loop refused the request'), code: codeOf(error.http_code) ?? codeOf(error.code) };
	}
	if (typeof b.message === 'string') return { message: b.message, code: codeOf(b.code) };
	if (typeof b.content === 'string') return { message: b.content, code: codeOf(b.code) };
	return undefined;
}

export async function loopRequest(ctx: LoopContext, request: LoopRequest): Promise<unknown> {
	const { baseUrl, bucketKey } = await connection(ctx);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${request.path}`,
		qs: request.qs,
		body: request.body,
		json: request.body !== undefined,
		// Read the body as text: we want to tell malformed JSON apart ourselves.
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: loopTransportTuning.requestTimeoutMs,
	};
	const where = `${request.method} ${request.path}`;
	const budget = new RetryBudget(loopTransportTuning);
	for (;;) {
		await takeToken(bucketKey);
		let answer: RawAnswer;
		let retryReason: string | undefined;
		let lastError: string | undefined;
		try {
			const full = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, LOOP_CREDENTIAL, { ...options })) as {
				statusCode: number;
				body: unknown;
			};
			const parsed = parseBody(full.body);
			answer = { statusCode: full.statusCode, body: parsed.kind === 'json' ? parsed.value : undefined };
			retryReason = transientAnswer(request, answer, parsed, where);
		} catch (error) {
			// The cause goes to the description: n8n rewrites messages that contain ECONNREFUSED and the like.
			retryReason = `Loop did not answer ${where}`;
			lastError = describeThrown(error);
			answer = { statusCode: 0, body: undefined };
		}

		if (retryReason) {
			if (await budget.wait()) continue;
			throw loopError(ctx, {
				message: `${retryReason}; gave up after ${budget.retries + 1} attempts`,
				description: lastError && `Last error: ${lastError}`,
				httpCode: answer.statusCode ? String(answer.statusCode) : undefined,
				itemIndex: request.itemIndex,
			});
		}
		return interpret(ctx, request, answer, where);
	}
}

/**
 * Why an answer is worth another attempt, if it is: 429, 5xx, a malformed body, an empty body where
 * Loop always sends one (reads), and Loop's "unexpected error" sent with HTTP 200. An action's other
 * 200 refusals are Loop's final word.
 */
function transientAnswer(request: LoopRequest, answer: RawAnswer, parsed: ParsedBody, where: string): string | undefined {
	const { statusCode } = answer;
	if (statusCode === 429) return `Loop kept rate-limiting ${where} (429)`;
	if (statusCode >= 500) {
		const refusal = readRefusal(answer.body);
		return `Loop failed on ${where} (HTTP ${statusCode})${refusal ? `: ${refusal.message}` : ''}`;
	}
	if (statusCode < 200 || statusCode >= 300) return undefined;
	if (parsed.kind === 'malformed') return `Loop answered ${where} with malformed JSON (HTTP ${statusCode})`;
	if (parsed.kind === 'empty' && !request.action) return `Loop answered ${where} with an empty body (HTTP ${statusCode})`;
	const refusal = readRefusal(answer.body);
	const erred = request.action ? refusal?.code === 'UNEXPECTED_ERROR' : hasErrors(answer.body);
	if (refusal && erred) return `Loop answered ${where} with HTTP ${statusCode} and an error: ${refusal.message}`;
	return undefined;
}

/** A read's body that is Loop's error shape, not data: {errors: {...}}. */
function hasErrors(body: unknown): boolean {
	return !!body && typeof body === 'object' && !Array.isArray(body) && typeof (body as { errors?: unknown }).errors === 'object';
}

function interpret(ctx: LoopContext, request: LoopRequest, answer: RawAnswer, where: string): unknown {
	const { statusCode, body } = answer;
	if (statusCode === 401 || statusCode === 403) {
		throw loopError(ctx, {
			message: `Loop refused the API key for ${where} (${statusCode})`,
			description:
				'The key is wrong, revoked, or lacks the Returns scope. In Loop Admin open Tools & integrations > Developer Tools and add the Returns scope to the key.',
			httpCode: String(statusCode),
			loopCode: 'NOT_AUTHORIZED',
			itemIndex: request.itemIndex,
		});
	}
	const what = request.label ? `to ${request.label}` : where;
	if (statusCode >= 400) {
		const refusal = readRefusal(body);
		throw loopError(ctx, {
			message: `Loop refused ${what} (HTTP ${statusCode}): ${refusal?.message ?? 'no reason given'}`,
			httpCode: String(statusCode),
			loopCode: refusal?.code,
			itemIndex: request.itemIndex,
		});
	}
	if (request.action) {
		if (body === true || body === 'true') return true;
		const refusal = readRefusal(body);
		if (refusal) {
			throw loopError(ctx, {
				message: `Loop refused ${what}: ${refusal.message}`,
				httpCode: String(statusCode),
				loopCode: refusal.code ?? refusalCode(refusal.message),
				itemIndex: request.itemIndex,
			});
		}
	}
	return body;
}

/** Loop sends some refusals without a code; name them after the documented ones. */
function refusalCode(message: string): string | undefined {
	if (/flagged|review/i.test(message)) return 'UNPROCESSABLE_FLAGGED_RETURN';
	if (/cannot be processed|cannot be modified/i.test(message)) return 'UNPROCESSABLE_RETURN';
	return undefined;
}

// ---- listing ----

export type LoopDateFilter = 'created_at' | 'updated_at';

export interface LoopListQuery {
	/** ISO datetimes; a missing `to` is now, a missing `from` is `defaultLookbackDays` before `to`. */
	from?: string;
	to?: string;
	filter?: LoopDateFilter;
	/** 'all' adds the review and cancelled passes Loop leaves out by default; [] = Loop's default set. */
	states?: 'all' | LoopReturnState[];
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
		pageSize: Math.max(1, Math.min(750, Math.floor(query.pageSize ?? 250))),
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

/** Every return the query matches, once each (a return can move state between passes). */
export async function listReturns(
	ctx: LoopContext,
	query: LoopListQuery,
	limit = Number.POSITIVE_INFINITY,
): Promise<Array<Record<string, unknown>>> {
	const byId = new Map<string, Record<string, unknown>>();
	for await (const page of pageReturns(ctx, query)) {
		for (const loopReturn of page.returns) {
			const id = String(loopReturn.id);
			const known = byId.get(id);
			if (!known || String(loopReturn.updated_at ?? '') > String(known.updated_at ?? '')) byId.set(id, loopReturn);
			if (byId.size >= limit) return [...byId.values()];
		}
	}
	return [...byId.values()];
}

// ---- single returns and actions ----

export type ReturnLookup = { returnId: string } | { orderId: string } | { orderName: string };

export async function getReturnDetails(ctx: LoopContext, lookup: ReturnLookup, itemIndex?: number): Promise<unknown> {
	const qs: IDataObject =
		'returnId' in lookup ? { return_id: lookup.returnId }
		: 'orderId' in lookup ? { order_id: lookup.orderId }
		: { order_name: lookup.orderName };
	return await loopRequest(ctx, { method: 'GET', path: '/warehouse/return/details', qs, itemIndex });
}

export type ReturnAction = 'process' | 'flag' | 'close' | 'cancel';

export async function returnAction(
	ctx: LoopContext,
	returnId: string,
	action: ReturnAction,
	body?: IDataObject,
	itemIndex?: number,
): Promise<unknown> {
	const path = `/warehouse/return/${encodeURIComponent(returnId)}/${action}`;
	return await loopRequest(ctx, { method: 'POST', path, body, action: true, itemIndex, label: `${action} return ${returnId}` });
}

export async function removeLineItems(ctx: LoopContext, returnId: string, lineItemIds: string[], itemIndex?: number): Promise<unknown> {
	const path = `/warehouse/return/${encodeURIComponent(returnId)}/remove`;
	return await loopRequest(ctx, {
		method: 'POST',
		path,
		qs: { line_item_id: lineItemIds.join(',') },
		action: true,
		itemIndex,
		label: `remove line items ${lineItemIds.join(', ')} from return ${returnId}`,
	});
}

export const NOTE_LIMIT = 255;

export async function addNote(ctx: LoopContext, returnId: string, content: string, itemIndex?: number): Promise<unknown> {
	const path = `/warehouse/return/${encodeURIComponent(returnId)}/note`;
	return await loopRequest(ctx, { method: 'POST', path, body: { content }, action: true, itemIndex, label: `add a note to return ${returnId}` });
}

/** Loop answers 422 NoReturnNotes for a return without notes: that is an empty list. */
export async function getNotes(ctx: LoopContext, returnId: string, itemIndex?: number): Promise<unknown> {
	const path = `/warehouse/return/${encodeURIComponent(returnId)}/notes`;
	try {
		return await loopRequest(ctx, { method: 'GET', path, itemIndex });
	} catch (error) {
		const e = error as NodeApiError;
		if (e.httpCode === '422' && /NoReturnNotes/i.test(`${e.message} ${String(e.context?.loopCode ?? '')}`)) return [];
		throw new NodeApiError(ctx.getNode(), e as unknown as JsonObject, { itemIndex });
	}
}
