/**
 * Exchanges booked at the price the customer paid (issue 8 §6): Loop's exchange outcomes land in the
 * Shopify simulator as Loop makes them (EXC- order with its credit as a discount, or native on the
 * original order), the Shopify Transactions node reads them and Xoro's Create Exchange Order books
 * them. The Xoro sales order's total must equal what Shopify charged: 0 for an even exchange and a
 * down-sell, the difference for an upsell. A down-sell's left-over credit and an out-of-stock exchange
 * become a refund or gift card, booked as a memo, never as an order.
 */
import type { INodeExecutionData } from 'n8n-workflow';
import { XoroRma } from '../../../nodes/Xoro/XoroRma.node';
import { runNode } from '../../harness/n8n';
import type { LoopReturnProcessed, OutcomeLine } from '../../simulators/events';
import { createScenario, variantById } from '../../simulators/scenario';
import { loopProcessed, run, startFixture, windowAroundNow, type Fixture } from '../../shopify/fixtures';
import { fastRetries, startSim } from '../fixtures';

const xoroNode = new XoroRma();
let shopify: Fixture;
let xoro: Awaited<ReturnType<typeof startSim>>;

beforeAll(fastRetries);
beforeEach(async () => {
	const scenario = createScenario();
	xoro = await startSim({ scenario });
	// Xoro's own Shopify app is not wired here: the node books every exchange itself.
	shopify = await startFixture({ scenario });
});
afterEach(async () => {
	await Promise.all([shopify.sim.close(), xoro.sim.close()]);
});

const TEE_L = '41845504704663';
const TEE_M = '41845504671895';
const HOODIE_L = '41845504770199';
const CAP = '41845504802967';

/** Return #1003's large tee (29.99) for `newVariant`, processed by Loop. */
function exchangeOf(newVariant: string): LoopReturnProcessed {
	const line = (variantId: string): OutcomeLine => {
		const v = variantById(shopify.scenario, variantId);
		return { variantId, sku: v.sku, title: v.title, quantity: 1, price: v.price };
	};
	return { ...loopProcessed(shopify.scenario, '25044703'), amount: 29.99, returnedLines: [line(TEE_L)], exchangeLines: [line(newVariant)] };
}

async function shopifyItems(): Promise<INodeExecutionData[]> {
	const [all] = await run(shopify, { operation: 'getAll', ...windowAroundNow() });
	return all.map((i) => ({ json: i.json }));
}

const book = (operation: string, items: INodeExecutionData[]) =>
	runNode(xoroNode, { parameters: { resource: operation === 'createExchange' ? 'salesOrder' : 'creditMemo', operation } as never, items, credentials: xoro.credentials });

/** What Shopify charged for the exchange: the payments made when it was processed (none when the credit covered it). */
function charged(since: string): number {
	const payments = shopify.sim.store.orders.flatMap((o) => o.transactions).filter((t) => t.kind === 'SALE' && t.createdAt >= since);
	return Math.round(payments.reduce((n, t) => n + t.amount, 0) * 100) / 100;
}

describe.each([
	['an EXC- order', false],
	['a native exchange', true],
])('exchange totals in Xoro equal what Shopify charged: %s', (_label, native) => {
	it.each([
		['even', TEE_M, 0],
		['upsell', HOODIE_L, 34.01],
		['down-sell', CAP, 0],
	])('%s exchange', async (kind, newVariant, expected) => {
		const at = shopify.sim.store.stamp();
		shopify.sim.applyLoopOutcome(exchangeOf(newVariant as string), { native });
		expect(charged(at)).toBe(expected);
		const items = await shopifyItems();
		const exchanges = items.filter((i) => i.json.kind === 'exchange');
		expect(exchanges).toHaveLength(1);
		expect(exchanges[0].json.amount).toBe(expected);

		const [out] = await book('createExchange', exchanges);
		expect(out[0].json).toMatchObject({ alreadyExisted: false });
		const booked = xoro.sim.state.salesOrders.filter((o) => o.SoEstimateHeader.OrderNumber === out[0].json.orderNumber);
		expect(booked.map((o) => o.SoEstimateHeader.TotalAmount)).toEqual([expected]);
		const [order] = booked;
		expect(order.SoEstimateItemLineArr[0]).toMatchObject({ UnitPrice: variantById(shopify.scenario, newVariant as string).price, DiscountTypeName: 'percentage' });

		// A down-sell leaves 10.49 of credit: Loop refunds it on the original order, booked as a refunded memo.
		const refunds = items.filter((i) => i.json.kind === 'refund');
		expect(refunds.map((r) => r.json.amount)).toEqual(kind === 'down-sell' ? [10.49] : []);
		if (refunds.length) {
			const [memo] = await book('createRefunded', refunds);
			expect(memo[0].json).toMatchObject({ alreadyExisted: false, status: 'Refunded', totalAmount: 10.49 });
		}
	});
});

describe('an out-of-stock exchange Loop turned into a refund or a gift card', () => {
	it.each([
		['refund', 'createRefunded', 'Refunded'],
		['credit', 'create', 'Open'],
	] as const)('%s: books the memo, no sales order', async (outOfStock, operation, status) => {
		const ordersBefore = xoro.sim.state.salesOrders.length;
		shopify.sim.applyLoopOutcome(exchangeOf(HOODIE_L), { outOfStock });
		const items = await shopifyItems();
		expect(items.map((i) => i.json.kind)).toEqual([outOfStock]);
		const [out] = await book(operation, items);
		expect(out[0].json).toMatchObject({ alreadyExisted: false, status, totalAmount: 29.99 });
		expect(xoro.sim.state.salesOrders).toHaveLength(ordersBefore);
	});
});
