/**
 * Loop's 300 requests/minute per key: one token bucket per key and base URL, shared by every node in
 * this process (this module owns the buckets).
 */
import { sleep } from 'n8n-workflow';
import { loopTransportTuning } from './tuning';

interface Bucket {
	tokens: number;
	updatedAt: number;
}
const buckets = new Map<string, Bucket>();

/** Waits until the bucket `bucketKey` has a token, and takes it. */
export async function takeToken(bucketKey: string): Promise<void> {
	const { requestsPerMinute, burst } = loopTransportTuning;
	const perMs = requestsPerMinute / 60_000;
	const bucket = buckets.get(bucketKey) ?? { tokens: burst, updatedAt: Date.now() };
	buckets.set(bucketKey, bucket);
	for (;;) {
		const now = Date.now();
		bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updatedAt) * perMs);
		bucket.updatedAt = now;
		if (bucket.tokens >= 1) {
			bucket.tokens -= 1;
			return;
		}
		await sleep(Math.ceil((1 - bucket.tokens) / perMs));
	}
}
