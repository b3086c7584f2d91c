/**
 * Issue 11's last target: the package next to its peer (test/bench/peer/workflow.ts), side by side in ONE
 * real n8n 2.41 (single process, SQLite; test/e2e/stack.ts) against the same simulators, each side started
 * by `n8n execute`. The Xoro simulator throttles faster than the pace, as Xoro does; both sides keep to it.
 * For each side, the peer first (so the package's look-ups also page past the peer's RMAs):
 *   1. the import of N new Loop returns: Xoro requests per return, from the Xoro simulator's request log,
 *      and the execution's wall time (n8n's startedAt → stoppedAt, without the CLI's start-up);
 *   2. the same import again: live RMAs and ASNs beyond one per Loop return, from the simulator's state;
 *   3. FAULT_RUNS imports of N new returns each while Loop and Xoro answer 10 % of requests with a fault,
 *      spread over every kind (test/simulators/http.ts) as the chaos run does: failed executions (n8n's own
 *      list), duplicates, and returns left without their RMA or ASN.
 */
import { performance } from 'node:perf_hooks';
import { LOOP_TEST_KEY } from '../e2e/fixtures';
import type { CliRun } from '../e2e/n8n/instance';
import { startStack, type Stack } from '../e2e/stack';
import { FAULT_KINDS } from '../simulators/http';
import { XORO_API_PREFIX } from '../simulators/xoro';
import { loopTransportTuning } from '../../nodes/Loop/transport/tuning';
import { counted, perItem, tally, type Counted } from './count';
import { packageWorkflow } from './peer/package';
import { inXoro, loopBatches, type Batches, type InXoro } from './peer/returns';
import { peerWorkflow } from './peer/workflow';
import { printMarkdown } from './table';

const FAULT_RATE = 0.1;
const FAULT_RUNS = 3;
/** The Xoro credential's timeout here and the peer's (the chaos run's: a hung request should cost little) */
const XORO_TIMEOUT_S = 5;
/** One import, faults and retries included, stays well under this */
const EXECUTE_TIMEOUT_MS = 10 * 60_000;
const PEER_CREDENTIALS = {
	loopHeaderAuth: { id: 'benchPeerLoopHdr', name: 'Loop (Header Auth)' },
	xoroBasicAuth: { id: 'benchPeerXoroBas', name: 'Xoro (Basic Auth)' },
};

interface SideFigures {
	first: Counted<CliRun>;
	rerun: Counted<CliRun>;
	afterRerun: InXoro;
	failed: number;
	/** What the failed executions said, one line each */
	failures: string[];
	afterFaults: InXoro;
	/** The faults the simulators injected, e.g. "lost POST /api/xerp/rma/create ×1" */
	faults: string;
	/** Of the first import's Xoro requests, answered with Xoro's throttle for coming too fast */
	throttled: number;
	/** Everything this side took, n8n's CLI start-ups included */
	ms: number;
}

const wallMs = (run: CliRun): number => Date.parse(run.stoppedAt ?? '') - Date.parse(run.startedAt ?? '');
const seconds = (ms: number): string => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : 'not printed by n8n');
const duplicates = (x: InXoro): string => `${x.extraRmas + x.extraAsns} (${x.extraRmas} RMAs, ${x.extraAsns} ASNs)`;

export async function peerSection(n: number, pace: number): Promise<void> {
	const stack = await startStack({
		name: 'bench-peer',
		simulators: { xoroPacePerSecond: pace, xoroTimeoutSeconds: XORO_TIMEOUT_S },
	});
	try {
		const { sims, n8n } = stack;
		await n8n.importCredentials([
			{ ...PEER_CREDENTIALS.loopHeaderAuth, type: 'httpHeaderAuth', data: { name: 'X-Authorization', value: LOOP_TEST_KEY } },
			{ ...PEER_CREDENTIALS.xoroBasicAuth, type: 'httpBasicAuth', data: { user: sims.xoro.credentials.apiKey, password: sims.xoro.credentials.apiSecret } },
		]);
		const storeCode = sims.xoro.state.storeCode;
		const [peerId, packageId] = await n8n.importWorkflows([
			peerWorkflow({
				loopBaseUrl: sims.loop.baseUrl,
				xoroBaseUrl: sims.xoro.baseUrl,
				storeCode,
				xoroPace: pace,
				loopTimeoutMs: loopTransportTuning.requestTimeoutMs,
				xoroTimeoutMs: XORO_TIMEOUT_S * 1000,
				credentials: PEER_CREDENTIALS,
			}),
			packageWorkflow(storeCode),
		]);
		const batches = loopBatches(sims);
		const peer = await measureSide(stack, peerId, batches, n);
		const ours = await measureSide(stack, packageId, batches, n);
		print(n, pace, { package: ours, peer });
		console.log(`setup (ms): ${JSON.stringify(stack.timings)}`);
	} finally {
		await stack.stop();
	}
}

