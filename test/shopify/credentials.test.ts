import { ShopifyAdminGraphqlApi } from '../../credentials/ShopifyAdminGraphqlApi.credentials';
import { adminBaseUrl, graphqlUrl, shopDomain } from '../../nodes/Shopify/helpers/shop';
import { testCredential } from '../harness/n8n';
import { loopProcessed, run, startFixture, transactions, windowAroundNow, type Fixture } from './fixtures';

describe('shop settings', () => {
	it('accepts a subdomain, a myshopify.com domain or its URL', () => {
		expect(shopDomain('my-store')).toBe('my-store.myshopify.com');
		expect(shopDomain(' My-Store.myshopify.com ')).toBe('my-store.myshopify.com');
		expect(shopDomain('https://my-store.myshopify.com/admin')).toBe('my-store.myshopify.com');
		expect(() => shopDomain('my store')).toThrow(/not a Shopify shop/);
		expect(() => shopDomain('')).toThrow(/not a Shopify shop/);
	});

	it('builds the GraphQL URL from shop and version, or from the override', () => {
		expect(graphqlUrl({ shop: 'my-store', apiVersion: '2026-10' })).toBe('https://my-store.myshopify.com/admin/api/2026-10/graphql.json');
		expect(adminBaseUrl({ shop: 'x', apiVersion: '2026-10', adminUrlOverride: 'http://127.0.0.1:9/' })).toBe('http://127.0.0.1:9');
		expect(() => graphqlUrl({ shop: 'my-store', apiVersion: '2026-02' })).toThrow(/API version/);
	});
});

