/**
 * How every transport waits out a transient fault (429, 5xx, a dropped connection, an empty or
 * unreadable answer, a service's own "busy" answer): exponential steps with jitter, for as long as a
 * time budget lasts rather than a fixed small count, so a minute of bad weather costs time, not a
 * failed item.
 */
import { sleep } from 'n8n-workflow';

export interface BackoffTuning {
	backoffBaseMs: number;
	backoffMaxMs: number;
	/** How long one call may spend waiting between attempts before it gives up. */
	retryBudgetMs: number;
}

/** Jitter between half and all of the capped exponential step, so retrying clients spread out. */
export function backoffMs(attempt: number, tuning: Pick<BackoffTuning, 'backoffBaseMs' | 'backoffMaxMs'>): number {
	const cap = Math.min(tuning.backoffMaxMs, tuning.backoffBaseMs * 2 ** attempt);
	return Math.round(cap / 2 + (Math.random() * cap) / 2);
}

/** The waits of one call: each `wait` sleeps the next step, `false` once the budget is spent. */
export class RetryBudget {
	private waitedMs = 0;
	private steps = 0;

	constructor(private readonly tuning: BackoffTuning) {}

	/** Retries made so far, for messages. */
	get retries(): number {
		return this.steps;
	}

	/** Sleeps the next backoff step (or `ms` when the service said how long); false when out of budget. */
	async wait(ms?: number): Promise<boolean> {
		const left = this.tuning.retryBudgetMs - this.waitedMs;
		if (left <= 0) return false;
		const step = Math.max(0, Math.min(left, ms ?? backoffMs(this.steps, this.tuning)));
		this.steps += 1;
		this.waitedMs += Math.max(step, 1);
		await sleep(step);
		return true;
	}
}

/**
 * Reads until `found` holds or the budget is spent, and returns the last read: for a read right after
 * a write, where "not there" means "not yet" (a lost or stale read), not "does not exist".
 */
export async function readUntil<T>(read: () => Promise<T>, found: (value: T) => boolean, tuning: BackoffTuning): Promise<T> {
	const budget = new RetryBudget(tuning);
	for (;;) {
		const value = await read();
		if (found(value) || !(await budget.wait())) return value;
	}
}
