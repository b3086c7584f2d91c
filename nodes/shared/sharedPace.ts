/**
 * One pace per API key across n8n's queue-mode processes (main and workers), not one per process
 * (issue 11): each request reserves its start in the Redis queue mode already runs, on Redis's own
 * clock, so the processes need not agree on the time nor know of each other. Outside queue mode the
 * caller paces within its process.
 */
import { RedisClient, type RedisOptions } from './redis';

/** Read on every call, like the Redis variables below: tests switch them. */
export function queueMode(): boolean {
	return process.env.EXECUTIONS_MODE === 'queue';
}

/** n8n's own queue-mode variables (docs/apis.md §N11). */
function queueRedis(): RedisOptions {
	const env = process.env;
	return {
		host: env.QUEUE_BULL_REDIS_HOST || 'localhost',
		port: Number(env.QUEUE_BULL_REDIS_PORT) || 6379,
		tls: env.QUEUE_BULL_REDIS_TLS === 'true',
		username: env.QUEUE_BULL_REDIS_USERNAME || undefined,
		password: env.QUEUE_BULL_REDIS_PASSWORD || undefined,
		db: Number(env.QUEUE_BULL_REDIS_DB) || 0,
	};
}

/** The Redis key of a pace lane, under the queue's prefix like n8n's own keys. */
export function paceKey(lane: string): string {
	return `${process.env.QUEUE_BULL_PREFIX || 'bull'}:n8n-nodes-loop-xoro:pace:${lane}`;
}

// Atomic: take the later of now and the key's next free start, book the one after it `gap` later.
// replicate_commands lets Redis < 5 write after TIME; later versions ignore it.
const RESERVE = `
if redis.replicate_commands then redis.replicate_commands() end
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
local start = math.max(now, tonumber(redis.call('GET', KEYS[1])) or 0)
redis.call('SET', KEYS[1], start + ARGV[1], 'PX', ARGV[1] + 60000)
return start - now`;

/** Books the next start on `key`, `gapMs` after the one before; resolves to the ms to wait for it. */
export async function reserve(client: RedisClient, key: string, gapMs: number): Promise<number> {
	const waitMs = await client.call('EVAL', RESERVE, 1, key, Math.ceil(gapMs));
	if (typeof waitMs !== 'number') throw new Error('Redis answered the pace script with something other than a number');
	return waitMs;
}

let shared: { client: RedisClient; options: string } | undefined;

/** `reserve` on this process's one connection to the queue's Redis; rejects when Redis fails. */
export function reserveShared(lane: string, gapMs: number): Promise<number> {
	const redis = queueRedis();
	const options = JSON.stringify(redis);
	if (shared?.options !== options) {
		shared?.client.close();
		shared = { client: new RedisClient(redis), options };
	}
	return reserve(shared.client, paceKey(lane), gapMs);
}

export function closeSharedPace(): void {
	shared?.client.close();
	shared = undefined;
}
