/**
 * One pace per API key across n8n's queue-mode processes (main and workers), not one per process
 * (issue 11): each request reserves its start in the queue's Redis, on Redis's own clock, so the
 * processes need not agree on the time nor know of each other. Outside queue mode the caller paces
 * within its process.
 */
import type { RedisClient } from './redis';
import { queueKey, queueRedis } from './queueRedis';

/** The Redis key of a pace lane. */
export function paceKey(lane: string): string {
	return queueKey(`pace:${lane}`);
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

/** `reserve` on this process's connection to the queue's Redis; rejects when Redis fails. */
export function reserveShared(lane: string, gapMs: number): Promise<number> {
	return reserve(queueRedis(), paceKey(lane), gapMs);
}
