/**
 * Shopify Admin GraphQL on loopback: POST /admin/api/{version}/graphql.json answered by graphql-js
 * over the stateful store, with Shopify's auth (access token header; client-credentials token
 * exchange at /admin/oauth/access_token with expiring tokens), access scopes, query cost and a
 * leaky bucket per shop (THROTTLED as HTTP 200 or 429), MAX_COST_EXCEEDED, and the shared fault
 * switches worded as Shopify words them.
 */
import { randomBytes } from 'node:crypto';
import { execute, GraphQLError, Kind, parse, validate, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { serve, type SimRequest, type SimResponse, type SimServer } from '../http';
import type { Scenario } from '../scenario';
import type { LoopReturnProcessed, ShopifyOrderCreated } from '../events';
import { BulkRunner } from './bulk';
import { actualCost, CostBucket, requestedCost, type ThrottleStatus } from './cost';
import { ALL_SCOPES, rootValue, type RequestContext } from './resolvers';
import { schema } from './schema';
import { ShopifyStore, type OutcomeOptions, type SpendGiftCardInput, type StoreOrder } from './store';
import { routeMatcher, type SimRoute } from '../routeTable';

export type { OutcomeOptions, SpendGiftCardInput, StoreOrder } from './store';
export type { ThrottleStatus } from './cost';

export type ShopifyPlan = 'standard' | 'advanced' | 'plus' | 'enterprise';
export const RESTORE_RATE: Record<ShopifyPlan, number> = { standard: 100, advanced: 200, plus: 1000, enterprise: 2000 };
/** Shopify's single-query limit; tests may lower it with setMaxQueryCost. */
export const MAX_QUERY_COST = 1000;
export const SUPPORTED_VERSIONS = ['2026-01', '2026-04', '2026-07', '2026-10', 'unstable'];
const INVALID_TOKEN = '[API] Invalid API key or access token (unrecognized login or wrong password)';
const RATE_DOC = 'https://shopify.dev/api/usage/rate-limits';

/**
 * The routes served, each with its status in docs/apis.md. GraphQL and the token exchange are Shopify's
 * (§S2). A bulk operation's result is wherever its `url` points (§S8: a signed storage URL), so that
 * path is the simulator's own: the package follows the `url` and calls no such path itself.
 */
export const SHOPIFY_ROUTES = {
	graphql: { method: 'POST', path: '/admin/api/{version}/graphql.json', status: 'CONFIRMED' },
	accessToken: { method: 'POST', path: '/admin/oauth/access_token', status: 'CONFIRMED' },
	bulkResult: { method: 'GET', path: '/bulk-results/{id}.jsonl', status: 'MODELED' },
} as const satisfies Record<string, SimRoute>;

const routeOf = routeMatcher(SHOPIFY_ROUTES);

export interface ShopifySimulatorOptions {
	scenario: Scenario;
	port?: number;
	onOrderCreated?: (order: ShopifyOrderCreated) => void;
	/** The admin-created app's token, with every scope unless `scopes` says otherwise */
	accessToken?: string;
	scopes?: string[];
	/** The Dev Dashboard app for the client-credentials grant */
	clientId?: string;
	clientSecret?: string;
	/** Lifetime of client-credentials tokens (Shopify: about a day) */
	tokenLifetimeSeconds?: number;
	/** HTTP status of THROTTLED answers: Shopify's sources disagree */
	throttledStatus?: 200 | 429;
	bucket?: Partial<ThrottleStatus>;
	/** How exchanges Loop processes land when no per-call option says: a new EXC- order or native */
	exchangeMode?: 'order' | 'native';
	now?: () => Date;
}

interface TokenGrant {
	scopes: string[];
	expiresAt: number | null;
}

export interface GraphqlCall {
	version: string;
	operationName: string | null;
	variables: Record<string, unknown>;
	requestedQueryCost: number | null;
	actualQueryCost: number | null;
	outcome: 'ok' | 'throttled' | 'maxCostExceeded' | 'invalid' | 'unauthorized';
	at: number;
}

export interface ShopifySimulator extends SimServer {
	store: ShopifyStore;
	/** The base URL a credential's "Admin URL override" takes */
	adminUrl: string;
	accessToken: string;
	clientId: string;
	clientSecret: string;
	calls: GraphqlCall[];
	/** Tokens handed out by the client-credentials grant, newest last */
	issuedTokens: string[];
	applyLoopOutcome(e: LoopReturnProcessed, options?: OutcomeOptions): void;
	spendGiftCard(input: SpendGiftCardInput): StoreOrder;
	setPlan(plan: ShopifyPlan): void;
	setBucket(status: Partial<ThrottleStatus>): void;
	throttleStatus(): ThrottleStatus;
	setThrottledStatus(status: 200 | 429): void;
	/** Exchanges from now on: a new EXC- order (Loop legacy) or native on the original order's Return */
	setExchangeMode(mode: 'order' | 'native'): void;
	setMaxQueryCost(points: number): void;
	/** How long a bulk operation runs before its JSONL is ready */
	setBulkDelay(ms: number): void;
	setTokenLifetime(seconds: number): void;
	/** Add or replace an access token with its own scopes */
	grantToken(token: string, scopes: string[], ttlSeconds?: number): void;
	/** Expire every client-credentials token now (the static token stays) */
	expireIssuedTokens(): void;
}

export async function startShopifySimulator(options: ShopifySimulatorOptions): Promise<ShopifySimulator> {
	const now = options.now ?? (() => new Date());
	const store = new ShopifyStore(options.scenario, now, options.onOrderCreated);
	let plan: ShopifyPlan = options.scenario.shop.plan;
	const bucket = new CostBucket(options.bucket?.maximumAvailable ?? MAX_QUERY_COST, options.bucket?.restoreRate ?? RESTORE_RATE[plan]);
	if (options.bucket) bucket.set(options.bucket);
	let maxQueryCost = MAX_QUERY_COST;
	let exchangeMode = options.exchangeMode ?? 'order';
	let throttledStatus: 200 | 429 = options.throttledStatus ?? 200;
	let tokenLifetime = options.tokenLifetimeSeconds ?? 86399;
	const accessToken = options.accessToken ?? 'shpat_sim_admin_0123456789abcdef';
	const clientId = options.clientId ?? 'sim-client-id-42';
	const clientSecret = options.clientSecret ?? 'shpss_sim_client_secret_987';
	const appScopes = options.scopes ?? ALL_SCOPES;
	const tokens = new Map<string, TokenGrant>([[accessToken, { scopes: appScopes, expiresAt: null }]]);
	const issuedTokens: string[] = [];
	const calls: GraphqlCall[] = [];
	let baseUrl = '';
	const bulk = new BulkRunner(() => baseUrl);

	const costExtension = (requested: number | null, actual: number | null) => ({
		cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: bucket.status() },
	});

	const tokenEndpoint = (req: SimRequest): SimResponse => {
		const form = typeof req.body === 'object' && req.body ? (req.body as Record<string, string>) : Object.fromEntries(new URLSearchParams(req.rawBody));
		if (form.grant_type !== 'client_credentials') {
			return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'grant_type must be client_credentials' } };
		}
		if (form.client_id !== clientId || form.client_secret !== clientSecret) {
			return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed.' } };
		}
		const token = `shpat_${randomBytes(16).toString('hex')}`;
		tokens.set(token, { scopes: appScopes, expiresAt: Date.now() + tokenLifetime * 1000 });
		issuedTokens.push(token);
		return { status: 200, body: { access_token: token, scope: appScopes.join(','), expires_in: tokenLifetime } };
	};

	const graphqlEndpoint = async (req: SimRequest, version: string): Promise<SimResponse> => {
		const headers = { 'x-shopify-api-version': version === 'unstable' ? 'unstable' : version };
		const call: GraphqlCall = { version, operationName: null, variables: {}, requestedQueryCost: null, actualQueryCost: null, outcome: 'invalid', at: Date.now() };
		calls.push(call);
		const token = req.headers['x-shopify-access-token'];
		const grant = typeof token === 'string' ? tokens.get(token) : undefined;
		if (!grant || (grant.expiresAt !== null && grant.expiresAt <= Date.now())) {
			call.outcome = 'unauthorized';
			return { status: 401, body: { errors: INVALID_TOKEN }, headers };
		}
		const body = req.body as { query?: unknown; variables?: Record<string, unknown>; operationName?: string } | undefined;
		if (!body || typeof body.query !== 'string') {
			return { status: 400, body: { errors: { query: 'Required parameter missing or invalid' } }, headers };
		}
		const variables = body.variables ?? {};
		call.variables = variables;
		let document: DocumentNode;
		try {
			document = parse(body.query);
		} catch (error) {
			return { status: 200, body: { errors: [graphqlError(error as GraphQLError, 'parseError')], extensions: costExtension(0, 0) }, headers };
		}
		const invalid = validate(schema, document);
		if (invalid.length) {
			return { status: 200, body: { errors: invalid.map((e) => graphqlError(e, validationCode(e.message))), extensions: costExtension(0, 0) }, headers };
		}
		const operation = pickOperation(document, body.operationName);
		if (!operation) return { status: 200, body: { errors: [{ message: 'No operation named in the document', extensions: { code: 'BAD_REQUEST' } }] }, headers };
		call.operationName = operation.name?.value ?? null;

		const requested = requestedCost(schema, document, operation, variables);
		call.requestedQueryCost = requested;
		if (requested > maxQueryCost) {
			call.outcome = 'maxCostExceeded';
			return {
				status: 200,
				headers,
				body: {
					errors: [{
						message: `Query cost is ${requested}, which exceeds the single query max cost limit (${maxQueryCost}).\n\nSee ${RATE_DOC} for more information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n`,
						extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: maxQueryCost, documentation: RATE_DOC },
					}],
					extensions: costExtension(requested, null),
				},
			};
		}
		if (!bucket.take(requested)) {
			call.outcome = 'throttled';
			return {
				status: throttledStatus,
				headers: throttledStatus === 429 ? { ...headers, 'retry-after': '1.0' } : headers,
				body: { errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: RATE_DOC } }], extensions: costExtension(requested, null) },
			};
		}
		const ctx: RequestContext = { store, scopes: grant.scopes, plan, now: now().getTime(), searchWarnings: [], bulkOperations: bulk };
		const result = await execute({ schema, document, rootValue: rootValue(ctx), contextValue: ctx, variableValues: variables, operationName: body.operationName });
		const actual = Math.min(requested, actualCost(result.data));
		bucket.refund(requested - actual);
		call.actualQueryCost = actual;
		call.outcome = 'ok';
		const extensions: Record<string, unknown> = costExtension(requested, actual);
		if (ctx.searchWarnings.length) extensions.search = ctx.searchWarnings;
		const errors = result.errors?.map((e) => graphqlError(e, (e.extensions?.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR'));
		return { status: 200, headers, body: { ...(errors ? { errors } : {}), data: result.data ?? null, extensions } };
	};

	const handler = async (req: SimRequest): Promise<SimResponse> => {
		const route = routeOf(req.method, req.path);
		switch (route?.key) {
			case 'accessToken':
				return tokenEndpoint(req);
			case 'bulkResult': {
				const file = bulk.file(route.params.id);
				return file === undefined ? { status: 404, body: { errors: 'Not Found' } } : { status: 200, raw: file, headers: { 'content-type': 'application/jsonl' } };
			}
			case 'graphql':
				if (!SUPPORTED_VERSIONS.includes(route.params.version)) return { status: 404, body: { errors: 'Not Found' } };
				return graphqlEndpoint(req, route.params.version);
			default:
				return { status: 404, body: { errors: 'Not Found' } };
		}
	};

	const server = await serve({
		handler,
		port: options.port,
		state: () => ({ plan, throttleStatus: bucket.status(), orders: store.orders.length, giftCards: store.giftCards.length, calls: calls.length }),
		responders: {
			rateLimit: () => ({
				status: 429,
				headers: { 'retry-after': '1.0' },
				body: { errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: RATE_DOC } }] },
			}),
			serverError: () => ({ status: 503, body: { errors: 'Service Unavailable' } }),
			empty: () => ({ status: 200, raw: '', headers: { 'content-type': 'application/json' } }),
			errorAt200: () => ({
				status: 200,
				body: { errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: RATE_DOC } }] },
			}),
		},
	});

	baseUrl = server.url;

	return {
		...server,
		store,
		adminUrl: server.url,
		accessToken,
		clientId,
		clientSecret,
		calls,
		issuedTokens,
		applyLoopOutcome: (e, outcomeOptions) => store.applyLoopOutcome(e, { native: exchangeMode === 'native', ...outcomeOptions }),
		spendGiftCard: (input) => store.spendGiftCard(input),
		setPlan: (next) => {
			plan = next;
			bucket.set({ restoreRate: RESTORE_RATE[next] });
		},
		setBucket: (status) => bucket.set(status),
		throttleStatus: () => bucket.status(),
		setExchangeMode: (mode) => {
			exchangeMode = mode;
		},
		setThrottledStatus: (status) => {
			throttledStatus = status;
		},
		setBulkDelay: (ms) => {
			bulk.delayMs = ms;
		},
		setMaxQueryCost: (points) => {
			maxQueryCost = points;
		},
		setTokenLifetime: (seconds) => {
			tokenLifetime = seconds;
		},
		grantToken: (token, scopes, ttlSeconds) => {
			tokens.set(token, { scopes, expiresAt: ttlSeconds === undefined ? null : Date.now() + ttlSeconds * 1000 });
		},
		expireIssuedTokens: () => {
			for (const token of issuedTokens) tokens.delete(token);
		},
	};
}

