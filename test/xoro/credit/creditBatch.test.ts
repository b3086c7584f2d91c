/**
 * The credit side over a batch (issue 11): Credit Memo Create and Create Refunded, Sales Order Create
 * Exchange and Apply to Invoice look up and read back once per execution (createOnceBatch), counted
 * from the simulator's request log; and what that must not give up: one live document per reference
 * when executions race, and a bad item failing only itself.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { XoroRma } from '../../../nodes/Xoro/XoroRma.node';
import { runNode } from '../../harness/n8n';
import { eventually } from '../../harness/wait';
import { sentSince, useSim, workerCredentials } from '../fixtures';
import { creditItem, exchangeItem, newOrderPaidWithGiftCard, redemptionItem, refundItem } from './transactions';

const node = new XoroRma();
const xoro = useSim();

const N = 10;
const LIVE = (status: string) => !/^(cancel|void|revers)/i.test(status);
const worker = (n: number) => workerCredentials(xoro.credentials, n);
const sent = (from: number) => sentSince(xoro.sim, from);

const credits = (count: number) => Array.from({ length: count }, (_, i) => creditItem(xoro.scenario, String(539685323100 + i)) as unknown as IDataObject);
const refunds = (count: number) =>
	Array.from({ length: count }, (_, i) => ({ ...refundItem(xoro.scenario), id: `gid://shopify/Refund/99100${i}`, refundId: `gid://shopify/Refund/99100${i}` }) as unknown as IDataObject);
const run = (operation: string, items: IDataObject[], credentials = xoro.credentials, continueOnFail = false) =>
	runNode(node, { parameters: { resource: 'creditMemo', operation }, items, credentials, continueOnFail });
const memosOf = (refNo: string) => xoro.sim.state.creditMemos.filter((m) => m.creditMemoHeader.ThirdPartyRefNo === refNo);
const refOf = (item: IDataObject) => String(item.kind === 'credit' ? (item.giftCard as IDataObject).id : item.id).replace(/^gid:\/\/shopify\/\w+\//, '');

/** One live memo per reference, the oldest, and every output item for it names that one. */
function expectOneLiveMemoEach(items: IDataObject[], outputs: INodeExecutionData[][]) {
	for (const item of items) {
		const all = memosOf(refOf(item));
		expect(all.filter((m) => LIVE(m.creditMemoHeader.StatusName)).map((m) => m.creditMemoHeader.CreditMemoNumber)).toEqual([all[0].creditMemoHeader.CreditMemoNumber]);
		const named = outputs.flat().filter((o) => o.json.thirdPartyRefNo === refOf(item)).map((o) => o.json.creditMemoNumber);
		expect(named.length).toBeGreaterThan(0);
		expect(new Set(named)).toEqual(new Set([all[0].creditMemoHeader.CreditMemoNumber]));
	}
}

