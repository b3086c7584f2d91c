/**
 * Child processes for the e2e harness: run a command to completion with its output teed to a log
 * file, with a hard timeout so a stuck command can never hang CI.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, type WriteStream } from 'node:fs';

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** Appended to, stdout and stderr interleaved. */
	logFile?: string;
	timeoutMs?: number;
	/** Also echo output to this process's stdout (installer run by hand). */
	echo?: boolean;
	/** Strings replaced by *** before anything reaches the log. */
	secrets?: string[];
}

export interface RunResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

export class CommandError extends Error {
	constructor(
		message: string,
		readonly result: RunResult,
	) {
		super(message);
	}
}

export function redact(text: string, secrets: string[] = [], mark = '***'): string {
	let out = text;
	for (const secret of secrets) if (secret) out = out.split(secret).join(mark);
	return out;
}

/** What a credential's secret is replaced by in n8n's logs: a test that finds it has found a leak. */
export const CREDENTIAL_MARK = '[credential secret]';

export function openLog(file: string): WriteStream {
	return createWriteStream(file, { flags: 'a' });
}

/** Pipes a child's output into a log stream, redacting secrets (credentials' ones as CREDENTIAL_MARK). */
export function teeOutput(child: ChildProcess, log: WriteStream, secrets: string[] = [], echo = false, credentialSecrets: string[] = []) {
	const write = (chunk: Buffer) => {
		const text = redact(redact(chunk.toString(), secrets), credentialSecrets, CREDENTIAL_MARK);
		log.write(text);
		if (echo) process.stdout.write(text);
	};
	child.stdout?.on('data', write);
	child.stderr?.on('data', write);
}

export async function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
	const log = options.logFile ? openLog(options.logFile) : undefined;
	const secrets = options.secrets ?? [];
	log?.write(`\n$ ${redact([command, ...args].join(' '), secrets)}\n`);
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env ?? process.env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true, // own process group, so a timeout kills npm's children too
	});
	const stdout: Buffer[] = [];
	const stderr: Buffer[] = [];
	child.stdout.on('data', (c: Buffer) => stdout.push(c));
	child.stderr.on('data', (c: Buffer) => stderr.push(c));
	if (log) teeOutput(child, log, secrets, options.echo);
	let timedOut = false;
	const timer = options.timeoutMs
		? setTimeout(() => {
				timedOut = true;
				killGroup(child, 'SIGKILL');
			}, options.timeoutMs)
		: undefined;
	const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (c, s) => resolve([c, s]));
	}).finally(() => timer && clearTimeout(timer));
	const result = { code, signal, stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() };
	log?.write(`[exit ${code ?? signal}${timedOut ? ', timed out' : ''}]\n`);
	await new Promise((r) => (log ? log.end(r) : r(undefined)));
	if (timedOut) throw new CommandError(`${command} ${args[0] ?? ''} timed out after ${options.timeoutMs} ms`, result);
	return result;
}

/** Like run() but throws with the tail of the output when the command fails. */
export async function runOk(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
	const result = await run(command, args, options);
	if (result.code !== 0) {
		const tail = redact(`${result.stdout}\n${result.stderr}`, options.secrets).trim().split('\n').slice(-40).join('\n');
		throw new CommandError(`${command} ${args.slice(0, 2).join(' ')} exited ${result.code ?? result.signal}:\n${tail}`, result);
	}
	return result;
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			/* already gone */
		}
	}
}

export function tailOf(file: string, lines = 60): string {
	if (!existsSync(file)) return `(no log at ${file})`;
	return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
