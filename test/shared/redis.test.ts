/**
 * The minimal Redis client: RESP parsing from arbitrary chunks, the connection's handshake, failures
 * without the password, against a scripted local server; then the pace reservation against the real
 * Redis on 127.0.0.1:6379 (queue mode's Redis in CI), two connections standing for two processes.
 */
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { encodeCommand, RedisClient, RedisReplyError, RespParser, type RedisReply } from '../../nodes/shared/redis';
import { paceKey, reserve } from '../../nodes/shared/sharedPace';

describe('RESP parsing', () => {
	const stream =
		'+OK\r\n:42\r\n:-7\r\n$6\r\nhé lo\r\n$-1\r\n$0\r\n\r\n*-1\r\n*0\r\n' +
		'*3\r\n*2\r\n:1\r\n$1\r\na\r\n-ERR inside\r\n*1\r\n+deep\r\n-WRONGTYPE top\r\n';
	const expected = ['OK', 42, -7, 'hé lo', null, '', null, [], [[1, 'a'], new RedisReplyError('ERR inside'), ['deep']], new RedisReplyError('WRONGTYPE top')];

	it('reads every reply type from one chunk', () => {
		const replies = new RespParser().push(Buffer.from(stream));
		expect(replies).toEqual(expected);
		expect((replies[8] as RedisReply[])[1]).toBeInstanceOf(RedisReplyError);
	});

	it('reads the same replies fed one byte at a time, a multi-byte character split across chunks', () => {
		const parser = new RespParser();
		const bytes = Buffer.from(stream);
		const replies: RedisReply[] = [];
		for (let i = 0; i < bytes.length; i++) replies.push(...parser.push(bytes.subarray(i, i + 1)));
		expect(replies).toEqual(expected);
	});

	it('keeps an unfinished reply until the rest arrives', () => {
		const parser = new RespParser();
		expect(parser.push(Buffer.from('*2\r\n$3\r\nfoo\r\n$3\r\nba'))).toEqual([]);
		expect(parser.push(Buffer.from('r\r\n:1\r\n'))).toEqual([['foo', 'bar'], 1]);
	});

	it('encodes a command as an array of bulk strings, lengths in bytes', () => {
		expect(encodeCommand(['SET', 'k', 'é', 5]).toString()).toBe('*4\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\né\r\n$1\r\n5\r\n');
	});
});