function pickOperation(document: DocumentNode, name: string | undefined): OperationDefinitionNode | undefined {
	const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
	return name ? operations.find((o) => o.name?.value === name) : operations.length === 1 ? operations[0] : undefined;
}

/** Shopify's wording of graphql validation failures, with its error codes. */
function validationCode(message: string): string {
	if (/Cannot query field/.test(message)) return 'undefinedField';
	if (/Unknown argument/.test(message)) return 'argumentNotAccepted';
	if (/Variable .* of type .* used in position expecting/.test(message)) return 'variableMismatch';
	if (/is never used/.test(message)) return 'variableNotUsed';
	if (/must have a selection of subfields/.test(message)) return 'selectionMismatch';
	if (/argument .* is required/.test(message)) return 'missingRequiredArguments';
	return 'validationError';
}

function graphqlError(error: GraphQLError, code: string) {
	const message = error.message
		.replace(/^Cannot query field "(\w+)" on type "(\w+)"\.?.*$/, "Field '$1' doesn't exist on type '$2'")
		.replace(/^Syntax Error: /, 'syntax error, ');
	return {
		message,
		...(error.locations ? { locations: error.locations } : {}),
		...(error.path ? { path: error.path } : {}),
		extensions: { ...(error.extensions ?? {}), code },
	};
}
