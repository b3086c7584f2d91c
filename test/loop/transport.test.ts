import { request } from 'undici';
import { NodeApiError } from 'n8n-workflow';
import { createScenario, type Scenario } from '../simulators/scenario';
import { startLoopSimulator, type LoopSimulator } from '../simulators/loop';
import { serve } from '../simulators/http';
import {
	addNote,
	getNotes,
	getReturnDetails,
	listReturns,
	loopTransportTuning,
	pageReturns,
	returnAction,
	removeLineItems,
} from '../../nodes/Loop/transport';
import { toLoopNotes } from '../../nodes/Loop/schemas';
import { fakeContext } from './fakeContext';
import { eventually } from '../harness/wait';
import { fastTuning, LOOP_KEY, NOSCOPE_KEY } from './tuning';

const DAY = 86_400_000;

describe('Loop transport against the simulator', () => {
	let sim: LoopSimulator;
	let scenario: Scenario;
	const restore = fastTuning();

	beforeEach(async () => {
		scenario = createScenario({ extraReturns: 30 });
		sim = await startLoopSimulator({ scenario, processDelayMs: 400 });
	});
	afterEach(async () => {
		await sim.close();
		restore.reset();
	});
	const loop = () => fakeContext({ apiKey: LOOP_KEY, baseUrl: sim.baseUrl });
	const listRequests = () => sim.requests.filter((r) => r.path.endsWith('/warehouse/return/list'));

	it('pages by cursor only, re-sending from/to/filter/state that nextPageUrl drops', async () => {
		const raw = await request(`${sim.baseUrl}/warehouse/return/list?paginate=true&pageSize=5&state=open&from=${encodeURIComponent(new Date(Date.now() - 110 * DAY).toISOString())}`, {
			headers: { 'x-authorization': LOOP_KEY },
		});
		const first = (await raw.body.json()) as { nextPageUrl: string };
		const next = new URL(first.nextPageUrl);
		expect(next.searchParams.has('cursor')).toBe(true);
		expect(next.searchParams.has('from')).toBe(false);
		expect(next.searchParams.has('state')).toBe(false);

		const from = new Date(Date.now() - 110 * DAY).toISOString();
		const returns = await listReturns(loop().ctx, { from, filter: 'created_at', states: ['open'], pageSize: 7 });
		const expected = scenario.returns.filter((r) => r.state === 'open' && Date.parse(r.createdAt) >= Date.parse(from));
		expect(returns.map((r) => String(r.id)).sort()).toEqual(expected.map((r) => r.id).sort());
		expect(expected.length).toBeGreaterThan(21);

		const pages = listRequests().slice(1);
		expect(pages.length).toBe(Math.ceil(expected.length / 7));
		for (const page of pages) {
			const q = new URLSearchParams(page.query);
			expect(q.get('from')).toBe(from);
			expect(q.get('state')).toBe('open');
			expect(q.get('filter')).toBe('created_at');
			expect(q.get('paginate')).toBe('true');
		}
		expect(new URLSearchParams(pages[1].query).get('cursor')).toBeTruthy();
	});

	it('splits ranges over 120 days into windows the simulator accepts, and never asks without a range', async () => {
		const from = new Date(Date.now() - 300 * DAY).toISOString();
		const returns = await listReturns(loop().ctx, { from, states: ['open'] });
		expect(returns.length).toBeGreaterThan(0);
		const windows = listRequests().map((r) => new URLSearchParams(r.query));
		expect(windows).toHaveLength(3);
		for (const q of windows) {
			const span = Date.parse(q.get('to')!) - Date.parse(q.get('from')!);
			expect(span).toBeLessThanOrEqual(120 * DAY);
		}
		expect(listRequests().every((r) => r.status === 200)).toBe(true);

		await listReturns(loop().ctx, {});
		const q = new URLSearchParams(listRequests().at(-1)!.query);
		expect(Date.parse(q.get('to')!) - Date.parse(q.get('from')!)).toBe(loopTransportTuning.defaultLookbackDays * DAY);
	});

	it('makes the review and cancelled passes when all states are asked for', async () => {
		const from = new Date(Date.now() - 100 * DAY).toISOString();
		const byDefault = await listReturns(loop().ctx, { from, states: [] });
		const all = await listReturns(loop().ctx, { from, states: 'all' });
		const states = (list: Array<Record<string, unknown>>) => new Set(list.map((r) => r.state));
		expect(states(byDefault)).toEqual(new Set(['open', 'closed']));
		expect(states(all)).toEqual(new Set(['open', 'closed', 'review', 'cancelled']));
		expect(all.find((r) => r.id === '25044704')).toBeDefined();
		expect(all.find((r) => r.id === '25044705')).toBeDefined();
		expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
	});

	it("reads pages of 750, Loop's largest, unless asked for less", async () => {
		await listReturns(loop().ctx, { states: ['open'] });
		await listReturns(loop().ctx, { states: ['open'], pageSize: 5000 });
		expect(listRequests().map((r) => new URLSearchParams(r.query).get('pageSize'))).toEqual(['750', '750']);
	});

	it('retries 429 (no Retry-After), 5xx, timeouts and malformed JSON, then succeeds', async () => {
		sim.faults.add({ kind: 'rateLimit', times: 2 });
		sim.faults.add({ kind: 'serverError', times: 1 });
		sim.faults.add({ kind: 'timeout', times: 1 });
		sim.faults.add({ kind: 'malformed', times: 1 });
		const details = (await getReturnDetails(loop().ctx, { returnId: '25044701' })) as { id: number };
		expect(details.id).toBe(25044701);
		expect(sim.requests.map((r) => r.fault ?? r.status)).toEqual(['rateLimit', 'rateLimit', 'serverError', 'timeout', 'malformed', 200]);
	});

	it('gives up once the retry budget is spent, with a clear error', async () => {
		sim.faults.add({ kind: 'malformed' });
		const started = Date.now();
		const error = await getReturnDetails(loop().ctx, { returnId: '25044701' }).catch((e: Error) => e);
		expect(String(error)).toMatch(new RegExp(`malformed JSON.*gave up after ${sim.requests.length} attempts`));
		// The budget (120 ms here), not a small count, bounds it: steps of 5–50 ms make several attempts.
		expect(sim.requests.length).toBeGreaterThan(3);
		expect(Date.now() - started).toBeGreaterThanOrEqual(loopTransportTuning.retryBudgetMs);
		sim.faults.clear();
		sim.faults.add({ kind: 'serverError' });
		await expect(getReturnDetails(loop().ctx, { returnId: '25044701' })).rejects.toThrow(/HTTP 500.*gave up/);
	});

	it('backs off on the simulator’s own per-key rate limit and stays paced', async () => {
		await sim.close();
		sim = await startLoopSimulator({ scenario: createScenario(), rateLimit: { requests: 3, windowMs: 150 } });
		loopTransportTuning.backoffBaseMs = 60;
		loopTransportTuning.backoffMaxMs = 300;
		loopTransportTuning.retryBudgetMs = 5000;
		for (let i = 0; i < 8; i++) await getReturnDetails(loop().ctx, { returnId: '25044702' });
		expect(sim.requests.some((r) => r.status === 429)).toBe(true);
		expect(sim.requests.filter((r) => r.status === 200)).toHaveLength(8);
		expect(sim.requests.find((r) => r.status === 429)?.fault).toBeUndefined();
	});

	it('paces requests through a token bucket per key', async () => {
		loopTransportTuning.requestsPerMinute = 600; // one every 100 ms
		loopTransportTuning.burst = 1;
		const started = Date.now();
		for (let i = 0; i < 4; i++) await getReturnDetails(loop().ctx, { returnId: '25044702' });
		expect(Date.now() - started).toBeGreaterThanOrEqual(280);
	});

	it('turns HTTP-200 refusals into NodeApiErrors carrying Loop’s code', async () => {
		const { ctx } = loop();
		await expect(returnAction(ctx, '25044706', 'process')).rejects.toMatchObject({
			message: expect.stringContaining('Return is closed and therefore cannot be processed. [UNPROCESSABLE_RETURN]'),
			httpCode: '200',
			context: expect.objectContaining({ loopCode: 'UNPROCESSABLE_RETURN' }),
		});
		await expect(returnAction(ctx, '25044704', 'process')).rejects.toMatchObject({
			context: expect.objectContaining({ loopCode: 'UNPROCESSABLE_FLAGGED_RETURN' }),
		});
		// {content} shape, no code: named after the documented code
		await expect(returnAction(ctx, '25044704', 'cancel')).rejects.toMatchObject({
			message: expect.stringContaining('Return is flagged and cannot be processed.'),
			context: expect.objectContaining({ loopCode: 'UNPROCESSABLE_FLAGGED_RETURN' }),
		});
		// {message} shape
		await expect(returnAction(ctx, '25044705', 'process')).rejects.toThrow(/Return is cancelled and therefore cannot be processed/);
		// true and "true" are both success
		await expect(returnAction(ctx, '25044701', 'process', { erp_rma: 'RMA-1' })).resolves.toBe(true);
		await expect(returnAction(ctx, '25044702', 'flag')).resolves.toBe(true);
		expect(sim.getReturn('25044702')?.state).toBe('review');
	});

	it('processes, then the return closes after the queue delay', async () => {
		const { ctx } = loop();
		await returnAction(ctx, '25044701', 'process', { erp_rma: 'RMA-7' });
		expect(sim.getReturn('25044701')?.state).toBe('open');
		await eventually(() => sim.getReturn('25044701')?.state === 'closed');
		expect(sim.getReturn('25044701')?.state).toBe('closed');
		expect(sim.processedEvents[0]).toMatchObject({ returnId: '25044701', amount: 79.48, additionalDetails: { erp_rma: 'RMA-7' } });
	});

	it('removes line items, adds notes within 255 characters and reads notes in both shapes', async () => {
		const { ctx } = loop();
		await expect(getNotes(ctx, '25044701')).resolves.toEqual([]);
		await addNote(ctx, '25044701', 'Received, checking');
		await expect(addNote(ctx, '25044701', 'x'.repeat(256))).rejects.toThrow(/less than 255 characters/);
		expect(toLoopNotes(await getNotes(ctx, '25044701'))).toMatchObject([{ content: 'Received, checking' }]);
		sim.setNotesShape('wrapped');
		expect(await getNotes(ctx, '25044701')).toHaveProperty('notes');
		expect(toLoopNotes(await getNotes(ctx, '25044701'))).toHaveLength(1);

		await expect(removeLineItems(ctx, '25044703', ['1'])).rejects.toThrow(/no line items that qualify/);
		await removeLineItems(ctx, '25044701', ['123204010']);
		expect(sim.getReturn('25044701')?.lines.map((l) => l.lineItemId)).toEqual(['123204011', '123204013']);
		expect(sim.getReturn('25044701')?.closesAt).toBeDefined();
	});

	it('says clearly when the key lacks the Returns scope, without leaking the key', async () => {
		const { ctx } = fakeContext({ apiKey: NOSCOPE_KEY, baseUrl: sim.baseUrl });
		const error = await getReturnDetails(ctx, { returnId: '25044701' }).catch((e: NodeApiError) => e);
		if (!(error instanceof NodeApiError)) throw new Error('expected a NodeApiError');
		expect(error.message).toMatch(/refused the API key.*401/);
		expect(error.description).toMatch(/Returns scope/);
		expect(JSON.stringify({ ...error, message: error.message, description: error.description })).not.toContain(NOSCOPE_KEY);
	});
});

