/**
 * The Xoro transport through n8n's real execution context (credential `authenticate` applied),
 * against the Xoro simulator and, for bodies Xoro's simulator never sends, a bare `serve` handler.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';
import { XoroRma } from '../../nodes/Xoro/XoroRma.node';
import { parseXoroDate, toXoroDate, toXoroDateTime } from '../../nodes/shared/dates';
import { endpointPathsProperty } from '../../nodes/Xoro/endpoints';
import { xoroCall, xoroCallAll, xoroCallUpTo, xoroRetryPolicy } from '../../nodes/Xoro/transport';
import { runNode } from '../harness/n8n';
import { serve, type SimResponse, type SimServer } from '../simulators/http';
import { XORO_SIM_KEY_WITHOUT_SCOPE } from '../simulators/xoro';
import { fastRetries, probeDescription, useSim } from './fixtures';

/**
 * A test-only node that makes one transport call described by its parameters: to its `itemGet`
 * endpoint, which `call` below points at any method and path through Advanced: Endpoint Paths.
 */
class TransportProbe implements INodeType {
	description = probeDescription('Transport Probe', 'transportProbe', [
		{ displayName: 'Body', name: 'body', type: 'json', default: '' },
		{ displayName: 'Query', name: 'qs', type: 'json', default: '' },
		{ displayName: 'All Pages', name: 'all', type: 'boolean', default: false },
		{ displayName: 'Max Pages', name: 'maxPages', type: 'number', default: 0 },
		{ displayName: 'Expect Data', name: 'expectData', type: 'boolean', default: false },
		endpointPathsProperty('xoroRma'),
	]);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const json = (name: string) => {
			const v = this.getNodeParameter(name, 0) as unknown;
			return typeof v === 'string' ? (v ? (JSON.parse(v) as IDataObject) : undefined) : (v as IDataObject);
		};
		const p = {
			body: json('body'),
			qs: json('qs'),
			all: this.getNodeParameter('all', 0) as boolean,
			expectData: this.getNodeParameter('expectData', 0) as boolean,
			maxPages: this.getNodeParameter('maxPages', 0) as number,
		};
		if (p.maxPages) {
			const rows = await xoroCallUpTo(this, 'itemGet', p.qs ?? {}, p.maxPages, { perPage: 2 });
			return [[{ json: { rows: rows ?? null }, pairedItem: { item: 0 } }]];
		}
		if (p.all) {
			const rows = await xoroCallAll(this, 'itemGet', p.qs ?? {}, { perPage: 2 });
			return [[{ json: { rows }, pairedItem: { item: 0 } }]];
		}
		const data = await xoroCall(this, 'itemGet', { body: p.body, qs: p.qs, expectData: p.expectData, itemIndex: 0 });
		return [[{ json: { data } as IDataObject, pairedItem: { item: 0 } }]];
	}
}
const probe = new TransportProbe();


const xoro = useSim();

const call = ({ method, path, ...parameters }: IDataObject, creds = xoro.credentials) =>
	runNode(probe, { parameters: { ...parameters, endpointPaths: { itemGet: `${String(method ?? 'GET')} ${String(path)}` } } as INodeParameters, credentials: creds });
const data = async (parameters: IDataObject, creds = xoro.credentials) => (await call(parameters, creds))[0][0].json.data;
const count = (path: string) => xoro.sim.requests.filter((r) => r.path.endsWith(path)).length;
const badRma = { RmaHeader: { ThirdPartyRefNo: 'x', CustomerName: 'Nobody', StoreCode: 'MAIN', CurrencyCode: 'USD' }, RmaItemLineArr: [{ ItemNumber: 'CAP-NAVY', Qty: 1 }] };

describe('envelope', () => {
	it('returns Data on Result:true, ErrorCode 0', async () => {
		const items = (await data({ method: 'GET', path: 'product/item/getitem', qs: { item_number: 'CAP-NAVY' } })) as IDataObject[];
		expect(items.map((i) => i.ItemNumber)).toEqual(['CAP-NAVY']);
	});

	it('raises Xoro\'s Message on Result:false with an error code, without retrying', async () => {
		await expect(call({ method: 'POST', path: 'rma/create', body: badRma })).rejects.toThrow("Xoro: Customer 'Nobody' does not exist.");
		expect(count('/rma/create')).toBe(1);
		expect(xoro.sim.state.rmas).toHaveLength(0);
	});
});

