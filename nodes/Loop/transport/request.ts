/**
 * One Loop request: auth (the credential's `authenticate`), base URL, a token from the pace bucket
 * before each attempt, and retries within the time budget until Loop gives its final word.
 */
import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { parseBody } from '../../shared/body';
import { RetryBudget } from '../../shared/retry';
import { interpret, transientAnswer, type RawAnswer } from './answers';
import { connection, LOOP_CREDENTIAL, type LoopContext } from './connection';
import { describeThrown, loopError } from './errors';
import { takeToken } from './pacing';
import { loopTransportTuning } from './tuning';

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
