/**
 * The one way our nodes talk to Xoro: calls named by endpoint key, so the method and path are always
 * the ones "Advanced: Endpoint Paths" gives (endpoints.ts); Basic auth via the `xoroApi` credential, the
 * {Result, ErrorCode, Message, Data, TotalPages} envelope, page/per_page paging, one request at a
 * time per credential at a configurable pace (in queue mode one pace across all processes), retries
 * within a time budget, and Xoro's date formats.
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
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import { parseBody } from '../shared/body';
import { OutageGuard, RetryBudget, type BackoffTuning } from '../shared/retry';
import { queueMode, reserveShared } from '../shared/sharedPace';
import { relativePath } from '../shared/urls';
import { XORO_DEFAULT_BASE_URL, xoroBaseUrl } from './baseUrl';
import { xoroEndpoint, type XoroEndpointKey } from './endpoints';
import { xoroEnvelopeSchema, type XoroEnvelope } from './schemas';

export type XoroContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export const XORO_CREDENTIAL = 'xoroApi';

export interface XoroRequestOptions {
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	itemIndex?: number;
	/**
	 * Writes: Xoro answering Result:true with no Data is not a confirmed create, so retry it like
	 * throttling (after `recheck`).
	 */
	expectData?: boolean;
	/**
	 * Writes: called before retrying after an ambiguous failure (timeout, HTTP 500, empty answer), when
	 * the first attempt may have been applied. A non-undefined result is returned instead of retrying.
	 */
	recheck?: () => Promise<unknown>;
	/**
	 * Probes (Tenant → Check Endpoints): one attempt, no retries, and a failure does not put the
	 * credential on hold. Xoro answers some unknown paths with HTTP 500 "An error has occurred."
	 * (docs/apis.md §X3.4), which every other call retries for the whole budget: a probe of a wrong
	 * path must report at once, and must not make the next probe fail "not tried".
	 */
	once?: boolean;
}

/**
 * How a call failed, on the thrown error's `context.xoroFailure`, for callers that report rather than
 * fail (Check Endpoints): `route` is HTTP 400/404/405 (no such path or method), `http` any other
 * HTTP error, `notEnvelope` a 2xx that is not Xoro's envelope (its start in `context.xoroAnswer`),
 * `refused` Xoro's envelope with Result false or an ErrorCode (Xoro's Message, if any, in `context.xoroMessage`), `noData` a write answered without data,
 * `outage` not tried (see xoroRetryPolicy.outageHoldMs).
 */
export type XoroFailureKind = 'unreachable' | 'noAnswer' | 'redirect' | 'auth' | 'route' | 'http' | 'notEnvelope' | 'refused' | 'noData' | 'outage';

/** Retry policy; module-level so tests can shrink the delays. */
export const xoroRetryPolicy: BackoffTuning & { outageHoldMs: number } = {
	backoffBaseMs: 800,
	backoffMaxMs: 15_000,
	/**
	 * How long one call may back off from throttling, 5xx, timeouts and unreadable answers (Xoro's
	 * throttle answers come in bursts: a few retries are not enough); also how long a read right after
	 * a write waits for the document to show.
	 */
	retryBudgetMs: 60_000,
	/** After a call spent its whole budget, how long the next calls with the credential fail at once. */
	outageHoldMs: 15_000,
};

const outages = new OutageGuard(() => xoroRetryPolicy.outageHoldMs);
/**
 * Faults that mean Xoro is not answering (timeouts, dropped connections, 5xx, unreadable bodies): only
 * these put the credential on hold. Throttling means Xoro answers but is busy; a hold then would fail
 * the calls the throttle was only delaying (observed in queue mode, where three processes share a key).
 */
const NOT_ANSWERING = new Set<XoroFailureKind>(['noAnswer', 'http', 'notEnvelope']);

