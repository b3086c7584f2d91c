/**
 * The tenant's RMA process decides who makes the credit memo of a return (README, "Xoro's RMA process"):
 * under `new` Xoro credits the RMA when the return ASN is received, under `old` the RMA is converted to
 * a memo before its ASN, under `none` the memo is imported from Shopify. Each chain runs through the
 * harness (RMA → ASN → receive and close → Shopify outcome → credit memo → apply) and must leave exactly
 * one live credit memo per return, re-run included.
 */
import { DateTime } from 'luxon';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { XoroAsn } from '../../../nodes/Xoro/XoroAsn.node';
import { XoroRma } from '../../../nodes/Xoro/XoroRma.node';
import { runNode } from '../../harness/n8n';
import { createScenario } from '../../simulators/scenario';
import type { XoroRmaProcess } from '../../simulators/xoro/rmaProcess';
import type { XoroSimulatorOptions } from '../../simulators/xoro';
import { xoroNow } from '../../simulators/xoro/state';
import { loopProcessed, run, startFixture, windowAroundNow, type Fixture } from '../../shopify/fixtures';
import { fastRetries, loopReturnItem, sentSince, startSim, workerCredentials } from '../fixtures';

const rmaNode = new XoroRma();
const sent = (from: number) => sentSince(xoro.sim, from);
const asnNode = new XoroAsn();
let shopify: Fixture;
let xoro: Awaited<ReturnType<typeof startSim>>;
let credentials: { xoroApi: IDataObject };

beforeAll(fastRetries);
afterEach(async () => {
	await Promise.all([shopify.sim.close(), xoro.sim.close()]);
});

/** A tenant on `process`, with the credential set to match (approval on where Xoro requires it). */
async function startTenant(process: XoroRmaProcess, options: Partial<XoroSimulatorOptions> = {}): Promise<void> {
	const scenario = createScenario();
	const approval = process !== 'none';
	xoro = await startSim({ scenario, rmaProcess: process, rmaApprovalRequired: approval, ...options });
	shopify = await startFixture({ scenario, onOrderCreated: (order) => xoro.sim.importShopifyOrder(order) });
	credentials = { xoroApi: { ...xoro.credentials.xoroApi, rmaProcess: process, rmaApprovalBeforeAsn: approval } };
}

const xoroRun = (node: XoroRma | XoroAsn, parameters: IDataObject, items?: INodeExecutionData[]) =>
	runNode(node, { parameters: parameters as never, items, credentials: credentials as never });

async function shopifyItems(kind: string): Promise<INodeExecutionData[]> {
	const [all] = await run(shopify, { operation: 'getAll', ...windowAroundNow() });
	return all.filter((i) => i.json.kind === kind).map((i) => ({ json: i.json }));
}

/** `count` more Loop refunds on #1002 (Loop returns 26100000.., none with an RMA); every refund, as Shopify Transactions items. */
async function loopRefundItems(count: number, before = 0): Promise<INodeExecutionData[]> {
	const order = loopProcessed(shopify.scenario, '25044702');
	for (let n = 0; n < count; n++) shopify.sim.applyLoopOutcome({ ...order, returnId: String(26100000 + n), amount: 1 + n / 100 });
	const items = await shopifyItems('refund');
	expect(items).toHaveLength(before + count);
	return items;
}

/** RMA → ASN → the warehouse receives every unit and closes the ASN. */
async function returnReceived(returnId: string): Promise<{ rmaNumber: string; asn: IDataObject }> {
	const [rma] = await xoroRun(rmaNode, { resource: 'rma', operation: 'createFromLoopReturn', storeCode: 'MAIN' }, [{ json: loopReturnItem(xoro.scenario, returnId) as never }]);
	const rmaNumber = String(rma[0].json.rmaNumber);
	const [asn] = await xoroRun(asnNode, { resource: 'asn', operation: 'createForRma', rmaNumber });
	const asnNumber = String(asn[0].json.asnNumber);
	const record = xoro.sim.state.asns.find((a) => a.AsnHeaderData.AsnNumber === asnNumber)!;
	if (record.AsnHeaderData.StatusName !== 'Closed') {
		xoro.sim.receiveAsn(asnNumber, record.AsnDetailData.map((l) => ({ ItemNumber: l.ItemNumber, QtyReceived: l.BaseQtyToReceive })), true);
	}
	return { rmaNumber, asn: asn[0].json };
}

