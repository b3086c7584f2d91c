/**
 * Transient faults as Shopify sends them are retried until the budget is spent, never turned into a
 * failure (issue 10 §5): THROTTLED at HTTP 200 without cost data, 429 without Retry-After, 5xx,
 * empty and malformed bodies, reset connections.
 */
import { shopifyTransportTuning } from '../../nodes/Shopify/transport';
import { FAULT_KINDS } from '../simulators/http';
import { loopProcessed, run, startFixture, transactions, windowAroundNow, type Fixture } from './fixtures';

const saved = { ...shopifyTransportTuning };

describe('Shopify transport under transient faults', () => {
	let f: Fixture;
	beforeEach(async () => {
		Object.assign(shopifyTransportTuning, { backoffBaseMs: 5, backoffMaxMs: 20, retryBudgetMs: 2000, throttleBudgetMs: 2000, requestTimeoutMs: 300 });
		f = await startFixture();
		for (let i = 0; i < 3; i++) f.sim.applyLoopOutcome({ ...loopProcessed(f.scenario, '25044701', 'credit'), returnId: String(27000000 + i), amount: 5 + i });
	});
	afterEach(async () => {
		Object.assign(shopifyTransportTuning, saved);
		await f.sim.close();
	});
	const credits = async () => transactions(await run(f, { operation: 'getLoopCredits', ...windowAroundNow() }));

	it('rides out one of every fault kind in a row', async () => {
		f.sim.faults.add(FAULT_KINDS.map((kind) => ({ kind, times: 1 })));
		expect(await credits()).toHaveLength(3);
		expect(f.sim.requests.map((r) => r.fault ?? r.status)).toEqual([...FAULT_KINDS, 200]);
	});

	it('a run of THROTTLED-at-200 answers longer than the old count of retries is waited out', async () => {
		f.sim.faults.add({ kind: 'errorAt200', times: 12 });
		expect(await credits()).toHaveLength(3);
		expect(f.sim.requests.filter((r) => r.fault === 'errorAt200')).toHaveLength(12);
	});

	it('30% faults of every kind but hangs: 10 reads in a row all succeed', async () => {
		const kinds = FAULT_KINDS.filter((k) => k !== 'timeout');
		f.sim.faults.add(kinds.map((kind) => ({ kind, rate: 0.3 / kinds.length })));
		for (let i = 0; i < 10; i++) expect(await credits()).toHaveLength(3);
		expect(f.sim.requests.filter((r) => r.fault).length).toBeGreaterThan(0);
	});
});
