/**
 * What n8n's queue-mode processes (main and workers) share goes through the Redis queue mode already
 * runs, on one connection per process: the Xoro pace (sharedPace.ts) and the claims on documents being
 * created (claims.ts). Outside queue mode each process keeps them itself.
 */
import { RedisClient, type RedisOptions } from './redis';

/** Read on every call, like the Redis variables below: tests switch them. */
export function queueMode(): boolean {
	return process.env.EXECUTIONS_MODE === 'queue';
}

/** n8n's own queue-mode variables (docs/apis.md §N11). */
function queueRedisOptions(): RedisOptions {
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

/** A Redis key of this package, under the queue's prefix like n8n's own keys. */
export function queueKey(name: string): string {
	return `${process.env.QUEUE_BULL_PREFIX || 'bull'}:n8n-nodes-loop-xoro:${name}`;
}

let shared: { client: RedisClient; options: string } | undefined;

/** This process's one connection to the queue's Redis (a new one when the variables changed). */
export function queueRedis(): RedisClient {
	const options = queueRedisOptions();
	const text = JSON.stringify(options);
	if (shared?.options !== text) {
		shared?.client.close();
		shared = { client: new RedisClient(options), options: text };
	}
	return shared.client;
}

export function closeQueueRedis(): void {
	shared?.client.close();
	shared = undefined;
}