interface XoroCredentialData {
	apiKey: string;
	apiSecret: string;
	baseUrl?: string;
	requestsPerSecond?: number;
	timeoutSeconds?: number;
}

/**
 * Per credential within this process: requests run one at a time, `1000/pace` ms apart. In queue mode
 * the start is booked in the queue's Redis instead, so the main and every worker share one pace.
 */
interface PaceLane {
	tail: Promise<void>;
	lastStartedAt: number;
}
const lanes = new Map<string, PaceLane>();

async function inLane<T>(ctx: XoroContext, laneKey: string, requestsPerSecond: number, run: () => Promise<T>): Promise<T> {
	const lane = lanes.get(laneKey) ?? { tail: Promise.resolve(), lastStartedAt: 0 };
	lanes.set(laneKey, lane);
	const previous = lane.tail;
	let release!: () => void;
	lane.tail = new Promise<void>((resolve) => (release = resolve));
	await previous;
	try {
		const gapMs = requestsPerSecond > 0 ? 1000 / requestsPerSecond : 0;
		const sharedWaitMs = gapMs > 0 && queueMode() ? await bookInRedis(ctx, laneKey, gapMs) : undefined;
		const waitMs = sharedWaitMs ?? lane.lastStartedAt + gapMs - Date.now();
		if (waitMs > 0) await sleep(waitMs);
		lane.lastStartedAt = Date.now();
		return await run();
	} finally {
		release();
	}
}

let redisFailureLogged = false;

/** The wait Redis booked; undefined when Redis fails, so this request paces locally (a Xoro call never fails for Redis). */
async function bookInRedis(ctx: XoroContext, laneKey: string, gapMs: number): Promise<number | undefined> {
	try {
		return await reserveShared(laneKey, gapMs);
	} catch (error) {
		if (!redisFailureLogged) {
			redisFailureLogged = true;
			ctx.logger?.warn(
				`Xoro pace: queue mode, but ${(error as Error).message}. Each process paces its own Xoro requests while Redis fails, so Xoro may throttle.`,
			);
		}
		return undefined;
	}
}

/** Why a single attempt failed, and whether another attempt may help. */
class AttemptFailure {
	constructor(
		readonly kind: XoroFailureKind,
		readonly message: string,
		readonly retryable: boolean,
		readonly details: { httpCode?: string; errorCode?: number; description?: string; answer?: string; xoroMessage?: string } = {},
		/** The request may have been applied by Xoro (only matters for writes) */
		readonly ambiguous = false,
	) {}
}

function describePath(method: string, path: string): string {
	return `${method} ${path}`;
}

/** `path` under the credential's base URL; a path that would leave it (a full URL, "//", "..") is refused. */
function xoroUrl(creds: XoroCredentialData, path: string): string {
	const checked = relativePath(path);
	if ('refused' in checked) throw new Error(`The Xoro path "${path}" ${checked.refused}`);
	return `${xoroBaseUrl(creds)}/${checked.path}`;
}

