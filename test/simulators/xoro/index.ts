/**
 * Xoro simulator: real HTTP on loopback under /api/xerp/{module}/{action}, stateful, seeded from the
 * shared scenario. Behaves like Xoro where Xoro's behaviour is known (docs/apis.md §X2–§X4): Basic auth
 * with a Private-App key + secret, a key without the scope answering HTTP 500 "An error has
 * occurred.", the {Result, ErrorCode, Message, Data, TotalPages} envelope, page/per_page paging,
 * throttling as Result:false with empty Data, 400/404/405 routing errors. ThirdPartyRefNo is NOT
 * unique here either: duplicates are accepted, idempotency is the nodes' job.
 */
import { serve, type SimRequest, type SimResponse, type SimServer } from '../http';
import type { ShopifyOrderCreated } from '../events';
import type { Scenario } from '../scenario';
import { lookupRoute, XoroFailure, type RouteResult, type XoroRouteOptions } from './routes';
import { createXoroState, importShopifyOrder, type XoroState } from './state';
import { closeAsn, createPurchaseOrderAsn, receiveAsn, type ReceiptLine } from './asn';
// Route files register themselves; add one import per file.
import './items';
import './rma';
import './asn';
import './credit';
import './rmaProcess';
import type { XoroRmaProcess } from './rmaProcess';

/** Every route served, each with its status (confirmed or modeled): see routes.ts. */
export { xoroRoutes } from './routes';

export const XORO_SIM_KEY = 'xoro-key';
export const XORO_SIM_SECRET = 'xoro-secret';
/** A Private App whose scope covers none of the endpoints: Xoro answers HTTP 500 then. */
export const XORO_SIM_KEY_WITHOUT_SCOPE = 'xoro-key-noscope';

export const XORO_API_PREFIX = '/api/xerp/';

export interface XoroSimulatorOptions {
	scenario: Scenario;
	port?: number;
	/** Xoro generates the linked ASN when the RMA is created (its Shopify-app Loop flow) */
	asnWithRma?: boolean;
	/** Max requests per second per API key before Xoro throttles; 0 = no limit. Default 2. */
	pacePerSecond?: number;
	/** Field name of the received qty on ASN lines (UNCONFIRMED in Xoro). Default BaseQtyReceived. */
	receivedQtyField?: string;
	/** Whether reads list cancelled/voided documents without a status filter asking for them. Default true. */
	listCancelled?: boolean;
	/** ASNs only for approved RMAs (Xoro's RMA process). Default false. */
	rmaApprovalRequired?: boolean;
	/** The tenant's RMA process: 'new' credits the RMA on receipt, 'old' converts it first. Default 'none'. */
	rmaProcess?: XoroRmaProcess;
	/** The Private App's key and secret; default XORO_SIM_KEY / XORO_SIM_SECRET */
	apiKey?: string;
	apiSecret?: string;
	/** The credential's request timeout; default 90 s (a chaos run's hung requests should cost less) */
	timeoutSeconds?: number;
	/** The tenant's clock zone: stamps are written on it, without an offset. Default UTC. */
	clockZone?: string;
	/** getasn ignores its status and date filters. Default false. */
	asnFiltersIgnored?: boolean;
	/** Query parameters every read ignores, e.g. ['status'] (a tenant that ignores filters, docs/apis.md §X4.3). Default none. */
	ignoredFilters?: string[];
	/** Reads answer without Page/TotalPages, so paging ends at an empty page (docs/apis.md §X3.3 allows both). Default false. */
	totalPagesOmitted?: boolean;
}

