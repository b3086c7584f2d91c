/**
 * What each query asks of Shopify's cost budget (issue 11): the cost per node written beside every
 * document in nodes/Shopify/queries.ts is what Shopify's rules give (priced here by the simulator),
 * so the transport's pages and nodes(ids:) batches fit the 1000-point single-query limit; and Get All
 * reads one query per kind of list, none per refund or gift card, none throttled.
 */
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import * as q from '../../nodes/Shopify/queries';
import { shopifyTransportTuning } from '../../nodes/Shopify/transport';
import { requestedCost } from '../simulators/shopify/cost';
import { schema } from '../simulators/shopify/schema';
import { loopProcessed, run, startFixture, transactions, windowAroundNow, type Fixture } from './fixtures';

const MAX = shopifyTransportTuning.maxQueryCost;

function price(document: string, variables: Record<string, unknown>): number {
	const parsed = parse(document);
	const operation = parsed.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
	return requestedCost(schema, parsed, operation, variables);
}

const page = (first: number) => ({ first, after: null, query: 'created_at:>=2026-01-01' });
const ids = (n: number) => ({ ids: Array.from({ length: n }, (_, i) => `gid://shopify/Refund/${i + 1}`) });
/** The largest page the transport asks for: as many nodes as fit next to the connection's 2 points. */
const fitted = (nodeCost: number) => Math.min(shopifyTransportTuning.maxPageSize, Math.floor((MAX - 2) / nodeCost));

describe('query cost', () => {
	it.each([
		['LoopGiftCards', q.LOOP_GIFT_CARDS, q.LOOP_GIFT_CARD_COST],
		['ChangedOrders', q.CHANGED_ORDERS, q.CHANGED_ORDER_COST],
		['ChangedOrdersWithReturns', q.CHANGED_ORDERS_WITH_RETURNS, q.ORDER_WITH_RETURNS_COST],
		['ExchangeOrders', q.EXCHANGE_ORDERS, q.EXCHANGE_ORDER_COST],
		['PaidOrders', q.PAID_ORDERS, q.PAID_ORDER_COST],
	])('%s: a page costs 2 + first × the cost written beside it, and the largest page fits', (_, document, nodeCost) => {
		expect(price(document, page(1))).toBe(2 + nodeCost);
		expect(price(document, page(10))).toBe(2 + 10 * nodeCost);
		expect(price(document, page(fitted(nodeCost)))).toBeLessThanOrEqual(MAX);
	});

	it.each([
		['Refunds', q.REFUNDS, q.REFUND_COST],
		['ReturnExchanges', q.RETURN_EXCHANGES, q.RETURN_EXCHANGES_COST],
		['GiftCards', q.GIFT_CARDS, q.GIFT_CARD_COST],
	])('%s: nodes(ids:) costs the cost written beside it per id, and the largest batch fits', (_, document, nodeCost) => {
		expect(price(document, ids(1))).toBe(nodeCost);
		expect(price(document, ids(7))).toBe(7 * nodeCost);
		const batch = Math.min(shopifyTransportTuning.maxPageSize, Math.floor(MAX / nodeCost));
		expect(price(document, ids(batch))).toBeLessThanOrEqual(MAX);
	});

	it.each([
		['OrderRefunds', q.ORDER_REFUNDS, {}],
		['OrderTransactions', q.ORDER_TRANSACTIONS, {}],
		['OrderReturns', q.ORDER_RETURNS_PAGE, { first: 50 }],
		['OrderLines', q.ORDER_LINES_PAGE, { first: 50 }],
		['RefundLines', q.REFUND_LINES_PAGE, { first: 50 }],
		['RefundTransactions', q.REFUND_TRANSACTIONS_PAGE, { first: 50 }],
		['ReturnExchangeLines', q.RETURN_EXCHANGE_LINES_PAGE, { first: 10 }],
		['ReturnedLines', q.RETURNED_LINES_PAGE, { first: 50 }],
	])('%s, the read of one parent\'s nested list, fits at the size it is read with', (_, document, variables) => {
		expect(price(document, { id: 'gid://shopify/Order/1', after: null, ...variables })).toBeLessThanOrEqual(MAX);
	});
});

