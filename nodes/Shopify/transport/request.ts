/**
 * One GraphQL query to Shopify: paced by the shop's cost bucket, THROTTLED (HTTP 200 or 429) waited
 * out, retries within a time budget for 5xx, network errors and unreadable bodies, and the answer
 * checked with zod; a query too costly for the bucket is signalled for paging to answer.
 */
import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { z } from 'zod';
import { parseBody } from '../../shared/body';
import { RetryBudget } from '../../shared/retry';
import { envelopeSchema } from '../schemas';
import { SHOPIFY_CREDENTIAL, type ShopifySession } from './connection';
import { errorList, findUserErrors, QueryTooCostly, shopifyError, STATUS_MESSAGES } from './errors';
import { recordCost, throttleWaitMs, waitForBucket } from './pacing';
import { accessDenied } from './scopes';
import { shopifyTransportTuning } from './tuning';

interface Answer {
	status: number;
	body: unknown;
	headers: Record<string, unknown>;
}

interface ThrownResponse {
	status?: number;
	data?: unknown;
	body?: unknown;
	headers?: Record<string, unknown>;
}

/** One query; its data checked against `schema`. */
export async function request<S extends z.ZodTypeAny>(session: ShopifySession, document: string, variables: Record<string, unknown>, schema: S): Promise<z.infer<S>> {
	try {
		return await send(session, document, variables, schema);
	} catch (error) {
		if (error instanceof QueryTooCostly) throw shopifyError(session, error.shopifyMessage, '200');
		// Already a NodeApiError: n8n hands the same instance back.
		throw new NodeApiError(session.ctx.getNode(), error as JsonObject);
	}
}

/**
 * The query with its retries; throws QueryTooCostly for the caller to answer (see `request`).
 * `expectedCost`, the requested cost the caller reckons, paces a query Shopify has not priced yet.
 */
export async function send<S extends z.ZodTypeAny>(
	session: ShopifySession,
	document: string,
	variables: Record<string, unknown>,
	schema: S,
	expectedCost = 0,
): Promise<z.infer<S>> {
	const size = variables.first ?? (Array.isArray(variables.ids) ? variables.ids.length : '');
	const estimateKey = `${document}#${String(size)}`;
	const operation = /(?:query|mutation)\s+(\w+)/.exec(document)?.[1] ?? 'query';
	const failures = new RetryBudget(shopifyTransportTuning);
	const throttled = new RetryBudget({ ...shopifyTransportTuning, retryBudgetMs: shopifyTransportTuning.throttleBudgetMs });
	for (;;) {
		await waitForBucket(session.bucketKey, estimateKey, expectedCost);
		const answer = await post(session, document, variables);
		if (!answer) {
			if (await failures.wait()) continue;
			throw shopifyError(session, `Shopify could not be reached for ${operation} (${failures.retries + 1} attempts)`, undefined);
		}
		const parsed = parseBody(answer.body);
		const envelope = parsed.kind === 'json' ? envelopeSchema.safeParse(parsed.value) : undefined;
		const cost = envelope?.success ? envelope.data.extensions?.cost : undefined;
		recordCost(session.bucketKey, cost, estimateKey);
		const errors = envelope?.success ? errorList(envelope.data.errors) : [];

		if (answer.status === 429 || errors.some((e) => e.extensions?.code === 'THROTTLED')) {
			const requested = cost?.requestedQueryCost ?? 0;
			if (cost?.throttleStatus && requested > cost.throttleStatus.maximumAvailable) {
				throw new QueryTooCostly(`${operation} costs ${requested} points, more than the shop's bucket holds (${cost.throttleStatus.maximumAvailable})`);
			}
			if (await throttled.wait(throttleWaitMs(session.bucketKey, requested, answer.headers, throttled.retries))) continue;
			throw shopifyError(session, `Shopify kept throttling ${operation} after ${throttled.retries} waits`, String(answer.status));
		}
		if (answer.status >= 500 || !envelope?.success) {
			if (await failures.wait()) continue;
			const why = answer.status >= 500 ? `HTTP ${answer.status}` : 'a body that is not Shopify GraphQL JSON';
			throw shopifyError(session, `Shopify answered ${operation} with ${why} ${failures.retries + 1} times`, String(answer.status));
		}
		if (answer.status >= 400) {
			const shopify = errors.map((e) => e.message).join('; ');
			throw shopifyError(session, STATUS_MESSAGES[answer.status] ?? `Shopify refused ${operation} (HTTP ${answer.status})`, String(answer.status), shopify);
		}
		if (errors.length) {
			const tooCostly = errors.find((e) => e.extensions?.code === 'MAX_COST_EXCEEDED');
			if (tooCostly) throw new QueryTooCostly(tooCostly.message.split('\n')[0]);
			if (errors.some((e) => e.extensions?.code === 'ACCESS_DENIED')) throw await accessDenied(session, errors);
			throw shopifyError(session, `Shopify GraphQL error in ${operation}: ${errors.map((e) => e.message).join('; ')}`, '200');
		}
		const data = schema.safeParse(envelope.data.data);
		if (!data.success) {
			const issues = data.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
			throw shopifyError(session, `Shopify answered ${operation} in an unexpected shape (${issues})`, '200');
		}
		const userErrors = findUserErrors(data.data);
		if (userErrors.length) throw shopifyError(session, `Shopify refused ${operation}: ${userErrors.join('; ')}`, '200');
		return data.data;
	}
}

/** The HTTP exchange; undefined when nothing came back (network error, timeout). */
async function post(session: ShopifySession, document: string, variables: Record<string, unknown>): Promise<Answer | undefined> {
	const { ctx } = session;
	try {
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, SHOPIFY_CREDENTIAL, {
			method: 'POST',
			url: session.url,
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			body: { query: document, variables },
			json: true,
			returnFullResponse: true,
			timeout: shopifyTransportTuning.requestTimeoutMs,
		})) as { statusCode: number; body: unknown; headers: Record<string, unknown> };
		return { status: response.statusCode, body: response.body, headers: response.headers ?? {} };
	} catch (error) {
		// Non-2xx answers arrive as errors (n8n renews an expired client-credentials token on 401 first).
		const e = error as { cause?: { response?: ThrownResponse; code?: unknown; message?: string }; response?: ThrownResponse; message?: string };
		const response = e.cause?.response ?? e.response;
		if (response?.status) return { status: response.status, body: response.data ?? response.body, headers: response.headers ?? {} };
		// Network failures carry a code (ECONNRESET, ETIMEDOUT…) and are retried; anything else, such
		// as a refused client-credentials exchange, is final.
		if (typeof e.cause?.code === 'string') return undefined;
		throw shopifyError(session, e.cause?.message ?? e.message ?? 'Shopify request failed', undefined);
	}
}