export interface XoroSimulator extends SimServer {
	/** Base URL to put in the xoroApi credential */
	baseUrl: string;
	state: XoroState;
	options: XoroRouteOptions;
	/** Credential data for the harness (a full-scope Private App) */
	credentials: { apiKey: string; apiSecret: string; baseUrl: string; requestsPerSecond: number; timeoutSeconds: number };
	/** What Xoro's Shopify app does for a new Shopify order: a sales order + invoice */
	importShopifyOrder(e: ShopifyOrderCreated): void;
	/** Xoro invoices an order when it ships: the order's invoice is taken back until `shipOrder` */
	holdInvoice(shopifyOrderId: string): void;
	/** The order ships: its held invoice appears */
	shipOrder(shopifyOrderId: string): void;
	/** The warehouse receiving in Xoro's UI */
	receiveAsn(asnNumber: string, lines: ReceiptLine[], close?: boolean): void;
	/** The warehouse closing the ASN in Xoro's UI */
	closeAsn(asnNumber: string): void;
	/** `count` purchase-order ASNs (no RMA) in the table, closed or open; returns their numbers */
	addPurchaseOrderAsns(count: number, closed: boolean): string[];
	/** Xoro applies the next `times` matching requests but the answer is lost (HTTP 500) */
	loseAnswers(pathContains: string, times?: number): void;
	/**
	 * Holds the next `count` requests whose path contains `pathContains` until all `count` have arrived,
	 * then handles them in arrival order: racers provably interleave (e.g. every one looked up before
	 * any created). Resolves once they were released.
	 */
	holdUntil(pathContains: string, count: number): Promise<void>;
	/** How many requests came faster than `pacePerSecond` and got the throttle answer */
	paceThrottled(): number;
}

/** A barrier over requests: see XoroSimulator.holdUntil. */
interface Hold {
	path: string;
	count: number;
	waiting: Array<() => void>;
	released: () => void;
}

function envelope(result: RouteResult, totalPagesOmitted: boolean): Record<string, unknown> {
	return {
		Result: true,
		ErrorCode: 0,
		Message: result.message ?? '',
		MessageTitle: null,
		Data: result.data,
		...(result.totalPages !== undefined && !totalPagesOmitted ? { Page: result.page ?? 1, TotalPages: result.totalPages } : {}),
		ConfirmFlag: false,
		EndRequest: true,
		Exceptions: [],
	};
}

const failed = (message: string, errorCode: number, data: unknown = null): SimResponse => ({
	status: 200,
	body: { Result: false, ErrorCode: errorCode, Message: message, MessageTitle: 'Error', Data: data, Exceptions: [] },
});
const serverError = (): SimResponse => ({ status: 500, body: { Message: 'An error has occurred.' } });
const throttled = (): SimResponse => ({ status: 200, body: { Result: false, ErrorCode: 0, Message: '', Data: [] } });

/** A read's query as a tenant that ignores `ignored` sees it. */
function withoutIgnored(query: URLSearchParams, ignored: string[]): URLSearchParams {
	if (!ignored.length) return query;
	const kept = new URLSearchParams(query);
	for (const name of ignored) kept.delete(name);
	return kept;
}

function apiKeyOf(req: SimRequest): { key: string; secret: string } | null {
	const header = req.headers.authorization;
	if (typeof header !== 'string' || !header.startsWith('Basic ')) return null;
	const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
	const cut = decoded.indexOf(':');
	return cut < 0 ? null : { key: decoded.slice(0, cut), secret: decoded.slice(cut + 1) };
}

