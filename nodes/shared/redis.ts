/**
 * A minimal Redis client (RESP over one TCP or TLS connection), so the package can use the Redis that
 * n8n's queue mode already runs without a runtime dependency. It does what the shared pace needs and
 * nothing more: commands in order, replies in order, AUTH and SELECT on connect, a short timeout, and
 * a fresh connection on the next call after any failure. Errors never carry the password.
 */
import net from 'node:net';
import tls from 'node:tls';

export interface RedisOptions {
	host: string;
	port: number;
	tls?: boolean;
	username?: string;
	password?: string;
	db?: number;
	/** How long connecting, or waiting for an answer, may take. */
	timeoutMs?: number;
}

/** An error reply (`-ERR …`); inside an array it is a value, on its own it rejects the call. */
export class RedisReplyError extends Error {}

export type RedisReply = string | number | null | RedisReplyError | RedisReply[];

type Parsed = { value: RedisReply; end: number } | undefined;

/** Replies from a byte stream that arrives in arbitrary pieces. */
export class RespParser {
	private buffer: Buffer = Buffer.alloc(0);

	/** The replies completed by `chunk`, in order; an unfinished one waits for the next chunk. */
	push(chunk: Buffer): RedisReply[] {
		this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
		const replies: RedisReply[] = [];
		for (;;) {
			const parsed = parseAt(this.buffer, 0);
			if (!parsed) return replies;
			replies.push(parsed.value);
			this.buffer = this.buffer.subarray(parsed.end);
		}
	}
}

function parseAt(buffer: Buffer, start: number): Parsed {
	const lineEnd = buffer.indexOf('\r\n', start);
	if (lineEnd < 0) return undefined;
	const line = buffer.toString('utf8', start + 1, lineEnd);
	const next = lineEnd + 2;
	switch (String.fromCharCode(buffer[start])) {
		case '+':
			return { value: line, end: next };
		case '-':
			return { value: new RedisReplyError(line), end: next };
		case ':':
			return { value: Number(line), end: next };
		case '$': {
			const length = Number(line);
			if (length < 0) return { value: null, end: next };
			if (buffer.length < next + length + 2) return undefined;
			return { value: buffer.toString('utf8', next, next + length), end: next + length + 2 };
		}
		case '*': {
			const count = Number(line);
			if (count < 0) return { value: null, end: next };
			const items: RedisReply[] = [];
			let end = next;
			for (let i = 0; i < count; i++) {
				const item = parseAt(buffer, end);
				if (!item) return undefined;
				items.push(item.value);
				end = item.end;
			}
			return { value: items, end };
		}
		default:
			throw new Error(`Redis sent an unreadable reply (type byte ${buffer[start]})`);
	}
}

export function encodeCommand(args: Array<string | number>): Buffer {
	const parts = args.map((arg) => {
		const text = String(arg);
		return `$${Buffer.byteLength(text)}\r\n${text}\r\n`;
	});
	return Buffer.from(`*${args.length}\r\n${parts.join('')}`);
}

interface Pending {
	resolve(reply: RedisReply): void;
	reject(error: Error): void;
}

interface Connection {
	socket: net.Socket;
	parser: RespParser;
	pending: Pending[];
	failed?: Error;
}

export class RedisClient {
	private connection?: Connection;

	constructor(private readonly options: RedisOptions) {}

	/** Sends one command; resolves to its reply, rejects on an error reply or a connection failure. */
	call(...args: Array<string | number>): Promise<RedisReply> {
		const connection = this.connection && !this.connection.failed ? this.connection : this.connect();
		return this.send(connection, args);
	}

	close(): void {
		this.connection?.socket.destroy();
		this.connection = undefined;
	}

	private send(connection: Connection, args: Array<string | number>): Promise<RedisReply> {
		return new Promise<RedisReply>((resolve, reject) => {
			if (connection.failed) return reject(connection.failed);
			this.enqueue(connection, args, {
				resolve: (reply) => (reply instanceof RedisReplyError ? reject(this.scrubbed(reply.message)) : resolve(reply)),
				reject,
			});
		});
	}

	private enqueue(connection: Connection, args: Array<string | number>, pending: Pending): void {
		connection.pending.push(pending);
		// Keep the process alive only while an answer is awaited; time out a silent Redis.
		connection.socket.ref();
		connection.socket.setTimeout(this.timeoutMs);
		connection.socket.write(encodeCommand(args));
	}

	private connect(): Connection {
		this.connection?.socket.destroy();
		const { host, port } = this.options;
		const socket = this.options.tls ? tls.connect({ host, port, servername: net.isIP(host) ? undefined : host }) : net.connect({ host, port });
		socket.setNoDelay(true);
		const connection: Connection = { socket, parser: new RespParser(), pending: [] };
		this.connection = connection;
		const fail = (reason: string) => {
			if (connection.failed) return;
			connection.failed = this.scrubbed(reason);
			socket.destroy();
			for (const pending of connection.pending.splice(0)) pending.reject(connection.failed);
		};
		socket.on('error', (error: NodeJS.ErrnoException) => fail(error.code ?? error.message));
		socket.on('timeout', () => fail(`no answer within ${this.timeoutMs} ms`));
		socket.on('close', () => fail('connection closed'));
		socket.on('data', (chunk: Buffer) => {
			let replies: RedisReply[];
			try {
				replies = connection.parser.push(chunk);
			} catch (error) {
				return fail((error as Error).message);
			}
			for (const reply of replies) connection.pending.shift()?.resolve(reply);
			if (connection.pending.length === 0) {
				socket.setTimeout(0);
				socket.unref();
			}
		});
		// Sent ahead of the caller's command: Redis answers in order, and a refusal fails the connection.
		const handshake = (args: Array<string | number>) =>
			this.enqueue(connection, args, {
				resolve: (reply) => {
					if (reply instanceof RedisReplyError) fail(reply.message);
				},
				reject: () => undefined,
			});
		const { username, password, db } = this.options;
		if (password) handshake(username ? ['AUTH', username, password] : ['AUTH', password]);
		if (db) handshake(['SELECT', db]);
		return connection;
	}

	private get timeoutMs(): number {
		return this.options.timeoutMs ?? 2000;
	}

	/** An error naming the server, never the password. */
	private scrubbed(reason: string): Error {
		const { host, port, password } = this.options;
		const text = password ? reason.split(password).join('***') : reason;
		return new Error(`Redis at ${host}:${port}: ${text}`);
	}
}
