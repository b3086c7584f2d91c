/**
 * Nothing nested is cut silently (issue 8 §7): an order with 50 refunds (the changed-orders page asks
 * for 20), a refund with more lines than its first page, an order with more returns, a return with
 * more exchange and returned lines, an exchange order with more lines and a paid order with more
 * payments than their first page all come back whole; an order whose plain refund list Shopify
 * cannot return whole fails the item, naming the order.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { ShopifyExchange, ShopifyRedemption, ShopifyRefund } from '../../nodes/mapping/contracts';
import { XoroRma } from '../../nodes/Xoro/XoroRma.node';
import { PLAIN_LIST_MAX } from '../../nodes/Shopify/queries';
import { runNode } from '../harness/n8n';
import type { LoopReturnProcessed } from '../simulators/events';
import { createScenario } from '../simulators/scenario';
import { fastRetries, startSim } from '../xoro/fixtures';
import { loopProcessed, run, startFixture, transactions, windowAroundNow, type Fixture } from './fixtures';

let f: Fixture;
beforeAll(fastRetries);
afterEach(() => f.sim.close());

/** Loop return `n` on order #1002: one hoodie back, refunded. */
const loopRefund = (n: number): LoopReturnProcessed => ({ ...loopProcessed(f.scenario, '25044702'), returnId: String(26100000 + n), amount: 1 + n / 100 });

describe('nested lists are read whole', () => {
	it('an order with 50 refunds: all 50 refunds out, each once, and all 50 booked in Xoro once', async () => {
		const scenario = createScenario();
		const xoro = await startSim({ scenario });
		f = await startFixture({ scenario });
		try {
			for (let n = 0; n < 50; n++) f.sim.applyLoopOutcome(loopRefund(n));
			const out = await run(f, { operation: 'getRefunds', ...windowAroundNow() });
			const refunds = transactions(out) as ShopifyRefund[];
			expect({ refunds: refunds.length, unique: new Set(refunds.map((r) => r.id)).size }).toEqual({ refunds: 50, unique: 50 });
			expect(new Set(refunds.map((r) => r.loopReturnId)).size).toBe(50);
			// One changed-orders page, then the order read again for its whole refund list.
			expect(f.sim.calls.filter((c) => c.operationName === 'OrderRefunds')).toHaveLength(1);

			const items: INodeExecutionData[] = out[0].map((i) => ({ json: i.json }));
			const params = { resource: 'creditMemo', operation: 'createRefunded' } as IDataObject;
			const [booked] = await runNode(new XoroRma(), { parameters: params as never, items, credentials: xoro.credentials });
			expect(booked.filter((i) => i.json.alreadyExisted === false)).toHaveLength(50);
			const memoRefs = xoro.sim.state.creditMemos.map((m) => m.creditMemoHeader.ThirdPartyRefNo);
			expect({ memos: memoRefs.length, unique: new Set(memoRefs).size }).toEqual({ memos: 50, unique: 50 });
		} finally {
			await xoro.sim.close();
		}
	}, 120_000);

	it('an order with 250 or more refunds fails the item with an error naming the order', async () => {
		f = await startFixture();
		const order = f.sim.store.order(f.scenario.orders[1].id)!;
		for (let n = 0; n < PLAIN_LIST_MAX; n++) f.sim.store.merchantRefund(order.id, 1, `Loop return ${27000000 + n}`);
		await expect(run(f, { operation: 'getRefunds', ...windowAroundNow() })).rejects.toThrow(/Order #1002 has 250 or more refunds/);
		const out = await run(f, { operation: 'getRefunds', ...windowAroundNow() }, { continueOnFail: true });
		expect(out[0]).toHaveLength(1);
		expect(out[0][0]).toMatchObject({ json: { error: expect.stringMatching(/#1002 has 250 or more refunds/) }, pairedItem: { item: 0 } });
		// The failed item carries the error itself, so n8n's error output receives it.
		expect(out[0][0].error?.message).toMatch(/#1002 has 250 or more refunds/);
	});

	it('a refund with 60 lines, a return with 12 exchange and 25 returned lines, an order with 12 returns', async () => {
		f = await startFixture();
		const hoodie = loopProcessed(f.scenario, '25044702').returnedLines[0];
		f.sim.applyLoopOutcome({ ...loopRefund(0), returnedLines: Array.from({ length: 60 }, () => hoodie), amount: 60 });
		const [refund] = transactions(await run(f, { operation: 'getRefunds', ...windowAroundNow() })) as ShopifyRefund[];
		expect(refund.lines).toHaveLength(60);

		f.sim.setExchangeMode('native');
		const exchange = loopProcessed(f.scenario, '25044703');
		for (let n = 0; n < 11; n++) f.sim.applyLoopOutcome({ ...exchange, returnId: String(26200000 + n) });
		const tee = exchange.exchangeLines[0];
		f.sim.applyLoopOutcome({
			...exchange,
			returnId: '26200099',
			returnedLines: Array.from({ length: 25 }, () => exchange.returnedLines[0]),
			exchangeLines: Array.from({ length: 12 }, () => tee),
		});
		const exchanges = transactions(await run(f, { operation: 'getExchangeOrders', ...windowAroundNow() })) as ShopifyExchange[];
		expect(exchanges).toHaveLength(12);
		const big = exchanges.find((e) => e.lines.length > 2)!;
		// 12 tees (29.99 each) paid for by 25 returned tees: even, nothing charged.
		expect({ lines: big.lines.length, credit: big.exchangeCredit, amount: big.amount }).toEqual({ lines: 12, credit: 359.88, amount: 0 });
	}, 60_000);

	it('an exchange order with 40 lines and an order paid with 12 payments', async () => {
		f = await startFixture();
		const exchange = loopProcessed(f.scenario, '25044703');
		const tee = exchange.exchangeLines[0];
		f.sim.applyLoopOutcome({ ...exchange, amount: 40 * 29.99, exchangeLines: Array.from({ length: 40 }, () => tee) });
		const [order] = transactions(await run(f, { operation: 'getExchangeOrders', includeNativeExchanges: false, ...windowAroundNow() })) as ShopifyExchange[];
		expect({ lines: order.lines.length, amount: order.amount }).toEqual({ lines: 40, amount: 0 });

		f.sim.applyLoopOutcome(loopProcessed(f.scenario, '25044701', 'credit'));
		const card = f.sim.store.giftCards.at(-1)!;
		const paid = f.sim.spendGiftCard({ giftCardId: card.id, amount: 5, otherPayment: 1 });
		// More payments on the order (e.g. split tenders) before the gift card's.
		const gift = paid.transactions.shift()!;
		for (let n = 0; n < 11; n++) paid.transactions.unshift({ ...paid.transactions[0], id: String(990000 + n) });
		paid.transactions.push(gift);
		const [redemption] = transactions(await run(f, { operation: 'getGiftCardRedemptions', ...windowAroundNow() })) as ShopifyRedemption[];
		expect(redemption).toMatchObject({ amount: 5, giftCardId: `gid://shopify/GiftCard/${card.id}` });
	});
});
