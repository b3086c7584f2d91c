import { request } from 'undici';
import { createScenario } from '../scenario';
import type { LoopReturnProcessed, ShopifyOrderCreated } from '../events';
import { startShopifySimulator, type ShopifySimulator } from '.';

const VERSION = '2026-10';

describe('Shopify simulator', () => {
	let sim: ShopifySimulator;
	const created: ShopifyOrderCreated[] = [];
	const scenario = createScenario();

	beforeEach(async () => {
		created.length = 0;
		sim = await startShopifySimulator({ scenario, onOrderCreated: (o) => created.push(o) });
	});
	afterEach(() => sim.close());

	async function gql(query: string, variables: Record<string, unknown> = {}, token = sim.accessToken) {
		const res = await request(`${sim.url}/admin/api/${VERSION}/graphql.json`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-shopify-access-token': token },
			body: JSON.stringify({ query, variables }),
		});
		return { status: res.statusCode, body: (await res.body.json()) as any };
	}

	const credit: LoopReturnProcessed = {
		returnId: '25044701', orderId: scenario.orders[0].id, orderName: '#1001', outcome: 'credit', amount: 79.48, currency: 'USD',
		customerEmail: 'ada@example.com', returnedLines: [], exchangeLines: [], additionalDetails: {}, exchangeOrderName: null,
	};

	it('answers shop with cost extensions and the served version', async () => {
		const { status, body } = await gql('{ shop { name myshopifyDomain } }');
		expect(status).toBe(200);
		expect(body.data.shop).toEqual({ name: scenario.shop.name, myshopifyDomain: scenario.shop.domain });
		expect(body.extensions.cost).toMatchObject({ requestedQueryCost: 1, actualQueryCost: 1, throttleStatus: { restoreRate: 100 } });
	});

	it('rejects a missing or unknown token with 401', async () => {
		const { status, body } = await gql('{ shop { name } }', {}, 'shpat_wrong');
		expect(status).toBe(401);
		expect(body.errors).toMatch(/Invalid API key or access token/);
	});

	it('validates documents like Shopify: unknown fields are errors with a code', async () => {
		const { status, body } = await gql('{ shop { name planName } }');
		expect(status).toBe(200);
		expect(body.errors[0]).toMatchObject({ message: "Field 'planName' doesn't exist on type 'Shop'", extensions: { code: 'undefinedField' } });
		expect(body.data).toBeUndefined();
	});

	it('requires first or last, at most 250', async () => {
		const { body } = await gql('{ orders(first: 300) { nodes { id } } }');
		expect(body.errors[0].message).toMatch(/between 0 and 250/);
	});

	it('filters orders with search syntax and pages by cursor', async () => {
		const q = `query($after: String) { orders(first: 2, after: $after, sortKey: CREATED_AT, query: "created_at:>='2000-01-01' AND -name:1006") {
			pageInfo { hasNextPage endCursor } nodes { name } } }`;
		const names: string[] = [];
		let after: string | null = null;
		do {
			const { body } = await gql(q, { after });
			names.push(...body.data.orders.nodes.map((n: { name: string }) => n.name));
			after = body.data.orders.pageInfo.hasNextPage ? body.data.orders.pageInfo.endCursor : null;
		} while (after);
		expect(names).toEqual(['#1001', '#1002', '#1003', '#1004', '#1005']);
	});

	it('prices connections by first and throttles when the bucket is empty', async () => {
		sim.setBucket({ maximumAvailable: 300, currentlyAvailable: 300, restoreRate: 1 });
		const q = '{ orders(first: 30) { nodes { id name lineItems(first: 5) { nodes { sku } } } } }';
		const ok = await gql(q);
		expect(ok.body.extensions.cost.requestedQueryCost).toBe(2 + 30 * (1 + 2 + 5));
		expect(ok.body.extensions.cost.actualQueryCost).toBeLessThan(242);
		// The surplus over the actual cost came back.
		expect(ok.body.extensions.cost.throttleStatus.currentlyAvailable).toBeGreaterThan(300 - 242);
		sim.setBucket({ currentlyAvailable: 100 });
		const again = await gql(q);
		expect(again.status).toBe(200);
		expect(again.body.errors[0].extensions.code).toBe('THROTTLED');
		expect(again.body.extensions.cost).toMatchObject({ requestedQueryCost: 242, actualQueryCost: null });
		sim.setThrottledStatus(429);
		expect((await gql(q)).status).toBe(429);
	});

	it('restores points at the plan rate, switchable', async () => {
		expect(sim.throttleStatus().restoreRate).toBe(100);
		sim.setPlan('plus');
		expect((await gql('{ shop { name } }')).body.extensions.cost.throttleStatus.restoreRate).toBe(1000);
		sim.setBucket({ currentlyAvailable: 0 });
		await new Promise((r) => setTimeout(r, 200));
		expect(sim.throttleStatus().currentlyAvailable).toBeGreaterThanOrEqual(150);
	});

	it('refuses a query over 1000 points with MAX_COST_EXCEEDED', async () => {
		const { body } = await gql('{ orders(first: 250) { nodes { id lineItems(first: 10) { nodes { sku } } } } }');
		expect(body.errors[0].extensions).toMatchObject({ code: 'MAX_COST_EXCEEDED', maxCost: 1000 });
		expect(body.errors[0].extensions.cost).toBeGreaterThan(1000);
	});

	it('denies fields the token has no scope for', async () => {
		sim.grantToken('shpat_orders_only', ['read_orders']);
		const { body } = await gql('{ giftCards(first: 5) { nodes { id } } }', {}, 'shpat_orders_only');
		expect(body.errors[0].extensions.code).toBe('ACCESS_DENIED');
		expect(body.errors[0].message).toMatch(/read_gift_cards/);
	});

	it('reads objects by id with nodes(ids:): in order, null where there is none, priced per id, at most 250, scopes enforced', async () => {
		const cards = sim.store.giftCards.slice(0, 2).map((g) => `gid://shopify/GiftCard/${g.id}`);
		const ids = [cards[0], 'gid://shopify/GiftCard/999999999', `gid://shopify/Order/${scenario.orders[0].id}`, cards[1]];
		const query = 'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on GiftCard { initialValue { amount } } ... on Order { name } } }';
		const { body } = await gql(query, { ids });
		expect(body.data.nodes.map((n: { id: string } | null) => n?.id ?? null)).toEqual([cards[0], null, ids[2], cards[1]]);
		expect(body.data.nodes[2].name).toBe('#1001');
		// Four ids at 2 points each: the object, and a gift card's initialValue.
		expect(body.extensions.cost.requestedQueryCost).toBe(8);

		const tooMany = await gql(query, { ids: Array.from({ length: 251 }, () => cards[0]) });
		expect(tooMany.body.errors[0]).toMatchObject({ extensions: { code: 'MAX_INPUT_SIZE_EXCEEDED' } });

		sim.grantToken('shpat_orders_only', ['read_orders']);
		const denied = await gql(query, { ids: cards }, 'shpat_orders_only');
		expect(denied.body.errors[0]).toMatchObject({ extensions: { code: 'ACCESS_DENIED' } });
		expect(denied.body.errors[0].message).toMatch(/read_gift_cards/);
	});

	it('hides orders older than 60 days without read_all_orders', async () => {
		sim.store.orders[0].createdAt = '2020-01-01T00:00:00Z';
		sim.grantToken('shpat_recent', ['read_orders']);
		const recent = await gql('{ orders(first: 50) { nodes { name } } }', {}, 'shpat_recent');
		const all = await gql('{ orders(first: 50) { nodes { name } } }');
		expect(all.body.data.orders.nodes.map((n: { name: string }) => n.name)).toContain('#1001');
		expect(recent.body.data.orders.nodes.map((n: { name: string }) => n.name)).not.toContain('#1001');
	});

	it('issues expiring client-credentials tokens', async () => {
		sim.setTokenLifetime(1);
		const res = await request(`${sim.url}/admin/oauth/access_token`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sim.clientId, client_secret: sim.clientSecret }).toString(),
		});
		const token = (await res.body.json()) as { access_token: string; expires_in: number };
		expect(token.expires_in).toBe(1);
		expect((await gql('{ shop { name } }', {}, token.access_token)).status).toBe(200);
		await new Promise((r) => setTimeout(r, 1100));
		expect((await gql('{ shop { name } }', {}, token.access_token)).status).toBe(401);
	});

	it('applies a Loop credit as a gift card with Loop note, tagging the original order', async () => {
		sim.applyLoopOutcome(credit);
		const { body } = await gql(`{ giftCards(first: 10, query: "source:api_client", sortKey: CREATED_AT, reverse: true) { nodes { note initialValue { amount } } } }`);
		const loop = body.data.giftCards.nodes.filter((g: { note: string }) => g.note?.includes('Generated by Loop Returns'));
		expect(loop.map((g: { note: string }) => /Loop return ID: (\d+)/.exec(g.note)?.[1])).toContain('25044701');
		const order = await gql(`{ order(id: "gid://shopify/Order/${credit.orderId}") { tags } }`);
		expect(order.body.data.order.tags).toContain('Gift Card');
	});

	it('makes an exchange order with Loop source and Additional Details and emits it', async () => {
		sim.applyLoopOutcome({
			...credit, outcome: 'exchange', exchangeOrderName: 'EXC-1001-1', additionalDetails: { loop_return_id: '25044701' },
			exchangeLines: [{ variantId: scenario.variants[1].variantId, sku: 'TEE-PM-M', title: 'T', quantity: 1, price: 29.99 }],
		});
		const { body } = await gql('{ orders(first: 5, query: "name:EXC*") { nodes { name sourceName tags customAttributes { key value } } } }');
		expect(body.data.orders.nodes).toEqual([
			{ name: 'EXC-1001-1', sourceName: '1662707', tags: ['1001'], customAttributes: [{ key: 'loop_return_id', value: '25044701' }] },
		]);
		expect(created.map((o) => o.orderName)).toEqual(['EXC-1001-1']);
	});

	it('records a gift-card spend as a gift_card transaction and lowers the balance', async () => {
		sim.applyLoopOutcome(credit);
		const card = sim.store.giftCards.at(-1)!;
		const order = sim.spendGiftCard({ giftCardId: `gid://shopify/GiftCard/${card.id}`, amount: 30 });
		expect(card.balance).toBeCloseTo(49.48);
		const { body } = await gql(`{ order(id: "gid://shopify/Order/${order.id}") { transactions { gateway receiptJson amountSet { shopMoney { amount } } } } }`);
		const tx = body.data.order.transactions[0];
		expect(tx.gateway).toBe('gift_card');
		expect(JSON.parse(tx.receiptJson).gift_card_id).toBe(Number(card.id));
		expect(created.at(-1)!.orderId).toBe(order.id);
	});
});