describe('Shopify Admin GraphQL credential', () => {
	let f: Fixture;
	const credential = new ShopifyAdminGraphqlApi();
	beforeEach(async () => {
		f = await startFixture();
	});
	afterEach(() => f.sim.close());

	const clientCredentials = (f: Fixture) => ({
		shop: 'loop-xoro-demo',
		apiVersion: '2026-10',
		authentication: 'clientCredentials',
		clientId: f.sim.clientId,
		clientSecret: f.sim.clientSecret,
		adminUrlOverride: f.sim.url,
	});

	it('defaults to the newest stable version and declares authenticate and a test', () => {
		expect(credential.properties.find((p) => p.name === 'apiVersion')?.default).toBe('2026-10');
		expect(credential.properties.find((p) => p.name === 'sessionToken')?.typeOptions).toMatchObject({ expirable: true });
		expect(credential.test.request.body).toMatchObject({ query: expect.stringContaining('shop { name }') });
	});

	it('tests an access token: OK when valid, a clear error when not', async () => {
		expect(await testCredential(credential, f.credentials as never)).toMatchObject({ status: 'OK' });
		const bad = await testCredential(credential, { ...f.credentials, accessToken: 'shpat_wrong' } as never);
		expect(bad).toMatchObject({ status: 'Error', message: expect.stringMatching(/401.*Invalid API key or access token/) });
		expect(bad.message).not.toContain('shpat_wrong');
	});

	it('fails clearly on a wrong client secret, without the secret in the error', async () => {
		const credentials = { ...clientCredentials(f), clientSecret: 'shpss_wrong_secret_1234' };
		const error = await run(f, { operation: 'getLoopCredits', ...windowAroundNow() }, { credentials }).catch((e) => e);
		expect(error.message).toMatch(/refused the client credentials .*HTTP 401.*Client authentication failed/);
		expect(JSON.stringify({ m: error.message, d: error.description, c: error.context, cause: String(error.cause) })).not.toContain('shpss_wrong_secret_1234');
		expect(f.sim.issuedTokens).toHaveLength(0);
	});

	it('answers a missing scope in the test body the way the rules read it', async () => {
		f.sim.grantToken('shpat_no_cards', ['read_orders', 'read_returns']);
		const { request } = await import('undici');
		const res = await request(`${f.sim.url}/admin/api/2026-10/graphql.json`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-shopify-access-token': 'shpat_no_cards' },
			body: JSON.stringify(credential.test.request.body),
		});
		const body = (await res.body.json()) as { errors: Array<{ extensions: { requiredAccess: string } }> };
		const rule = credential.test.rules!.find((r) => {
			const [, index] = /errors\[(\d)\]/.exec(String((r.properties as { key: string }).key))!;
			return body.errors[Number(index)]?.extensions.requiredAccess === (r.properties as { value: string }).value;
		});
		expect(rule?.properties.message).toMatch(/lacks the read_gift_cards access scope/);
	});

	it('exchanges client ID and secret for a token before the first request and reuses it', async () => {
		f.sim.applyLoopOutcome(loopProcessed(f.scenario, '25044701', 'credit'));
		const out = await run(f, { operation: 'getLoopCredits', ...windowAroundNow() }, { credentials: clientCredentials(f) });
		expect(transactions(out)).toHaveLength(1);
		expect(f.sim.issuedTokens).toHaveLength(1);
		expect(f.sim.calls.map((c) => c.outcome)).toEqual(['ok']);
	});

	it('renews a token Shopify no longer accepts (401) and resends the request', async () => {
		f.sim.applyLoopOutcome(loopProcessed(f.scenario, '25044701', 'credit'));
		f.sim.grantToken('shpat_expired_already', ['read_orders'], -1);
		const credentials = {
			...clientCredentials(f),
			sessionToken: 'shpat_expired_already',
			sessionRenewAt: new Date(Date.now() + 3600_000).toISOString(),
		};
		const out = await run(f, { operation: 'getLoopCredits', ...windowAroundNow() }, { credentials });
		expect(transactions(out)).toHaveLength(1);
		expect(f.sim.issuedTokens).toHaveLength(1);
		expect(f.sim.calls.map((c) => c.outcome)).toEqual(['unauthorized', 'ok']);
	});

	it('renews a token that reached its renewal time before Shopify expires it', async () => {
		f.sim.grantToken('shpat_still_valid', ['read_orders', 'read_gift_cards'], 3600);
		const credentials = { ...clientCredentials(f), sessionToken: 'shpat_still_valid', sessionRenewAt: new Date(Date.now() - 1000).toISOString() };
		await run(f, { operation: 'getLoopCredits', ...windowAroundNow() }, { credentials });
		expect(f.sim.issuedTokens).toHaveLength(1);
	});

	it('keeps renewing short-lived tokens within one long run', async () => {
		f.sim.setTokenLifetime(1);
		f.sim.applyLoopOutcome(loopProcessed(f.scenario, '25044701', 'credit'));
		// Drained bucket: the run outlives the first token.
		f.sim.setBucket({ currentlyAvailable: 0, restoreRate: 250 });
		const out = await run(f, { operation: 'getLoopCredits', ...windowAroundNow() }, { credentials: clientCredentials(f) });
		expect(transactions(out)).toHaveLength(1);
		expect(f.sim.issuedTokens.length).toBeGreaterThanOrEqual(2);
	});

	it('never puts the token or secret into the output', async () => {
		f.sim.applyLoopOutcome(loopProcessed(f.scenario, '25044701', 'credit'));
		const out = await run(f, { operation: 'getAll', ...windowAroundNow() }, { credentials: clientCredentials(f) });
		const text = JSON.stringify(out);
		expect(text).not.toContain(f.sim.clientSecret);
		for (const token of [...f.sim.issuedTokens, f.sim.accessToken]) expect(text).not.toContain(token);
	});
});

describe('credential test URL expression', () => {
	const credential = new ShopifyAdminGraphqlApi();
	const evaluate = async (data: Record<string, string>) => {
		const { Workflow } = await import('n8n-workflow');
		const node = { id: 'n', name: 'n', type: 'noOp', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
		const workflow = new Workflow({ id: 'w', nodes: [node], connections: {}, active: false, nodeTypes: { getByName: () => undefined, getByNameAndVersion: () => undefined, getKnownTypes: () => ({}) } as never });
		const defaults = Object.fromEntries(credential.properties.map((p) => [p.name, p.default]));
		return workflow.expression.getSimpleParameterValue(node, credential.test.request.url as string, 'internal', { $credentials: { ...defaults, ...data } } as never, undefined, '');
	};

	it('reaches the same URL as the transport for every accepted shop spelling', async () => {
		for (const shop of ['my-store', 'My-Store.myshopify.com', 'https://my-store.myshopify.com/admin']) {
			expect(await evaluate({ shop })).toBe(graphqlUrl({ shop, apiVersion: '2026-10' }));
		}
		expect(await evaluate({ shop: 'x', adminUrlOverride: 'http://127.0.0.1:9/', apiVersion: '2026-07' })).toBe('http://127.0.0.1:9/admin/api/2026-07/graphql.json');
	});
});