async function attempt(
	ctx: XoroContext,
	creds: XoroCredentialData,
	method: IHttpRequestMethods,
	path: string,
	options: XoroRequestOptions,
): Promise<XoroEnvelope> {
	const request: IHttpRequestOptions = {
		method,
		url: xoroUrl(creds, path),
		qs: options.qs,
		headers: { Accept: 'application/json', ...(options.body ? { 'Content-Type': 'application/json' } : {}) },
		body: options.body,
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		timeout: (creds.timeoutSeconds || 90) * 1000,
	};
	let response: { body: unknown; statusCode: number; headers: IDataObject };
	try {
		response = await ctx.helpers.httpRequestWithAuthentication.call(ctx, XORO_CREDENTIAL, request);
	} catch (error) {
		// n8n wraps axios errors; the cause keeps axios's code and message.
		const cause = (error as { cause?: { code?: string; message?: string } }).cause;
		const code = [(error as { code?: string }).code, cause?.code].filter(Boolean).join(' ');
		const text = [(error as Error).message, cause?.message].filter(Boolean).join(' ');
		if (/ECONNABORTED|ETIMEDOUT/.test(code) || /timeout|connection was aborted/i.test(text)) {
			return Promise.reject(
				new AttemptFailure('noAnswer', `Xoro did not answer ${describePath(method, path)} within ${creds.timeoutSeconds || 90} s`, true, {}, true),
			);
		}
		if (/ECONNRESET|EPIPE|socket hang up/i.test(code + text)) {
			return Promise.reject(new AttemptFailure('noAnswer', `Connection to Xoro dropped on ${describePath(method, path)}`, true, {}, true));
		}
		return Promise.reject(new AttemptFailure('unreachable', `Could not reach Xoro for ${describePath(method, path)}: ${code || text}`, false));
	}

	const status = response.statusCode;
	const raw = typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? '');
	const httpCode = String(status);
	if (status >= 300 && status < 400) {
		return Promise.reject(
			new AttemptFailure('redirect', `Xoro redirected ${describePath(method, path)} (HTTP ${status}), usually to a login page`, false, {
				httpCode,
				description: 'Check the Base URL in the Xoro credential: use https://res.xorosoft.io/api/xerp, not a tenant UI host.',
			}),
		);
	}
	if (status === 401 || status === 403) {
		return Promise.reject(
			new AttemptFailure('auth', `Xoro refused the API key for ${describePath(method, path)} (HTTP ${status})`, false, {
				httpCode,
				description: 'Check the API key and secret of the Xoro credential.',
			}),
		);
	}
	if (status === 400 || status === 404 || status === 405) {
		return Promise.reject(
			new AttemptFailure('route', `Xoro has no ${describePath(method, path)} route (HTTP ${status})`, false, {
				httpCode,
				description:
					'The endpoint path or method is wrong for your Xoro tenant. Set the path from your Xoro API guide under Advanced → Endpoint Paths.',
			}),
		);
	}
	if (status >= 500) {
		return Promise.reject(
			new AttemptFailure('http', `Xoro answered HTTP ${status} to ${describePath(method, path)}: ${messageOf(raw, creds) ?? 'no message'}`, true, {
				httpCode,
				description:
					'Xoro answers "An error has occurred." for transient errors, unknown paths and for API keys without the scope this endpoint needs (ask your Xoro admin for a Private App covering it).',
			}, true),
		);
	}
	if (status < 200 || status >= 300) {
		return Promise.reject(new AttemptFailure('http', `Xoro answered HTTP ${status} to ${describePath(method, path)}`, false, { httpCode, answer: brief(raw, creds) }));
	}
	if (/^\s*</.test(raw)) {
		return Promise.reject(
			new AttemptFailure('notEnvelope', `Xoro answered ${describePath(method, path)} with HTML instead of JSON`, true, {
				httpCode,
				description: 'Possibly a rate limit or an authentication redirect page.',
				answer: brief(raw, creds),
			}),
		);
	}
	const parsed = parseBody(response.body);
	if (parsed.kind !== 'json') {
		const what = parsed.kind === 'empty' ? 'an empty body' : 'a malformed JSON body';
		return Promise.reject(
			new AttemptFailure('notEnvelope', `Xoro answered ${describePath(method, path)} with ${what}`, true, {
				httpCode,
				description: parsed.kind === 'malformed' ? `Body starts with: ${brief(parsed.text, creds, 80)}` : undefined,
				answer: parsed.kind === 'malformed' ? brief(parsed.text, creds) : '(empty body)',
			}, true),
		);
	}
	const envelope = xoroEnvelopeSchema.safeParse(parsed.value);
	if (!envelope.success) {
		return Promise.reject(
			new AttemptFailure('notEnvelope', `Xoro answered ${describePath(method, path)} without its {Result, ErrorCode, Data} envelope`, false, {
				httpCode,
				description: envelope.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
				answer: brief(raw, creds),
			}),
		);
	}
	const body = envelope.data;
	const empty = isEmptyData(body.Data);
	if (body.Result === true && body.ErrorCode === 0) {
		if (options.expectData && empty) {
			return Promise.reject(
				new AttemptFailure('noData', `Xoro accepted ${describePath(method, path)} but returned no data`, true, {}, true),
			);
		}
		return body;
	}
	// Result:false with nothing in Data and no error code is how Xoro throttles: worth a retry.
	const throttled = body.Result !== true && empty && !body.ErrorCode;
	return Promise.reject(
		new AttemptFailure(
			'refused',
			body.Message ? `Xoro: ${body.Message}` : `Xoro rejected ${describePath(method, path)} (Result ${String(body.Result)}, ErrorCode ${body.ErrorCode})`,
			throttled,
			{
				httpCode,
				errorCode: body.ErrorCode,
				description: throttled ? 'Xoro returned Result:false with no data, which usually means throttling.' : undefined,
				xoroMessage: body.Message || undefined,
			},
		),
	);
}

