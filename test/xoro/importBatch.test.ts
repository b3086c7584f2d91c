/**
 * The import path over a batch (issue 11): Create From Loop Return and Create for RMA look up once per
 * execution, create per item and read back once (createOnceBatch), counted from the simulator's request
 * log; and what that must not give up: one live document per reference when executions race, when a
 * read lies, and when Xoro ignores the filters the batch's search sends (docs/apis.md §X4.3).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { XoroAsn } from '../../nodes/Xoro/XoroAsn.node';
import { XoroRma } from '../../nodes/Xoro/XoroRma.node';
import { xoroRetryPolicy } from '../../nodes/Xoro/transport';
import { runNode } from '../harness/n8n';
import { createScenario } from '../simulators/scenario';
import { nextId, nextNumber, xoroNow } from '../simulators/xoro/state';
import type { XoroSimulatorOptions } from '../simulators/xoro';
import { fastRetries, loopReturnItem, sentSince, useSim, workerCredentials } from './fixtures';

const rmaNode = new XoroRma();
const asnNode = new XoroAsn();
const xoro = useSim({ startEach: false });

/** Returns whose every line has a SKU: no item-master read in the counts. */
const N = 12;
const returnIds = () => xoro.scenario.returns.filter((r) => r.id.startsWith('260')).map((r) => r.id);

const start = (options: Partial<XoroSimulatorOptions> = {}) => xoro.start({ scenario: createScenario({ extraReturns: N }), ...options });
const worker = (n: number) => workerCredentials(xoro.credentials, n);

const rmaParameters = { resource: 'rma', operation: 'createFromLoopReturn', storeCode: 'MAIN' };
const asnParameters = { resource: 'asn', operation: 'createForRma', rmaNumber: '={{ $json.rmaNumber }}' };
const returnsOf = (ids: string[]) => ids.map((id) => loopReturnItem(xoro.scenario, id) as unknown as IDataObject);
const items = (out: INodeExecutionData[]) => out.map((i) => i.json);
const createRmas = (ids: string[], credentials = xoro.credentials, continueOnFail = false) =>
	runNode(rmaNode, { parameters: rmaParameters, items: returnsOf(ids), credentials, continueOnFail });
const createAsns = (input: IDataObject[], credentials = xoro.credentials) => runNode(asnNode, { parameters: asnParameters, items: input, credentials });

const sent = (from: number) => sentSince(xoro.sim, from);

const LIVE = (status: string) => !/^(cancel|void|revers)/i.test(status);
const rmasOf = (id: string) => xoro.sim.state.rmas.filter((r) => r.RmaHeader.ThirdPartyRefNo === id);
const asnsOf = (rmaNumber: string) => xoro.sim.state.asns.filter((a) => a.AsnHeaderData.RmaNumber === rmaNumber);

/** One live RMA per return, the oldest of its RMAs, and every output item for the return names it. */
function expectOneLiveRmaEach(ids: string[], outputs: IDataObject[][]) {
	for (const id of ids) {
		const all = rmasOf(id);
		const live = all.filter((r) => LIVE(r.RmaHeader.StatusName));
		expect(live.map((r) => r.RmaHeader.RmaNumber)).toEqual([all[0].RmaHeader.RmaNumber]);
		const named = outputs.flat().filter((o) => o.loopReturnId === id).map((o) => o.rmaNumber);
		expect(named.length).toBeGreaterThan(0);
		expect(new Set(named)).toEqual(new Set([all[0].RmaHeader.RmaNumber]));
	}
}

