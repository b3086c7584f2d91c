import { NodeConnectionTypes, type IDataObject, type IExecuteFunctions, type INodeType } from 'n8n-workflow';
import { z } from 'zod';
import { ShopifyGraphql, shopifyTransportTuning } from '../../nodes/Shopify/transport';
import { runNode } from '../harness/n8n';
import { loopProcessed, run, startFixture, transactions, windowAroundNow, type Fixture } from './fixtures';

/** A bare node around the transport, for documents the real node never sends. */
function graphqlNode(document: string): INodeType {
	return {
		description: {
			displayName: 'GraphQL probe', name: 'graphqlProbe', group: ['input'], version: 1, description: '', defaults: { name: 'GraphQL probe' },
			inputs: [NodeConnectionTypes.Main], outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: 'shopifyAdminGraphqlApi', required: true }], properties: [],
		},
		async execute(this: IExecuteFunctions) {
			const shopify = await ShopifyGraphql.connect(this, 0);
			const data = await shopify.request(document, {}, z.record(z.unknown()));
			return [[{ json: data as IDataObject, pairedItem: { item: 0 } }]];
		},
	};
}

function addLoopCards(f: Fixture, count: number): void {
	for (let i = 0; i < count; i++) {
		f.sim.applyLoopOutcome({ ...loopProcessed(f.scenario, '25044701', 'credit'), returnId: String(27000000 + i), amount: 5 + i });
	}
}

const outcomes = (f: Fixture) => f.sim.calls.map((c) => c.outcome);
const saved = { ...shopifyTransportTuning };

