/**
 * One call to Xoro: the HTTP exchange in the credential's pace lane, retries within the time budget
 * (with a re-check before retrying an ambiguous write), and the outage hold after a spent budget.
 */
import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { OutageGuard, RetryBudget } from '../../shared/retry';
import { xoroEndpoint, type XoroEndpointKey } from '../endpoints';
import type { XoroEnvelope } from '../schemas';
import { readAnswer } from './answers';
import { connection, XORO_CREDENTIAL, xoroUrl, type XoroContext, type XoroCredentialData } from './connection';
import { AttemptFailure, describePath, failureError, NOT_ANSWERING, outageError } from './errors';
import { inLane } from './pacing';
import { xoroRetryPolicy } from './tuning';

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

/** Credentials whose last call spent its whole budget on Xoro not answering (this module owns the guard). */
const outages = new OutageGuard(() => xoroRetryPolicy.outageHoldMs);

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
	return readAnswer(response, method, path, creds, options.expectData);
}

/** `method path` until Xoro answers with its envelope, the budget is spent, or `recheck` finds the write applied. */
export async function requestEnvelope(
	ctx: XoroContext,
	method: IHttpRequestMethods,
	path: string,
	options: XoroRequestOptions,
): Promise<{ envelope?: XoroEnvelope; rechecked?: unknown }> {
	const { creds, laneKey, requestsPerSecond } = await connection(ctx);
	try {
		// Checked before the first attempt: a bad base URL or path is refused at once, never retried.
		xoroUrl(creds, path);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, { itemIndex: options.itemIndex });
	}
	const down = outages.reason(laneKey);
	if (down) throw outageError(ctx, down, options.itemIndex);
	const budget = new RetryBudget(xoroRetryPolicy);
	for (;;) {
		try {
			const envelope = await inLane(ctx, laneKey, requestsPerSecond, () => attempt(ctx, creds, method, path, options));
			outages.up(laneKey);
			return { envelope };
		} catch (failure) {
			if (!(failure instanceof AttemptFailure)) {
				throw new NodeApiError(ctx.getNode(), failure as JsonObject, { itemIndex: options.itemIndex });
			}
			if (!failure.retryable || options.once || !(await budget.wait())) {
				if (failure.retryable && !options.once && NOT_ANSWERING.has(failure.kind)) outages.down(laneKey, failure.message);
				throw failureError(ctx, failure, budget.retries, options.itemIndex);
			}
			if (failure.ambiguous && options.recheck) {
				const rechecked = await options.recheck();
				if (rechecked !== undefined) return { rechecked };
			}
		}
	}
}

/** One call to `key`'s endpoint, by the method and path the node's "Endpoint Paths" give it; resolves to `Data` (or what `recheck` found). */
export async function xoroCall(ctx: XoroContext, key: XoroEndpointKey, options: XoroRequestOptions = {}): Promise<unknown> {
	const { method, path } = xoroEndpoint(ctx, key, options.itemIndex);
	const { envelope, rechecked } = await requestEnvelope(ctx, method, path, options);
	return envelope ? envelope.Data : rechecked;
}
