/**
 * Debian's Chromium for the editor check, driven by playwright-core (never `playwright install`: the
 * browser comes from apt). On a fresh CI machine, where we run as root, it is installed here
 * (about 35 s with `apt-get update`); anywhere else a missing browser is a clear failure.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { runOk } from '../n8n/proc';

export const CHROMIUM = '/usr/bin/chromium';

/** Installs Debian's `chromium` with apt-get when it is missing and we may; returns the ms it took (0 if present). */
export async function ensureChromium(logFile?: string): Promise<number> {
	if (existsSync(CHROMIUM)) return 0;
	if (process.getuid?.() !== 0) {
		throw new Error(`${CHROMIUM} is missing and this user is not root: run \`sudo apt-get install -y chromium\` (Debian's package), then run the tests again`);
	}
	if (logFile) mkdirSync(dirname(logFile), { recursive: true }); // a fresh clone has no test/artifacts yet
	const started = Date.now();
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await runOk('apt-get', ['update'], { env, logFile, timeoutMs: 300_000 });
	await runOk('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { env, logFile, timeoutMs: 600_000 });
	if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is still missing`);
	return Date.now() - started;
}

export interface LaunchedChromium {
	context: BrowserContext;
	close(): Promise<void>;
}

/**
 * Headless, no sandbox (root in CI), nothing phoning home, a fresh profile removed on close.
 * Playwright takes the profile folder itself (it refuses a --user-data-dir argument).
 */
export async function launchChromium(viewport = { width: 1600, height: 1000 }, timeoutMs = 60_000): Promise<LaunchedChromium> {
	mkdirSync(tmpdir(), { recursive: true });
	const profile = mkdtempSync(join(tmpdir(), 'chromium-e2e-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		timeout: timeoutMs,
		viewport,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	return {
		context,
		close: async () => {
			// Bounded: a wedged browser must not hang the suite (its process dies with ours).
			let timer: NodeJS.Timeout | undefined;
			await Promise.race([context.close(), new Promise((r) => (timer = setTimeout(r, 15_000)))]);
			clearTimeout(timer);
			rmSync(profile, { recursive: true, force: true });
		},
	};
}
