/**
 * Cost-aware pacing: what the last answer's `extensions.cost.throttleStatus` said about the shop's
 * bucket, per shop and credential, and what each query cost last time (this module owns both).
 */
import { sleep } from 'n8n-workflow';
import { backoffMs } from '../../shared/retry';
import type { QueryCost, ThrottleStatus } from '../schemas';
import { shopifyTransportTuning } from './tuning';

interface BucketReading {
	status: ThrottleStatus;
	at: number;
}
const readings = new Map<string, BucketReading>();
/** Requested cost last seen per document and size: the estimate for the next such query. */
const costEstimates = new Map<string, number>();

function availableNow(reading: BucketReading): number {
	const { maximumAvailable, currentlyAvailable, restoreRate } = reading.status;
	return Math.min(maximumAvailable, currentlyAvailable + ((Date.now() - reading.at) / 1000) * restoreRate);
}

function msUntilAvailable(reading: BucketReading | undefined, points: number): number {
	if (!reading || reading.status.restoreRate <= 0) return 0;
	const missing = points - availableNow(reading);
	return missing > 0 ? Math.ceil((missing / reading.status.restoreRate) * 1000) : 0;
}

/**
 * Waits until the bucket holds what the query `estimateKey` cost last time, or `expected` (what the
 * caller reckons it costs) when that is more: a query never sent before is paced too.
 */
export async function waitForBucket(bucketKey: string, estimateKey: string, expected = 0): Promise<void> {
	await sleep(msUntilAvailable(readings.get(bucketKey), Math.max(costEstimates.get(estimateKey) ?? 0, expected)));
}

/** Notes what an answer said of the bucket and of the query's cost. */
export function recordCost(bucketKey: string, cost: QueryCost | undefined, estimateKey: string): void {
	if (cost?.throttleStatus) readings.set(bucketKey, { status: cost.throttleStatus, at: Date.now() });
	if (cost?.requestedQueryCost) costEstimates.set(estimateKey, cost.requestedQueryCost);
}

/**
 * The most one query may ask for: Shopify's single-query limit, or less when the shop's bucket is
 * smaller (a query asking more than the bucket holds is never served).
 */
export function costBudget(bucketKey: string): number {
	const maximum = readings.get(bucketKey)?.status.maximumAvailable;
	return Math.min(shopifyTransportTuning.maxQueryCost, maximum && maximum > 0 ? maximum : Number.POSITIVE_INFINITY);
}

/** Until the bucket holds the requested points again; Retry-After or back-off when Shopify gave no cost. */
export function throttleWaitMs(bucketKey: string, requested: number, headers: Record<string, unknown>, attempt: number): number {
	const reading = readings.get(bucketKey);
	if (requested && reading) return Math.max(100, msUntilAvailable(reading, requested) + 50);
	const retryAfter = Number(headers['retry-after'] ?? headers['Retry-After']);
	return Number.isFinite(retryAfter) && retryAfter > 0 ? Math.ceil(retryAfter * 1000) : backoffMs(attempt, shopifyTransportTuning);
}