describe('Loop transport against odd list answers', () => {
	const restore = fastTuning();
	afterEach(() => restore.reset());

	it('hands each kept body to `keep` as its page arrives; a failure counts only if its copy is the one kept', async () => {
		const versions: Record<string, Array<Record<string, unknown>>> = {
			// Return 1 is unreadable in the first pass but moved to review, newer, by the second: dropped.
			open: [{ id: '1', state: 'open', updated_at: '2026-01-01 10:00:00', bad: true }, { id: '2', state: 'open', updated_at: '2026-01-01 10:00:00' }],
			review: [{ id: '1', state: 'review', updated_at: '2026-01-02 10:00:00' }],
			// Return 3 is unreadable and nothing replaces it.
			cancelled: [{ id: '3', state: 'cancelled', updated_at: '2026-01-01 10:00:00', bad: true }],
		};
		const list = await serve({
			handler: (req) => ({ status: 200, body: { returns: versions[req.query.get('state') ?? 'open'], nextPageUrl: null } }),
			responders: { rateLimit: () => ({ status: 429 }), serverError: () => ({ status: 500 }), empty: () => ({ status: 200 }) },
		});
		try {
			const { ctx } = fakeContext({ apiKey: LOOP_KEY, baseUrl: `${list.url}/api/v1` });
			const kept: string[] = [];
			const keep = (body: Record<string, unknown>) => {
				kept.push(String(body.id));
				if (body.bad) throw new Error(`return ${String(body.id)} is unreadable`);
				return `${String(body.id)}:${String(body.state)}`;
			};
			expect(await listReturns(ctx, { states: ['open', 'review'] }, Number.POSITIVE_INFINITY, keep)).toEqual(['1:review', '2:open']);
			await expect(listReturns(ctx, { states: 'all' }, Number.POSITIVE_INFINITY, keep)).rejects.toThrow('return 3 is unreadable');
			// Each body in the order its page came.
			expect(kept).toEqual(['1', '2', '1', '1', '2', '1', '3']);
		} finally {
			await list.close();
		}
	});

	it('stops on a repeated cursor and reads bare-array bodies', async () => {
		let calls = 0;
		const odd = await serve({
			handler: (req) => {
				calls++;
				if (req.query.get('state') === 'review') return { status: 200, body: [{ id: 9, state: 'review', created_at: 'x' }] };
				return {
					status: 200,
					body: { returns: [{ id: calls, state: 'open', created_at: 'x' }], nextPageUrl: `http://loop.test/list?cursor=SAME` },
				};
			},
			responders: { rateLimit: () => ({ status: 429 }), serverError: () => ({ status: 500 }), empty: () => ({ status: 200 }) },
		});
		try {
			const { ctx } = fakeContext({ apiKey: LOOP_KEY, baseUrl: `${odd.url}/api/v1` });
			const pages = [];
			for await (const page of pageReturns(ctx, { states: ['open', 'review'] })) pages.push(page);
			// open: first page, then the page that repeats the cursor; review: one bare array
			expect(pages.map((p) => p.returns.map((r) => r.id))).toEqual([[1], [2], [9]]);
			expect(pages.at(-1)!.next).toBeNull();
			expect(odd.requests.map((r) => new URLSearchParams(r.query).get('cursor'))).toEqual([null, 'SAME', null]);
		} finally {
			await odd.close();
		}
	});
});
