/**
 * The one way to Shopify's Admin GraphQL API: auth (the credential's `authenticate` and
 * pre-authentication), cost-aware pacing from `extensions.cost.throttleStatus`, THROTTLED (HTTP 200
 * or 429) waited out, MAX_COST_EXCEEDED answered with smaller pages, retries within a time budget for 5xx,
 * network errors and unreadable bodies, cursor paging, zod checks, and Shopify's errors as
 * NodeApiError. Nothing here ever puts a token or secret into a message.
 */
import type { IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';
import type { z } from 'zod';
import { parseBody } from '../shared/body';
import { backoffMs, RetryBudget } from '../shared/retry';
import { graphqlUrl, REQUIRED_SCOPES, type ShopifyConnectionSettings } from './helpers/shop';
import { ACCESS_SCOPES, BULK_RUN, BULK_STATUS } from './queries';
import {
	accessScopesSchema,
	bulkRunSchema,
	bulkStatusSchema,
	envelopeSchema,
	type Connection,
	type GraphqlError,
	type QueryCost,
	type ThrottleStatus,
} from './schemas';

export const SHOPIFY_CREDENTIAL = 'shopifyAdminGraphqlApi';

export type ShopifyContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

/** Limits and delays; tests shrink the delays. */
export const shopifyTransportTuning = {
	backoffBaseMs: 500,
	backoffMaxMs: 15_000,
	/** How long one query may back off from 5xx, network errors and empty or unreadable bodies. */
	retryBudgetMs: 60_000,
	/** How long one query may wait out THROTTLED answers (the bucket refills in seconds). */
	throttleBudgetMs: 5 * 60_000,
	requestTimeoutMs: 60_000,
	/** Shopify's ceiling for first/last. */
	maxPageSize: 250,
	/** Bulk operations: how often to ask whether the file is ready, and for how long. */
	bulkPollMs: 2_000,
	bulkMaxWaitMs: 30 * 60_000,
};

// ---- pacing: what the last answer said about the shop's bucket, per shop and credential ----

interface BucketReading {
	status: ThrottleStatus;
	at: number;
}
const readings = new Map<string, BucketReading>();
/** Requested cost last seen per document and page size: the estimate for the next such query. */
const costEstimates = new Map<string, number>();

function availableNow(reading: BucketReading): number {
	const { maximumAvailable, currentlyAvailable, restoreRate } = reading.status;
	return Math.min(maximumAvailable, currentlyAvailable + ((Date.now() - reading.at) / 1000) * restoreRate);
}

function msUntilAvailable(reading: BucketReading | undefined, points: number): number {
	if (!reading || reading.status.restoreRate <= 0) return 0;
	const missing = points - availableNow(reading);
	return missing > 0 ? Math.ceil((missing / reading.status.restoreRate) * 1000) : 0;
}

/** Raised inside the transport when a page costs more than Shopify allows; paging halves the page. */
class QueryTooCostly extends Error {
	constructor(readonly shopifyMessage: string) {
		super(shopifyMessage);
	}
}

interface Answer {
	status: number;
	body: unknown;
	headers: Record<string, unknown>;
}

function errorList(errors: unknown): GraphqlError[] {
	if (Array.isArray(errors)) return errors as GraphqlError[];
	if (typeof errors === 'string') return [{ message: errors }];
	if (errors && typeof errors === 'object') {
		return Object.entries(errors).map(([key, value]) => ({ message: `${key}: ${String(value)}` }));
	}
	return [];
}

const STATUS_MESSAGES: Record<number, string> = {
	400: 'Shopify refused the request as malformed (400)',
	401: 'Shopify rejected the credentials (401): check the access token, or the client ID and secret',
	402: 'The shop is frozen: its bill is unpaid (402)',
	403: 'The app is not allowed to do this (403): check its access scopes',
	404: 'No such shop or API version (404): check the shop and the API version in the credential',
	423: 'The shop is locked (423)',
};

export class ShopifyGraphql {
	private constructor(
		private readonly ctx: ShopifyContext,
		readonly url: string,
		private readonly bucketKey: string,
		private readonly itemIndex?: number,
	) {}

	static async connect(ctx: ShopifyContext, itemIndex?: number): Promise<ShopifyGraphql> {
		const credentials = await ctx.getCredentials(SHOPIFY_CREDENTIAL, itemIndex);
		let url: string;
		try {
			url = graphqlUrl(credentials as unknown as ShopifyConnectionSettings);
		} catch (error) {
			throw new NodeApiError(ctx.getNode(), { message: (error as Error).message } as JsonObject, {
				message: (error as Error).message,
				itemIndex,
			});
		}
		const credentialId = ctx.getNode().credentials?.[SHOPIFY_CREDENTIAL]?.id ?? '';
		return new ShopifyGraphql(ctx, url, `${url}#${credentialId}`, itemIndex);
	}

	/** One query; its data checked against `schema`. */
	async request<S extends z.ZodTypeAny>(document: string, variables: Record<string, unknown>, schema: S): Promise<z.infer<S>> {
		try {
			return await this.send(document, variables, schema);
		} catch (error) {
			if (error instanceof QueryTooCostly) throw this.fail(error.shopifyMessage, '200');
			// Already a NodeApiError: n8n hands the same instance back.
			throw new NodeApiError(this.ctx.getNode(), error as JsonObject);
		}
	}

	/**
	 * Every node of a connection, page by page (first ≤ 250, after = endCursor). A page Shopify finds
	 * too costly is asked for again at half the size.
	 */
	async paginate<S extends z.ZodTypeAny, T>(
		document: string,
		variables: Record<string, unknown>,
		schema: S,
		pick: (data: z.infer<S>) => Connection<T>,
		options: { pageSize: number },
	): Promise<T[]> {
		let first = Math.max(1, Math.min(options.pageSize, shopifyTransportTuning.maxPageSize));
		let after: string | null = null;
		const all: T[] = [];
		for (;;) {
			let data: z.infer<S>;
			try {
				data = await this.send(document, { ...variables, first, after }, schema);
			} catch (error) {
				if (error instanceof QueryTooCostly) {
					if (first === 1) throw this.fail(error.shopifyMessage, '200');
					first = Math.max(1, Math.floor(first / 2));
					continue;
				}
				throw new NodeApiError(this.ctx.getNode(), error as JsonObject);
			}
			const page = pick(data);
			all.push(...page.nodes);
			if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
			after = page.pageInfo.endCursor;
		}
		return all;
	}

	/**
	 * Runs `query` as a bulk operation (no paging, no cost limit: for long backfills), waits for it,
	 * and returns the top-level nodes of its JSONL file checked against `nodeSchema`. Queries whose
	 * nested lists are plain lists (not connections) keep them inline.
	 */
	async bulkQuery<S extends z.ZodTypeAny>(query: string, nodeSchema: S): Promise<Array<z.infer<S>>> {
		const started = await this.request(BULK_RUN, { query }, bulkRunSchema);
		const id = started.bulkOperationRunQuery?.bulkOperation?.id;
		if (!id) throw this.fail('Shopify did not start the bulk operation', '200');
		const deadline = Date.now() + shopifyTransportTuning.bulkMaxWaitMs;
		let url: string | null | undefined;
		for (;;) {
			await sleep(shopifyTransportTuning.bulkPollMs);
			const { bulkOperation } = await this.request(BULK_STATUS, { id }, bulkStatusSchema);
			if (!bulkOperation) throw this.fail(`Shopify lost bulk operation ${id}`, '200');
			if (bulkOperation.status === 'COMPLETED') {
				url = bulkOperation.url;
				break;
			}
			if (['FAILED', 'CANCELED', 'EXPIRED'].includes(bulkOperation.status)) {
				throw this.fail(`Shopify's bulk operation ended ${bulkOperation.status} (${bulkOperation.errorCode ?? 'no error code'})`, '200');
			}
			if (Date.now() > deadline) throw this.fail(`Shopify's bulk operation ${id} did not finish in time`, undefined);
		}
		if (!url) return [];
		const lines = (await this.download(url)).split('\n').filter((line) => line.trim());
		const nodes: Array<z.infer<S>> = [];
		for (const [index, line] of lines.entries()) {
			const parsed = parseBody(line);
			const value = parsed.kind === 'json' ? (parsed.value as Record<string, unknown> | null) : undefined;
			if (!value) throw this.fail(`Shopify's bulk result line ${index + 1} is not JSON`, '200');
			if (value.__parentId !== undefined) continue;
			const node = nodeSchema.safeParse(value);
			if (!node.success) throw this.fail(`Shopify's bulk result line ${index + 1} has an unexpected shape`, '200');
			nodes.push(node.data);
		}
		return nodes;
	}

	/** The JSONL file behind a signed URL: no Shopify token goes there. */
	private async download(url: string): Promise<string> {
		const budget = new RetryBudget(shopifyTransportTuning);
		for (;;) {
			try {
				const body = (await this.ctx.helpers.httpRequest({ method: 'GET', url, encoding: 'text', json: false, timeout: shopifyTransportTuning.requestTimeoutMs })) as unknown;
				return Buffer.isBuffer(body) ? body.toString('utf8') : String(body ?? '');
			} catch (error) {
				if (!(await budget.wait())) {
					throw this.fail(`Could not download Shopify's bulk result: ${(error as Error).message?.split('\n')[0] ?? 'failed'}`, undefined);
				}
			}
		}
	}

	private async send<S extends z.ZodTypeAny>(document: string, variables: Record<string, unknown>, schema: S): Promise<z.infer<S>> {
		const estimateKey = `${document}#${String(variables.first ?? '')}`;
		const operation = /(?:query|mutation)\s+(\w+)/.exec(document)?.[1] ?? 'query';
		const failures = new RetryBudget(shopifyTransportTuning);
		const throttled = new RetryBudget({ ...shopifyTransportTuning, retryBudgetMs: shopifyTransportTuning.throttleBudgetMs });
		for (;;) {
			await sleep(msUntilAvailable(readings.get(this.bucketKey), costEstimates.get(estimateKey) ?? 0));
			const answer = await this.post(document, variables);
			if (!answer) {
				if (await failures.wait()) continue;
				throw this.fail(`Shopify could not be reached for ${operation} (${failures.retries + 1} attempts)`, undefined);
			}
			const parsed = parseBody(answer.body);
			const envelope = parsed.kind === 'json' ? envelopeSchema.safeParse(parsed.value) : undefined;
			const cost = envelope?.success ? envelope.data.extensions?.cost : undefined;
			this.record(cost, estimateKey);
			const errors = envelope?.success ? errorList(envelope.data.errors) : [];

			if (answer.status === 429 || errors.some((e) => e.extensions?.code === 'THROTTLED')) {
				const requested = cost?.requestedQueryCost ?? 0;
				if (cost?.throttleStatus && requested > cost.throttleStatus.maximumAvailable) {
					throw new QueryTooCostly(`${operation} costs ${requested} points, more than the shop's bucket holds (${cost.throttleStatus.maximumAvailable})`);
				}
				if (await throttled.wait(this.throttleWaitMs(requested, answer.headers, throttled.retries))) continue;
				throw this.fail(`Shopify kept throttling ${operation} after ${throttled.retries} waits`, String(answer.status));
			}
			if (answer.status >= 500 || !envelope?.success) {
				if (await failures.wait()) continue;
				const why = answer.status >= 500 ? `HTTP ${answer.status}` : 'a body that is not Shopify GraphQL JSON';
				throw this.fail(`Shopify answered ${operation} with ${why} ${failures.retries + 1} times`, String(answer.status));
			}
			if (answer.status >= 400) {
				const shopify = errors.map((e) => e.message).join('; ');
				throw this.fail(STATUS_MESSAGES[answer.status] ?? `Shopify refused ${operation} (HTTP ${answer.status})`, String(answer.status), shopify);
			}
			if (errors.length) {
				const tooCostly = errors.find((e) => e.extensions?.code === 'MAX_COST_EXCEEDED');
				if (tooCostly) throw new QueryTooCostly(tooCostly.message.split('\n')[0]);
				if (errors.some((e) => e.extensions?.code === 'ACCESS_DENIED')) throw await this.accessDenied(errors);
				throw this.fail(`Shopify GraphQL error in ${operation}: ${errors.map((e) => e.message).join('; ')}`, '200');
			}
			const data = schema.safeParse(envelope.data.data);
			if (!data.success) {
				const issues = data.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
				throw this.fail(`Shopify answered ${operation} in an unexpected shape (${issues})`, '200');
			}
			const userErrors = findUserErrors(data.data);
			if (userErrors.length) throw this.fail(`Shopify refused ${operation}: ${userErrors.join('; ')}`, '200');
			return data.data;
		}
	}

	/** The HTTP exchange; undefined when nothing came back (network error, timeout). */
	private async post(document: string, variables: Record<string, unknown>): Promise<Answer | undefined> {
		try {
			const response = (await this.ctx.helpers.httpRequestWithAuthentication.call(this.ctx, SHOPIFY_CREDENTIAL, {
				method: 'POST',
				url: this.url,
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
			throw this.fail(e.cause?.message ?? e.message ?? 'Shopify request failed', undefined);
		}
	}

	private record(cost: QueryCost | undefined, estimateKey: string): void {
		if (cost?.throttleStatus) readings.set(this.bucketKey, { status: cost.throttleStatus, at: Date.now() });
		if (cost?.requestedQueryCost) costEstimates.set(estimateKey, cost.requestedQueryCost);
	}

	/** Until the bucket holds the requested points again; Retry-After or back-off when Shopify gave no cost. */
	private throttleWaitMs(requested: number, headers: Record<string, unknown>, attempt: number): number {
		const reading = readings.get(this.bucketKey);
		if (requested && reading) return Math.max(100, msUntilAvailable(reading, requested) + 50);
		const retryAfter = Number(headers['retry-after'] ?? headers['Retry-After']);
		return Number.isFinite(retryAfter) && retryAfter > 0 ? Math.ceil(retryAfter * 1000) : backoffMs(attempt, shopifyTransportTuning);
	}

	/** The app's access scopes, as Shopify reports them for this token. */
	async grantedScopes(): Promise<Set<string>> {
		const granted = await this.send(ACCESS_SCOPES, {}, accessScopesSchema);
		return new Set(granted.currentAppInstallation.accessScopes.map((s) => s.handle));
	}

	/** Fails up front, naming the missing scopes, where Shopify would otherwise leave data out silently. */
	async requireScopes(scopes: string[], why: string): Promise<void> {
		const granted = await this.grantedScopes();
		const missing = scopes.filter((scope) => !granted.has(scope));
		if (missing.length) throw this.fail(`The app lacks ${missing.join(', ')}: ${why}`, '403');
	}

	/** Names every scope the node needs that the app lacks, not only the one this query hit. */
	private async accessDenied(errors: GraphqlError[]): Promise<NodeApiError> {
		const shopify = errors.map((e) => e.message).join('; ');
		let missing: string[] = [];
		try {
			const granted = await this.grantedScopes();
			missing = REQUIRED_SCOPES.filter((scope) => !granted.has(scope));
		} catch {
			// Shopify's own message already names the scope this query needed.
		}
		const message = missing.length
			? `Shopify denied access: the app lacks ${missing.join(', ')}. Add ${missing.length > 1 ? 'these scopes' : 'this scope'} to the app and reinstall it.`
			: `Shopify denied access: ${shopify}`;
		return this.fail(message, '403', shopify);
	}

	private fail(message: string, httpCode: string | undefined, description?: string): NodeApiError {
		return new NodeApiError(this.ctx.getNode(), { message, ...(httpCode ? { httpCode } : {}) } as JsonObject, {
			message,
			description,
			httpCode,
			itemIndex: this.itemIndex,
		});
	}
}

interface ThrownResponse {
	status?: number;
	data?: unknown;
	body?: unknown;
	headers?: Record<string, unknown>;
}

/** Mutation payloads carry refusals in `userErrors` instead of top-level `errors`. */
function findUserErrors(data: unknown): string[] {
	if (!data || typeof data !== 'object') return [];
	const found: string[] = [];
	for (const value of Object.values(data as Record<string, unknown>)) {
		const userErrors = (value as { userErrors?: Array<{ field?: string[] | null; message: string }> } | null)?.userErrors;
		if (Array.isArray(userErrors)) {
			for (const e of userErrors) found.push(e.field?.length ? `${e.field.join('.')}: ${e.message}` : e.message);
		}
	}
	return found;
}
