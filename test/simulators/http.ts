/**
 * What every simulator shares: a real HTTP server on loopback, JSON bodies, a request log, and
 * fault switches (rate limiting, server errors, hung requests, malformed or empty bodies) that each
 * simulator answers in its own service's shape. Faults are picked with a seeded PRNG so a test
 * that sets a rate sees the same sequence every run.
 *
 * Every simulator also answers, without auth:
 *   GET    /__sim/requests   the request log (method, path, status)
 *   POST   /__sim/faults     body: FaultRule or FaultRule[]; adds rules
 *   DELETE /__sim/faults     clears rules
 *   GET    /__sim/state      whatever the simulator's `state()` returns
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * rateLimit: the service's 429 (or its throttle answer); rateLimitBare: the same without Retry-After;
 * serverError: 5xx; timeout: never answers; reset: the connection drops before an answer; lost: the
 * request is applied, then the connection drops (the answer is lost); malformed: truncated JSON at
 * 200; empty: the service's empty 200; errorAt200: the service's transient error sent with HTTP 200.
 */
export type FaultKind = 'rateLimit' | 'rateLimitBare' | 'serverError' | 'timeout' | 'reset' | 'lost' | 'malformed' | 'empty' | 'errorAt200';

export const FAULT_KINDS: FaultKind[] = ['rateLimit', 'rateLimitBare', 'serverError', 'timeout', 'reset', 'lost', 'malformed', 'empty', 'errorAt200'];

export interface FaultRule {
	kind: FaultKind;
	/** Probability per matching request (0..1); default 1 */
	rate?: number;
	/** Apply to this many matching requests, then retire; default: until cleared */
	times?: number;
	/** Only requests whose path contains this string */
	path?: string;
}

export interface SimRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: http.IncomingHttpHeaders;
	rawBody: string;
	/** Parsed JSON, or undefined when the body is empty or not JSON */
	body: unknown;
}

export interface SimResponse {
	status: number;
	body?: unknown;
	/** Sent as-is instead of JSON-encoding `body` */
	raw?: string;
	headers?: Record<string, string>;
}

export type SimHandler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

/** How a simulator words the faults its service would really send. */
export interface FaultResponders {
	rateLimit(req: SimRequest): SimResponse;
	serverError(req: SimRequest): SimResponse;
	empty(req: SimRequest): SimResponse;
	/** Shopify: THROTTLED with HTTP 200; Loop: {errors} with HTTP 200; Xoro: its throttle envelope. */
	errorAt200?(req: SimRequest): SimResponse;
}

export interface LoggedRequest {
	method: string;
	path: string;
	query: string;
	status: number | 'hung' | 'reset';
	fault?: FaultKind;
	at: number;
	/** The credential headers this request carried, for the test that no secret reaches another host */
	auth: Record<string, string>;
}

export class Faults {
	private rules: Array<FaultRule & { left: number }> = [];
	private seed: number;

	constructor(seed = 42) {
		this.seed = seed;
	}

	add(rule: FaultRule | FaultRule[]): void {
		for (const r of Array.isArray(rule) ? rule : [rule]) {
			this.rules.push({ ...r, left: r.times ?? Number.POSITIVE_INFINITY });
		}
	}

	clear(): void {
		this.rules = [];
	}

	/** The fault to inject for this request, if any; counts it against its rule. */
	pick(path: string): FaultKind | undefined {
		for (const rule of this.rules) {
			if (rule.left <= 0 || (rule.path && !path.includes(rule.path))) continue;
			if (this.random() >= (rule.rate ?? 1)) continue;
			rule.left -= 1;
			return rule.kind;
		}
		return undefined;
	}

	// mulberry32: small, seeded, good enough to spread faults.
	private random(): number {
		let t = (this.seed = (this.seed + 0x6d2b79f5) | 0);
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}
}

export interface SimServer {
	url: string;
	faults: Faults;
	requests: LoggedRequest[];
	close(): Promise<void>;
}

export interface ServeOptions {
	handler: SimHandler;
	responders: FaultResponders;
	state?: () => unknown;
	port?: number;
	faultSeed?: number;
}