async function measureSide(stack: Stack, workflowId: string, batches: Batches, n: number): Promise<SideFigures> {
	const { sims, n8n } = stack;
	const started = performance.now();
	const execute = () => counted(sims.xoro, () => n8n.execute(workflowId, EXECUTE_TIMEOUT_MS), XORO_API_PREFIX);

	const batch = batches.add(n);
	const throttledBefore = sims.xoro.paceThrottled();
	const first = await execute();
	const throttled = sims.xoro.paceThrottled() - throttledBefore;
	if (first.result.status !== 'success') throw new Error(`the import of ${n} returns failed without faults: ${first.result.data.resultData.error?.message}`);
	const rerun = await execute();
	const afterRerun = inXoro(sims, batch);
	batches.close(batch);

	const sources = [sims.loop, sims.xoro];
	const before = new Set((await n8n.api.executions({ workflowId })).map((e) => e.id));
	const faultBatches: string[] = [];
	for (const sim of sources) {
		sim.requests.length = 0;
		sim.faults.add(FAULT_KINDS.map((kind) => ({ kind, rate: FAULT_RATE / FAULT_KINDS.length })));
	}
	try {
		for (let run = 0; run < FAULT_RUNS; run++) {
			const ids = batches.add(n);
			faultBatches.push(...ids);
			// A run that printed nothing is still in n8n's list, which is what is counted below.
			await n8n.execute(workflowId, EXECUTE_TIMEOUT_MS).catch(() => undefined);
			batches.close(ids);
		}
	} finally {
		for (const sim of sources) sim.faults.clear();
	}
	const faults = tally(sources.flatMap((sim) => sim.requests.filter((r) => r.fault).map((r) => `${r.fault} ${r.method} ${r.path}`)));
	const faultExecutions = (await n8n.api.executions({ workflowId, includeData: true })).filter((e) => !before.has(e.id));
	const failedExecutions = faultExecutions.filter((e) => e.status !== 'success');
	return {
		first,
		rerun,
		afterRerun,
		failed: failedExecutions.length,
		failures: failedExecutions.map((e) => `${e.status}: ${e.data?.resultData.error?.message ?? '(no message)'}`),
		afterFaults: inXoro(sims, faultBatches),
		faults,
		throttled,
		ms: performance.now() - started,
	};
}

function print(n: number, pace: number, sides: { package: SideFigures; peer: SideFigures }): void {
	const both = (cell: (s: SideFigures) => string) => [cell(sides.package), cell(sides.peer)];
	const runs = `${FAULT_RUNS} imports of ${n} new returns`;
	printMarkdown(
		['measure', 'package (template 01)', 'peer (stock nodes)'],
		[
			[`Xoro requests per return (one import of ${n} new returns)`, ...both((s) => `${perItem(s.first.requests, n)} (${s.first.requests} / ${n})`)],
			[`wall time of that import at ${pace} Xoro requests/s`, ...both((s) => seconds(wallMs(s.first.result)))],
			[
				'duplicates after the same import ran twice (live, same Loop return)',
				...both((s) => `${duplicates(s.afterRerun)}; ${n - s.afterRerun.missing} of ${n} returns have their RMA and ASN`),
			],
			[
				`failed executions under ${FAULT_RATE * 100} % faults (${runs})`,
				...both((s) => `${s.failed} of ${FAULT_RUNS}; duplicates ${duplicates(s.afterFaults)}; ${s.afterFaults.missing} of ${FAULT_RUNS * n} returns left without RMA or ASN`),
			],
		],
	);
	console.log('\nWhere the requests went:');
	for (const [side, s] of Object.entries(sides)) {
		console.log(`- ${side}, first import: ${s.first.breakdown}; ${s.throttled} answered with Xoro's throttle`);
		console.log(`- ${side}, same import again: ${s.rerun.requests} requests (${s.rerun.breakdown || 'none'}), ${seconds(wallMs(s.rerun.result))}`);
		console.log(`- ${side}, under faults: injected ${s.faults || 'none'}; ${s.failures.join(' | ') || 'no failed execution'}`);
		console.log(`- ${side}: ${seconds(s.ms)} for all its imports, n8n's CLI start-ups included`);
	}
}
