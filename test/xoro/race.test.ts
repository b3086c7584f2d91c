/**
 * Overlapping executions (n8n queue mode: two or three workers running the same import) must leave
 * exactly ONE live document per reference in Xoro, and every execution must name that document.
 * Racers run at once through the real n8n execution context; the simulator's `holdUntil` barrier
 * makes them all create before any reads back, and distinct base URLs give each racer its own pacing
 * lane, as separate worker processes have.
 */
import type { IDataObject, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';
import { XoroAsn } from '../../nodes/Xoro/XoroAsn.node';
import { XoroRma } from '../../nodes/Xoro/XoroRma.node';
import { runNode } from '../harness/n8n';
import type { OutcomeLine } from '../simulators/events';
import { variantById } from '../simulators/scenario';
import { loopProcessed, run as runShopify, startFixture, windowAroundNow } from '../shopify/fixtures';
import { creditItem, exchangeItem, newOrderPaidWithGiftCard, redemptionItem, refundItem } from './credit/transactions';
import { loopReturnItem, useSim, workerCredentials } from './fixtures';

const rmaNode = new XoroRma();
const asnNode = new XoroAsn();

const xoro = useSim({ startEach: false });

const worker = (n: number) => workerCredentials(xoro.credentials, n);

interface Kind {
	name: string;
	node: INodeType;
	createPath: string;
	cancelPath: string;
	/** Prepares what the create needs; returns the node parameters and the input item */
	prepare(): Promise<{ parameters: INodeParameters; item: IDataObject }>;
	/** The documents the simulator holds for the reference: number and status */
	documents(): Array<{ number: string; status: string }>;
	/** The document an execution's output names */
	named(json: Record<string, unknown>): unknown;
}

const LIVE = (status: string) => !/^(cancel|void|revers)/i.test(status);

async function rmaFor(returnId: string): Promise<string> {
	const [out] = await runNode(rmaNode, {
		parameters: { resource: 'rma', operation: 'createFromLoopReturn', storeCode: 'MAIN' },
		items: [loopReturnItem(xoro.scenario, returnId) as never],
		credentials: xoro.credentials,
	});
	return String(out[0].json.rmaNumber);
}

const kinds: Kind[] = [
	{
		name: 'RMA',
		node: rmaNode,
		createPath: '/rma/create',
		cancelPath: '/rma/cancel',
		prepare: async () => ({
			parameters: { resource: 'rma', operation: 'createFromLoopReturn', storeCode: 'MAIN' },
			item: loopReturnItem(xoro.scenario, '25044701') as never,
		}),
		documents: () => xoro.sim.state.rmas.filter((r) => r.RmaHeader.ThirdPartyRefNo === '25044701').map((r) => ({ number: r.RmaHeader.RmaNumber, status: r.RmaHeader.StatusName })),
		named: (json) => json.rmaNumber,
	},
	{
		name: 'ASN',
		node: asnNode,
		createPath: '/asn/create',
		cancelPath: '/asn/cancel',
		prepare: async () => ({ parameters: { resource: 'asn', operation: 'createForRma', rmaNumber: await rmaFor('25044701') }, item: {} }),
		documents: () => xoro.sim.state.asns.map((a) => ({ number: a.AsnHeaderData.AsnNumber, status: a.AsnHeaderData.StatusName })),
		named: (json) => json.asnNumber,
	},
	{
		name: 'credit memo',
		node: rmaNode,
		createPath: '/creditmemo/import',
		cancelPath: '/creditmemo/void',
		prepare: async () => ({ parameters: { resource: 'creditMemo', operation: 'create' }, item: creditItem(xoro.scenario) as never }),
		documents: () => xoro.sim.state.creditMemos.map((m) => ({ number: m.creditMemoHeader.CreditMemoNumber, status: m.creditMemoHeader.StatusName })),
		named: (json) => json.creditMemoNumber,
	},
	{
		name: 'refunded credit memo',
		node: rmaNode,
		createPath: '/creditmemo/import',
		cancelPath: '/creditmemo/void',
		prepare: async () => ({ parameters: { resource: 'creditMemo', operation: 'createRefunded' }, item: refundItem(xoro.scenario) as never }),
		documents: () => xoro.sim.state.creditMemos.map((m) => ({ number: m.creditMemoHeader.CreditMemoNumber, status: m.creditMemoHeader.StatusName })),
		named: (json) => json.creditMemoNumber,
	},
	{
		name: 'exchange sales order',
		node: rmaNode,
		createPath: '/salesorder/create',
		cancelPath: '/salesorder/cancel',
		prepare: async () => ({
			parameters: { resource: 'salesOrder', operation: 'createExchange', itemMapping: { mappings: [{ shopifyKey: '41845504835735', itemNumber: 'SOCK-3PK' }] } },
			item: exchangeItem(xoro.scenario) as never,
		}),
		documents: () =>
			xoro.sim.state.salesOrders
				.filter((o) => o.SoEstimateHeader.ThirdPartyRefNo === '5000009001')
				.map((o) => ({ number: o.SoEstimateHeader.OrderNumber, status: o.SoEstimateHeader.StatusName })),
		named: (json) => json.orderNumber,
	},
	{
		name: 'credit application',
		node: rmaNode,
		createPath: '/creditmemo/applytoinvoice',
		cancelPath: '/creditmemo/unapply',
		prepare: async () => {
			await runNode(rmaNode, { parameters: { resource: 'creditMemo', operation: 'create' }, items: [creditItem(xoro.scenario) as never], credentials: xoro.credentials });
			xoro.sim.importShopifyOrder(newOrderPaidWithGiftCard(xoro.scenario, 64));
			return { parameters: { resource: 'creditMemo', operation: 'applyToInvoice' }, item: redemptionItem(xoro.scenario, 20) as never };
		},
		documents: () => xoro.sim.state.creditApplications.map((a) => ({ number: String(a.ApplicationId), status: a.Status })),
		named: (json) => json.applicationId,
	},
];

const posts = (path: string) => xoro.sim.requests.filter((r) => r.method === 'POST' && r.path.endsWith(path) && !r.fault).length;
const jsonOf = (runs: INodeExecutionData[][][]) => runs.map(([out]) => out[0].json as Record<string, unknown>);

/** Every racer names the one live document; the losers say which duplicate they cancelled. */
function expectConverged(kind: Kind, outputs: Array<Record<string, unknown>>, racers: number) {
	const docs = kind.documents();
	const live = docs.filter((d) => LIVE(d.status));
	expect(live).toHaveLength(1);
	expect(docs).toHaveLength(racers);
	expect(live[0].number).toBe(docs[0].number); // the oldest won
	for (const out of outputs) expect(String(kind.named(out))).toBe(live[0].number);
	expect(outputs.filter((o) => o.alreadyExisted === false)).toHaveLength(1);
	const cancelled = outputs.flatMap((o) => ((o.raceResolved as { cancelled?: string[] } | undefined)?.cancelled ?? []));
	expect(cancelled.sort()).toEqual(docs.slice(1).map((d) => d.number).sort());
	for (const out of outputs.filter((o) => o.alreadyExisted === true)) expect(out.raceResolved).toBeDefined();
	expect(JSON.stringify(outputs)).not.toMatch(/warning|Cancel the others|Void the others/);
}

describe.each(kinds)('Overlapping executions: $name', (kind) => {
	it('two executions at once on one worker: one live document, both name it, the loser cancelled its own', async () => {
		await xoro.start();
		const { parameters, item } = await kind.prepare();
		const runs = await Promise.all([1, 2].map(() => runNode(kind.node, { parameters, items: [item], credentials: xoro.credentials })));
		expect(posts(kind.createPath)).toBe(2);
		expectConverged(kind, jsonOf(runs), 2);
		expect(posts(kind.cancelPath)).toBe(1);
	});

	it('three workers with their own pacing, all creating before any reads back: one live document', async () => {
		await xoro.start();
		const { parameters, item } = await kind.prepare();
		const allCreated = xoro.sim.holdUntil(kind.createPath, 3);
		const runs = await Promise.all([1, 2, 3].map((n) => runNode(kind.node, { parameters, items: [item], credentials: worker(n) })));
		await allCreated;
		expectConverged(kind, jsonOf(runs), 3);
		// A rerun finds the one live document and touches nothing.
		const creates = posts(kind.createPath);
		const [again] = await runNode(kind.node, { parameters, items: [item], credentials: xoro.credentials });
		expect(again[0].json).toMatchObject({ alreadyExisted: true });
		expect(String(kind.named(again[0].json))).toBe(kind.documents().find((d) => LIVE(d.status))!.number);
		expect(again[0].json.raceResolved).toBeUndefined();
		expect(posts(kind.createPath)).toBe(creates);
	});

	it('a loser whose create answer was lost cancels the duplicate it cannot tell from its own', async () => {
		await xoro.start();
		const { parameters, item } = await kind.prepare();
		const allCreated = xoro.sim.holdUntil(kind.createPath, 2);
		xoro.sim.loseAnswers(kind.createPath, 2);
		const runs = await Promise.all([1, 2].map((n) => runNode(kind.node, { parameters, items: [item], credentials: worker(n) })));
		await allCreated;
		const outputs = jsonOf(runs);
		const docs = kind.documents();
		expect(docs.filter((d) => LIVE(d.status))).toEqual([docs[0]]);
		for (const out of outputs) expect(String(kind.named(out))).toBe(docs[0].number);
		expect(posts(kind.createPath)).toBe(2);
	});

	it('a cancel that fails names both documents, and Continue On Fail carries on', async () => {
		await xoro.start();
		const { parameters, item } = await kind.prepare();
		xoro.sim.faults.add({ kind: 'serverError', path: kind.cancelPath });
		const allCreated = xoro.sim.holdUntil(kind.createPath, 2);
		const runs = await Promise.all([1, 2].map((n) => runNode(kind.node, { parameters, items: [item], credentials: worker(n), continueOnFail: true })));
		await allCreated;
		const [kept, duplicate] = kind.documents();
		const outputs = jsonOf(runs);
		expect(runs.map(([out]) => out[0].pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		const failed = outputs.filter((o) => o.error);
		expect(failed).toHaveLength(1);
		expect(failed[0].error).toContain(`${kept.number} (kept) and ${duplicate.number}`);
		expect(failed[0].error).toMatch(new RegExp(`; could not (cancel|void|reverse) ${duplicate.number}: Xoro answered HTTP 500`));
		expect(failed[0].description).toMatch(new RegExp(`^(Cancel|Void|Reverse) ${duplicate.number} in Xoro, or run this again`));
		expect(JSON.stringify(outputs)).not.toMatch(/xoro-secret|Authorization|Basic /);
		expect(outputs.find((o) => !o.error)).toMatchObject({ alreadyExisted: false });

		// Without Continue On Fail the error stops the run; once Xoro cancels again, a rerun finishes the job.
		xoro.sim.faults.clear();
		const [rerun] = await runNode(kind.node, { parameters, items: [item], credentials: xoro.credentials });
		expect(rerun[0].json).toMatchObject({ alreadyExisted: true, raceResolved: { cancelled: [duplicate.number] } });
		expect(kind.documents().filter((d) => LIVE(d.status)).map((d) => d.number)).toEqual([kept.number]);
	});
});

describe('Overlapping executions: details', () => {
	it('a failed cancel without Continue On Fail fails the execution with both numbers', async () => {
		await xoro.start();
		const item = loopReturnItem(xoro.scenario, '25044702') as never;
		const parameters = { resource: 'rma', operation: 'createFromLoopReturn', storeCode: 'MAIN' };
		xoro.sim.faults.add({ kind: 'serverError', path: '/rma/cancel' });
		const allCreated = xoro.sim.holdUntil('/rma/create', 2);
		const results = await Promise.allSettled([1, 2].map((n) => runNode(rmaNode, { parameters, items: [item], credentials: worker(n) })));
		await allCreated;
		const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
		expect(rejected).toHaveLength(1);
		expect(rejected[0].reason.message).toMatch(/^Xoro holds two RMAs for Loop return 25044702: MAIN-R000001 \(kept\) and MAIN-R000002/);
		expect(rejected[0].reason.context.itemIndex).toBe(0);
	});

	it('works the same when Xoro leaves cancelled documents out of its reads', async () => {
		await xoro.start({ listCancelled: false });
		const item = loopReturnItem(xoro.scenario, '25044701') as never;
		const parameters = { resource: 'rma', operation: 'createFromLoopReturn', storeCode: 'MAIN' };
		const allCreated = xoro.sim.holdUntil('/rma/create', 2);
		const runs = await Promise.all([1, 2].map((n) => runNode(rmaNode, { parameters, items: [item], credentials: worker(n) })));
		await allCreated;
		expectConverged(kinds[0], jsonOf(runs), 2);
		const [again] = await runNode(rmaNode, { parameters, items: [item], credentials: xoro.credentials });
		expect(again[0].json).toMatchObject({ alreadyExisted: true, rmaNumber: 'MAIN-R000001' });
	});

	it('when Xoro makes the ASN with the RMA, the cancelled RMA takes its ASN along and the ASN node finds the kept one', async () => {
		await xoro.start({ asnWithRma: true });
		const item = loopReturnItem(xoro.scenario, '25044701') as never;
		const parameters = { resource: 'rma', operation: 'createFromLoopReturn', storeCode: 'MAIN' };
		const allCreated = xoro.sim.holdUntil('/rma/create', 2);
		await Promise.all([1, 2].map((n) => runNode(rmaNode, { parameters, items: [item], credentials: worker(n) })));
		await allCreated;
		expect(xoro.sim.state.asns.map((a) => [a.AsnHeaderData.RmaNumber, a.AsnHeaderData.StatusName])).toEqual([
			['MAIN-R000001', 'Open'],
			['MAIN-R000002', 'Cancelled'],
		]);
		const [asn] = await runNode(asnNode, { parameters: { resource: 'asn', operation: 'createForRma', rmaNumber: 'MAIN-R000001', xoroGeneratesAsn: true }, credentials: xoro.credentials });
		expect(asn[0].json).toMatchObject({ rmaNumber: 'MAIN-R000001', asnNumber: 'MAIN-A000001', alreadyExisted: true });
	});

	it('a refused create returns what a concurrent execution made (the credit it needed is used up)', async () => {
		await xoro.start();
		await runNode(rmaNode, { parameters: { resource: 'creditMemo', operation: 'create' }, items: [creditItem(xoro.scenario) as never], credentials: xoro.credentials });
		xoro.sim.importShopifyOrder(newOrderPaidWithGiftCard(xoro.scenario, 64));
		// 60 of the card's 79.48 fits once: the second application is refused by Xoro.
		const item = redemptionItem(xoro.scenario, 60) as never;
		const parameters = { resource: 'creditMemo', operation: 'applyToInvoice' };
		const allApplied = xoro.sim.holdUntil('/creditmemo/applytoinvoice', 2);
		const runs = await Promise.all([1, 2].map((n) => runNode(rmaNode, { parameters, items: [item], credentials: worker(n) })));
		await allApplied;
		expect(xoro.sim.state.creditApplications).toHaveLength(1);
		const outputs = jsonOf(runs);
		expect(outputs.map((o) => o.applicationId)).toEqual([String(xoro.sim.state.creditApplications[0].ApplicationId), String(xoro.sim.state.creditApplications[0].ApplicationId)]);
		expect(outputs.map((o) => o.alreadyExisted).sort()).toEqual([false, true]);
	});

	it('a reversed application gives the amount back to the memo and the invoice', async () => {
		await xoro.start();
		const { parameters, item } = await kinds[5].prepare();
		const invoice = xoro.sim.state.invoices.find((i) => i.InvoiceHeader.ThirdPartyRefNo === '5000001007')!;
		const memo = xoro.sim.state.creditMemos[0];
		const allApplied = xoro.sim.holdUntil('/creditmemo/applytoinvoice', 2);
		await Promise.all([1, 2].map((n) => runNode(rmaNode, { parameters, items: [item], credentials: worker(n) })));
		await allApplied;
		expect(xoro.sim.state.creditApplications.map((a) => a.Status)).toEqual(['Applied', 'Reversed']);
		expect(invoice.InvoiceHeader.BalanceAmount).toBe(44);
		expect(memo.creditMemoHeader.BalanceAmount).toBe(59.48);
	});
});

/**
 * Template 05 on a short schedule: runs whose Xoro calls outlast the interval overlap, each one
 * starting at another moment (one still looking up while another creates or reads back), all over
 * the same exchange as the Shopify simulator makes it. Each racer paces itself on its own lane.
 */
describe('Overlapping executions over one Shopify exchange, started at different moments', () => {
	const TEE_L = '41845504704663';
	const TEE_M = '41845504671895';
	const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
	/** Worker `n` at `perSecond` requests/s: a run takes long enough for the next one to start inside it. */
	const paced = (n: number, perSecond: number) => ({ xoroApi: { ...worker(n).xoroApi, requestsPerSecond: perSecond } });

	it.each([
		['a native exchange (on the original order)', true, [0, 150, 400, 900]],
		['a native exchange, all started within one request', true, [0, 10, 20]],
		['an EXC- exchange order', false, [0, 150, 400, 900]],
	] as const)('%s: one live sales order, every run names it', async (_label, native, startsMs) => {
		await xoro.start();
		// Xoro's own Shopify app imports new orders (an EXC- order, never a native exchange) as they sync.
		const shopify = await startFixture({ scenario: xoro.scenario, onOrderCreated: (order) => xoro.sim.importShopifyOrder(order) });
		try {
			const line = (variantId: string): OutcomeLine => {
				const v = variantById(xoro.scenario, variantId);
				return { variantId, sku: v.sku, title: v.title, quantity: 1, price: v.price };
			};
			shopify.sim.applyLoopOutcome({ ...loopProcessed(xoro.scenario, '25044703'), amount: 29.99, returnedLines: [line(TEE_L)], exchangeLines: [line(TEE_M)] }, { native });
			const [transactions] = await runShopify(shopify, { operation: 'getAll', ...windowAroundNow() });
			const exchanges = transactions.filter((t) => t.json.kind === 'exchange');
			expect(exchanges.map((t) => t.json.mode)).toEqual([native ? 'native' : 'order']);
			const item = exchanges[0].json;
			const refNo = String(item.id).replace(/^gid:\/\/shopify\/\w+\//, '');
			const ordersOf = () => xoro.sim.state.salesOrders.filter((o) => o.SoEstimateHeader.ThirdPartyRefNo === refNo);
			const appImported = ordersOf().length;
			expect(appImported).toBe(native ? 0 : 1);

			const parameters = { resource: 'salesOrder', operation: 'createExchange' };
			const outputs = await Promise.all(
				startsMs.map(async (startMs, n) => {
					await sleep(startMs);
					const [out] = await runNode(rmaNode, { parameters, items: [item], credentials: paced(n + 1, 20) });
					return out[0].json as Record<string, unknown>;
				}),
			);
			const live = ordersOf().filter((o) => LIVE(o.SoEstimateHeader.StatusName));
			expect(live).toHaveLength(1);
			expect(live[0].SoEstimateHeader.OrderNumber).toBe(ordersOf()[0].SoEstimateHeader.OrderNumber);
			for (const out of outputs) expect(out).toMatchObject({ orderNumber: live[0].SoEstimateHeader.OrderNumber });
			expect(outputs.filter((o) => o.alreadyExisted === false)).toHaveLength(native ? 1 : 0);
			if (!native) expect(ordersOf()).toHaveLength(1); // the app's import was found, never duplicated

			// A later run (the next poll, a retry) names the same order and makes nothing.
			const creates = posts('/salesorder/create');
			const [again] = await runNode(rmaNode, { parameters, items: [item], credentials: xoro.credentials });
			expect(again[0].json).toMatchObject({ alreadyExisted: true, orderNumber: live[0].SoEstimateHeader.OrderNumber });
			expect(posts('/salesorder/create')).toBe(creates);
		} finally {
			await shopify.sim.close();
		}
	});
});