/** Live credit memos that credit this return: made for its RMA, or booked for its Shopify transaction. */
function creditDocuments(rmaNumber: string, shopifyRef: string) {
	return xoro.sim.state.creditMemos.filter(
		(m) => m.creditMemoHeader.StatusName !== 'Voided' && (m.creditMemoHeader.RmaNumber === rmaNumber || m.creditMemoHeader.ThirdPartyRefNo === shopifyRef),
	);
}

/**
 * Gift card: store credit memo, the card spent on a new order, the memo applied to its invoice. A re-run
 * (`rerun`) runs every Xoro step again on the same Shopify events.
 */
async function giftCardChain(rerun = false): Promise<{ rmaNumber: string; asn: IDataObject; memo: IDataObject; cardRef: string }> {
	const { rmaNumber, asn } = await returnReceived('25044701');
	if (!rerun) shopify.sim.applyLoopOutcome(loopProcessed(shopify.scenario, '25044701', 'credit'));
	const card = shopify.sim.store.giftCards.at(-1)!;
	const [memo] = await xoroRun(rmaNode, { resource: 'creditMemo', operation: 'create' }, await shopifyItems('credit'));
	if (!rerun) shopify.sim.spendGiftCard({ giftCardId: String(card.id), amount: 50, otherPayment: 10 });
	const [applied] = await xoroRun(rmaNode, { resource: 'creditMemo', operation: 'applyToInvoice' }, await shopifyItems('redemption'));
	expect(applied[0].json).toMatchObject({ creditMemoNumber: memo[0].json.creditMemoNumber, amount: 50 });
	return { rmaNumber, asn, memo: memo[0].json, cardRef: String(card.id) };
}

