/** The Xoro transport's retry policy, in one object so tests can shrink the delays. */
import type { BackoffTuning } from '../../shared/retry';

export const xoroRetryPolicy: BackoffTuning & { outageHoldMs: number } = {
	backoffBaseMs: 800,
	backoffMaxMs: 15_000,
	/**
	 * How long one call may back off from throttling, 5xx, timeouts and unreadable answers (Xoro's
	 * throttle answers come in bursts: a few retries are not enough); also how long a read right after
	 * a write waits for the document to show.
	 */
	retryBudgetMs: 60_000,
	/** After a call spent its whole budget, how long the next calls with the credential fail at once. */
	outageHoldMs: 15_000,
};
