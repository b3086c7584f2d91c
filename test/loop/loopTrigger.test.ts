import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { runPoll } from '../harness/n8n';
import { createScenario, type Scenario } from '../simulators/scenario';
import { startLoopSimulator, type LoopSimulator } from '../simulators/loop';
import { LoopTrigger } from '../../nodes/Loop/LoopTrigger.node';
import type { LoopReturnItem } from '../../nodes/mapping/contracts';
import type { PollMemory } from '../../nodes/Loop/helpers/pollCursor';
import { fastTuning, LOOP_KEY, NOSCOPE_KEY } from './tuning';
import { loopTransportTuning } from '../../nodes/Loop/transport';

const HOUR = 3_600_000;
const trigger = new LoopTrigger();
const ids = (output: INodeExecutionData[][] | null) =>
	(output?.[0] ?? []).map((item) => (item.json as unknown as LoopReturnItem).id).sort();

describe('Loop Trigger (n8n-core PollContext, simulator on loopback)', () => {
	let sim: LoopSimulator;
	let scenario: Scenario;
	const restore = fastTuning();
	const poll = (parameters: IDataObject, staticData: IDataObject, extra: { mode?: 'manual'; pollBudgetMs?: number } = {}) =>
		runPoll(trigger, {
			parameters: parameters as never,
			credentials: { loopReturnsApi: { apiKey: LOOP_KEY, baseUrl: sim.baseUrl } },
			staticData,
			...extra,
		});

	beforeEach(async () => {
		scenario = createScenario({ extraReturns: 20 });
		sim = await startLoopSimulator({ scenario, processDelayMs: 30 });
	});
	afterEach(async () => {
		await sim.close();
		restore.reset();
	});

	it('is a polling trigger without inputs and not an AI tool', () => {
		expect(trigger.description).toMatchObject({ name: 'loopTrigger', polling: true, inputs: [] });
		expect(trigger.description.usableAsTool).toBeUndefined();
	});

	it('first activation starts from now: nothing old, then only what changes', async () => {
		const staticData: IDataObject = {};
		expect((await poll({}, staticData)).output).toBeNull();
		expect((await poll({}, staticData)).output).toBeNull();
		sim.updateReturn('25044703', { state: 'review' });
		const added = sim.addReturn({ orderId: scenario.orders[1].id, lines: [{ ...scenario.returns[1].lines[0], lineItemId: '140000001' }] });
		const { output } = await poll({}, staticData);
		expect(ids(output)).toEqual(['25044703', added.id].sort());
		expect(output![0].find((item) => item.json.id === '25044703')!.json.state).toBe('review');
		expect((await poll({}, staticData)).output).toBeNull();
	});

	it('emits each new or changed return once across polls, with a change between polls and a late stamp in the overlap', async () => {
		const staticData: IDataObject = {};
		const startFrom = new Date(Date.now() - 200 * HOUR).toISOString();
		const first = await poll({ options: { startFrom } }, staticData);
		expect(ids(first.output)).toEqual(scenario.returns.map((r) => r.id).sort());
		const memory = staticData as PollMemory;
		// the cursor sits on the newest stamp emitted (25044704, updated 5 hours ago), not on "now"
		expect(memory.cursor).toBe(new Date(scenario.returns.find((r) => r.id === '25044704')!.updatedAt).toISOString());

		// The overlap re-reads 25044704; it is not emitted again.
		expect((await poll({ options: { startFrom } }, staticData)).output).toBeNull();

		sim.updateReturn('25044701', { state: 'closed' });
		const lateStamp = new Date(Date.parse(memory.cursor!) - 2 * 60_000).toISOString();
		const late = sim.addReturn({
			orderId: scenario.orders[2].id,
			createdAt: lateStamp,
			updatedAt: lateStamp,
			lines: [{ ...scenario.returns[2].lines[0], lineItemId: '140000002' }],
		});
		const third = await poll({ options: { startFrom } }, staticData);
		expect(ids(third.output)).toEqual(['25044701', late.id].sort());
		expect((third.output![0].find((i) => i.json.id === '25044701')!.json as unknown as LoopReturnItem).state).toBe('closed');
		expect((await poll({ options: { startFrom } }, staticData)).output).toBeNull();
	});

	it('filters by state and can emit new returns only', async () => {
		const startFrom = new Date(Date.now() - 200 * HOUR).toISOString();
		const reviewOnly = await poll({ states: ['review'], options: { startFrom } }, {});
		expect(ids(reviewOnly.output)).toEqual(['25044704']);

		const staticData: IDataObject = {};
		const newOnly = { event: 'newOnly', options: { startFrom } };
		expect(ids((await poll(newOnly, staticData)).output)).toHaveLength(scenario.returns.length);
		sim.updateReturn('25044702', { state: 'review' });
		expect((await poll(newOnly, staticData)).output).toBeNull();
		const added = sim.addReturn({ orderId: scenario.orders[0].id, lines: [{ ...scenario.returns[0].lines[0], lineItemId: '140000003' }] });
		expect(ids((await poll(newOnly, staticData)).output)).toEqual([added.id]);
	});

	it('manual mode returns one sample and leaves the cursor alone', async () => {
		const staticData: IDataObject = { field: 'updated_at', cursor: '2020-01-01T00:00:00.000Z', emitted: {} };
		const before = JSON.stringify(staticData);
		const { output } = await poll({}, staticData, { mode: 'manual' });
		expect(output![0]).toHaveLength(1);
		expect(output![0][0].json).toHaveProperty('raw');
		expect(JSON.stringify(staticData)).toBe(before);
	});

	it('a poll that fails changes nothing: the next one emits what the failed one had fetched', async () => {
		const staticData: IDataObject = {};
		const parameters = { states: ['open'], options: { pageSize: 4, startFrom: new Date(Date.now() - 200 * HOUR).toISOString() } };
		const first = await poll(parameters, staticData, { pollBudgetMs: 1 });
		expect(ids(first.output)).toHaveLength(4);
		const saved = JSON.stringify(staticData);
		// No retries and every other request failing (seeded): the poll gets pages, then dies.
		loopTransportTuning.retryBudgetMs = 0;
		sim.faults.add({ kind: 'serverError', rate: 0.5 });
		const before = sim.requests.length;
		await expect(poll(parameters, staticData)).rejects.toThrow(/HTTP 500/);
		expect(sim.requests.slice(before).filter((r) => r.status === 200).length).toBeGreaterThan(0);
		expect(JSON.stringify(staticData)).toBe(saved);
		sim.faults.clear();
		const rest = await poll(parameters, staticData);
		const all = [...ids(first.output), ...ids(rest.output)];
		expect(all.sort()).toEqual(scenario.returns.filter((r) => r.state === 'open').map((r) => r.id).sort());
	});

	it('fails clearly on a key without the Returns scope, without showing the key', async () => {
		const error = await runPoll(trigger, {
			parameters: {},
			credentials: { loopReturnsApi: { apiKey: NOSCOPE_KEY, baseUrl: sim.baseUrl } },
			mode: 'manual',
		}).catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toMatch(/refused the API key/);
		expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(NOSCOPE_KEY);
	});

	it('stops paging before the poll budget and resumes next tick without loss or repeats', async () => {
		const staticData: IDataObject = {};
		const parameters = { states: ['open'], options: { pageSize: 4, startFrom: new Date(Date.now() - 200 * HOUR).toISOString() } };
		const openIds = scenario.returns.filter((r) => r.state === 'open').map((r) => r.id).sort();
		const seen: string[] = [];
		let polls = 0;
		let cursorWhilePartial: string | undefined;
		do {
			const { output } = await poll(parameters, staticData, { pollBudgetMs: 1 });
			seen.push(...ids(output));
			polls++;
			if ((staticData as PollMemory).run) {
				cursorWhilePartial = (staticData as PollMemory).cursor;
				expect((staticData as PollMemory).run!.next.cursor).toBeTruthy();
			}
		} while ((staticData as PollMemory).run && polls < 20);
		expect(polls).toBe(Math.ceil(openIds.length / 4));
		// the cursor does not move while a listing is partial
		expect(cursorWhilePartial).toBe(new Date(Math.floor(Date.parse(parameters.options.startFrom) / 1000) * 1000).toISOString());
		expect(seen.sort()).toEqual(openIds);
		expect(new Set(seen).size).toBe(seen.length);
		expect((await poll(parameters, staticData, { pollBudgetMs: 1 })).output).toBeNull();
	});
});

