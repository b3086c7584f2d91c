/**
 * Starts and stops a real n8n for tests and the demo: a fresh user folder and encryption key, the
 * packed package installed as a community package (the way a user's n8n does it), SQLite by
 * default or queue mode (PostgreSQL + Redis, one main and N workers), an owner created from env so
 * the REST and public APIs work headless, logs under test/artifacts/e2e/<name>/ with secrets redacted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { N8nApi, type ExecutionData, type ExecutionSummary, type N8nApiError } from './api';
import { createDatabase, deleteQueueKeys, dropDatabase, POSTGRES, REDIS, uniqueQueuePrefix } from './backing';
import { ensureN8n, node24Env, REPO_ROOT, type N8nInstall } from './install';
import { killGroup, openLog, run, runOk, sleep, tailOf, teeOutput, type RunResult } from './proc';

export const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/e2e');

export interface N8nStartOptions {
	/** Names the artifacts folder (test/artifacts/e2e/<name>). */
	name: string;
	/** Queue mode with this many workers (PostgreSQL + Redis); default: single process on SQLite. */
	workers?: number;
	/** Tarball from packPackage(); installed into ~/.n8n/nodes like a community package. */
	packageTarball?: string;
	/** Fixed editor port (demo); tests take a free one. */
	port?: number;
	/** Extra environment for every n8n process, e.g. short poll settings. */
	env?: Record<string, string>;
	install?: N8nInstall;
	startTimeoutMs?: number;
}

export interface CredentialInput {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: unknown[];
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

interface Proc {
	role: string;
	child: ChildProcess;
	logFile: string;
	exited: Promise<number | null>;
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

/**
 * `npm pack` of the built package (dist/ must exist: the npm scripts build first), into its own
 * folder so test files packing in parallel do not overwrite each other's tarball.
 */
export async function packPackage(sourceDir = REPO_ROOT): Promise<string> {
	if (!existsSync(join(sourceDir, 'dist'))) throw new Error('dist/ is missing: run `npx gulp build` (npm test and npm run demo do)');
	mkdirSync(join(ARTIFACTS, 'pack'), { recursive: true });
	const destination = mkdtempSync(join(ARTIFACTS, 'pack', 'pkg-'));
	const { stdout } = await runOk('npm', ['pack', '--json', '--ignore-scripts', `--pack-destination=${destination}`], {
		cwd: sourceDir,
		timeoutMs: 120_000,
	});
	const [{ filename }] = JSON.parse(stdout.slice(stdout.indexOf('['))) as Array<{ filename: string }>;
	return join(destination, filename);
}

/** Last resort: n8n runs in its own process groups, so kill whatever is left when we exit. */
const liveChildren = new Set<ChildProcess>();
process.once('exit', () => {
	for (const child of liveChildren) killGroup(child, 'SIGKILL');
});

const randomSecret = (bytes: number) => randomBytes(bytes).toString('base64url');

export class N8nInstance {
	readonly api: N8nApi;
	readonly owner = { email: 'owner@example.com', password: `E2e-${randomSecret(12)}9` };
	private readonly encryptionKey = randomSecret(24);
	private readonly procs: Proc[] = [];
	private readonly secrets: string[] = [];
	/** The credentials' secret values: redacted as CREDENTIAL_MARK in n8n's own logs. */
	private readonly credentialSecrets: string[] = [];
	private database?: string;
	private queuePrefix?: string;
	private stopped = false;

