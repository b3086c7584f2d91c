/** The Loop simulator answers like Loop's docs say, quirks included (plain HTTP, no node code). */
import { request } from 'undici';
import { createScenario } from '../simulators/scenario';
import { startLoopSimulator, type LoopSimulator } from '../simulators/loop';
import type { LoopReturnProcessed } from '../simulators/events';
import { LOOP_KEY, NOSCOPE_KEY } from './tuning';

const DAY = 86_400_000;

describe('Loop simulator', () => {
	let sim: LoopSimulator;
	const events: LoopReturnProcessed[] = [];
	const call = async (path: string, init: { method?: string; key?: string | null; body?: unknown } = {}) => {
		const headers: Record<string, string> = {};
		if (init.key !== null) headers['x-authorization'] = init.key ?? LOOP_KEY;
		if (init.body !== undefined) headers['content-type'] = 'application/json';
		const res = await request(`${sim.baseUrl}${path}`, {
			method: (init.method ?? 'GET') as 'GET',
			headers,
			body: init.body === undefined ? undefined : JSON.stringify(init.body),
		});
		const text = await res.body.text();
		return { status: res.statusCode, headers: res.headers, body: text ? JSON.parse(text) : undefined };
	};
	const iso = (msAgo: number) => encodeURIComponent(new Date(Date.now() - msAgo).toISOString());

	beforeEach(async () => {
		events.length = 0;
		sim = await startLoopSimulator({
			scenario: createScenario(),
			processDelayMs: 300,
			rateLimit: { requests: 6, windowMs: 60_000 },
			onProcessed: (e) => events.push(e),
		});
	});
	afterEach(() => sim.close());

	it('answers 401 in Loop’s shape without a key or without the Returns scope', async () => {
		for (const key of [null, 'wrong', NOSCOPE_KEY]) {
			const res = await call('/warehouse/return/details?return_id=25044701', { key });
			expect(res.status).toBe(401);
			expect(res.body).toEqual({ error: { code: '401', http_code: 'GEN-UNAUTHORIZED', message: 'Unauthorized.' } });
		}
	});

	it('lists the last 24 hours by default, open/closed/expired by default, and refuses over 120 days', async () => {
		const bare = await call('/warehouse/return/list');
		expect(Array.isArray(bare.body)).toBe(true);
		expect(bare.body.map((r: { id: string }) => r.id)).toEqual(['25044702', '25044703']); // created 20 and 10 hours ago
		const wide = await call(`/warehouse/return/list?from=${iso(100 * DAY)}`);
		expect(wide.body.map((r: { state: string }) => r.state).sort()).toEqual(['closed', 'open', 'open', 'open']);
		const review = await call(`/warehouse/return/list?from=${iso(100 * DAY)}&state=review`);
		expect(review.body.map((r: { id: string }) => r.id)).toEqual(['25044704']);
		const tooWide = await call(`/warehouse/return/list?from=${iso(121 * DAY)}`);
		expect(tooWide.status).toBe(422);
		expect(tooWide.body.errors.code).toBe('InvalidFromDate');
		expect((await call(`/warehouse/return/list?state=lost`)).status).toBe(422);
		// Loop's documented date form "2023-01-01 00:00:00" works too
		const spaced = new Date(Date.now() - 100 * DAY).toISOString().slice(0, 19).replace('T', ' ');
		expect((await call(`/warehouse/return/list?from=${encodeURIComponent(spaced)}`)).body).toHaveLength(4);
	});

	it('counts 24 hours back from `to` when `from` is missing — the trap of following nextPageUrl literally', async () => {
		const first = await call(`/warehouse/return/list?paginate=true&pageSize=1&from=${iso(100 * DAY)}&to=${iso(0)}`);
		expect(first.body.returns).toHaveLength(1);
		expect(first.body.returns[0].id).toBe('25044706');
		const next = new URL(first.body.nextPageUrl);
		const literal = await call(`${next.pathname.replace('/api/v1', '')}${next.search}`);
		const proper = await call(`${next.pathname.replace('/api/v1', '')}${next.search}&paginate=true&from=${iso(100 * DAY)}`);
		// Followed as given (no from, no paginate): the last 24 hours only, as a bare array; 25044701 is lost.
		expect(literal.body.map((r: { id: string }) => r.id)).toEqual(['25044702', '25044703']);
		expect(proper.body.returns.map((r: { id: string }) => r.id)).toEqual(['25044701']);
	});

	it('processes: true, still open while queued, then closed with the outcome event', async () => {
		const res = await call('/warehouse/return/25044703/process', { method: 'POST', body: { erp_rma: 'RMA-9' } });
		expect(res.body).toBe(true);
		expect((await call('/warehouse/return/details?return_id=25044703')).body.state).toBe('open');
		await new Promise((resolve) => setTimeout(resolve, 350));
		const closed = (await call('/warehouse/return/details?return_id=25044703')).body;
		expect(closed.state).toBe('closed');
		expect(Date.parse(closed.updated_at)).toBeGreaterThan(Date.now() - 5000);
		expect(events).toEqual([
			expect.objectContaining({
				returnId: '25044703',
				orderName: '#1003',
				outcome: 'exchange',
				amount: 41.99,
				exchangeOrderName: 'EXC-1003-1',
				additionalDetails: { erp_rma: 'RMA-9' },
				returnedLines: [
					{ variantId: '41845504704663', sku: 'TEE-PM-L', title: 'T-shirt: product managers - Large', quantity: 1, price: 29.99 },
					{ variantId: '41845504835735', sku: '', title: 'Socks 3-pack', quantity: 1, price: 12 },
				],
				exchangeLines: [
					expect.objectContaining({ sku: 'TEE-PM-M', quantity: 1 }),
					expect.objectContaining({ variantId: '41845504835735', quantity: 1 }),
				],
			}),
		]);
	});

	it('refuses with HTTP 200 bodies: closed, flagged, cancelled', async () => {
		expect(await call('/warehouse/return/25044706/process', { method: 'POST' })).toMatchObject({
			status: 200,
			body: { errors: { code: 'UNPROCESSABLE_RETURN' } },
		});
		expect((await call('/warehouse/return/25044704/process', { method: 'POST' })).body.errors.code).toBe('UNPROCESSABLE_FLAGGED_RETURN');
		expect((await call('/warehouse/return/25044705/process', { method: 'POST' })).body).toEqual({
			message: 'Return is cancelled and therefore cannot be processed.',
		});
		expect((await call('/warehouse/return/25044704/cancel', { method: 'POST' })).body).toEqual({
			content: 'Return is flagged and cannot be processed.',
		});
	});

	it('flags to review, bumps updated_at, and rate-limits per key with a bare 429', async () => {
		const before = sim.getReturn('25044701')!.updatedAt;
		expect((await call('/warehouse/return/25044701/flag', { method: 'POST' })).body).toBe('true');
		expect(sim.getReturn('25044701')!.state).toBe('review');
		expect(Date.parse(sim.getReturn('25044701')!.updatedAt)).toBeGreaterThan(Date.parse(before));
		const statuses: number[] = [];
		let limited;
		for (let i = 0; i < 8; i++) {
			const res = await call('/warehouse/return/details?return_id=25044701');
			statuses.push(res.status);
			if (res.status === 429) limited = res;
		}
		expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
		expect(limited!.headers['retry-after']).toBeUndefined();
	});

	it('keeps notes to 255 characters and answers NoReturnNotes when there are none', async () => {
		expect((await call('/warehouse/return/25044702/notes')).body.message).toBe('NoReturnNotes');
		expect((await call('/warehouse/return/25044702/note', { method: 'POST', body: { content: 'x'.repeat(256) } })).status).toBe(422);
		expect((await call('/warehouse/return/25044702/note', { method: 'POST', body: { content: 'x'.repeat(255) } })).body).toBe('true');
		expect((await call('/warehouse/return/25044702/notes')).body).toHaveLength(1);
	});
});