describe('Import over a batch: requests', () => {
	it(`${N} new returns: one search and a create per return for the RMAs, the same for the ASNs; a re-run: one search`, async () => {
		await start();
		const ids = returnIds();
		expect(ids).toHaveLength(N);

		let from = xoro.sim.requests.length;
		const [rmas] = await createRmas(ids);
		expect(sent(from)).toEqual({ 'GET rma/getrma': 2, 'POST rma/create': N });
		expect(rmas.map((i) => [i.json.loopReturnId, i.json.alreadyExisted])).toEqual(ids.map((id) => [id, false]));
		expect(rmas.map((i) => i.pairedItem)).toEqual(ids.map((_, item) => ({ item })));

		// The ASN's lines come from the RMA node's item: the RMA is not read again.
		from = xoro.sim.requests.length;
		const [asns] = await createAsns(items(rmas));
		expect(sent(from)).toEqual({ 'GET asn/getasn': 2, 'POST asn/create': N });
		for (const [index, asn] of asns.entries()) {
			const rma = xoro.sim.state.rmas.find((r) => r.RmaHeader.RmaNumber === rmas[index].json.rmaNumber)!;
			expect(asn.json).toMatchObject({ rmaNumber: rma.RmaHeader.RmaNumber, alreadyExisted: false });
			expect(asn.json.lines).toEqual(rma.RmaItemLineArr.map((l) => ({ itemNumber: l.ItemNumber, expected: l.Qty, received: 0 })));
		}

		// The re-run: the RMA list answers for both (each RMA now links its ASN).
		from = xoro.sim.requests.length;
		const [rmasAgain] = await createRmas(ids);
		expect(sent(from)).toEqual({ 'GET rma/getrma': 1 });
		expect(rmasAgain.map((i) => [i.json.rmaNumber, i.json.alreadyExisted])).toEqual(rmas.map((i) => [i.json.rmaNumber, true]));
		from = xoro.sim.requests.length;
		const [asnsAgain] = await createAsns(items(rmasAgain));
		expect(sent(from)).toEqual({});
		expect(asnsAgain.map((i) => i.json)).toEqual(
			asns.map((i) => ({ asnNumber: i.json.asnNumber, rmaNumber: i.json.rmaNumber, thirdPartyRefNo: i.json.thirdPartyRefNo, alreadyExisted: true, linkedFromRma: true })),
		);
		expect(xoro.sim.state.rmas).toHaveLength(N);
		expect(xoro.sim.state.asns).toHaveLength(N);
	});

	it('a batch mixing new and imported returns creates only the new ones, still with one search each way', async () => {
		await start();
		const ids = returnIds();
		const [first] = await createRmas(ids.slice(0, 5));
		const from = xoro.sim.requests.length;
		const [out] = await createRmas(ids);
		expect(sent(from)).toEqual({ 'GET rma/getrma': 2, 'POST rma/create': N - 5 });
		expect(out.slice(0, 5).map((i) => [i.json.rmaNumber, i.json.alreadyExisted])).toEqual(first.map((i) => [i.json.rmaNumber, true]));
		expect(out.slice(5).every((i) => i.json.alreadyExisted === false)).toBe(true);
	});

	it('one return twice in a batch: created once, the second item names it', async () => {
		await start();
		const [a, b] = returnIds();
		const from = xoro.sim.requests.length;
		const [out] = await createRmas([a, b, a]);
		expect(sent(from)).toEqual({ 'GET rma/getrma': 2, 'POST rma/create': 2 });
		expect(out.map((i) => [i.json.loopReturnId, i.json.alreadyExisted])).toEqual([[a, false], [b, false], [a, true]]);
		expect(out[2].json.rmaNumber).toBe(out[0].json.rmaNumber);
		expect(rmasOf(a)).toHaveLength(1);
	});

	it('an ASN item without the RMA node\'s RMA reads the RMA itself, as before', async () => {
		await start();
		const [rmas] = await createRmas(returnIds().slice(0, 2));
		const from = xoro.sim.requests.length;
		const [asns] = await createAsns(rmas.map((i) => ({ rmaNumber: i.json.rmaNumber })));
		expect(sent(from)).toEqual({ 'GET asn/getasn': 4, 'GET rma/getrma': 2, 'POST asn/create': 2 });
		expect(asns.map((i) => i.json.alreadyExisted)).toEqual([false, false]);
	});

	it('without Continue On Fail, nothing after a failed item is created; with it, the others are', async () => {
		await start();
		const ids = returnIds().slice(0, 4);
		const parameters = { ...rmaParameters, customerName: `={{ $json.id === "${ids[1]}" ? "Nobody" : "" }}` };
		await expect(runNode(rmaNode, { parameters, items: returnsOf(ids), credentials: xoro.credentials })).rejects.toThrow("Xoro: Customer 'Nobody' does not exist.");
		expect(xoro.sim.state.rmas.map((r) => r.RmaHeader.ThirdPartyRefNo)).toEqual([ids[0]]);

		const [out] = await runNode(rmaNode, { parameters, items: returnsOf(ids), credentials: xoro.credentials, continueOnFail: true });
		expect(out.map((i) => i.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		expect(out.map((i) => i.json.error ?? i.json.alreadyExisted)).toEqual([true, "Xoro: Customer 'Nobody' does not exist.", false, false]);
	});
});

describe('Import over a batch: the search is bounded and filtered here', () => {
	/** `count` RMAs of other returns, made `daysAgo` days ago. */
	function olderRmas(count: number, daysAgo: number) {
		const { state } = xoro.sim;
		const made = xoroNow(state, DateTime.utc().minus({ days: daysAgo }));
		for (let i = 0; i < count; i++) {
			const copy = structuredClone(state.rmas[0]);
			Object.assign(copy.RmaHeader, { RmaId: nextId(state, 'rma'), RmaNumber: nextNumber(state, 'R'), ThirdPartyRefNo: String(90000000 + i), CreatedDate: made, UpdatedDate: made });
			state.rmas.push(copy);
		}
	}

	it('RMAs made before the batch\'s returns are outside its window: one page', async () => {
		await start();
		const ids = returnIds();
		await createRmas(['25044706']);
		olderRmas(250, 10);
		const from = xoro.sim.requests.length;
		await createRmas(ids.slice(0, 3));
		expect(sent(from)).toEqual({ 'GET rma/getrma': 2, 'POST rma/create': 3 });
	});

	it('a Xoro that ignores created_at_min lists them all: read while fewer pages than items, else per item; right either way', async () => {
		await start({ ignoredFilters: ['created_at_min'] });
		const ids = returnIds();
		await createRmas(['25044706', ids[0]]);
		olderRmas(150, 10);
		// 152 RMAs: two pages, fewer than the 4 items they stand for.
		let from = xoro.sim.requests.length;
		const [four] = await createRmas(ids.slice(0, 4));
		expect(sent(from)).toEqual({ 'GET rma/getrma': 4, 'POST rma/create': 3 });
		expect(four.map((i) => i.json.alreadyExisted)).toEqual([true, false, false, false]);

		// 215 RMAs, three items: past the two pages they may cost, each goes through createOnce alone (a
		// look-up right before its create, a read-back right after), after the one page that told.
		olderRmas(60, 10);
		from = xoro.sim.requests.length;
		const [three] = await createRmas([ids[0], ids[4], ids[5]]);
		expect(sent(from)).toEqual({ 'GET rma/getrma': 1 + 3 + 2, 'POST rma/create': 2 });
		expect(three.map((i) => i.json.alreadyExisted)).toEqual([true, false, false]);
		expectOneLiveRmaEach(ids.slice(0, 6), [items(four), items(three)]);
	});

	it('a Xoro that ignores every RMA filter still gets one RMA per return', async () => {
		await start({ ignoredFilters: ['created_at_min', 'third_party_ref_no', 'rma_number'] });
		const ids = returnIds().slice(0, 5);
		const [first] = await createRmas(ids);
		const [again] = await createRmas(ids);
		expect(again.map((i) => [i.json.rmaNumber, i.json.alreadyExisted])).toEqual(first.map((i) => [i.json.rmaNumber, true]));
		expect(xoro.sim.state.rmas).toHaveLength(5);
	});

	it('a Xoro whose getasn ignores its date filters still gets one ASN per RMA', async () => {
		await start({ asnFiltersIgnored: true });
		xoro.sim.addPurchaseOrderAsns(30, true);
		const [rmas] = await createRmas(returnIds().slice(0, 4));
		const from = xoro.sim.requests.length;
		await createAsns(items(rmas));
		expect(sent(from)).toEqual({ 'GET asn/getasn': 2, 'POST asn/create': 4 });
		await createAsns(rmas.map((i) => ({ rmaNumber: i.json.rmaNumber })));
		for (const rma of rmas) expect(asnsOf(String(rma.json.rmaNumber))).toHaveLength(1);
	});
});

describe('Import over a batch: reads that lie, answers that are lost', () => {
	it('an empty batch look-up on a re-run in another process makes duplicates the read-back finds and cancels', async () => {
		await start();
		const ids = returnIds().slice(0, 4);
		const [first] = await createRmas(ids);
		xoro.sim.faults.add({ kind: 'empty', path: '/rma/getrma', times: 1 });
		// Another process (a worker without shared claims): nothing tells it the first run made them.
		const [again] = await createRmas(ids, worker(1));
		for (const [index, out] of again.entries()) {
			expect(out.json).toMatchObject({ rmaNumber: first[index].json.rmaNumber, alreadyExisted: true });
			expect((out.json.raceResolved as { cancelled: string[] }).cancelled).toHaveLength(1);
		}
		expectOneLiveRmaEach(ids, [items(first), items(again)]);
	});

	it('the same empty look-up on a re-run in the same process: the first run\'s claims send each item to its own look-up, and nothing is made twice', async () => {
		await start();
		const ids = returnIds().slice(0, 4);
		const [first] = await createRmas(ids);
		xoro.sim.faults.add({ kind: 'empty', path: '/rma/getrma', times: 1 });
		const from = xoro.sim.requests.length;
		const [again] = await createRmas(ids);
		expect(sent(from)).toEqual({ 'GET rma/getrma': 1 + ids.length });
		expect(again.map((out) => [out.json.rmaNumber, out.json.alreadyExisted, out.json.raceResolved])).toEqual(first.map((out) => [out.json.rmaNumber, true, undefined]));
		expect(xoro.sim.state.rmas).toHaveLength(ids.length);
	});

	it('a read-back that does not list every new RMA yet is read again', async () => {
		await start();
		Object.assign(xoroRetryPolicy, { retryBudgetMs: 2000 });
		const ids = returnIds().slice(0, 4);
		// The look-up (a genuine empty), then the read-back comes back empty twice.
		xoro.sim.faults.add({ kind: 'empty', path: '/rma/getrma', times: 3 });
		const [out] = await createRmas(ids);
		expect(out.every((i) => i.json.alreadyExisted === false)).toBe(true);
		expect(xoro.sim.state.rmas).toHaveLength(4);
		expect(sent(0)['GET rma/getrma']).toBe(4);
		fastRetries();
	});

	it('lost create answers in a batch leave one live RMA and one live ASN each', async () => {
		await start();
		const ids = returnIds().slice(0, 4);
		xoro.sim.loseAnswers('/rma/create', 2);
		const [rmas] = await createRmas(ids);
		expect(xoro.sim.state.rmas).toHaveLength(4);
		expectOneLiveRmaEach(ids, [items(rmas)]);
		xoro.sim.loseAnswers('/asn/create', 2);
		const [asns] = await createAsns(items(rmas));
		for (const [index, rma] of rmas.entries()) {
			const live = asnsOf(String(rma.json.rmaNumber)).filter((a) => LIVE(a.AsnHeaderData.StatusName));
			expect(live.map((a) => a.AsnHeaderData.AsnNumber)).toEqual([asns[index].json.asnNumber]);
		}
	});
});

describe('Import over a batch: overlapping executions', () => {
	it.each([2, 3])('%i executions over the same returns (in different orders), all creating before any reads back: one live RMA each, then one live ASN each', async (racers) => {
		await start();
		const ids = returnIds().slice(0, 6);
		const orderOf = (n: number) => (n % 2 ? ids : [...ids].reverse());

		const rmasCreated = xoro.sim.holdUntil('/rma/create', racers);
		const rmaRuns = await Promise.all(Array.from({ length: racers }, (_, n) => createRmas(orderOf(n), worker(n + 1))));
		await rmasCreated;
		const rmaOutputs = rmaRuns.map(([out]) => items(out));
		for (const id of ids) expect(rmasOf(id)).toHaveLength(racers);
		expectOneLiveRmaEach(ids, rmaOutputs);
		for (const id of ids) {
			const made = rmaOutputs.flat().filter((o) => o.loopReturnId === id);
			expect(made.filter((o) => o.alreadyExisted === false)).toHaveLength(1);
			const cancelled = made.flatMap((o) => (o.raceResolved as { cancelled?: string[] } | undefined)?.cancelled ?? []);
			expect(cancelled.sort()).toEqual(rmasOf(id).slice(1).map((r) => r.RmaHeader.RmaNumber).sort());
		}

		// The ASN node fed by each racer's RMA items, racing again.
		const asnsCreated = xoro.sim.holdUntil('/asn/create', racers);
		const asnRuns = await Promise.all(rmaOutputs.map((input, n) => createAsns(input, worker(n + 1))));
		await asnsCreated;
		for (const id of ids) {
			const rmaNumber = rmasOf(id)[0].RmaHeader.RmaNumber;
			const all = asnsOf(rmaNumber);
			expect(all).toHaveLength(racers);
			const live = all.filter((a) => LIVE(a.AsnHeaderData.StatusName));
			expect(live.map((a) => a.AsnHeaderData.AsnNumber)).toEqual([all[0].AsnHeaderData.AsnNumber]);
			for (const [out] of asnRuns) expect(out.filter((i) => i.json.rmaNumber === rmaNumber).map((i) => i.json.asnNumber)).toEqual([all[0].AsnHeaderData.AsnNumber]);
		}

		// A re-run names the same documents and makes nothing.
		const [rmasAgain] = await createRmas(ids);
		expectOneLiveRmaEach(ids, [items(rmasAgain)]);
		const [asnsAgain] = await createAsns(items(rmasAgain));
		expect(asnsAgain.every((i) => i.json.alreadyExisted === true)).toBe(true);
		expect(xoro.sim.state.rmas).toHaveLength(racers * ids.length);
		expect(xoro.sim.state.asns).toHaveLength(racers * ids.length);
	});

	it('works the same when Xoro leaves cancelled documents out of its reads', async () => {
		await start({ listCancelled: false });
		const ids = returnIds().slice(0, 5);
		const created = xoro.sim.holdUntil('/rma/create', 2);
		const runs = await Promise.all([1, 2].map((n) => createRmas(n === 1 ? ids : [...ids].reverse(), worker(n))));
		await created;
		expectOneLiveRmaEach(ids, runs.map(([out]) => items(out)));
	});

	it('a batch racing executions of one item each: one live RMA per return', async () => {
		await start();
		const ids = returnIds().slice(0, 4);
		const runs = await Promise.all([createRmas(ids, worker(1)), ...ids.map((id, n) => createRmas([id], worker(n + 2)))]);
		expectOneLiveRmaEach(ids, runs.map(([out]) => items(out)));
	});
});