/** Refund: a refunded credit memo. */
async function refundChain(rerun = false): Promise<{ rmaNumber: string; memo: IDataObject; refundRef: string }> {
	const { rmaNumber } = await returnReceived('25044702');
	if (!rerun) shopify.sim.applyLoopOutcome(loopProcessed(shopify.scenario, '25044702'));
	const items = await shopifyItems('refund');
	const [memo] = await xoroRun(rmaNode, { resource: 'creditMemo', operation: 'createRefunded' }, items);
	return { rmaNumber, memo: memo[0].json, refundRef: String(items[0].json.id).replace(/^gid:\/\/shopify\/[^/]+\//, '') };
}

describe.each([
	['new', 'recordedOnRmaMemo'],
	['old', 'recordedOnRmaMemo'],
	['none', 'imported'],
] as const)('RMA process "%s"', (process, source) => {
	beforeEach(() => startTenant(process));

	it(`gift card: one credit memo for the return (${source}), applied when the card is spent; a re-run adds nothing`, async () => {
		const first = await giftCardChain();
		expect(first.memo).toMatchObject({ alreadyExisted: false, creditMemoSource: source, thirdPartyRefNo: first.cardRef, status: 'Open', totalAmount: 79.48 });
		expect(first.memo.rmaNumber).toBe(process === 'none' ? null : first.rmaNumber);
		if (process === 'old') expect(first.asn.creditMemoNumber).toBe(first.memo.creditMemoNumber);
		expect(creditDocuments(first.rmaNumber, first.cardRef)).toHaveLength(1);
		expect(creditDocuments(first.rmaNumber, first.cardRef)[0].creditMemoHeader.BalanceAmount).toBe(29.48);

		const again = await giftCardChain(true);
		expect(again.memo).toMatchObject({ alreadyExisted: true, creditMemoSource: source, creditMemoNumber: first.memo.creditMemoNumber });
		expect(creditDocuments(first.rmaNumber, first.cardRef)).toHaveLength(1);
		expect(xoro.sim.state.creditApplications).toHaveLength(1);
		expect(xoro.sim.state.rmas.filter((r) => r.RmaHeader.StatusName !== 'Cancelled')).toHaveLength(1);
	});

	it(`refund: one refunded credit memo for the return (${source}); a re-run adds nothing`, async () => {
		const first = await refundChain();
		expect(first.memo).toMatchObject({ alreadyExisted: false, creditMemoSource: source, thirdPartyRefNo: first.refundRef, status: 'Refunded', remainingAmount: 0 });
		expect(creditDocuments(first.rmaNumber, first.refundRef)).toHaveLength(1);

		const again = await refundChain(true);
		expect(again.memo).toMatchObject({ alreadyExisted: true, creditMemoNumber: first.memo.creditMemoNumber, status: 'Refunded' });
		expect(creditDocuments(first.rmaNumber, first.refundRef)).toHaveLength(1);
	});
});

describe('RMA process "new": when Xoro has not credited the return', () => {
	beforeEach(() => startTenant('new'));

	it('an RMA whose ASN is not received yet fails the item and imports nothing (that would credit twice)', async () => {
		const [rma] = await xoroRun(rmaNode, { resource: 'rma', operation: 'createFromLoopReturn', storeCode: 'MAIN' }, [{ json: loopReturnItem(xoro.scenario, '25044702') as never }]);
		await xoroRun(asnNode, { resource: 'asn', operation: 'createForRma', rmaNumber: rma[0].json.rmaNumber });
		shopify.sim.applyLoopOutcome(loopProcessed(shopify.scenario, '25044702'));
		await expect(xoroRun(rmaNode, { resource: 'creditMemo', operation: 'createRefunded' }, await shopifyItems('refund'))).rejects.toThrow(
			`Xoro has no credit memo for RMA ${String(rma[0].json.rmaNumber)} of Loop return 25044702 yet`,
		);
		expect(xoro.sim.state.creditMemos).toHaveLength(0);
	});

	it('a return Xoro holds no RMA for gets its memo imported, and the output says so', async () => {
		shopify.sim.applyLoopOutcome(loopProcessed(shopify.scenario, '25044702'));
		const [out] = await xoroRun(rmaNode, { resource: 'creditMemo', operation: 'createRefunded' }, await shopifyItems('refund'));
		expect(out[0].json).toMatchObject({ alreadyExisted: false, creditMemoSource: 'imported', rmaNumber: null, status: 'Refunded' });
		expect(xoro.sim.state.creditMemos).toHaveLength(1);
	});
});

describe.each(['new', 'old'] as const)('RMA process "%s" over a batch of refunds', (process) => {
	const parameters = { resource: 'creditMemo', operation: 'createRefunded' } as never;

	/** Two returns Xoro credited a month ago (their memos are that old), refunded now, and four refunds of returns without an RMA. */
	async function refundsOfOldAndNoRmas(): Promise<{ items: INodeExecutionData[]; rmaNumbers: string[] }> {
		const rmaNumbers: string[] = [];
		for (const returnId of ['25044701', '25044702']) {
			rmaNumbers.push((await returnReceived(returnId)).rmaNumber);
			shopify.sim.applyLoopOutcome(loopProcessed(shopify.scenario, returnId, 'refund'));
		}
		const monthAgo = xoroNow(xoro.sim.state, DateTime.utc().minus({ days: 30 }));
		for (const memo of xoro.sim.state.creditMemos) Object.assign(memo.creditMemoHeader, { CreatedDate: monthAgo, UpdatedDate: monthAgo });
		return { items: await loopRefundItems(4, 2), rmaNumbers };
	}

	it('records two on their RMA\'s month-old memo and imports four, each once; a re-run is two searches, however old the memos', async () => {
		await startTenant(process);
		const { items, rmaNumbers } = await refundsOfOldAndNoRmas();
		let from = xoro.sim.requests.length;
		const [out] = await runNode(rmaNode, { parameters, items, credentials: credentials as never });
		const bySource = (source: string) => out.filter((i) => i.json.creditMemoSource === source).map((i) => i.json.rmaNumber);
		expect(bySource('recordedOnRmaMemo').sort()).toEqual([...rmaNumbers].sort());
		expect(bySource('imported')).toEqual([null, null, null, null]);
		// Look-up and read-back: two searches each (memos made since the batch's oldest refund, less 26 h, and
		// those changed since); each item's RMA, and the memo of each of the two RMAs.
		expect(sent(from)).toMatchObject({ 'GET creditmemo/getcreditmemo': 2 + 2 + 2, 'GET rma/getrma': 6, 'POST creditmemo/update': 2, 'POST creditmemo/import': 4 });
		expect(out.every((i) => i.json.status === 'Refunded' && i.json.alreadyExisted === false)).toBe(true);

		from = xoro.sim.requests.length;
		const [again] = await runNode(rmaNode, { parameters, items, credentials: credentials as never });
		expect(sent(from)).toEqual({ 'GET creditmemo/getcreditmemo': 2 });
		expect(again.map((i) => [i.json.creditMemoNumber, i.json.alreadyExisted, i.json.creditMemoSource])).toEqual(out.map((i) => [i.json.creditMemoNumber, true, i.json.creditMemoSource]));
		expect(xoro.sim.state.creditMemos.map((m) => m.creditMemoHeader.StatusName)).toEqual(Array(6).fill('Refunded'));
	});

	it('a tenant that ignores both date filters: the searches list every memo, and a re-run still books nothing', async () => {
		await startTenant(process, { ignoredFilters: ['created_at_min', 'updated_at_min'] });
		const { items } = await refundsOfOldAndNoRmas();
		const [out] = await runNode(rmaNode, { parameters, items, credentials: credentials as never });
		const from = xoro.sim.requests.length;
		const [again] = await runNode(rmaNode, { parameters, items, credentials: credentials as never });
		expect(sent(from)).toEqual({ 'GET creditmemo/getcreditmemo': 2 });
		expect(again.map((i) => i.json.creditMemoNumber)).toEqual(out.map((i) => i.json.creditMemoNumber));
		expect(xoro.sim.state.creditMemos).toHaveLength(6);
	});
});

describe('overlapping runs (two queue-mode workers) under the RMA processes', () => {
	const worker = (n: number) => workerCredentials(credentials, n);
	const parameters = { resource: 'creditMemo', operation: 'createRefunded' } as never;

	it('"new": two runs record the refund on the RMA\'s memo once, and no memo is imported', async () => {
		await startTenant('new');
		const { rmaNumber } = await returnReceived('25044702');
		shopify.sim.applyLoopOutcome(loopProcessed(shopify.scenario, '25044702'));
		const items = await shopifyItems('refund');
		const bothRecording = xoro.sim.holdUntil('/creditmemo/update', 2);
		const runs = await Promise.all(
			[1, 2].map((n) => runNode(rmaNode, { parameters: { resource: 'creditMemo', operation: 'createRefunded' } as never, items, credentials: worker(n) as never })),
		);
		await bothRecording;
		expect(runs.map(([out]) => out[0].json.creditMemoNumber)).toEqual(['MAIN-C000001', 'MAIN-C000001']);
		expect(xoro.sim.state.creditMemos.map((m) => [m.creditMemoHeader.RmaNumber, m.creditMemoHeader.StatusName])).toEqual([[rmaNumber, 'Refunded']]);
		expect(xoro.sim.requests.some((r) => r.path.endsWith('/creditmemo/import'))).toBe(false);
	});

	it('"new": overlapping runs over many refunds of returns without an RMA import each memo once', async () => {
		await startTenant('new');
		const items = await loopRefundItems(12);
		// Each run starts 200 ms after the one before, at 40 requests/s: each finds some memos made and some not.
		const paced = (n: number) => ({ xoroApi: { ...worker(n).xoroApi, requestsPerSecond: 40 } });
		const runs = await Promise.all(
			[0, 1, 2, 3].map(async (n) => {
				await new Promise((resolve) => setTimeout(resolve, n * 200));
				return runNode(rmaNode, { parameters, items, credentials: paced(n + 1) as never, continueOnFail: true });
			}),
		);
		const live = xoro.sim.state.creditMemos.filter((m) => !/void/i.test(m.creditMemoHeader.StatusName));
		const byRef = new Map<string, number>();
		for (const m of live) byRef.set(String(m.creditMemoHeader.ThirdPartyRefNo), (byRef.get(String(m.creditMemoHeader.ThirdPartyRefNo)) ?? 0) + 1);
		expect({ refs: byRef.size, twice: [...byRef].filter(([, n]) => n > 1) }).toEqual({ refs: 12, twice: [] });
		expect(runs.flatMap(([out]) => out.filter((i) => i.json.error).map((i) => i.json.error))).toEqual([]);
	}, 120_000);

	it('"new": a run looks a refund up right before it books it, not once for the whole batch before its first import', async () => {
		// The e2e chain's 50 refunds: each overlapping run looked all of them up first, then imported them
		// one by one for minutes, each after a look-up long stale, so every run booked refunds another run
		// had booked meanwhile (and voided them only in its read-backs at the very end).
		await startTenant('new');
		const items = await loopRefundItems(2);
		// Run 1's first import is held until run 2 (the second refund only) imported: run 2 books it meanwhile.
		const bothImporting = xoro.sim.holdUntil('/creditmemo/import', 2);
		const [first, second] = await Promise.all([
			runNode(rmaNode, { parameters, items, credentials: worker(1) as never, continueOnFail: true }),
			runNode(rmaNode, { parameters, items: [items[1]], credentials: worker(2) as never, continueOnFail: true }),
		]);
		await bothImporting;
		const memos = xoro.sim.state.creditMemos.map((m) => [m.creditMemoHeader.ThirdPartyRefNo, m.creditMemoHeader.StatusName]);
		expect(memos).toHaveLength(2);
		expect(memos.every(([, status]) => status === 'Refunded')).toBe(true);
		expect(first[0].map((i) => i.json.alreadyExisted)).toEqual([false, true]);
		expect(first[0][1].json.creditMemoNumber).toBe(second[0][0].json.creditMemoNumber);
	});

	it('"old": two runs of Create for RMA convert the RMA once and make one ASN from that memo', async () => {
		await startTenant('old');
		const [rma] = await xoroRun(rmaNode, { resource: 'rma', operation: 'createFromLoopReturn', storeCode: 'MAIN' }, [{ json: loopReturnItem(xoro.scenario, '25044702') as never }]);
		const bothConverting = xoro.sim.holdUntil('/rma/converttocreditmemo', 2);
		const runs = await Promise.all(
			[1, 2].map((n) => runNode(asnNode, { parameters: { resource: 'asn', operation: 'createForRma', rmaNumber: rma[0].json.rmaNumber } as never, credentials: worker(n) as never })),
		);
		await bothConverting;
		expect(xoro.sim.state.creditMemos.filter((m) => m.creditMemoHeader.StatusName !== 'Voided')).toHaveLength(1);
		const live = xoro.sim.state.asns.filter((a) => a.AsnHeaderData.StatusName !== 'Cancelled');
		expect(live).toHaveLength(1);
		expect(runs.map(([out]) => out[0].json.asnNumber)).toEqual([live[0].AsnHeaderData.AsnNumber, live[0].AsnHeaderData.AsnNumber]);
		expect(live[0].AsnHeaderData.CreditMemoNumber).toBe(xoro.sim.state.creditMemos[0].creditMemoHeader.CreditMemoNumber);
	});
});