function isEmptyData(data: unknown): boolean {
	return data === null || data === undefined || data === '' || (Array.isArray(data) && data.length === 0);
}

function messageOf(raw: string, creds: XoroCredentialData): string | undefined {
	try {
		const value = JSON.parse(raw) as { Message?: unknown };
		return typeof value.Message === 'string' ? value.Message : undefined;
	} catch {
		return raw ? brief(raw, creds, 80) : undefined;
	}
}

/** The start of an answer for a message, one line, with the credential's key and secret masked. */
function brief(raw: string, creds: XoroCredentialData, max = 120): string {
	const title = /<title[^>]*>([^<]*)<\/title>/i.exec(raw)?.[1]?.trim();
	let text = (title ? `HTML page "${title}"` : raw).replace(/\s+/g, ' ').trim();
	const basic = Buffer.from(`${creds.apiKey}:${creds.apiSecret}`).toString('base64');
	for (const secret of [basic, String(creds.apiSecret ?? ''), String(creds.apiKey ?? '')]) {
		if (secret.length >= 4) text = text.split(secret).join('***');
	}
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

async function requestEnvelope(
	ctx: XoroContext,
	method: IHttpRequestMethods,
	path: string,
	options: XoroRequestOptions,
): Promise<{ envelope?: XoroEnvelope; rechecked?: unknown }> {
	const creds = (await ctx.getCredentials(XORO_CREDENTIAL)) as unknown as XoroCredentialData;
	try {
		// Checked before the first attempt: a bad base URL or path is refused at once, never retried.
		xoroUrl(creds, path);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, { itemIndex: options.itemIndex });
	}
	const laneKey = `${creds.baseUrl || XORO_DEFAULT_BASE_URL}|${createHash('sha256').update(String(creds.apiKey)).digest('hex')}`;
	const pace = creds.requestsPerSecond ?? 2;
	const down = outages.reason(laneKey);
	if (down) {
		const error = new NodeApiError(ctx.getNode(), { message: down } as JsonObject, {
			message: `Xoro is not answering: not tried (${down}, within the last ${Math.round(xoroRetryPolicy.outageHoldMs / 1000)} s)`,
			description: 'Another call with this credential just spent its whole retry budget; this one fails at once so executions do not pile up. Run it again once Xoro answers.',
			itemIndex: options.itemIndex,
		});
		error.context.xoroFailure = 'outage' satisfies XoroFailureKind;
		throw error;
	}
	const budget = new RetryBudget(xoroRetryPolicy);
	for (;;) {
		try {
			const envelope = await inLane(ctx, laneKey, pace, () => attempt(ctx, creds, method, path, options));
			outages.up(laneKey);
			return { envelope };
		} catch (failure) {
			if (!(failure instanceof AttemptFailure)) {
				throw new NodeApiError(ctx.getNode(), failure as JsonObject, { itemIndex: options.itemIndex });
			}
			if (!failure.retryable || options.once || !(await budget.wait())) {
				if (failure.retryable && !options.once && NOT_ANSWERING.has(failure.kind)) outages.down(laneKey, failure.message);
				const tries = budget.retries;
				const retries = tries > 0 ? ` (after ${tries} ${tries === 1 ? 'retry' : 'retries'})` : '';
				const error = new NodeApiError(ctx.getNode(), { message: failure.message, errorCode: failure.details.errorCode ?? null } as JsonObject, {
					message: failure.message + retries,
					description: failure.details.description,
					httpCode: failure.details.httpCode,
					itemIndex: options.itemIndex,
				});
				error.context.xoroFailure = failure.kind;
				if (failure.details.answer !== undefined) error.context.xoroAnswer = failure.details.answer;
				if (failure.details.xoroMessage !== undefined) error.context.xoroMessage = failure.details.xoroMessage;
				throw error;
			}
			if (failure.ambiguous && options.recheck) {
				const rechecked = await options.recheck();
				if (rechecked !== undefined) return { rechecked };
			}
		}
	}
}