describe('faults', () => {
	it('retries HTTP 500 "An error has occurred." and succeeds within the bound', async () => {
		xoro.sim.faults.add({ kind: 'serverError', path: 'getitem', times: 2 });
		expect(await data({ method: 'GET', path: 'product/item/getitem' })).toHaveLength(7);
		expect(count('/getitem')).toBe(3);
	});

	it('gives up on persistent HTTP 500 once the retry budget is spent, naming the status and the scope hint', async () => {
		xoro.sim.faults.add({ kind: 'serverError', path: 'getitem' });
		const error = await call({ method: 'GET', path: 'product/item/getitem' }).catch((e) => e);
		const retries = count('/getitem') - 1;
		expect(error.message).toMatch(new RegExp(`HTTP 500 .*An error has occurred\\. \\(after ${retries} retries\\)`));
		expect(error.description).toMatch(/scope/);
		// The budget (60 ms in these tests, steps of 5–20 ms), not a count of 3, bounds the retries.
		expect(retries).toBeGreaterThan(3);
	});

	it('retries throttling (Result:false, empty Data)', async () => {
		xoro.sim.faults.add({ kind: 'rateLimit', path: 'getitem', times: 2 });
		expect(await data({ method: 'GET', path: 'product/item/getitem' })).toHaveLength(7);
		expect(count('/getitem')).toBe(3);
	});

	it('reports persistent throttling clearly', async () => {
		xoro.sim.faults.add({ kind: 'rateLimit', path: 'getitem' });
		await expect(call({ method: 'GET', path: 'product/item/getitem' })).rejects.toThrow(/rejected GET product\/item\/getitem.*after \d+ retries/);
	});

	it('retries a timed-out request', async () => {
		xoro.sim.faults.add({ kind: 'timeout', path: 'getitem', times: 1 });
		const started = Date.now();
		expect(await data({ method: 'GET', path: 'product/item/getitem' }, { xoroApi: { ...xoro.credentials.xoroApi, timeoutSeconds: 1 } })).toHaveLength(7);
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
		expect(count('/getitem')).toBe(2);
	});

	it('reports a persistent timeout', async () => {
		xoro.sim.faults.add({ kind: 'timeout', path: 'getitem' });
		await expect(call({ method: 'GET', path: 'product/item/getitem' }, { xoroApi: { ...xoro.credentials.xoroApi, timeoutSeconds: 1 } })).rejects.toThrow(
			/did not answer GET product\/item\/getitem within 1 s/,
		);
	}, 15_000);

	it('retries malformed JSON and reports it when it persists', async () => {
		xoro.sim.faults.add({ kind: 'malformed', path: 'getitem', times: 1 });
		expect(await data({ method: 'GET', path: 'product/item/getitem' })).toHaveLength(7);
		xoro.sim.faults.add({ kind: 'malformed', path: 'getitem' });
		await expect(call({ method: 'GET', path: 'product/item/getitem' })).rejects.toThrow(/malformed JSON body/);
	});

	it('treats Result:true with empty Data as "no rows" on reads but as unconfirmed on writes', async () => {
		xoro.sim.faults.add({ kind: 'empty', path: 'getitem', times: 1 });
		expect(await data({ method: 'GET', path: 'product/item/getitem' })).toEqual([]);
		xoro.sim.faults.add({ kind: 'empty', path: 'rma/create', times: 1 });
		const body = { ...badRma, RmaHeader: { ...badRma.RmaHeader, CustomerName: 'Ada Lovelace' } };
		const created = (await data({ method: 'POST', path: 'rma/create', body, expectData: true })) as IDataObject;
		expect((created.RmaHeader as IDataObject).RmaNumber).toBe('MAIN-R000001');
		expect(count('/rma/create')).toBe(2);
		expect(xoro.sim.state.rmas).toHaveLength(1);
	});
});