/** A scripted Redis: `answer` gets each command and returns raw RESP, or undefined to stay silent. */
async function fakeRedis(answer: (args: string[]) => string | undefined) {
	const commands: string[][] = [];
	const sockets = new Set<net.Socket>();
	const server = net.createServer((socket) => {
		sockets.add(socket);
		const parser = new RespParser();
		socket.on('data', (chunk) => {
			for (const command of parser.push(chunk)) {
				commands.push(command as string[]);
				const raw = answer(command as string[]);
				// Answer in two pieces to exercise the client's reassembly.
				if (raw) for (const piece of [raw.slice(0, 3), raw.slice(3)]) socket.write(piece);
			}
		});
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	return {
		port,
		commands,
		connections: () => sockets.size,
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

describe('RedisClient', () => {
	const password = 's3cret-redis-pw';
	let client: RedisClient | undefined;
	let server: Awaited<ReturnType<typeof fakeRedis>> | undefined;
	afterEach(async () => {
		client?.close();
		await server?.close();
	});

	it('authenticates and selects the database first, then answers commands in order on one connection', async () => {
		server = await fakeRedis(([name, ...args]) => (name === 'ECHO' ? `$${Buffer.byteLength(args[0])}\r\n${args[0]}\r\n` : '+OK\r\n'));
		client = new RedisClient({ host: '127.0.0.1', port: server.port, username: 'n8n', password, db: 3 });
		const replies = await Promise.all(['one', 'twö', 'three'].map((word) => client!.call('ECHO', word)));
		expect(replies).toEqual(['one', 'twö', 'three']);
		expect(await client.call('ECHO', 'again')).toBe('again');
		expect(server.commands.slice(0, 2)).toEqual([['AUTH', 'n8n', password], ['SELECT', '3']]);
		expect(server.connections()).toBe(1);
	});

	it('rejects an error reply without the password, and keeps the connection', async () => {
		server = await fakeRedis(([name]) => (name === 'GET' ? `-ERR nope, not ${password}\r\n` : '+OK\r\n'));
		client = new RedisClient({ host: '127.0.0.1', port: server.port, password });
		const error = await client.call('GET', 'k').catch((e: Error) => e);
		expect(String(error)).toContain(`Redis at 127.0.0.1:${server.port}: ERR nope, not ***`);
		expect(String(error)).not.toContain(password);
		expect(await client.call('PING')).toBe('OK');
		expect(server.connections()).toBe(1);
	});

	it('fails the call when AUTH is refused, and connects afresh on the next call', async () => {
		let refuse = true;
		server = await fakeRedis(([name]) => (name === 'AUTH' && refuse ? '-WRONGPASS invalid username-password pair\r\n' : '+PONG\r\n'));
		client = new RedisClient({ host: '127.0.0.1', port: server.port, password });
		const error = await client.call('PING').catch((e: Error) => e);
		expect(String(error)).toContain('WRONGPASS');
		expect(String(error)).not.toContain(password);
		refuse = false;
		expect(await client.call('PING')).toBe('PONG');
		expect(server.commands.filter(([name]) => name === 'AUTH')).toHaveLength(2);
	});

	it('gives up on a silent Redis after its timeout, and on a closed port at once', async () => {
		server = await fakeRedis(() => undefined);
		client = new RedisClient({ host: '127.0.0.1', port: server.port, timeoutMs: 150 });
		await expect(client.call('PING')).rejects.toThrow(`Redis at 127.0.0.1:${server.port}: no answer within 150 ms`);
		const closedPort = server.port;
		await server.close();
		server = undefined;
		client.close();
		client = new RedisClient({ host: '127.0.0.1', port: closedPort, password });
		const error = await client.call('PING').catch((e: Error) => e);
		expect(String(error)).toContain('ECONNREFUSED');
		expect(String(error)).not.toContain(password);
	});
});

describe('reserve: one pace per key across connections, on the real Redis', () => {
	const clients = [new RedisClient({ host: '127.0.0.1', port: 6379 }), new RedisClient({ host: '127.0.0.1', port: 6379 })];
	const key = (name: string) => paceKey(`test-${name}-${randomUUID()}`);
	beforeAll(async () => {
		// Not a skip: without Redis these tests must fail, since CI runs one.
		await expect(clients[0].call('PING')).resolves.toBe('PONG');
	});
	afterAll(() => clients.forEach((c) => c.close()));

	it('spaces the starts of two connections reserving at once at least the gap apart', async () => {
		const lane = key('shared');
		const reservations = clients.flatMap((client) =>
			Array.from({ length: 10 }, async () => {
				const waitMs = await reserve(client, lane, 100);
				return performance.now() + waitMs;
			}),
		);
		const starts = (await Promise.all(reservations)).sort((a, b) => a - b);
		const gaps = starts.slice(1).map((start, i) => start - starts[i]);
		// Some tolerance: a start is estimated from when its answer was handled here, not Redis's clock.
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(90);
		expect(starts[19] - starts[0]).toBeGreaterThanOrEqual(1900 - 10);
		expect(starts[19] - starts[0]).toBeLessThan(1900 + 100);
	});

	it('does not delay one key for another', async () => {
		const [a, b] = [key('a'), key('b')];
		expect(await reserve(clients[0], a, 1000)).toBe(0);
		expect(await reserve(clients[1], b, 1000)).toBe(0);
		expect(await reserve(clients[1], a, 1000)).toBeGreaterThan(900);
	});

	it('expires a key a minute after its last booked start', async () => {
		const lane = key('ttl');
		await reserve(clients[0], lane, 100);
		const ttl = Number(await clients[0].call('PTTL', lane));
		expect(ttl).toBeGreaterThan(59_000);
		expect(ttl).toBeLessThanOrEqual(60_100);
	});
});