export async function startXoroSimulator(options: XoroSimulatorOptions): Promise<XoroSimulator> {
	const state = createXoroState(options.scenario, options.clockZone);
	const apiKey = options.apiKey ?? XORO_SIM_KEY;
	const apiSecret = options.apiSecret ?? XORO_SIM_SECRET;
	const routeOptions: XoroRouteOptions = {
		asnWithRma: options.asnWithRma ?? false,
		receivedQtyField: options.receivedQtyField ?? 'BaseQtyReceived',
		listCancelled: options.listCancelled ?? true,
		rmaApprovalRequired: options.rmaApprovalRequired ?? false,
		rmaProcess: options.rmaProcess ?? 'none',
		asnFiltersIgnored: options.asnFiltersIgnored ?? false,
		ignoredFilters: options.ignoredFilters ?? [],
	};
	const pace = options.pacePerSecond ?? 2;
	const lastRequestAt = new Map<string, number>();
	let paceThrottled = 0;
	const lostAnswers: Array<{ path: string; left: number }> = [];
	const holds: Hold[] = [];
	const held = (req: SimRequest): Promise<void> | undefined => {
		const hold = holds.find((h) => req.path.includes(h.path));
		if (!hold) return undefined;
		const arrived = new Promise<void>((resolve) => hold.waiting.push(resolve));
		if (hold.waiting.length >= hold.count) {
			holds.splice(holds.indexOf(hold), 1);
			for (const release of hold.waiting) release();
			hold.released();
		}
		return arrived;
	};

	const handler = async (req: SimRequest): Promise<SimResponse> => {
		if (!req.path.startsWith(XORO_API_PREFIX)) return { status: 404, body: { Message: 'Not found.' } };
		const auth = apiKeyOf(req);
		if (!auth || auth.secret !== apiSecret || ![apiKey, XORO_SIM_KEY_WITHOUT_SCOPE].includes(auth.key)) {
			return { status: 401, body: { Message: 'Authorization has been denied for this request.' } };
		}
		if (auth.key === XORO_SIM_KEY_WITHOUT_SCOPE) return serverError();

		const path = req.path.slice(XORO_API_PREFIX.length).replace(/\/+$/, '');
		const lookup = lookupRoute(req.method, path);
		if (lookup.kind === 'unknownModule') {
			return { status: 404, body: { Message: `No HTTP resource was found that matches the request URI '${req.path}'.` } };
		}
		if (lookup.kind === 'unknownAction') return { status: 400, body: { Message: 'The request is invalid.' } };
		if (lookup.kind === 'wrongMethod') {
			return { status: 405, body: { Message: `The requested resource does not support http method '${req.method}'.` } };
		}

		await held(req);
		if (pace > 0) {
			const now = Date.now();
			const last = lastRequestAt.get(auth.key);
			// 15 % slack for timer jitter between a client pacing itself and our clock.
			if (last !== undefined && now - last < (1000 / pace) * 0.85) {
				paceThrottled += 1;
				return throttled();
			}
			lastRequestAt.set(auth.key, now);
		}

		try {
			const body = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
			const query = lookup.route.method === 'GET' ? withoutIgnored(req.query, routeOptions.ignoredFilters) : req.query;
			const answer = envelope(lookup.route.handle({ state, req, query, body, options: routeOptions }), options.totalPagesOmitted ?? false);
			const lost = lostAnswers.find((l) => l.left > 0 && req.path.includes(l.path));
			if (lost) {
				lost.left -= 1;
				return serverError();
			}
			return { status: 200, body: answer };
		} catch (error) {
			if (error instanceof XoroFailure) return failed(error.message, error.errorCode);
			throw error;
		}
	};

	const server = await serve({
		handler,
		state: () => state,
		port: options.port,
		responders: {
			rateLimit: throttled,
			serverError,
			// Xoro's "Result:true, Data:[]" (e.g. getsalesorder without status): looks like success, holds nothing.
			empty: () => ({ status: 200, body: { Result: true, ErrorCode: 0, Message: '', Data: [] } }),
			errorAt200: throttled,
		},
	});
	const heldInvoices = new Map<string, XoroState['invoices']>();
	const baseUrl = `${server.url}${XORO_API_PREFIX.replace(/\/$/, '')}`;
	return {
		...server,
		baseUrl,
		state,
		options: routeOptions,
		credentials: { apiKey, apiSecret, baseUrl, requestsPerSecond: pace, timeoutSeconds: options.timeoutSeconds ?? 90 },
		importShopifyOrder: (e) => importShopifyOrder(state, e, options.scenario.shop.domain),
		holdInvoice: (orderId) => {
			const held = state.invoices.filter((i) => i.InvoiceHeader.ThirdPartyRefNo === orderId);
			if (!held.length) throw new Error(`the Xoro simulator has no invoice for Shopify order ${orderId}`);
			for (const invoice of held) state.invoices.splice(state.invoices.indexOf(invoice), 1);
			heldInvoices.set(orderId, held);
		},
		shipOrder: (orderId) => {
			state.invoices.push(...(heldInvoices.get(orderId) ?? []));
			heldInvoices.delete(orderId);
		},
		receiveAsn: (asnNumber, lines, close = false) => receiveAsn(state, routeOptions, asnNumber, lines, close),
		closeAsn: (asnNumber) => closeAsn(state, routeOptions, asnNumber),
		addPurchaseOrderAsns: (count, closed) => Array.from({ length: count }, () => createPurchaseOrderAsn(state, closed).AsnHeaderData.AsnNumber),
		loseAnswers: (path, times = 1) => {
			lostAnswers.push({ path, left: times });
		},
		holdUntil: (path, count) =>
			new Promise<void>((released) => {
				holds.push({ path, count, waiting: [], released });
			}),
		paceThrottled: () => paceThrottled,
	};
}
