/**
 * The credit side fed by the real Shopify Transactions node: Loop outcomes land in the Shopify
 * simulator, new Shopify orders are imported into the Xoro simulator (as Xoro's Shopify app does),
 * and the Xoro RMA node takes the Shopify node's items as they are.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { XoroRma } from '../../../nodes/Xoro/XoroRma.node';
import { runNode } from '../../harness/n8n';
import { createScenario } from '../../simulators/scenario';
import { loopProcessed, run, startFixture, windowAroundNow, type Fixture } from '../../shopify/fixtures';
import { fastRetries, startSim } from '../fixtures';

const xoroNode = new XoroRma();
let shopify: Fixture;
let xoro: Awaited<ReturnType<typeof startSim>>;

beforeAll(fastRetries);
beforeEach(async () => {
	const scenario = createScenario();
	xoro = await startSim({ scenario });
	shopify = await startFixture({ scenario, onOrderCreated: (order) => xoro.sim.importShopifyOrder(order) });
});
afterEach(async () => {
	await Promise.all([shopify.sim.close(), xoro.sim.close()]);
});

async function shopifyItems(kind: string): Promise<INodeExecutionData[]> {
	const [all] = await run(shopify, { operation: 'getAll', ...windowAroundNow() });
	return all.filter((i) => i.json.kind === kind).map((i) => ({ json: i.json }));
}

const xoroRun = (parameters: IDataObject, items: INodeExecutionData[]) =>
	runNode(xoroNode, { parameters: parameters as never, items, credentials: xoro.credentials });

describe('Shopify Transactions items → Xoro credit documents', () => {
	it('credit → store-credit memo on the original invoice; the card spent later → applied to the new invoice', async () => {
		shopify.sim.applyLoopOutcome(loopProcessed(shopify.scenario, '25044701', 'credit'));
		const card = shopify.sim.store.giftCards.at(-1)!;
		const [memo] = await xoroRun({ resource: 'creditMemo', operation: 'create' }, await shopifyItems('credit'));
		expect(memo[0].json).toMatchObject({ alreadyExisted: false, thirdPartyRefNo: String(card.id), invoiceNumber: 'MAIN-I001001', totalAmount: 79.48 });

		const order = shopify.sim.spendGiftCard({ giftCardId: String(card.id), amount: 50, otherPayment: 10 });
		const invoice = xoro.sim.state.invoices.find((i) => i.InvoiceHeader.ThirdPartyRefNo === String(order.id))!;
		expect(invoice.InvoiceHeader.BalanceAmount).toBe(60);

		const redemptions = await shopifyItems('redemption');
		const [applied] = await xoroRun({ resource: 'creditMemo', operation: 'applyToInvoice' }, redemptions);
		expect(applied[0].json).toMatchObject({ alreadyExisted: false, invoiceNumber: invoice.InvoiceHeader.InvoiceNumber, amount: 50 });
		expect(invoice.InvoiceHeader.BalanceAmount).toBe(10);
		const [again] = await xoroRun({ resource: 'creditMemo', operation: 'applyToInvoice' }, redemptions);
		expect(again[0].json.alreadyExisted).toBe(true);
		expect(xoro.sim.state.creditApplications).toHaveLength(1);
	});

	it('refund → refunded memo for the returned hoodie', async () => {
		shopify.sim.applyLoopOutcome(loopProcessed(shopify.scenario, '25044702'));
		const [out] = await xoroRun({ resource: 'creditMemo', operation: 'createRefunded' }, await shopifyItems('refund'));
		expect(out[0].json).toMatchObject({ alreadyExisted: false, status: 'Refunded', invoiceNumber: 'MAIN-I001002', customerName: 'Grace Hopper' });
		expect(xoro.sim.state.creditMemos[0].creditMemoItemLineArry).toEqual([expect.objectContaining({ ItemNumber: 'HOOD-GRY-M', Qty: 1 })]);
	});

	it('refund Xoro\'s own Shopify app already imported (same Shopify refund id) → that memo, not a second one', async () => {
		shopify.sim.applyLoopOutcome(loopProcessed(shopify.scenario, '25044702'));
		const refundId = shopify.sim.store.orders.flatMap((o) => o.refunds).at(-1)!.id;
		// What the app posts: the official sample's shape, keyed by the Shopify refund id under the shop's source.
		const { apiKey, apiSecret, baseUrl } = xoro.sim.credentials;
		const res = await fetch(`${baseUrl}/creditmemo/import`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}` },
			body: JSON.stringify({
				creditMemoHeader: {
					ThirdPartyRefNo: Number(refundId), ThirdPartySource: 'https://loop-xoro-demo.myshopify.com-Shopify', TxnDate: '11/20/2026 10:00:00 AM',
					CustomerName: 'Grace Hopper', CurrencyCode: 'USD', RefNo: '1002', ThirdPartyTotalRefundAmount: 64,
				},
				creditMemoItemLineArry: [{ ItemNumber: 'HOOD-GRY-M', Description: 'Hoodie', Qty: 1, UnitPrice: 64 }],
			}),
		});
		expect(((await res.json()) as { Result: boolean }).Result).toBe(true);
		const [out] = await xoroRun({ resource: 'creditMemo', operation: 'createRefunded' }, await shopifyItems('refund'));
		expect(out[0].json).toMatchObject({ alreadyExisted: true, thirdPartyRefNo: refundId });
		expect(xoro.sim.state.creditMemos).toHaveLength(1);
	});

	it('exchange order (EXC-) → the sales order Xoro\'s Shopify app already imported, not a second one', async () => {
		shopify.sim.applyLoopOutcome(loopProcessed(shopify.scenario, '25044703'));
		const before = xoro.sim.state.salesOrders.length;
		const [out] = await xoroRun({ resource: 'salesOrder', operation: 'createExchange' }, await shopifyItems('exchange'));
		expect(out[0].json).toMatchObject({ alreadyExisted: true, refNo: expect.stringMatching(/^EXC-1003/) });
		expect(xoro.sim.state.salesOrders).toHaveLength(before);
	});

	it('native exchange → a new sales order keyed by the Shopify return', async () => {
		shopify.sim.applyLoopOutcome(loopProcessed(shopify.scenario, '25044703'), { native: true });
		const items = await shopifyItems('exchange');
		const params = { resource: 'salesOrder', operation: 'createExchange', options: { fallbackItemNumber: 'SOCK-3PK' } };
		const [out] = await xoroRun(params, items);
		expect(out[0].json).toMatchObject({ alreadyExisted: false, refNo: '1003', customerName: 'Alan Turing' });
		expect(out[0].json.thirdPartyRefNo).toBe(String(items[0].json.id).replace(/^gid:\/\/shopify\/Return\//, ''));
		const [again] = await xoroRun(params, items);
		expect(again[0].json.alreadyExisted).toBe(true);
	});
});
