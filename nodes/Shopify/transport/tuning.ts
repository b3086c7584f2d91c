/** The Shopify transport's limits and delays, in one object so tests can shrink the delays. */

export const shopifyTransportTuning = {
	backoffBaseMs: 500,
	backoffMaxMs: 15_000,
	/** How long one query may back off from 5xx, network errors and empty or unreadable bodies. */
	retryBudgetMs: 60_000,
	/** How long one query may wait out THROTTLED answers (the bucket refills in seconds). */
	throttleBudgetMs: 5 * 60_000,
	requestTimeoutMs: 60_000,
	/** Shopify's ceiling for first/last, and for the ids of one nodes(ids:) query. */
	maxPageSize: 250,
	/** Shopify's limit on one query's requested cost (docs/apis.md §S3); pages and batches are sized to it. */
	maxQueryCost: 1000,
	/** Bulk operations: how often to ask whether the file is ready, and for how long. */
	bulkPollMs: 2_000,
	bulkMaxWaitMs: 30 * 60_000,
};
