/** The Loop transport's timings and limits, in one object so tests can shrink the delays. */

export const loopTransportTuning = {
	/** Requests per minute per key; Loop allows 300, we stay under it. */
	requestsPerMinute: 280,
	/** Requests that may go out back to back before pacing starts. */
	burst: 10,
	backoffBaseMs: 1000,
	backoffMaxMs: 30_000,
	/**
	 * How long one request may spend backing off from 429 (Loop gives no Retry-After), 5xx, network
	 * errors, timeouts, empty or malformed bodies and 200-with-errors before it fails.
	 */
	retryBudgetMs: 60_000,
	requestTimeoutMs: 30_000,
	/** Loop's largest page of returns (docs/apis.md §L2.1): the list reads pages of this size unless asked for less. */
	maxPageSize: 750,
	/** Loop rejects ranges over 120 days. */
	windowDays: 120,
	/** Without a range Loop silently returns the last 24 hours; we send this much instead. */
	defaultLookbackDays: 120,
};