describe('Loop Trigger with Loop stamps without an offset (UTC whatever the server TZ)', () => {
	const restore = fastTuning();
	afterEach(() => restore.reset());

	it(`emits each of 98 returns exactly once over 8 polls (TZ=${process.env.TZ ?? 'unset'})`, async () => {
		const scenario = createScenario();
		const sim = await startLoopSimulator({ scenario, offsetlessStamps: true });
		try {
			const staticData: IDataObject = {};
			const poll = () =>
				runPoll(trigger, { parameters: {}, credentials: { loopReturnsApi: { apiKey: LOOP_KEY, baseUrl: sim.baseUrl } }, staticData });
			expect((await poll()).output).toBeNull();
			const added: string[] = [];
			const emitted: string[] = [];
			for (let p = 0; p < 8; p++) {
				for (let i = 0; i < (p < 2 ? 13 : 12); i++) {
					const n = added.length;
					added.push(sim.addReturn({ orderId: scenario.orders[n % scenario.orders.length].id, lines: [{ ...scenario.returns[0].lines[0], lineItemId: String(150000000 + n) }] }).id);
				}
				emitted.push(...ids((await poll()).output));
			}
			expect(sim.renderReturn(added[0]).updated_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
			expect(added).toHaveLength(98);
			const missed = added.filter((id) => !emitted.includes(id));
			const twice = emitted.filter((id, i) => emitted.indexOf(id) !== i);
			console.log(`Loop Trigger, TZ=${process.env.TZ ?? 'unset'}: ${emitted.length} emitted for ${added.length} returns over 8 polls, ${missed.length} missed, ${twice.length} repeated`);
			expect({ missed, twice }).toEqual({ missed: [], twice: [] });
			expect(emitted.sort()).toEqual([...added].sort());
		} finally {
			await sim.close();
		}
	}, 30_000);
});