const MALFORMED = '{"truncated": tru';
const LOG_LIMIT = 5000;

export async function serve(options: ServeOptions): Promise<SimServer> {
	const faults = new Faults(options.faultSeed);
	const requests: LoggedRequest[] = [];
	const sockets = new Set<Socket>();

	const server = http.createServer(async (incoming, outgoing) => {
		const req = await readRequest(incoming);
		const admin = adminRoute(req, faults, requests, options.state);
		if (admin) return send(outgoing, admin);

		const entry: LoggedRequest = { method: req.method, path: req.path, query: req.query.toString(), status: 0, at: Date.now(), auth: credentialHeaders(req) };
		if (requests.length >= LOG_LIMIT) requests.shift();
		requests.push(entry);

		const fault = faults.pick(req.path);
		entry.fault = fault;
		if (fault === 'timeout') {
			entry.status = 'hung';
			return; // never answer; the socket is destroyed on close()
		}
		if (fault === 'reset') {
			entry.status = 'reset';
			incoming.socket.destroy();
			return;
		}
		let res: SimResponse;
		try {
			res =
				fault === 'rateLimit' ? options.responders.rateLimit(req)
				: fault === 'rateLimitBare' ? { ...options.responders.rateLimit(req), headers: undefined }
				: fault === 'serverError' ? options.responders.serverError(req)
				: fault === 'empty' ? options.responders.empty(req)
				: fault === 'errorAt200' ? (options.responders.errorAt200 ?? options.responders.serverError)(req)
				: await options.handler(req);
		} catch (error) {
			res = { status: 500, body: { simulatorError: String((error as Error).stack ?? error) } };
		}
		if (fault === 'lost') {
			entry.status = 'reset';
			incoming.socket.destroy();
			return;
		}
		if (fault === 'malformed') res = { status: 200, raw: MALFORMED, headers: { 'content-type': 'application/json' } };
		entry.status = res.status;
		send(outgoing, res);
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}`,
		faults,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

const CREDENTIAL_HEADERS = ['authorization', 'x-authorization', 'x-shopify-access-token'];

function credentialHeaders(req: SimRequest): Record<string, string> {
	return Object.fromEntries(CREDENTIAL_HEADERS.filter((h) => typeof req.headers[h] === 'string').map((h) => [h, String(req.headers[h])]));
}

async function readRequest(incoming: http.IncomingMessage): Promise<SimRequest> {
	const chunks: Buffer[] = [];
	for await (const chunk of incoming) chunks.push(chunk as Buffer);
	const rawBody = Buffer.concat(chunks).toString('utf8');
	const url = new URL(incoming.url ?? '/', 'http://sim');
	let body: unknown;
	if (rawBody) {
		try {
			body = JSON.parse(rawBody);
		} catch {
			body = undefined;
		}
	}
	return { method: incoming.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: incoming.headers, rawBody, body };
}

function adminRoute(
	req: SimRequest,
	faults: Faults,
	requests: LoggedRequest[],
	state?: () => unknown,
): SimResponse | undefined {
	if (!req.path.startsWith('/__sim/')) return undefined;
	const route = `${req.method} ${req.path}`;
	if (route === 'GET /__sim/requests') return { status: 200, body: requests };
	if (route === 'POST /__sim/faults') {
		faults.add(req.body as FaultRule | FaultRule[]);
		return { status: 204 };
	}
	if (route === 'DELETE /__sim/faults') {
		faults.clear();
		return { status: 204 };
	}
	if (route === 'GET /__sim/state') return { status: 200, body: state ? state() : {} };
	return { status: 404, body: { message: `no simulator admin route ${route}` } };
}

function send(outgoing: http.ServerResponse, res: SimResponse): void {
	const payload = res.raw ?? (res.body === undefined ? '' : JSON.stringify(res.body));
	const headers: Record<string, string> = { ...(res.headers ?? {}) };
	if (payload && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
		headers['content-type'] = 'application/json';
	}
	outgoing.writeHead(res.status, headers);
	outgoing.end(payload);
}