/** How the call that threw `error` failed, when the transport threw it (see XoroFailureKind). */
export function xoroFailureOf(error: unknown): { kind: XoroFailureKind; answer?: string; xoroMessage?: string } | undefined {
	const context = (error as { context?: IDataObject } | null)?.context;
	if (!context || typeof context.xoroFailure !== 'string') return undefined;
	const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
	return { kind: context.xoroFailure as XoroFailureKind, answer: text(context.xoroAnswer), xoroMessage: text(context.xoroMessage) };
}

/** One call to `key`'s endpoint, by the method and path the node's "Endpoint Paths" give it; resolves to `Data` (or what `recheck` found). */
export async function xoroCall(ctx: XoroContext, key: XoroEndpointKey, options: XoroRequestOptions = {}): Promise<unknown> {
	const { method, path } = xoroEndpoint(ctx, key, options.itemIndex);
	const { envelope, rechecked } = await requestEnvelope(ctx, method, path, options);
	return envelope ? envelope.Data : rechecked;
}

/**
 * One page (1-based) of a list read from `key`'s endpoint, with the page count Xoro reports. Filters
 * and paging stay in the query string whatever the method: an override changes only what it names.
 */
export async function xoroCallPage(
	ctx: XoroContext,
	key: XoroEndpointKey,
	qs: IDataObject,
	options: { page: number; perPage?: number; itemIndex?: number; once?: boolean },
): Promise<{ rows: IDataObject[]; totalPages: number }> {
	const { method, path } = xoroEndpoint(ctx, key, options.itemIndex);
	const { envelope } = await requestEnvelope(ctx, method, path, {
		qs: { ...qs, page: options.page, per_page: options.perPage ?? 100 },
		itemIndex: options.itemIndex,
		once: options.once,
	});
	const data = envelope?.Data;
	const rows = Array.isArray(data) ? (data as IDataObject[]) : data && typeof data === 'object' ? [data as IDataObject] : [];
	return { rows, totalPages: envelope?.TotalPages ?? 0 };
}

/**
 * All pages of a list read from `key`'s endpoint: page 1.., per_page, until TotalPages or an empty page.
 * No limit here: a limit counts the rows that match the caller's filters (Get Many: readMatching in actions/getMany.ts).
 */
export async function xoroCallAll(
	ctx: XoroContext,
	key: XoroEndpointKey,
	qs: IDataObject = {},
	options: { itemIndex?: number; perPage?: number } = {},
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	for (let page = 1; ; page++) {
		const { rows, totalPages } = await xoroCallPage(ctx, key, qs, { ...options, page });
		results.push(...rows);
		if (rows.length === 0 || page >= totalPages) return results;
	}
}