describe('routing and auth errors', () => {
	it.each([
		['GET', 'nosuchmodule/getthing', 404],
		['GET', 'rma/nosuchaction', 400],
		['GET', 'rma/create', 405],
	])('%s %s → HTTP %d, no retry, points at Endpoint Paths', async (method, path, status) => {
		const error = await call({ method, path }).catch((e) => e);
		expect(error.message).toContain(`Xoro has no ${method} ${path} route (HTTP ${status})`);
		expect(error.description).toContain('Endpoint Paths');
		expect(xoro.sim.requests).toHaveLength(1);
	});

	it('a key without scope (HTTP 500) fails after retries, and no secret appears in the error', async () => {
		const creds = { xoroApi: { ...xoro.credentials.xoroApi, apiKey: XORO_SIM_KEY_WITHOUT_SCOPE } };
		const error = await call({ method: 'GET', path: 'product/item/getitem' }, creds).catch((e) => e);
		expect(error.message).toContain('HTTP 500');
		const everything = JSON.stringify({ message: error.message, description: error.description, context: error.context, cause: error.cause, error });
		const basic = Buffer.from(`${XORO_SIM_KEY_WITHOUT_SCOPE}:xoro-secret`).toString('base64');
		expect(everything).not.toContain('xoro-secret');
		expect(everything).not.toContain(basic);
	});

	it('wrong secret → 401 with a clear message', async () => {
		await expect(call({ method: 'GET', path: 'product/item/getitem' }, { xoroApi: { ...xoro.credentials.xoroApi, apiSecret: 'wrong' } })).rejects.toThrow(
			/refused the API key .*HTTP 401/,
		);
	});
});

describe('bodies the simulator never sends', () => {
	let raw: SimServer;
	let next: SimResponse;
	beforeEach(async () => {
		raw = await serve({
			handler: () => next,
			responders: { rateLimit: () => next, serverError: () => next, empty: () => next },
		});
	});
	afterEach(async () => raw.close());
	const rawCall = () => call({ method: 'GET', path: 'x/y' }, { xoroApi: { ...xoro.credentials.xoroApi, baseUrl: raw.url } });

	it('Result:true with a non-zero ErrorCode is an error', async () => {
		next = { status: 200, body: { Result: true, ErrorCode: 7, Message: 'Half done', Data: { a: 1 } } };
		await expect(rawCall()).rejects.toThrow('Xoro: Half done');
	});

	it('HTML instead of JSON is reported as such', async () => {
		next = { status: 200, raw: '<html><body>Login</body></html>', headers: { 'content-type': 'text/html' } };
		await expect(rawCall()).rejects.toThrow(/with HTML instead of JSON/);
	});

	it('a redirect (tenant login page) says to check the base URL', async () => {
		next = { status: 302, headers: { location: '/login.aspx' } };
		const error = await rawCall().catch((e) => e);
		expect(error.message).toMatch(/redirected .*HTTP 302/);
		expect(error.description).toMatch(/res\.xorosoft\.io/);
	});

	it('JSON without the envelope is reported', async () => {
		next = { status: 200, body: { hello: 'world' } };
		await expect(rawCall()).rejects.toThrow(/without its \{Result, ErrorCode, Data\} envelope/);
	});
});

describe('paging', () => {
	it('reads page/per_page up to TotalPages', async () => {
		const [[out]] = await call({ all: true, path: 'product/item/getitem' });
		expect((out.json.rows as IDataObject[]).map((r) => r.ItemNumber)).toHaveLength(7);
		expect(xoro.sim.requests.map((r) => r.query)).toEqual(['page=1&per_page=2', 'page=2&per_page=2', 'page=3&per_page=2', 'page=4&per_page=2']);
	});

	it('reads a tenant that gives no TotalPages to the first empty page', async () => {
		await xoro.sim.close();
		await xoro.start({ totalPagesOmitted: true });
		const [[out]] = await call({ all: true, path: 'product/item/getitem' });
		expect(out.json.rows).toHaveLength(7);
		expect(count('/getitem')).toBe(5);
	});

	it('a bounded read answers null past maxPages: told by TotalPages on page 1, else met while paging', async () => {
		const upTo = async (maxPages: number) => (await call({ maxPages, path: 'product/item/getitem' }))[0][0].json.rows as IDataObject[] | null;
		expect(await upTo(3)).toBeNull();
		expect(count('/getitem')).toBe(1);
		expect(await upTo(4)).toHaveLength(7);
		await xoro.sim.close();
		await xoro.start({ totalPagesOmitted: true });
		expect(await upTo(4)).toBeNull();
		expect(count('/getitem')).toBe(4);
		expect(await upTo(5)).toHaveLength(7);
	});

	it('stops at an empty page when TotalPages is missing', async () => {
		xoro.sim.faults.add({ kind: 'empty', path: 'getitem', times: 1 });
		const [[out]] = await call({ all: true, path: 'product/item/getitem' });
		expect(out.json.rows).toEqual([]);
		expect(count('/getitem')).toBe(1);
	});
});

