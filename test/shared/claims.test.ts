/**
 * Claims (nodes/shared/claims.ts): one execution gets a document's claim, every other one is refused
 * until it lapses; in queue mode across processes through the queue's Redis (127.0.0.1:6379 here and
 * in CI), each process stood for by an isolated copy of the module with its own connection.
 */
import { randomUUID } from 'node:crypto';
import { closedPort } from '../harness/ports';

type Claims = typeof import('../../nodes/shared/claims');
type QueueRedis = typeof import('../../nodes/shared/queueRedis');

/** A process: its own claims module and Redis connection. */
async function startProcess(): Promise<{ claims: Claims; redis: QueueRedis }> {
	let claims!: Claims;
	let redis!: QueueRedis;
	await jest.isolateModulesAsync(async () => {
		claims = await import('../../nodes/shared/claims');
		redis = await import('../../nodes/shared/queueRedis');
	});
	return { claims, redis };
}

const QUEUE_ENV = ['EXECUTIONS_MODE', 'QUEUE_BULL_PREFIX', 'QUEUE_BULL_REDIS_HOST', 'QUEUE_BULL_REDIS_PORT', 'QUEUE_BULL_REDIS_PASSWORD'];
const savedEnv = Object.fromEntries(QUEUE_ENV.map((name) => [name, process.env[name]]));
const processes: Array<{ claims: Claims; redis: QueueRedis }> = [];
const noWarning = (message: string) => {
	throw new Error(`unexpected warning: ${message}`);
};

beforeAll(async () => {
	processes.push(await startProcess(), await startProcess());
});
beforeEach(() => {
	Object.assign(process.env, { QUEUE_BULL_PREFIX: `test-${randomUUID()}`, QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: '6379' });
});
afterEach(() => {
	jest.useRealTimers();
	for (const [name, value] of Object.entries(savedEnv)) {
		if (value === undefined) delete process.env[name];
		else process.env[name] = value;
	}
});
afterAll(() => processes.forEach((p) => p.redis.closeQueueRedis()));

it('one process: the first claim of a reference holds for an hour, per account, whatever its case', async () => {
	jest.useFakeTimers({ now: Date.parse('2026-12-02T12:00:00Z') });
	const { claims } = processes[0];
	const account = `account-${randomUUID()}`;
	expect(await claims.claim(account, 'RMA|25044701', noWarning)).toBe(true);
	expect(await claims.claim(account, 'rma|25044701', noWarning)).toBe(false);
	expect(await claims.claim(`other-${account}`, 'RMA|25044701', noWarning)).toBe(true);
	expect(await claims.claim(account, 'RMA|25044702', noWarning)).toBe(true);
	jest.setSystemTime(Date.now() + claims.CLAIM_TTL_MS - 1000);
	expect(await claims.claim(account, 'RMA|25044701', noWarning)).toBe(false);
	jest.setSystemTime(Date.now() + 2000);
	expect(await claims.claim(account, 'RMA|25044701', noWarning)).toBe(true);
});

it('without queue mode each process claims alone', async () => {
	const account = `account-${randomUUID()}`;
	const granted = await Promise.all(processes.map((p) => p.claims.claim(account, 'credit memo|990001', noWarning)));
	expect(granted).toEqual([true, true]);
});

it('queue mode: of two processes claiming the same reference at once, exactly one gets it, kept in Redis under the queue prefix', async () => {
	process.env.EXECUTIONS_MODE = 'queue';
	const account = `account-${randomUUID()}`;
	const granted = await Promise.all(processes.map((p) => p.claims.claim(account, 'credit memo|990001', noWarning)));
	expect(granted.sort()).toEqual([false, true]);
	expect(await processes[1].claims.claim(account, 'credit memo|990002', noWarning)).toBe(true);
	const keys = (await processes[0].redis.queueRedis().call('KEYS', `${process.env.QUEUE_BULL_PREFIX}:*`)) as string[];
	expect(keys).toHaveLength(2);
	const ttl = await processes[0].redis.queueRedis().call('PTTL', keys[0]);
	expect(ttl).toBeGreaterThan(processes[0].claims.CLAIM_TTL_MS - 60_000);
});

it('queue mode with Redis unreachable: every claim is granted, and the process says so once without the password', async () => {
	const port = await closedPort();
	Object.assign(process.env, { EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_PORT: String(port), QUEUE_BULL_REDIS_PASSWORD: 's3cret-redis-pw' });
	const { claims, redis } = await startProcess();
	processes.push({ claims, redis });
	const warnings: string[] = [];
	const account = `account-${randomUUID()}`;
	const granted = [await claims.claim(account, 'ASN|MAIN-R000001', (m) => warnings.push(m)), await claims.claim(account, 'ASN|MAIN-R000001', (m) => warnings.push(m))];
	expect(granted).toEqual([true, true]);
	expect(warnings).toHaveLength(1);
	expect(warnings[0]).toContain(`Redis at 127.0.0.1:${port}: ECONNREFUSED`);
	expect(warnings[0]).not.toContain('s3cret-redis-pw');
});
