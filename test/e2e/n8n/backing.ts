/**
 * The queue-mode backing services this machine runs: a fresh PostgreSQL database per instance and a
 * unique Redis key prefix, both removed again at stop. The clients come from n8n's own install
 * (pg, ioredis), so the project needs no extra dependency for them.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { N8nInstall } from './install';

export const POSTGRES = { host: '127.0.0.1', port: 5432, user: 'postgres', password: '' };
export const REDIS = { host: '127.0.0.1', port: 6379 };

interface PgClient {
	connect(): Promise<void>;
	query(sql: string): Promise<unknown>;
	end(): Promise<void>;
}
interface RedisClient {
	scan(cursor: string, ...args: Array<string | number>): Promise<[string, string[]]>;
	del(...keys: string[]): Promise<number>;
	quit(): Promise<unknown>;
}

function n8nRequire(install: N8nInstall) {
	return createRequire(join(install.dir, 'package.json'));
}

async function withPg<T>(install: N8nInstall, fn: (client: PgClient) => Promise<T>): Promise<T> {
	const { Client } = n8nRequire(install)('pg') as { Client: new (config: object) => PgClient };
	const client = new Client({ ...POSTGRES, database: 'postgres', connectionTimeoutMillis: 5000 });
	await client.connect();
	try {
		return await fn(client);
	} finally {
		await client.end();
	}
}

export async function createDatabase(install: N8nInstall): Promise<string> {
	const name = `n8n_e2e_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
	await withPg(install, (c) => c.query(`CREATE DATABASE ${name}`));
	return name;
}

export async function dropDatabase(install: N8nInstall, name: string): Promise<void> {
	if (!/^n8n_e2e_[a-z0-9_]+$/.test(name)) throw new Error(`refusing to drop ${name}`);
	await withPg(install, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

export function uniqueQueuePrefix(): string {
	return `e2e-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** Bull keys look like `<prefix>:jobs:...`; remove them all. */
export async function deleteQueueKeys(install: N8nInstall, prefix: string): Promise<void> {
	const Redis = n8nRequire(install)('ioredis') as new (config: object) => RedisClient;
	const redis = new Redis({ ...REDIS, connectTimeout: 5000, maxRetriesPerRequest: 2, retryStrategy: () => null });
	try {
		let cursor = '0';
		do {
			const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
			if (keys.length) await redis.del(...keys);
			cursor = next;
		} while (cursor !== '0');
	} finally {
		await redis.quit();
	}
}
