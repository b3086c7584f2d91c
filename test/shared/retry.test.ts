import { backoffMs, readUntil, RetryBudget } from '../../nodes/shared/retry';
import { parseBody } from '../../nodes/shared/body';
import { pollDeadline } from '../../nodes/shared/deadline';

const tuning = { backoffBaseMs: 4, backoffMaxMs: 16, retryBudgetMs: 100 };

describe('shared fault handling', () => {
	it('backoff: between half and all of the capped exponential step', () => {
		for (let attempt = 0; attempt < 8; attempt++) {
			const cap = Math.min(16, 4 * 2 ** attempt);
			const ms = backoffMs(attempt, tuning);
			expect(ms).toBeGreaterThanOrEqual(cap / 2);
			expect(ms).toBeLessThanOrEqual(cap);
		}
	});

	it('a retry budget bounds the time spent waiting, not the number of retries', async () => {
		const budget = new RetryBudget(tuning);
		const started = Date.now();
		while (await budget.wait());
		expect(Date.now() - started).toBeGreaterThanOrEqual(95);
		expect(budget.retries).toBeGreaterThan(6); // steps of 8–16 ms in 100 ms
		expect(await budget.wait()).toBe(false);
	});

	it('readUntil reads again while the read is "not yet", and returns the last read when the budget is spent', async () => {
		let reads = 0;
		expect(await readUntil(async () => ++reads, (n) => n >= 3, tuning)).toBe(3);
		expect(await readUntil(async () => [] as number[], (list) => list.length > 0, { ...tuning, retryBudgetMs: 20 })).toEqual([]);
	});

	it('body: JSON, empty and malformed told apart', () => {
		expect(parseBody('{"a":1}')).toEqual({ kind: 'json', value: { a: 1 } });
		expect(parseBody(Buffer.from('[1]'))).toEqual({ kind: 'json', value: [1] });
		expect(parseBody('  ')).toEqual({ kind: 'empty' });
		expect(parseBody(undefined)).toEqual({ kind: 'empty' });
		expect(parseBody('{"truncated": tru')).toEqual({ kind: 'malformed', text: '{"truncated": tru' });
	});

	it('poll deadline: a quarter of the budget, at most 30 s, is left; no budget, no deadline', () => {
		expect(pollDeadline(60_000, 0)).toBe(45_000);
		expect(pollDeadline(600_000, 0)).toBe(570_000);
		expect(pollDeadline(undefined, 0)).toBe(Number.POSITIVE_INFINITY);
		expect(pollDeadline(0, 0)).toBe(Number.POSITIVE_INFINITY);
	});
});
