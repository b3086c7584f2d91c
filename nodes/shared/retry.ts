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

/**
 * A service that is down costs one call's retry budget, not every call's: once a call has spent its
 * whole budget on transient faults, the calls after it (same service and key, this process) fail at
 * once for `holdMs`, naming the fault, instead of each waiting out the budget again while executions
 * pile up behind them. The first answer after the hold, or any success, ends it.
 */
export class OutageGuard {
	private readonly outages = new Map<string, { until: number; reason: string }>();

	constructor(private readonly holdMs: () => number) {}

	/** Why calls to `key` are not being tried right now, if they are not. */
	reason(key: string): string | undefined {
		const outage = this.outages.get(key);
		if (!outage) return undefined;
		if (Date.now() < outage.until) return outage.reason;
		this.outages.delete(key);
		return undefined;
	}

	down(key: string, reason: string): void {
		const holdMs = this.holdMs();
		if (holdMs > 0) this.outages.set(key, { until: Date.now() + holdMs, reason });
	}

	up(key: string): void {
		this.outages.delete(key);
	}
}