describe('Shopify transport', () => {
	let f: Fixture;
	beforeEach(async () => {
		Object.assign(shopifyTransportTuning, { backoffBaseMs: 10, backoffMaxMs: 40, retryBudgetMs: 150, throttleBudgetMs: 3000 });
		f = await startFixture();
	});
	afterEach(async () => {
		Object.assign(shopifyTransportTuning, saved);
		await f.sim.close();
	});

	it('pages with first/after until hasNextPage is false', async () => {
		addLoopCards(f, 230);
		const credits = transactions(await run(f, { operation: 'getLoopCredits', ...windowAroundNow() }));
		expect(credits).toHaveLength(230);
		expect(new Set(credits.map((c) => c.loopReturnId)).size).toBe(230);
		const pages = f.sim.calls.filter((c) => c.operationName === 'LoopGiftCards');
		expect(pages.map((c) => c.variables.first)).toEqual([100, 100, 100]);
		expect(pages[0].variables.after).toBeNull();
		expect(pages[1].variables.after).toEqual(expect.any(String));
	});

	it('waits for the bucket to refill when a drained shop answers THROTTLED (HTTP 200), then succeeds', async () => {
		addLoopCards(f, 3);
		f.sim.setBucket({ maximumAvailable: 1000, currentlyAvailable: 0, restoreRate: 400 });
		const started = Date.now();
		const credits = transactions(await run(f, { operation: 'getLoopCredits', ...windowAroundNow() }));
		expect(credits).toHaveLength(3);
		expect(outcomes(f).slice(0, 2)).toEqual(['throttled', 'ok']);
		// 502 points at 400/s: the node waited about 1.25 s instead of failing.
		expect(Date.now() - started).toBeGreaterThanOrEqual(1100);
	});

	it('treats THROTTLED sent as HTTP 429 the same way', async () => {
		addLoopCards(f, 2);
		f.sim.setThrottledStatus(429);
		f.sim.setBucket({ currentlyAvailable: 0, restoreRate: 1000 });
		const credits = transactions(await run(f, { operation: 'getLoopCredits', ...windowAroundNow() }));
		expect(credits).toHaveLength(2);
		expect(f.sim.requests.map((r) => r.status).slice(0, 2)).toEqual([429, 200]);
	});

	it('paces from throttleStatus: a long read over a small bucket waits between pages and is never throttled', async () => {
		addLoopCards(f, 250);
		f.sim.setBucket({ maximumAvailable: 600, currentlyAvailable: 600, restoreRate: 300 });
		const started = Date.now();
		const credits = transactions(await run(f, { operation: 'getLoopCredits', ...windowAroundNow() }));
		expect(credits).toHaveLength(250);
		expect(outcomes(f)).not.toContain('throttled');
		expect(f.sim.calls.length).toBe(3);
		expect(Date.now() - started).toBeGreaterThanOrEqual(800);
	});

	it('halves the page when Shopify says MAX_COST_EXCEEDED', async () => {
		addLoopCards(f, 60);
		f.sim.setMaxQueryCost(300);
		const credits = transactions(await run(f, { operation: 'getLoopCredits', ...windowAroundNow() }));
		expect(credits).toHaveLength(60);
		const pages = f.sim.calls.filter((c) => c.operationName === 'LoopGiftCards');
		expect(pages.map((c) => [c.variables.first, c.outcome])).toEqual([
			[100, 'maxCostExceeded'],
			[50, 'ok'],
			[50, 'ok'],
		]);
	});

	it('retries 5xx until the retry budget is spent', async () => {
		addLoopCards(f, 1);
		f.sim.faults.add({ kind: 'serverError', times: 2 });
		expect(transactions(await run(f, { operation: 'getLoopCredits', ...windowAroundNow() }))).toHaveLength(1);
		f.sim.faults.add({ kind: 'serverError' });
		const before = f.sim.requests.length;
		const error = await run(f, { operation: 'getLoopCredits', ...windowAroundNow() }).catch((e: Error) => e);
		const attempts = f.sim.requests.length - before;
		expect(String(error)).toMatch(new RegExp(`HTTP 503 ${attempts} times`));
		expect(attempts).toBeGreaterThan(4);
	});

	it('retries a request that timed out', async () => {
		addLoopCards(f, 1);
		shopifyTransportTuning.requestTimeoutMs = 300;
		f.sim.faults.add({ kind: 'timeout', times: 1 });
		expect(transactions(await run(f, { operation: 'getLoopCredits', ...windowAroundNow() }))).toHaveLength(1);
		expect(f.sim.requests.map((r) => r.status)).toEqual(['hung', 200]);
	});

	it('retries a malformed or empty body', async () => {
		addLoopCards(f, 1);
		f.sim.faults.add([{ kind: 'malformed', times: 1 }, { kind: 'empty', times: 1 }]);
		expect(transactions(await run(f, { operation: 'getLoopCredits', ...windowAroundNow() }))).toHaveLength(1);
	});

	it("turns top-level GraphQL errors into a NodeApiError with Shopify's message", async () => {
		const node = graphqlNode('query Bad { shop { name planName } }');
		await expect(runNode(node, { parameters: {}, credentials: { shopifyAdminGraphqlApi: f.credentials as never } })).rejects.toMatchObject({
			name: 'NodeApiError',
			message: expect.stringContaining("Field 'planName' doesn't exist on type 'Shop'"),
		});
	});

	it('turns userErrors of a mutation into a NodeApiError', async () => {
		const node = graphqlNode('mutation Bulk { bulkOperationRunQuery(query: "{ shop { name } }") { bulkOperation { id } userErrors { field message } } }');
		await expect(runNode(node, { parameters: {}, credentials: { shopifyAdminGraphqlApi: f.credentials as never } })).rejects.toThrow(
			/query: Bulk queries must contain at least one connection/,
		);
	});

	it('names every missing scope when Shopify denies access', async () => {
		f.sim.grantToken('shpat_partial', ['read_orders']);
		const credentials = { ...f.credentials, accessToken: 'shpat_partial' };
		const error = await run(f, { operation: 'getLoopCredits', ...windowAroundNow() }, { credentials }).catch((e) => e);
		expect(error.message).toMatch(/lacks read_all_orders, read_gift_cards, read_returns/);
	});

	it('refuses a window older than 60 days without read_all_orders instead of silently missing orders', async () => {
		f.sim.grantToken('shpat_recent_only', ['read_orders', 'read_gift_cards', 'read_returns']);
		const credentials = { ...f.credentials, accessToken: 'shpat_recent_only' };
		await expect(run(f, { operation: 'getRefunds', ...windowAroundNow(24 * 90) }, { credentials })).rejects.toThrow(/lacks read_all_orders/);
		// Gift cards are not orders: no such limit.
		await expect(run(f, { operation: 'getLoopCredits', ...windowAroundNow(24 * 90) }, { credentials })).resolves.toBeDefined();
		await expect(run(f, { operation: 'getRefunds', ...windowAroundNow(24 * 30) }, { credentials })).resolves.toBeDefined();
	});

	it('reports a bad token as a 401 without echoing it', async () => {
		const credentials = { ...f.credentials, accessToken: 'shpat_not_valid_secret_value' };
		const error = await run(f, { operation: 'getAll', ...windowAroundNow() }, { credentials }).catch((e) => e);
		expect(error.message).toMatch(/rejected the credentials \(401\)/);
		expect(JSON.stringify({ message: error.message, description: error.description, context: error.context })).not.toContain('shpat_not_valid_secret_value');
	});

	it('rejects a shop that is not a Shopify shop', async () => {
		const credentials = { ...f.credentials, adminUrlOverride: '', shop: 'not a shop!' };
		await expect(run(f, { operation: 'getAll', ...windowAroundNow() }, { credentials })).rejects.toThrow(/is not a Shopify shop/);
	});
});