describe('Get All reads in batches, not per object', () => {
	let f: Fixture;
	beforeEach(async () => {
		f = await startFixture();
		// Plus restores 1000 points a second: the test does not wait for the bucket.
		f.sim.setPlan('plus');
	});
	afterEach(() => f.sim.close());

	it('20 refunds, 20 credits spent on new orders, 20 exchange orders: one query per kind of list, each within the limit', async () => {
		const refund = loopProcessed(f.scenario, '25044702');
		const credit = loopProcessed(f.scenario, '25044701', 'credit');
		const exchange = loopProcessed(f.scenario, '25044703');
		for (let n = 0; n < 20; n++) {
			f.sim.applyLoopOutcome({ ...refund, returnId: String(26100000 + n), amount: 1 + n / 100 });
			f.sim.applyLoopOutcome({ ...credit, returnId: String(26200000 + n), amount: 5 + n });
			f.sim.applyLoopOutcome({ ...exchange, returnId: String(26300000 + n), exchangeOrderName: `EXC-1003-${n + 1}` });
			f.sim.spendGiftCard({ giftCardId: f.sim.store.giftCards.at(-1)!.id, amount: 2 });
		}
		const all = transactions(await run(f, { operation: 'getAll', ...windowAroundNow() }));
		const kinds = all.reduce<Record<string, number>>((n, t) => ({ ...n, [t.kind]: (n[t.kind] ?? 0) + 1 }), {});
		expect(kinds).toEqual({ credit: 20, refund: 20, exchange: 20, redemption: 20 });

		const calls = f.sim.calls;
		expect(calls.every((c) => c.outcome === 'ok' && (c.requestedQueryCost ?? 0) <= MAX)).toBe(true);
		const byName = calls.reduce<Record<string, number>>((n, c) => ({ ...n, [c.operationName!]: (n[c.operationName!] ?? 0) + 1 }), {});
		// The 20 refunds and the 20 Loop cards' redemptions take no query of their own. Order #1002 holds
		// all 20 refunds (and their Shopify returns): its lists are read again whole, once each.
		expect(byName).toEqual({
			LoopGiftCards: 1,
			ChangedOrders: 1,
			OrderRefunds: 1,
			Refunds: 1,
			ExchangeOrders: 1,
			ChangedOrdersWithReturns: 1,
			OrderReturns: 1,
			PaidOrders: 1,
		});
	}, 60_000);

	it('a redemption with a card that is not a credit of the window looks the cards up by id, many to a query', async () => {
		f.sim.applyLoopOutcome(loopProcessed(f.scenario, '25044701', 'credit'));
		const loopCard = f.sim.store.giftCards.at(-1)!;
		const others = f.sim.store.giftCards.filter((g) => g.id !== loopCard.id && g.enabled && g.balance >= 1).slice(0, 2);
		expect(others.length).toBe(2);
		for (const card of [loopCard, ...others]) f.sim.spendGiftCard({ giftCardId: card.id, amount: 1 });
		const redemptions = transactions(await run(f, { operation: 'getGiftCardRedemptions', onlyLoopGiftCards: false, ...windowAroundNow() }));
		expect(redemptions).toHaveLength(3);
		const lookups = f.sim.calls.filter((c) => c.operationName === 'GiftCards');
		expect(lookups).toHaveLength(1);
		expect(lookups[0].variables.ids).toHaveLength(3);
	});

	it('halves a nodes(ids:) batch Shopify finds too costly, and still reads every refund', async () => {
		for (let n = 0; n < 12; n++) f.sim.applyLoopOutcome({ ...loopProcessed(f.scenario, '25044702'), returnId: String(26100000 + n) });
		// Room for the order's refund list (251 points), not for a batch of 12 refunds.
		f.sim.setMaxQueryCost(300);
		const refunds = transactions(await run(f, { operation: 'getRefunds', ...windowAroundNow() }));
		expect(refunds).toHaveLength(12);
		const batches = f.sim.calls.filter((c) => c.operationName === 'Refunds').map((c) => [(c.variables.ids as string[]).length, c.outcome]);
		// The first batch is sized for Shopify's 1000 points; the shop said less, so it halves until one fits.
		expect(batches[0]).toEqual([12, 'maxCostExceeded']);
		expect(batches.filter(([, outcome]) => outcome === 'ok').reduce((n, [size]) => n + (size as number), 0)).toBe(12);
		expect(batches).toEqual([
			[12, 'maxCostExceeded'],
			[6, 'ok'],
			[6, 'ok'],
		]);
	});
});
