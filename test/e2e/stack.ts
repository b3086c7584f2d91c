/**
 * One e2e stack: the three simulators in this process, and a real n8n (installed once and cached)
 * with the packed package installed as a community package and credentials pointing at the
 * simulators. Timeouts are generous but bounded so CI never hangs.
 */
import { startSimulators, type Simulators, type SimulatorsOptions } from '../simulators';
import { PACKAGE_DIR, simulatorCredentials } from './fixtures';
import { ensureN8n } from './n8n/install';
import { N8nInstance, packPackage, type N8nStartOptions } from './n8n/instance';

/** First run on a fresh machine installs n8n (about 5 min here, allow for a slow CI) before starting. */
export const SETUP_TIMEOUT_MS = 40 * 60_000;
export const TEST_TIMEOUT_MS = 5 * 60_000;
export const TEARDOWN_TIMEOUT_MS = 90_000;

export interface Stack {
	sims: Simulators;
	n8n: N8nInstance;
	/** Milliseconds each setup step took, for the timings in reports. */
	timings: Record<string, number>;
	stop(): Promise<void>;
}

export interface StackOptions extends Omit<N8nStartOptions, 'packageTarball' | 'install'> {
	simulators?: SimulatorsOptions;
}

export async function startStack(options: StackOptions): Promise<Stack> {
	const timings: Record<string, number> = {};
	const timed = async <T>(step: string, fn: () => Promise<T>): Promise<T> => {
		const started = Date.now();
		try {
			return await fn();
		} finally {
			timings[step] = Date.now() - started;
		}
	};
	const install = await timed('install', () => ensureN8n());
	const tarball = await timed('pack', () => packPackage(PACKAGE_DIR));
	const sims = await startSimulators(options.simulators);
	let n8n: N8nInstance | undefined;
	try {
		n8n = await timed('start', () => N8nInstance.start({ ...options, install, packageTarball: tarball }));
		const started = n8n;
		await timed('credentials', () => started.importCredentials(simulatorCredentials(sims, options.simulators?.secrets?.loopApiKey)));
	} catch (error) {
		await n8n?.stop();
		await sims.close();
		throw error;
	}
	const n8nInstance = n8n;
	return {
		sims,
		n8n: n8nInstance,
		timings,
		stop: async () => {
			await n8nInstance.stop();
			await sims.close();
		},
	};
}
