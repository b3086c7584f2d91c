/**
 * Claims on the documents a batch is about to create, shared by every execution that writes to one
 * account (createOnceBatch in nodes/Xoro/actions/createOnce.ts). A claim is a hint, not a lock:
 * createOnce converges without it. What it spares is the duplicate an overlapping execution would
 * create, and void again, because its one look-up for the whole batch is older than another
 * execution's create: that execution claimed the document first, so this one leaves it to the end of
 * its batch and looks it up again right before creating it. In queue mode the claims are kept in the
 * queue's Redis (SET NX PX), else in this process; while Redis fails, every claim is granted.
 */
import { queueKey, queueMode, queueRedis } from './queueRedis';

/** How long a claim holds: longer than a batch's look-up is old when the batch reaches its last create. */
export const CLAIM_TTL_MS = 60 * 60_000;

/** Claims made outside queue mode: key → when it lapses (ms) */
const local = new Map<string, number>();
let sweptAt = 0;
let redisFailureLogged = false;

/**
 * Claims `reference` within `scope` (an account) for this execution: true when no other execution
 * claimed it within CLAIM_TTL_MS. `warn` is told once per process when Redis fails.
 */
export async function claim(scope: string, reference: string, warn: (message: string) => void): Promise<boolean> {
	const key = `claim:${scope}|${reference.toLowerCase()}`;
	if (queueMode()) {
		try {
			return (await queueRedis().call('SET', queueKey(key), '1', 'NX', 'PX', CLAIM_TTL_MS)) === 'OK';
		} catch (error) {
			if (!redisFailureLogged) {
				redisFailureLogged = true;
				warn(`Claims: queue mode, but ${(error as Error).message}. Overlapping executions may create documents that they void again while Redis fails.`);
			}
			return true;
		}
	}
	const now = Date.now();
	if (now - sweptAt > 60_000) {
		sweptAt = now;
		for (const [held, lapsesAt] of local) if (lapsesAt <= now) local.delete(held);
	}
	if ((local.get(key) ?? 0) > now) return false;
	local.set(key, now + CLAIM_TTL_MS);
	return true;
}