	private constructor(
		readonly options: N8nStartOptions,
		readonly install: N8nInstall,
		readonly port: number,
		readonly userFolder: string,
		readonly artifacts: string,
	) {
		this.api = new N8nApi(this.url);
		this.secrets.push(this.encryptionKey, this.owner.password);
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	get queueMode(): boolean {
		return (this.options.workers ?? 0) > 0;
	}

	webhookUrl(path: string): string {
		return `${this.url}/webhook/${path}`;
	}

	logFile(role: string): string {
		return join(this.artifacts, `${role}.log`);
	}

	static async start(options: N8nStartOptions): Promise<N8nInstance> {
		const install = options.install ?? (await ensureN8n());
		const artifacts = join(ARTIFACTS, options.name);
		rmSync(artifacts, { recursive: true, force: true });
		mkdirSync(artifacts, { recursive: true });
		const userFolder = mkdtempSync(join(tmpdir(), `n8n-e2e-${options.name}-`));
		const instance = new N8nInstance(options, install, options.port ?? (await freePort()), userFolder, artifacts);
		try {
			await instance.boot();
		} catch (error) {
			await instance.stop(); // first, so the logs are complete
			const logs = instance.procs.map((p) => `--- ${p.role} (${p.logFile}) ---\n${tailOf(p.logFile, 40)}`).join('\n');
			throw new Error(`n8n did not start: ${(error as Error).message}\n${logs}`);
		}
		return instance;
	}

	private async boot(): Promise<void> {
		if (this.options.packageTarball) await this.installPackage(this.options.packageTarball);
		if (this.queueMode) {
			this.database = await createDatabase(this.install);
			this.queuePrefix = uniqueQueuePrefix();
		}
		const deadline = Date.now() + (this.options.startTimeoutMs ?? 180_000);
		// Main first: it runs the migrations the workers expect to find.
		this.spawnN8n('main', ['start'], await this.env());
		await this.waitForReady(deadline);
		for (let i = 1; i <= (this.options.workers ?? 0); i++) {
			this.spawnN8n(`worker${i}`, ['worker', '--concurrency=5'], await this.env({ QUEUE_HEALTH_CHECK_PORT: String(await freePort()) }));
		}
		await Promise.all(this.procs.filter((p) => p.role.startsWith('worker')).map((p) => this.waitForLog(p, 'n8n worker is now ready', deadline)));
		await this.logIn(deadline);
		await this.api.createApiKey();
		this.secrets.push(this.api.secret);
	}

	/** 2.x has the owner from env; 1.x needs the first-run setup, and mounts /rest a little after /healthz. */
	private async logIn(deadline: number): Promise<void> {
		for (;;) {
			try {
				return await this.api.login(this.owner.email, this.owner.password);
			} catch (error) {
				const status = (error as N8nApiError).status;
				if (status === 401) {
					await this.api.setupOwner(this.owner.email, this.owner.password);
					return await this.api.login(this.owner.email, this.owner.password);
				}
				if (status !== 404 || Date.now() > deadline) throw error;
				await sleep(1000);
			}
		}
	}

	/** As a user would: a package.json in ~/.n8n/nodes and `npm install <tarball>`. */
	private async installPackage(tarball: string): Promise<void> {
		const nodesDir = join(this.userFolder, '.n8n/nodes');
		mkdirSync(nodesDir, { recursive: true });
		writeFileSync(join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
		await runOk('npm', ['install', tarball, '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
			cwd: nodesDir,
			logFile: this.logFile('package-install'),
			timeoutMs: 300_000,
		});
	}

	/** The environment every n8n process of this instance shares; each gets its own runner port. */
	private async env(extra: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
		// Nothing of ours leaks in; NODE_ENV=test (set by jest) makes n8n 2.41 exit 1 without a word.
		const inherited = Object.fromEntries(
			Object.entries(process.env).filter(([k]) => !/^(N8N_|DB_|QUEUE_|EXECUTIONS_|WEBHOOK_URL$|NODE_ENV$|JEST_|npm_config_)/.test(k)),
		);
		const env: Record<string, string> = {
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: `${this.url}/`,
			N8N_EDITOR_BASE_URL: `${this.url}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_REINSTALL_MISSING_PACKAGES: 'false',
			N8N_RUNNERS_MODE: 'internal',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			// Publishing goes through an outbox polled every 15 s by default; tests should not wait that long.
			N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS: '1000',
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: this.owner.email,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: this.passwordHash(),
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
			EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
			...(this.queueMode && this.database && this.queuePrefix
				? {
						EXECUTIONS_MODE: 'queue',
						DB_TYPE: 'postgresdb',
						DB_POSTGRESDB_HOST: POSTGRES.host,
						DB_POSTGRESDB_PORT: String(POSTGRES.port),
						DB_POSTGRESDB_USER: POSTGRES.user,
						DB_POSTGRESDB_PASSWORD: POSTGRES.password,
						DB_POSTGRESDB_DATABASE: this.database,
						QUEUE_BULL_REDIS_HOST: REDIS.host,
						QUEUE_BULL_REDIS_PORT: String(REDIS.port),
						QUEUE_BULL_PREFIX: this.queuePrefix,
						// Cache (webhook lookups!) and pub/sub channels use this prefix, not the Bull one:
						// with the default `n8n`, queue instances running at the same time see each other.
						N8N_REDIS_KEY_PREFIX: this.queuePrefix,
						OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
					}
				: { DB_TYPE: 'sqlite' }),
			...this.options.env,
			...extra,
		};
		return node24Env(this.install.node, env, inherited);
	}

	private hash?: string;
	private passwordHash(): string {
		if (!this.hash) {
			const bcrypt = createRequire(join(this.install.dir, 'package.json'))('bcryptjs') as { hashSync(s: string, rounds: number): string };
			this.hash = bcrypt.hashSync(this.owner.password, 10);
			this.secrets.push(this.hash);
		}
		return this.hash;
	}

	private spawnN8n(role: string, args: string[], env: NodeJS.ProcessEnv): Proc {
		const logFile = this.logFile(role);
		const child = spawn(this.install.node.bin, [this.install.n8nBin, ...args], {
			cwd: this.userFolder,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		const log = openLog(logFile);
		teeOutput(child, log, this.secrets, false, this.credentialSecrets);
		liveChildren.add(child);
		const exited = new Promise<number | null>((resolve) =>
			child.on('close', (code) => {
				liveChildren.delete(child);
				log.end(() => resolve(code)); // flushed, so a failure report shows the last lines
			}),
		);
		const proc = { role, child, logFile, exited };
		this.procs.push(proc);
		return proc;
	}

	private async waitForReady(deadline: number): Promise<void> {
		const main = this.procs[0];
		while (Date.now() < deadline) {
			if (main.child.exitCode !== null) throw new Error(`main exited with code ${main.child.exitCode}`);
			try {
				const res = await fetch(`${this.url}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
				if (res.ok) return;
			} catch {
				/* not listening yet */
			}
			await sleep(500);
		}
		throw new Error(`main not ready on ${this.url} in time`);
	}

	private async waitForLog(proc: Proc, text: string, deadline: number): Promise<void> {
		while (Date.now() < deadline) {
			if (proc.child.exitCode !== null) throw new Error(`${proc.role} exited with code ${proc.child.exitCode}`);
			if (existsSync(proc.logFile) && readFileSync(proc.logFile, 'utf8').includes(text)) return;
			await sleep(500);
		}
		throw new Error(`${proc.role} did not log "${text}" in time`);
	}

	/** Runs an n8n CLI command against this instance's database (a separate short-lived process). */
	async cli(args: string[], timeoutMs = 120_000): Promise<RunResult> {
		return runOk(this.install.node.bin, [this.install.n8nBin, ...args], {
			cwd: this.userFolder,
			env: await this.env(),
			logFile: this.logFile('cli'),
			secrets: [...this.secrets, ...this.credentialSecrets],
			timeoutMs,
		});
	}

	/** `n8n import:credentials`; the plain `data` is encrypted with this instance's key. */
	async importCredentials(credentials: CredentialInput[]): Promise<void> {
		for (const c of credentials) for (const v of Object.values(c.data)) if (typeof v === 'string' && v.length >= 6 && !/^https?:/.test(v)) this.credentialSecrets.push(v);
		const file = join(this.userFolder, `credentials-${randomSecret(6)}.json`);
		writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
		try {
			await this.cli(['import:credentials', `--input=${file}`]);
		} finally {
			rmSync(file, { force: true });
		}
	}

	/** `n8n import:workflow` of a file or object; returns its id (one is assigned if it has none). */
	async importWorkflow(workflow: string | WorkflowJson): Promise<string> {
		const [id] = await this.importWorkflows([workflow]);
		return id;
	}

	/**
	 * Several workflows in ONE CLI run (`import:workflow --separate --input=<dir>`; each CLI run costs
	 * about 5 s of n8n start-up). Credentials referenced by name only are resolved by n8n on import.
	 */
	async importWorkflows(workflows: Array<string | WorkflowJson>): Promise<string[]> {
		const dir = mkdtempSync(join(this.userFolder, 'import-'));
		const ids = workflows.map((workflow, i) => {
			const json: WorkflowJson =
				typeof workflow === 'string' ? (JSON.parse(readFileSync(workflow, 'utf8')) as WorkflowJson) : { ...workflow };
			json.id ??= randomBytes(8).toString('hex');
			writeFileSync(join(dir, `${String(i).padStart(3, '0')}-${json.id}.json`), JSON.stringify(json));
			return json.id;
		});
		try {
			await this.cli(['import:workflow', '--separate', `--input=${dir}`]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
		return ids;
	}

	/**
	 * Publishes (n8n 1.x: activates) through the public API, then waits until the main process has
	 * really started every trigger (REST publication status), failing with the triggers' errors.
	 */
	async publish(workflowId: string, timeoutMs = 60_000): Promise<void> {
		await this.api.publish(workflowId);
		if (this.install.version.startsWith('1.')) {
			if (!(await this.api.workflow(workflowId)).active) throw new Error(`workflow ${workflowId} is not active after activation`);
			return;
		}
		const settled = await waitFor(
			() => this.api.publicationStatus(workflowId),
			(s) => s.status !== 'in_progress' && s.status !== 'not_published',
			timeoutMs,
			`publication of workflow ${workflowId}`,
		);
		if (settled.status !== 'published') {
			const errors = settled.triggers.map((t) => `${t.nodeId}: ${t.status} ${t.errorMessage ?? ''}`).join('; ');
			throw new Error(`workflow ${workflowId} publication ${settled.status}: ${errors}`);
		}
	}

	/**
	 * `n8n execute --id`: runs a Manual Trigger workflow in a separate CLI process and returns its run
	 * (status + data), also when the workflow failed. In queue mode n8n runs it in that CLI process
	 * too (it logs so), not on a worker. n8n 2.41's CLI sometimes dies with SIGSEGV while exiting,
	 * after printing the complete run and storing the execution; a complete printed run counts.
	 */
	async execute(workflowId: string, timeoutMs = 120_000): Promise<CliRun> {
		const result = await run(this.install.node.bin, [this.install.n8nBin, 'execute', `--id=${workflowId}`, '--rawOutput'], {
			cwd: this.userFolder,
			env: await this.env(),
			logFile: this.logFile('cli'),
			secrets: this.secrets,
			timeoutMs,
		});
		const printed = printedRun(result.stdout);
		if (!printed) {
			const tail = result.stdout.split('\n').slice(-40).join('\n');
			throw new Error(`n8n execute --id=${workflowId} exited ${result.code ?? result.signal} without printing a run:\n${tail}`);
		}
		return printed;
	}

	async executions(workflowId?: string): Promise<ExecutionSummary[]> {
		return this.api.executions({ workflowId, includeData: true });
	}

	/** Polls the executions list until `done` says yes; returns that list. */
	async waitForExecutions(
		workflowId: string,
		done: (executions: ExecutionSummary[]) => boolean,
		timeoutMs = 60_000,
	): Promise<ExecutionSummary[]> {
		return waitFor(() => this.executions(workflowId), done, timeoutMs, `executions of workflow ${workflowId}`);
	}

	/**
	 * Polls until no execution of the workflow is running. The executions list leaves out what the main
	 * process runs (single-process mode: every execution) unless asked for status=running.
	 */
	async waitUntilNoneRunning(workflowId: string, timeoutMs = 60_000): Promise<void> {
		await waitFor(() => this.api.executions({ workflowId, status: 'running' }), (running) => running.length === 0, timeoutMs, `no running execution of workflow ${workflowId}`);
	}

	/** Which worker log mentions `Worker finished execution <id>` (queue mode). */
	workerThatRan(executionId: string): string | undefined {
		return this.procs
			.filter((p) => p.role.startsWith('worker'))
			.find((p) => existsSync(p.logFile) && readFileSync(p.logFile, 'utf8').includes(`Worker finished execution ${executionId} `))?.role;
	}

	/**
	 * Kills the main process with SIGKILL (no shutdown, executions cut where they are) and starts it
	 * again on the same database and user folder, as after a crash or an OOM kill.
	 */
	async crashAndRestartMain(): Promise<void> {
		const main = this.procs.find((p) => p.role === 'main' && p.child.exitCode === null && p.child.signalCode === null);
		if (!main) throw new Error('no running main process');
		killGroup(main.child, 'SIGKILL');
		await main.exited;
		this.procs.splice(this.procs.indexOf(main), 1);
		const deadline = Date.now() + (this.options.startTimeoutMs ?? 180_000);
		this.spawnN8n('main', ['start'], await this.env());
		this.procs.unshift(this.procs.pop()!); // waitForReady watches procs[0]
		await this.waitForReady(deadline);
		await this.logIn(deadline);
	}

	/** Whole log of one process (main, worker1, cli…), already redacted. */
	log(role = 'main'): string {
		const file = this.logFile(role);
		return existsSync(file) ? readFileSync(file, 'utf8') : '';
	}

	async stop(): Promise<void> {
		if (this.stopped) return;
		this.stopped = true;
		await Promise.all(
			this.procs.map(async (p) => {
				killGroup(p.child, 'SIGTERM');
				const timer = setTimeout(() => killGroup(p.child, 'SIGKILL'), 20_000);
				await p.exited;
				clearTimeout(timer);
			}),
		);
		if (this.database) await dropDatabase(this.install, this.database).catch(() => undefined);
		if (this.queuePrefix) await deleteQueueKeys(this.install, this.queuePrefix).catch(() => undefined);
		rmSync(this.userFolder, { recursive: true, force: true });
	}
}

export interface CliRun {
	status: string;
	finished: boolean;
	data: ExecutionData;
	/** When n8n started and stopped the execution (ISO), without the CLI's own start-up */
	startedAt?: string;
	stoppedAt?: string;
}

/** The pretty-printed IRun in the CLI's output: from a line `{` to the next line `}`. */
function printedRun(stdout: string): CliRun | undefined {
	const lines = stdout.split('\n');
	const start = lines.indexOf('{');
	const end = lines.indexOf('}', start);
	if (start < 0 || end < 0) return undefined;
	try {
		const parsed = JSON.parse(lines.slice(start, end + 1).join('\n')) as Partial<CliRun>;
		if (!parsed.data?.resultData) return undefined;
		return { status: parsed.status ?? 'unknown', finished: parsed.finished ?? false, data: parsed.data, startedAt: parsed.startedAt, stoppedAt: parsed.stoppedAt };
	} catch {
		return undefined;
	}
}

export async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let last: T | undefined;
	let lastError: unknown;
	while (Date.now() < deadline) {
		try {
			last = await probe();
			if (done(last)) return last;
		} catch (error) {
			lastError = error;
		}
		await sleep(1000);
	}
	const detail = lastError ? ` (last error: ${(lastError as Error).message})` : ` (last: ${JSON.stringify(last)?.slice(0, 500)})`;
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
}
