/**
 * Xoro RMA → Tenant → Check Endpoints (issue 9 §7) against the Xoro simulator: one item per GET
 * endpoint, a wrong override reported (not thrown) with the setting to change, only GET requests
 * ever sent, no retry budget spent on a probe, and a refused credential or unreachable host said
 * plainly.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { XORO_ENDPOINTS } from '../../nodes/Xoro/endpoints';
import { xoroRetryPolicy } from '../../nodes/Xoro/transport';
import { XoroRma } from '../../nodes/Xoro/XoroRma.node';
import { runNode } from '../harness/n8n';
import { serve, type SimRequest, type SimResponse } from '../simulators/http';
import { XORO_SIM_KEY_WITHOUT_SCOPE, XORO_SIM_SECRET } from '../simulators/xoro';
import { fastRetries, useSim } from './fixtures';

const node = new XoroRma();
const xoro = useSim();

const check = { resource: 'tenant', operation: 'checkEndpoints' };
const GET_KEYS = Object.entries(XORO_ENDPOINTS)
	.filter(([, e]) => e.method === 'GET')
	.map(([key]) => key);
const WRITE_PATHS = Object.values(XORO_ENDPOINTS)
	.filter((e) => e.method !== 'GET')
	.map((e) => `/${e.path}`);

async function runCheck(parameters: IDataObject = {}, credentials = xoro.credentials) {
	const [out] = await runNode(node, { parameters: { ...check, ...parameters } as INodeParameters, credentials });
	return out;
}
const byKey = (out: Array<{ json: IDataObject }>) => Object.fromEntries(out.map((i) => [i.json.key as string, i.json]));
const sentGets = () => xoro.sim.requests.map((r) => r.method);

describe('Xoro RMA: Tenant → Check Endpoints', () => {
	it('on the default simulator every GET endpoint answers, one item each, one page of one row', async () => {
		// Two input items still make one report, paired with the first.
		const [out] = await runNode(node, { parameters: check, items: [{}, {}], credentials: xoro.credentials });
		expect(out.map((i) => i.json.key)).toEqual(GET_KEYS);
		expect(GET_KEYS).toEqual(['itemGet', 'rmaGet', 'asnGet', 'creditMemoGet', 'invoiceGet', 'salesOrderGet']);
		expect(out.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		for (const { json } of out) {
			expect(json).toMatchObject({ ok: true, result: 'ok', method: 'GET', overridden: false, hint: null, httpCode: null });
			expect(json.message).toMatch(/^Xoro answered with its envelope, Result true: /);
		}
		expect(byKey(out).itemGet).toMatchObject({
			displayName: 'Item: Get',
			status: 'confirmed',
			path: 'product/item/getitem',
			query: 'page=1&per_page=1',
			rows: 1,
			totalPages: 7,
		});
		expect(byKey(out).rmaGet).toMatchObject({ status: 'modeled', path: 'rma/getrma', rows: 0 });
		expect(byKey(out).salesOrderGet).toMatchObject({ query: 'status=Released&page=1&per_page=1' });
		expect(xoro.sim.requests.map((r) => [r.method, r.path.replace('/api/xerp/', ''), r.status])).toEqual(
			GET_KEYS.map((key) => ['GET', XORO_ENDPOINTS[key as keyof typeof XORO_ENDPOINTS].path, 200]),
		);
		expect(xoro.sim.requests.find((r) => r.path.endsWith('/getsalesorder'))?.query).toBe('status=Released&page=1&per_page=1');
		expect(JSON.stringify(out)).not.toMatch(/xoro-secret|xoro-key|Authorization|Basic /);
	});

	it('an override to a wrong path is reported as not found with the setting to change; the others still pass', async () => {
		const out = await runCheck({ endpointPaths: { rmaGet: 'returns/getrma', asnGet: 'GET asn/listasn' } });
		const report = byKey(out);
		expect(report.rmaGet).toMatchObject({
			ok: false,
			result: 'notFound',
			httpCode: '404',
			method: 'GET',
			path: 'returns/getrma',
			overridden: true,
			message: 'Xoro has no GET returns/getrma route (HTTP 404)',
		});
		expect(report.rmaGet.hint).toContain('"Advanced: Endpoint Paths → RMA: Get / Search"');
		expect(report.rmaGet.hint).toContain('on every Xoro RMA, Xoro ASN and Xoro Trigger node that uses it (this one too)');
		expect(report.rmaGet.hint).toMatch(/Xoro's API guide \(or Xoro support\)/);
		expect(report.asnGet).toMatchObject({ ok: false, result: 'notFound', httpCode: '400', path: 'asn/listasn' });
		expect(report.asnGet.hint).toContain('"Advanced: Endpoint Paths → ASN: Get / Search"');
		for (const key of GET_KEYS.filter((k) => k !== 'rmaGet' && k !== 'asnGet')) expect(report[key]).toMatchObject({ ok: true, hint: null });
		// One request per endpoint: a missing route is not retried.
		expect(xoro.sim.requests).toHaveLength(GET_KEYS.length);
	});

	it('never calls a write endpoint: only GETs go out, even when overrides name writes or give a read POST', async () => {
		const out = await runCheck({
			endpointPaths: { rmaCreate: 'POST rma/import', creditMemoImport: 'PUT creditmemo/import', invoiceGet: 'POST invoice/getinvoice' },
		});
		expect(sentGets().every((m) => m === 'GET')).toBe(true);
		expect(xoro.sim.requests.some((r) => WRITE_PATHS.some((p) => r.path.endsWith(p)) || r.path.endsWith('/rma/import'))).toBe(false);
		expect(xoro.sim.requests.some((r) => r.path.endsWith('/getinvoice'))).toBe(false);
		expect(byKey(out).invoiceGet).toMatchObject({ ok: false, result: 'notChecked', method: 'POST', overridden: true });
		expect(byKey(out).invoiceGet.message).toMatch(/sends only GET requests/);
		expect(out.map((i) => i.json.key)).toEqual(GET_KEYS);
		expect(xoro.sim.state.rmas).toHaveLength(0);
		expect(xoro.sim.state.creditMemos).toHaveLength(0);
	});

	it('an override that leaves the base URL is reported, not sent', async () => {
		const out = await runCheck({ endpointPaths: { itemGet: 'https://elsewhere.example/api/getitem' } });
		expect(byKey(out).itemGet).toMatchObject({ ok: false, result: 'notChecked' });
		expect(byKey(out).itemGet.hint).toMatch(/path under the Xoro credential's Base URL/);
		expect(xoro.sim.requests.some((r) => r.path.includes('getitem'))).toBe(false);
		expect(byKey(out).rmaGet).toMatchObject({ ok: true });
	});

	it('a probe does not spend the retry budget: a key without scope (HTTP 500 everywhere) is reported at once', async () => {
		// The production budget (a minute per call, then a 15 s hold) would make this a six-minute run.
		const saved = { ...xoroRetryPolicy };
		Object.assign(xoroRetryPolicy, { backoffBaseMs: 800, backoffMaxMs: 15_000, retryBudgetMs: 60_000, outageHoldMs: 15_000 });
		try {
			const started = Date.now();
			const out = await runCheck({}, { xoroApi: { ...xoro.credentials.xoroApi, apiKey: XORO_SIM_KEY_WITHOUT_SCOPE } });
			expect(Date.now() - started).toBeLessThan(5_000);
			expect(xoro.sim.requests).toHaveLength(GET_KEYS.length);
			for (const { json } of out) {
				expect(json).toMatchObject({ ok: false, result: 'httpError', httpCode: '500' });
				expect(json.message).toMatch(/HTTP 500 .*An error has occurred\.$/);
				expect(json.hint).toMatch(/scope.*Advanced: Endpoint Paths/);
			}
			expect(JSON.stringify(out)).not.toContain(XORO_SIM_SECRET);
		} finally {
			Object.assign(xoroRetryPolicy, saved);
		}
	});

	it('reports Result false with its message, throttling, and answers that are not an envelope', async () => {
		xoro.sim.faults.add([
			{ kind: 'rateLimit', path: '/rma/getrma' },
			{ kind: 'malformed', path: '/asn/getasn' },
		]);
		const report = byKey(await runCheck());
		expect(report.rmaGet).toMatchObject({ ok: false, result: 'resultFalse', xoroMessage: null, httpCode: '200' });
		expect(report.rmaGet.hint).toMatch(/how Xoro throttles/);
		expect(report.asnGet).toMatchObject({ ok: false, result: 'notEnvelope', answer: '{"truncated": tru' });
		expect(report.asnGet.message).toMatch(/malformed JSON body/);
		expect(xoro.sim.requests.filter((r) => r.path.endsWith('/rma/getrma'))).toHaveLength(1);
		expect(report.itemGet).toMatchObject({ ok: true });
	});
});

describe('answers the simulator never sends', () => {
	let answers: Record<string, (req: SimRequest) => SimResponse>;
	const raw = { server: undefined as Awaited<ReturnType<typeof serve>> | undefined };
	beforeEach(async () => {
		const envelope: SimResponse = { status: 200, body: { Result: true, ErrorCode: 0, Message: '', Data: [], TotalPages: 0 } };
		answers = {};
		raw.server = await serve({
			handler: (req) => (Object.entries(answers).find(([path]) => req.path.endsWith(path))?.[1] ?? (() => envelope))(req),
			responders: { rateLimit: () => envelope, serverError: () => envelope, empty: () => envelope },
		});
	});
	afterEach(async () => raw.server?.close());
	const rawCheck = () => runCheck({}, { xoroApi: { ...xoro.credentials.xoroApi, baseUrl: raw.server!.url } });

	it('says what came back, briefly, with the credential masked', async () => {
		answers['/rma/getrma'] = () => ({ status: 200, body: { Result: false, ErrorCode: 12, Message: 'You are not authorised for this module.', Data: null } });
		answers['/asn/getasn'] = () => ({ status: 200, body: { hello: 'world' } });
		answers['/invoice/getinvoice'] = (req) => ({
			status: 200,
			raw: `<html><head><title>Sign in ${String(req.headers.authorization)} ${XORO_SIM_SECRET}</title></head></html>`,
			headers: { 'content-type': 'text/html' },
		});
		answers['/salesorder/getsalesorder'] = () => ({ status: 503, raw: 'upstream busy' });
		const report = byKey(await rawCheck());
		expect(report.itemGet).toMatchObject({ ok: true, rows: 0 });
		expect(report.rmaGet).toMatchObject({ ok: false, result: 'resultFalse', xoroMessage: 'You are not authorised for this module.' });
		expect(report.rmaGet.hint).toMatch(/path exists/);
		expect(report.asnGet).toMatchObject({ ok: false, result: 'notEnvelope', answer: '{"hello":"world"}' });
		expect(report.invoiceGet).toMatchObject({ ok: false, result: 'notEnvelope', answer: 'HTML page "Sign in Basic *** ***"' });
		expect(report.salesOrderGet).toMatchObject({ ok: false, result: 'httpError', httpCode: '503' });
		expect(report.salesOrderGet.message).toBe('Xoro answered HTTP 503 to GET salesorder/getsalesorder: upstream busy');
		expect(JSON.stringify(report)).not.toMatch(/xoro-secret|xoro-key|eG9yby1rZXk6eG9yby1zZWNyZXQ/);
	});

	it('a key refused for one endpoint, after others answered, is that endpoint\'s report', async () => {
		answers['/asn/getasn'] = () => ({ status: 403, body: { Message: 'Authorization has been denied for this request.' } });
		const report = byKey(await rawCheck());
		expect(report.asnGet).toMatchObject({ ok: false, result: 'httpError', httpCode: '403' });
		expect(report.asnGet.hint).toMatch(/Private App covers it/);
		expect(report.invoiceGet).toMatchObject({ ok: true });
	});
});

describe('a credential Xoro refuses, or a host it cannot reach', () => {
	it('a wrong secret fails the node clearly after one request', async () => {
		const error = await runCheck({}, { xoroApi: { ...xoro.credentials.xoroApi, apiSecret: 'wrong' } }).catch((e) => e);
		expect(error.message).toBe('Check Endpoints could not check any endpoint: Xoro refused the API key for GET product/item/getitem (HTTP 401)');
		expect(error.description).toMatch(/API key and secret/);
		expect(xoro.sim.requests).toHaveLength(1);
		expect(JSON.stringify({ message: error.message, description: error.description })).not.toContain('wrong');
	});

	it('an unreachable host fails the node clearly; with Continue On Fail it is one error item', async () => {
		const closed = await serve({ handler: () => ({ status: 200 }), responders: { rateLimit: () => ({ status: 429 }), serverError: () => ({ status: 500 }), empty: () => ({ status: 200 }) } });
		await closed.close();
		const credentials = { xoroApi: { ...xoro.credentials.xoroApi, baseUrl: `${closed.url}/api/xerp` } };
		const error = await runCheck({}, credentials).catch((e) => e);
		// n8n words ECONNREFUSED itself ("The service refused the connection - perhaps it is offline").
		expect(error.message).toMatch(/^Check Endpoints could not check any endpoint: (Could not reach Xoro|The service refused the connection)/);
		expect(error.description).toMatch(/Base URL of the Xoro credential/);

		const [out] = await runNode(node, { parameters: check, credentials, continueOnFail: true });
		expect(out).toHaveLength(1);
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(out[0].json.error).toMatch(/could not check any endpoint/);
	});
});

afterAll(fastRetries);
