/**
 * Only what Loop did is booked (issue 8 §5): the merchant's own refunds (customer service, a
 * cancellation) and exchanges made with Shopify's own flow are left out of Get Refunds, Get
 * Exchange Orders and Get All unless asked for.
 */
import type { ShopifyExchange, ShopifyRefund } from '../../nodes/mapping/contracts';
import { isLoopRefund, orderMarkedByLoop, parseTags } from '../../nodes/Shopify/helpers/loopOrigin';
import { loopProcessed, run, startFixture, transactions, windowAroundNow, type Fixture } from './fixtures';

const tags = parseTags('Refund, Loop Exchange,LE:Exchange');

describe('what marks a refund as Loop\'s', () => {
	const order = { tags: [] as string[] };
	it('a note naming a Loop return, whatever the order', () => {
		expect(isLoopRefund({ note: 'Loop return 25044702', order }, tags)).toBe(true);
	});
	it('a refund on a Shopify return of an order Loop tagged or gave Additional Details', () => {
		const ret = { id: 'gid://shopify/Return/1' };
		expect(isLoopRefund({ note: null, return: ret, order: { tags: ['vip', 'refund'] } }, tags)).toBe(true);
		expect(isLoopRefund({ note: null, return: ret, order: { customAttributes: [{ key: 'loop_return_id', value: '25044702' }] } }, tags)).toBe(true);
		expect(isLoopRefund({ note: null, return: ret, order: { tags: ['vip'] } }, tags)).toBe(false);
	});
	it('not a refund without a Return, even on an order Loop tagged (customer service, cancellation)', () => {
		expect(isLoopRefund({ note: 'Goodwill: late delivery', return: null, order: { tags: ['Refund', 'LE:Exchange'] } }, tags)).toBe(false);
		expect(orderMarkedByLoop({ tags: ['Loop Exchange'] }, tags)).toBe(true);
	});
});

describe('Shopify Transactions books only Loop\'s refunds and exchanges by default', () => {
	let f: Fixture;
	beforeEach(async () => {
		f = await startFixture();
	});
	afterEach(() => f.sim.close());

	it('Get Refunds: a customer-service refund and a cancellation are left out; Loop\'s refund is kept', async () => {
		f.sim.applyLoopOutcome(loopProcessed(f.scenario, '25044702'));
		const loopOrder = f.scenario.orders[1];
		// On the same order Loop refunded (tagged "Refund"), and on another order.
		f.sim.store.merchantRefund(loopOrder.id, 5, 'Goodwill: late delivery');
		f.sim.store.merchantRefund(f.scenario.orders[4].id, 29.99, 'Order canceled');
		const loopOnly = transactions(await run(f, { operation: 'getRefunds', ...windowAroundNow() })) as ShopifyRefund[];
		expect(loopOnly.map((r) => [r.originalOrder?.name, r.amount, r.loopReturnId])).toEqual([['#1002', 64, '25044702']]);

		const everything = transactions(await run(f, { operation: 'getRefunds', includeNonLoop: true, ...windowAroundNow() })) as ShopifyRefund[];
		expect(everything.map((r) => r.amount).sort((a, b) => a - b)).toEqual([5, 29.99, 64]);
	});

	it('Get Exchange Orders: a native exchange made in the Shopify admin is left out; Loop\'s is kept', async () => {
		f.sim.setExchangeMode('native');
		f.sim.applyLoopOutcome(loopProcessed(f.scenario, '25044703'));
		f.sim.store.merchantExchange({ ...loopProcessed(f.scenario, '25044703'), orderId: f.scenario.orders[0].id, orderName: '#1001' });
		const loopOnly = transactions(await run(f, { operation: 'getExchangeOrders', ...windowAroundNow() })) as ShopifyExchange[];
		expect(loopOnly.map((e) => e.originalOrder?.name)).toEqual(['#1003']);
		const everything = transactions(await run(f, { operation: 'getExchangeOrders', includeNonLoop: true, ...windowAroundNow() })) as ShopifyExchange[];
		expect(everything.map((e) => e.originalOrder?.name).sort()).toEqual(['#1001', '#1003']);
	});

	it('Get All: the merchant\'s refunds and exchanges stay out of the stream', async () => {
		f.sim.applyLoopOutcome(loopProcessed(f.scenario, '25044702'));
		f.sim.store.merchantRefund(f.scenario.orders[4].id, 29.99, null);
		f.sim.store.merchantExchange({ ...loopProcessed(f.scenario, '25044703'), orderId: f.scenario.orders[0].id, orderName: '#1001' });
		const all = transactions(await run(f, { operation: 'getAll', ...windowAroundNow() }));
		expect(all.map((t) => [t.kind, t.originalOrder?.name])).toEqual([['refund', '#1002']]);
	});
});
