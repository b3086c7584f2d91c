import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { runNode, testCredential } from '../harness/n8n';
import { createScenario } from '../simulators/scenario';
import { startLoopSimulator, type LoopSimulator } from '../simulators/loop';
import { LoopReturn } from '../../nodes/Loop/LoopReturn.node';
import { LoopReturnsApi } from '../../credentials/LoopReturnsApi.credentials';
import type { LoopReturnItem } from '../../nodes/mapping/contracts';
import { fastTuning, LOOP_KEY, NOSCOPE_KEY } from './tuning';

const DAY = 86_400_000;
const node = new LoopReturn();
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

describe('Loop Return node (n8n-core execution context, simulator on loopback)', () => {
	let sim: LoopSimulator;
	const restore = fastTuning();
	const credentials = () => ({ loopReturnsApi: { apiKey: LOOP_KEY, baseUrl: sim.baseUrl } });
	const run = (parameters: IDataObject, items?: IDataObject[], continueOnFail = false) =>
		runNode(node, { parameters: parameters as never, items, credentials: credentials(), continueOnFail });
	const jsons = (out: INodeExecutionData[][]) => out[0].map((item) => item.json);

	beforeEach(async () => {
		sim = await startLoopSimulator({ scenario: createScenario({ extraReturns: 12 }), processDelayMs: 40 });
	});
	afterEach(async () => {
		await sim.close();
		restore.reset();
	});

	it('declares itself usable as an AI tool', () => {
		expect(node.description.usableAsTool).toBe(true);
		expect(node.description.name).toBe('loopReturn');
	});

	it('Get: by ID, by admin URL, by order name and by Shopify order ID, normalised with raw', async () => {
		const lookups = [
			{ mode: 'id', value: '25044701' },
			{ mode: 'url', value: 'https://admin.loopreturns.com/returns/25044701' },
			{ mode: 'orderName', value: '#1001' },
			{ mode: 'shopifyOrderId', value: '5000001001' },
		];
		for (const lookup of lookups) {
			const out = await run({ operation: 'get', lookup: { __rl: true, ...lookup } });
			const ret = out[0][0].json as unknown as LoopReturnItem;
			expect(ret.id).toBe('25044701');
			expect(ret.orderName).toBe('#1001');
			expect(ret.providerOrderId).toBe('5000001001');
			expect(ret.totals.returnTotal).toBeCloseTo(79.48);
			expect(ret.lineItems).toHaveLength(3);
			expect(ret.lineItems[0]).toMatchObject({ sku: 'TEE-PM-S', price: 29.99, returnReason: 'Too small', barcode: '0810000000011' });
			expect((ret.raw as IDataObject).id).toBe(25044701);
			expect(out[0][0].pairedItem).toEqual({ item: 0 });
		}
		const q = sim.requests.filter((r) => r.path.endsWith('/details')).map((r) => r.query);
		expect(q).toEqual(['return_id=25044701', 'return_id=25044701', 'order_name=%231001', 'order_id=5000001001']);
	});

	it('Get: the exchange return with the SKU-less socks comes out with sku null and exchanges', async () => {
		const out = await run({ operation: 'get', lookup: byId('25044703') });
		const ret = out[0][0].json as unknown as LoopReturnItem;
		expect(ret.lineItems.map((l) => l.sku)).toEqual(['TEE-PM-L', null]);
		expect(ret.lineItems.every((l) => l.price > 0)).toBe(true);
		expect(ret.exchanges.map((e) => e.variantId)).toEqual(['41845504671895', '41845504835735']);
		expect(ret.carrier).toBeNull();
	});

	it('Get Many: all states in a range, with limit and return all', async () => {
		const from = new Date(Date.now() - 100 * DAY).toISOString();
		const all = jsons(await run({ operation: 'getMany', from, states: ['all'], returnAll: true }));
		expect(new Set(all.map((r) => r.state))).toEqual(new Set(['open', 'closed', 'review', 'cancelled']));
		expect(all.map((r) => r.id)).toEqual(expect.arrayContaining(['25044701', '25044704', '25044705', '25044706']));
		expect(all).toHaveLength(6 + 12);

		const limited = await run({ operation: 'getMany', from, states: ['open'], returnAll: false, limit: 5 });
		expect(limited[0]).toHaveLength(5);
		expect(limited[0].every((item) => item.json.state === 'open' && (item.pairedItem as { item: number }).item === 0)).toBe(true);

		const updated = jsons(await run({ operation: 'getMany', dateFilter: 'updated_at', from: new Date(Date.now() - 6 * 3600_000).toISOString(), states: ['all'], returnAll: true }));
		expect(updated.map((r) => r.id)).toEqual(['25044704']);
	});

	it("Get Many: pages of 750, Loop's largest; Loop's body under raw only when asked for", async () => {
		const from = new Date(Date.now() - 100 * DAY).toISOString();
		const lean = jsons(await run({ operation: 'getMany', from, states: ['open'], returnAll: true }));
		const lists = sim.requests.filter((r) => r.path.endsWith('/warehouse/return/list'));
		expect(lists.map((r) => new URLSearchParams(r.query).get('pageSize'))).toEqual(['750']);
		expect(lean.length).toBeGreaterThan(0);
		// The list carries no customer_detail: nothing of the body is kept.
		expect(lean.every((r) => JSON.stringify(r.raw) === '{}')).toBe(true);

		const whole = jsons(await run({ operation: 'getMany', from, states: ['open'], returnAll: true, includeRaw: true }));
		expect(whole.map((r) => (r.raw as IDataObject).id)).toEqual(lean.map((r) => r.id));
		expect(whole.map((r) => ({ ...r, raw: {} }))).toEqual(lean);
	});

	it('Process: sends Additional Details, answers queued; the return then closes; processing it again is alreadyProcessed', async () => {
		const out = await run({
			operation: 'process',
			returnId: byId('25044702'),
			additionalDetails: { detail: [{ key: 'erp_rma', value: 'RMA-000123' }, { key: 'warehouse', value: 'NJ-01' }] },
		});
		expect(out[0][0].json).toMatchObject({ returnId: '25044702', status: 'queued', additionalDetails: { erp_rma: 'RMA-000123' } });
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(sim.getReturn('25044702')?.state).toBe('closed');
		expect(sim.processedEvents.at(-1)).toMatchObject({ returnId: '25044702', additionalDetails: { erp_rma: 'RMA-000123', warehouse: 'NJ-01' } });

		// Processing it again (a rerun, or the sweep) is a success that says so; nothing happens twice.
		const again = await run({ operation: 'process', returnId: byId('25044702') });
		expect(again[0][0].json).toMatchObject({ returnId: '25044702', status: 'closed', alreadyProcessed: true });
		expect(sim.processedEvents.filter((e) => e.returnId === '25044702')).toHaveLength(1);
	});

	it('Process: a return Loop processed on its own, or a person closed, is alreadyProcessed; flagged, cancelled and expired fail only their item', async () => {
		sim.loopProcesses('25044701');
		sim.updateReturn('25044702', { state: 'closed' });
		sim.updateReturn('25044703', { state: 'cancelled' });
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(sim.processedEvents.map((e) => e.returnId)).toEqual(['25044701']);
		const ids = ['25044701', '25044702', '25044704', '25044703'];
		const out = await run({ operation: 'process', returnId: byId('={{ $json.id }}') }, ids.map((id) => ({ id })), true);
		expect(out[0].map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		expect(out[0][0].json).toMatchObject({ returnId: '25044701', status: 'closed', alreadyProcessed: true });
		expect(out[0][1].json).toMatchObject({ returnId: '25044702', status: 'closed', alreadyProcessed: true });
		// 25044704 is flagged (review) in the seed: reported with Loop's reason and code, the batch goes on.
		expect(out[0][2].json).toMatchObject({
			loopCode: 'UNPROCESSABLE_FLAGGED_RETURN',
			error: 'Loop refused to process return 25044704: Return is open and therefore cannot be processed. [UNPROCESSABLE_FLAGGED_RETURN]',
		});
		expect(out[0][2].error).toBeDefined();
		expect(out[0][3].json.error).toMatch(/Return is cancelled and therefore cannot be processed/);
		expect(out[0].map((item) => item.error?.constructor.name ?? null)).toEqual([null, null, 'NodeApiError', 'NodeApiError']);
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(sim.processedEvents.map((e) => e.returnId)).toEqual(['25044701']);
		expect(sim.getReturn('25044704')?.state).toBe('review');
	});

	it('Flag: flagging a flagged return again succeeds with alreadyFlagged and adds its note only once', async () => {
		const note = 'Xoro ASN MAIN-A1 closed, not fully received. Short: CAP-NAVY 1/2';
		const first = await run({ operation: 'flag', returnId: byId('25044701'), note });
		expect(first[0][0].json).toMatchObject({ alreadyFlagged: false, state: 'review' });
		const again = await run({ operation: 'flag', returnId: byId('25044701'), note });
		expect(again[0][0].json).toMatchObject({ returnId: '25044701', alreadyFlagged: true, state: 'review', note });
		expect(sim.notes('25044701').map((n) => n.content)).toEqual([note]);
		// Flagged by a person without a note: the run's note is still added, once.
		sim.updateReturn('25044702', { state: 'review' });
		await run({ operation: 'flag', returnId: byId('25044702'), note });
		await run({ operation: 'flag', returnId: byId('25044702'), note });
		expect(sim.notes('25044702').map((n) => n.content)).toEqual([note]);
		// A closed return cannot be flagged: that is a failure, not "already done".
		sim.updateReturn('25044703', { state: 'closed' });
		await expect(run({ operation: 'flag', returnId: byId('25044703'), note })).rejects.toThrow(/Return is closed and cannot be flagged/);
		expect(sim.notes('25044703')).toEqual([]);
	});

	it('Flag with a note flags, then notes; Close and Cancel change state; refusals carry Loop’s code', async () => {
		const flagged = await run({ operation: 'flag', returnId: byId('25044701'), note: 'Box arrived empty' });
		expect(flagged[0][0].json).toMatchObject({ returnId: '25044701', state: 'review', note: 'Box arrived empty' });
		expect(sim.getReturn('25044701')?.state).toBe('review');
		expect(sim.notes('25044701').map((n) => n.content)).toEqual(['Box arrived empty']);

		await run({ operation: 'close', returnId: byId('25044701') });
		expect(sim.getReturn('25044701')?.state).toBe('closed');
		await run({ operation: 'cancel', returnId: { __rl: true, mode: 'url', value: 'https://admin.loopreturns.com/returns/25044702' } });
		expect(sim.getReturn('25044702')?.state).toBe('cancelled');

		const refused = await run({ operation: 'cancel', returnId: byId('25044704') }, undefined, true);
		expect(refused[0][0].json).toMatchObject({ loopCode: 'UNPROCESSABLE_FLAGGED_RETURN', error: expect.stringContaining('flagged') });
	});

	it('Flag: a note over 255 characters fails before anything is flagged', async () => {
		await expect(run({ operation: 'flag', returnId: byId('25044701'), note: 'n'.repeat(256) })).rejects.toThrow(
			/"Note" of item 0 has 256 characters \(Unicode code points, as Loop counts them\); Loop accepts at most 255/,
		);
		expect(sim.getReturn('25044701')?.state).toBe('open');
	});

	it('Add Note: 255 characters pass whole, 256 are refused naming field and item, never truncated', async () => {
		const exact = 'a'.repeat(255);
		await run({ operation: 'addNote', returnId: byId('25044703'), content: exact });
		expect(sim.notes('25044703')[0].content).toBe(exact);
		const out = await run(
			{ operation: 'addNote', returnId: byId('25044703'), content: '={{ $json.note }}' },
			[{ note: 'ok' }, { note: 'b'.repeat(300) }],
			true,
		);
		expect(out[0][0].json).toMatchObject({ content: 'ok' });
		expect(out[0][1].json.error).toMatch(/"Content" of item 1 has 300 characters/);
		expect(out[0][1].pairedItem).toEqual({ item: 1 });
		expect(sim.notes('25044703').map((n) => n.content.length)).toEqual([255, 2]);
	});

	it('Add Note with Skip If Already Noted adds a note once, however often it runs', async () => {
		const report = { operation: 'addNote', returnId: byId('25044702'), content: 'n8n: process failed', skipIfNoted: true };
		expect((await run(report))[0][0].json).toMatchObject({ content: 'n8n: process failed' });
		expect((await run(report))[0][0].json).toMatchObject({ alreadyNoted: true });
		await run({ ...report, content: 'n8n: flag failed' });
		expect(sim.notes('25044702').map((n) => n.content)).toEqual(['n8n: process failed', 'n8n: flag failed']);
	});

	it('Get Notes: none is an empty list (Loop says 422 NoReturnNotes); bare and wrapped shapes both read', async () => {
		expect(jsons(await run({ operation: 'getNotes', returnId: byId('25044702') }))).toEqual([{ returnId: '25044702', count: 0, notes: [] }]);
		await run({ operation: 'addNote', returnId: byId('25044702'), content: 'first' });
		expect(jsons(await run({ operation: 'getNotes', returnId: byId('25044702') }))[0]).toMatchObject({ count: 1, notes: [{ content: 'first' }] });
		sim.setNotesShape('wrapped');
		expect(jsons(await run({ operation: 'getNotes', returnId: byId('25044702') }))[0]).toMatchObject({ count: 1, notes: [{ content: 'first' }] });
	});

	it('Remove Line Items: removes, then Loop processes; bad ids are a clear error', async () => {
		const out = await run({ operation: 'removeLineItems', returnId: byId('25044701'), lineItemIds: '123204010, 123204011' });
		expect(out[0][0].json).toMatchObject({ removedLineItemIds: ['123204010', '123204011'], status: 'queued' });
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(sim.getReturn('25044701')?.state).toBe('closed');
		expect(sim.processedEvents.at(-1)).toMatchObject({ returnId: '25044701', amount: 19.5, returnedLines: [{ sku: 'CAP-NAVY', quantity: 1 }] });
		await expect(run({ operation: 'removeLineItems', returnId: byId('25044702'), lineItemIds: 'abc' })).rejects.toThrow(
			/"Line Item IDs" of item 0 has values that are not IDs: abc/,
		);
	});

	it('rides out 429, 5xx, a hung request and malformed JSON through n8n’s own HTTP stack', async () => {
		sim.faults.add([
			{ kind: 'rateLimit', times: 1 },
			{ kind: 'serverError', times: 1 },
			{ kind: 'timeout', times: 1 },
			{ kind: 'malformed', times: 1 },
		]);
		const out = await run({ operation: 'get', lookup: byId('25044702') });
		expect(out[0][0].json.id).toBe('25044702');
		expect(sim.requests.map((r) => r.fault ?? r.status)).toEqual(['rateLimit', 'serverError', 'timeout', 'malformed', 200]);

		sim.faults.add({ kind: 'timeout' });
		const failed = await run({ operation: 'get', lookup: byId('25044702') }, undefined, true);
		expect(failed[0][0].json.error).toMatch(/Loop did not answer GET \/warehouse\/return\/details.*gave up after \d+ attempts/);
		expect(JSON.stringify(failed)).not.toContain(LOOP_KEY);
	});

	it('continueOnFail works per item and every output item is paired', async () => {
		const out = await run(
			{ operation: 'process', returnId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			[{ id: '25044705' }, { id: '25044701' }, { id: 'not-a-return' }, { id: '25044704' }],
			true,
		);
		expect(out[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(out[0][0].json).toMatchObject({ loopCode: 'UNPROCESSABLE_RETURN' });
		expect(out[0][1].json).toMatchObject({ returnId: '25044701', status: 'queued' });
		expect(out[0][2].json.error).toMatch(/"Return" of item 2 is not a Loop return ID/);
		expect(out[0][3].json).toMatchObject({ loopCode: 'UNPROCESSABLE_FLAGGED_RETURN' });
		// n8n sends items that carry `error` to the error output ("On Error: Continue (using error output)").
		expect(out[0].map((item) => item.error?.constructor.name ?? null)).toEqual(['NodeApiError', null, 'NodeOperationError', 'NodeApiError']);
	});

	it('never shows the API key in output or errors', async () => {
		const noScope = await runNode(node, {
			parameters: { operation: 'get', lookup: byId('25044701') } as never,
			credentials: { loopReturnsApi: { apiKey: NOSCOPE_KEY, baseUrl: sim.baseUrl } },
			continueOnFail: true,
		});
		expect(noScope[0][0].json.error).toMatch(/refused the API key/);
		expect(JSON.stringify(noScope)).not.toContain(NOSCOPE_KEY);
		const thrown = await runNode(node, {
			parameters: { operation: 'get', lookup: byId('25044701') } as never,
			credentials: { loopReturnsApi: { apiKey: NOSCOPE_KEY, baseUrl: sim.baseUrl } },
		}).catch((error: Error) => error);
		expect(JSON.stringify(thrown, Object.getOwnPropertyNames(thrown))).not.toContain(NOSCOPE_KEY);
		const ok = await run({ operation: 'get', lookup: byId('25044701') });
		expect(JSON.stringify(ok)).not.toContain(LOOP_KEY);
	});
});

describe('Loop Returns API credential', () => {
	let sim: LoopSimulator;
	beforeAll(async () => {
		sim = await startLoopSimulator({ scenario: createScenario() });
	});
	afterAll(() => sim.close());

	it('proves the key and its Returns scope with one list call', async () => {
		const credential = new LoopReturnsApi();
		await expect(testCredential(credential, { apiKey: LOOP_KEY, baseUrl: `${sim.baseUrl}/` })).resolves.toMatchObject({ status: 'OK' });
		const last = sim.requests.at(-1)!;
		expect(last).toMatchObject({ path: '/api/v1/warehouse/return/list', status: 200 });
		expect(last.query).toContain('pageSize=1');
		const noScope = await testCredential(credential, { apiKey: NOSCOPE_KEY, baseUrl: sim.baseUrl });
		expect(noScope).toMatchObject({ status: 'Error', message: expect.stringContaining('lacks the Returns scope') });
		expect(noScope.message).not.toContain(NOSCOPE_KEY);
	});
});