describe('pace', () => {
	it('spaces requests per credential, also across concurrent executions, so Xoro never throttles', async () => {
		await xoro.sim.close();
		await xoro.start({ pacePerSecond: 5 });
		const paced = { xoroApi: { ...xoro.credentials.xoroApi, requestsPerSecond: 5 } };
		await Promise.all([call({ all: true, path: 'product/item/getitem' }, paced), call({ all: true, path: 'product/item/getitem' }, paced)]);
		expect(xoro.sim.requests).toHaveLength(8);
		const gaps = xoro.sim.requests.slice(1).map((r, i) => r.at - xoro.sim.requests[i].at);
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(180);
	});

	it('the simulator throttles an unpaced client like Xoro (Result:false, empty Data), which the transport retries', async () => {
		await xoro.sim.close();
		await xoro.start({ pacePerSecond: 5 });
		Object.assign(xoroRetryPolicy, { backoffBaseMs: 300, backoffMaxMs: 300, retryBudgetMs: 5000 });
		try {
			const unpaced = { xoroApi: { ...xoro.credentials.xoroApi, requestsPerSecond: 0 } };
			const [[out]] = await call({ all: true, path: 'product/item/getitem' }, unpaced);
			expect(out.json.rows).toHaveLength(7);
			expect(xoro.sim.requests.length).toBeGreaterThan(4); // some were throttled and retried
		} finally {
			fastRetries();
		}
	});
});

describe('endpoint overrides', () => {
	it('a node uses the method and path from Advanced: Endpoint Paths', async () => {
		const error = await runNode(new XoroRma(), {
			parameters: { resource: 'rma', operation: 'get', rmaNumber: 'MAIN-R000001', endpointPaths: { rmaGet: 'POST /rma/lookup' } },
			credentials: xoro.credentials,
		}).catch((e) => e);
		expect(error.message).toContain('Xoro has no POST rma/lookup route (HTTP 400)');
		expect(xoro.sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/xerp/rma/lookup']);
	});

	// These list reads once took only the path of an override, so "POST …" still went as GET.
	it.each([
		['creditMemoGet', 'creditmemo/getcreditmemo', { resource: 'creditMemo', operation: 'getMany', returnAll: true, filters: { thirdPartyRefNo: '103' } }, 'include_lines=true&third_party_ref_no=103'],
		['salesOrderGet', 'salesorder/getsalesorder', { resource: 'salesOrder', operation: 'get', findBy: 'order_number', value: 'MAIN-S001002' }, 'order_number=MAIN-S001002&status=Open'],
	])('a list read (%s) sends the overridden method, its query still in the query string', async (key, path, parameters, query) => {
		const error = await runNode(new XoroRma(), {
			parameters: { ...parameters, endpointPaths: { [key]: `POST ${path}` } } as INodeParameters,
			credentials: xoro.credentials,
		}).catch((e) => e);
		expect(error.message).toContain(`Xoro has no POST ${path} route (HTTP 405)`);
		expect(xoro.sim.requests.map((r) => [`${r.method} ${r.path}`, r.query])).toEqual([[`POST /api/xerp/${path}`, `${query}&page=1&per_page=100`]]);
	});
});

describe('dates', () => {
	it('formats and parses Xoro dates in one place', () => {
		expect(toXoroDate('2026-03-16T12:44:27Z')).toBe('03/16/2026');
		expect(toXoroDateTime('2026-03-16T12:44:27Z')).toBe('03/16/2026 12:44:27 PM');
		expect(toXoroDateTime('2026-03-16T00:05:00Z')).toBe('03/16/2026 12:05:00 AM');
		expect(parseXoroDate('03/16/2026 12:44:27 PM')).toBe('2026-03-16T12:44:27Z');
		expect(parseXoroDate('03/16/2026')).toBe('2026-03-16T00:00:00Z');
		expect(parseXoroDate('01/01/0001')).toBeNull();
		expect(parseXoroDate('01/01/0001 12:00:00 AM')).toBeNull();
		expect(parseXoroDate('')).toBeNull();
	});
});