describe.each([
	['create', credits],
	['createRefunded', refunds],
])('Credit Memo %s over a batch', (operation, itemsOf) => {
	it(`${N} new memos: one search, an invoice look-up and an import per item, one read-back; a re-run: one search`, async () => {
		const items = itemsOf(N);
		let from = xoro.sim.requests.length;
		const [out] = await run(operation, items);
		expect(sent(from)).toEqual({ 'GET creditmemo/getcreditmemo': 2, 'GET invoice/getinvoice': N, 'POST creditmemo/import': N });
		expect(out.map((i) => [i.json.thirdPartyRefNo, i.json.alreadyExisted, i.json.creditMemoSource])).toEqual(items.map((i) => [refOf(i), false, 'imported']));
		expect(out.map((i) => i.pairedItem)).toEqual(items.map((_, item) => ({ item })));

		from = xoro.sim.requests.length;
		const [again] = await run(operation, items);
		expect(sent(from)).toEqual({ 'GET creditmemo/getcreditmemo': 1 });
		expect(again.map((i) => [i.json.creditMemoNumber, i.json.alreadyExisted])).toEqual(out.map((i) => [i.json.creditMemoNumber, true]));
		expect(xoro.sim.state.creditMemos).toHaveLength(N);
	});

	it('2 executions over the same items (in different orders), all importing before any reads back: one live memo each', async () => {
		const items = itemsOf(5);
		const imported = xoro.sim.holdUntil('/creditmemo/import', 2);
		const runs = await Promise.all([1, 2].map((n) => run(operation, n === 1 ? items : [...items].reverse(), worker(n))));
		await imported;
		expect(xoro.sim.state.creditMemos).toHaveLength(2 * items.length);
		const outputs = runs.map(([out]) => out);
		expectOneLiveMemoEach(items, outputs);
		for (const item of items) {
			const made = outputs.flat().filter((o) => o.json.thirdPartyRefNo === refOf(item));
			expect(made.filter((o) => o.json.alreadyExisted === false)).toHaveLength(1);
			const cancelled = made.flatMap((o) => (o.json.raceResolved as { cancelled?: string[] } | undefined)?.cancelled ?? []);
			expect(cancelled).toEqual(memosOf(refOf(item)).slice(1).map((m) => m.creditMemoHeader.CreditMemoNumber));
		}
		const [again] = await run(operation, items);
		expect(again.every((i) => i.json.alreadyExisted === true)).toBe(true);
	});

	it('2 overlapping executions on one account (a run slower than its schedule): each memo imported once, none voided', async () => {
		const items = itemsOf(6);
		// One account, one pace lane (as in one n8n process): the second execution starts once the first
		// has imported, so its look-up is older than the first's later imports.
		const paced = { xoroApi: { ...xoro.credentials.xoroApi, requestsPerSecond: 20 } };
		const first = run(operation, items, paced);
		await eventually(() => xoro.sim.requests.some((r) => r.path.endsWith('/creditmemo/import')));
		const runs = await Promise.all([first, run(operation, items, paced)]);
		expect(xoro.sim.state.creditMemos.map((m) => m.creditMemoHeader.StatusName).filter((status) => !LIVE(status))).toEqual([]);
		expect(xoro.sim.state.creditMemos).toHaveLength(items.length);
		expectOneLiveMemoEach(items, runs.map(([out]) => out));
	});

	it('a bad item fails alone with Continue On Fail, naming itself; without it nothing after it is imported', async () => {
		const items = itemsOf(3);
		const bad = { ...items[1], kind: 'exchange' };
		const [out] = await run(operation, [items[0], bad, items[2]], xoro.credentials, true);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[1].json.error).toMatch(/^Input item 1: Expected a Shopify Transactions "(credit|refund)" item, got a "exchange" item/);
		expect(out.map((i) => i.json.alreadyExisted)).toEqual([false, undefined, false]);

		const more = itemsOf(6).slice(3);
		await expect(run(operation, [more[0], bad, more[1]])).rejects.toThrow(/^Input item 1: /);
		expect(memosOf(refOf(more[0]))).toHaveLength(1);
		expect(memosOf(refOf(more[1]))).toHaveLength(0);
	});
});

describe('Sales Order Create Exchange over a batch', () => {
	/** Native exchanges (keyed by their Shopify return); the socks have no SKU, mapped to Xoro's item. */
	const natives = (count: number) =>
		Array.from({ length: count }, (_, i) => ({ ...exchangeItem(xoro.scenario), mode: 'native', id: `gid://shopify/Return/4410${i}` }) as unknown as IDataObject);
	const parameters = { resource: 'salesOrder', operation: 'createExchange', itemMapping: { mappings: [{ shopifyKey: '41845504835735', itemNumber: 'SOCK-3PK' }] } };
	const createExchanges = (items: IDataObject[], credentials = xoro.credentials) => runNode(node, { parameters, items, credentials });
	/** The default Statuses to Search but Cancelled: a cancelled order does not count */
	const STATUSES = 7;

	it(`${N} new native exchanges: one search per status, a create per item, one read-back per status; a re-run: one search per status`, async () => {
		const items = natives(N);
		let from = xoro.sim.requests.length;
		const [out] = await createExchanges(items);
		expect(sent(from)).toEqual({ 'GET salesorder/getsalesorder': 2 * STATUSES, 'POST salesorder/create': N });
		expect(out.map((i) => [i.json.thirdPartyRefNo, i.json.alreadyExisted])).toEqual(items.map((_, i) => [`4410${i}`, false]));

		from = xoro.sim.requests.length;
		const [again] = await createExchanges(items);
		expect(sent(from)).toEqual({ 'GET salesorder/getsalesorder': STATUSES });
		expect(again.map((i) => [i.json.orderNumber, i.json.alreadyExisted])).toEqual(out.map((i) => [i.json.orderNumber, true]));
	});

	it('a Xoro that ignores created_at_min: the search per status is read while cheaper than each item\'s own, else per item; one order each', async () => {
		await xoro.sim.close();
		await xoro.start({ ignoredFilters: ['created_at_min'] });
		const { state } = xoro.sim;
		for (let i = 0; i < 150; i++) {
			const copy = structuredClone(state.salesOrders[0]);
			Object.assign(copy.SoEstimateHeader, { OrderNumber: `MAIN-S9${String(i).padStart(5, '0')}`, ThirdPartyRefNo: String(80000000 + i), StatusName: 'Open' });
			state.salesOrders.push(copy);
		}
		// Open is two pages: with 2 items each status may cost one, so the page that told, then createOnce
		// per item a look-up and a read-back of a request per status (by reference: one page each).
		let from = xoro.sim.requests.length;
		const [two] = await createExchanges(natives(2));
		expect(sent(from)).toEqual({ 'GET salesorder/getsalesorder': 1 + 2 * 2 * STATUSES, 'POST salesorder/create': 2 });
		// 6 items to look up and 4 to read back: each status may cost three pages or more, one search each way.
		from = xoro.sim.requests.length;
		const [six] = await createExchanges(natives(6));
		expect(sent(from)).toEqual({ 'GET salesorder/getsalesorder': 2 * (STATUSES + 1), 'POST salesorder/create': 4 });
		expect([...two, ...six].map((i) => i.json.alreadyExisted)).toEqual([false, false, true, true, false, false, false, false]);
		for (const i of [0, 1, 2, 3, 4, 5]) expect(state.salesOrders.filter((o) => o.SoEstimateHeader.ThirdPartyRefNo === `4410${i}`)).toHaveLength(1);
	});

	it('2 executions over the same exchanges, all creating before any reads back: one live order each', async () => {
		const items = natives(4);
		const created = xoro.sim.holdUntil('/salesorder/create', 2);
		const runs = await Promise.all([1, 2].map((n) => createExchanges(n === 1 ? items : [...items].reverse(), worker(n))));
		await created;
		for (const [i] of items.entries()) {
			const all = xoro.sim.state.salesOrders.filter((o) => o.SoEstimateHeader.ThirdPartyRefNo === `4410${i}`);
			expect(all).toHaveLength(2);
			expect(all.filter((o) => LIVE(o.SoEstimateHeader.StatusName)).map((o) => o.SoEstimateHeader.OrderNumber)).toEqual([all[0].SoEstimateHeader.OrderNumber]);
			for (const [out] of runs) expect(out.filter((o) => o.json.thirdPartyRefNo === `4410${i}`).map((o) => o.json.orderNumber)).toEqual([all[0].SoEstimateHeader.OrderNumber]);
		}
	});
});

describe('Apply to Invoice over a batch', () => {
	/** `count` gift cards booked, each spent (20 of its 79.48) on its own new order, which Xoro has invoiced */
	async function spentCards(count: number): Promise<IDataObject[]> {
		await run('create', credits(count));
		return Array.from({ length: count }, (_, i) => {
			const order = { orderId: `50000020${i}`, orderName: `#20${i}` };
			xoro.sim.importShopifyOrder({ ...newOrderPaidWithGiftCard(xoro.scenario, 64), ...order });
			const redemption = redemptionItem(xoro.scenario, 20, `77100${i}`, String(539685323100 + i));
			return { ...redemption, order: { id: `gid://shopify/Order/${order.orderId}`, name: order.orderName, legacyId: order.orderId } } as unknown as IDataObject;
		});
	}
	const apply = (items: IDataObject[], credentials = xoro.credentials) => run('applyToInvoice', items, credentials);

	it(`${N} new redemptions: each card's memos read and an application per item, the invoices listed before and after, one read-back; a re-run: the memos`, async () => {
		const items = await spentCards(N);
		let from = xoro.sim.requests.length;
		const [out] = await apply(items);
		expect(sent(from)).toEqual({ 'GET creditmemo/getcreditmemo': N + 1, 'GET invoice/getinvoice': 2, 'POST creditmemo/applytoinvoice': N });
		expect(out.map((i) => [i.json.thirdPartyRefNo, i.json.alreadyExisted, (i.json.invoice as IDataObject).balanceDue])).toEqual(items.map((_, i) => [`77100${i}`, false, 44]));

		from = xoro.sim.requests.length;
		const [again] = await apply(items);
		expect(sent(from)).toEqual({ 'GET creditmemo/getcreditmemo': N });
		expect(again.map((i) => [i.json.applicationId, i.json.alreadyExisted])).toEqual(out.map((i) => [i.json.applicationId, true]));
	});

	it('2 executions over the same redemptions, all applying before any reads back: one live application each', async () => {
		const items = await spentCards(3);
		const applied = xoro.sim.holdUntil('/creditmemo/applytoinvoice', 2);
		const runs = await Promise.all([1, 2].map((n) => apply(n === 1 ? items : [...items].reverse(), worker(n))));
		await applied;
		for (const [i] of items.entries()) {
			const all = xoro.sim.state.creditApplications.filter((a) => a.ThirdPartyRefNo === `77100${i}`);
			expect(all.map((a) => a.Status)).toEqual(['Applied', 'Reversed']);
			for (const [out] of runs) expect(out.filter((o) => o.json.thirdPartyRefNo === `77100${i}`).map((o) => o.json.applicationId)).toEqual([String(all[0].ApplicationId)]);
		}
		for (const invoice of xoro.sim.state.invoices.filter((inv) => inv.InvoiceHeader.ThirdPartyRefNo.startsWith('50000020'))) expect(invoice.InvoiceHeader.BalanceAmount).toBe(44);
	});

	it('a redemption whose order is not invoiced yet waits, the others are applied', async () => {
		const items = await spentCards(3);
		xoro.sim.holdInvoice('500000201');
		const [out] = await apply(items);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out.map((i) => i.json.pending ?? i.json.alreadyExisted)).toEqual([false, true, false]);
	});
});
