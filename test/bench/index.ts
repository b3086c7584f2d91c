/**
 * `npm run bench`: issue 11's table — for each operation the Xoro, Shopify and Loop requests measured
 * now, next to the floor and the target — then the throughput and memory of the hot paths. Our real
 * nodes run in n8n-core's real contexts (test/harness/n8n.ts) against the simulators on loopback; every
 * request count is taken from a simulator's request log. Prints; asserts nothing.
 *
 * Last, the package next to its peer (stock n8n nodes) in a real n8n (test/bench/peer.ts); it installs
 * n8n into the e2e cache on a fresh machine and packs dist/ (the npm script builds first).
 *
 * Knobs: BENCH_N (items per measured execution, default 20), BENCH_XORO_PACE (the Xoro credential's
 * requests/s, default 50), BENCH_RETURNS (returns for the throughput's Loop Get Many, default 3000),
 * BENCH_PEER_N (returns per import in the peer section, default 20), BENCH_PEER_PACE (Xoro requests/s there, which
 * the Xoro simulator enforces, default 10), BENCH_PEER=0 (skips the peer section).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { loopRows } from './loop';
import { shopifyRows } from './shopify';
import { N8N_VERSION } from '../e2e/n8n/install';
import { peerSection } from './peer';
import { printTable, type Row } from './table';
import { throughput } from './throughput';
import { startCreditWorld } from './world';
import { xoroCreditRows, xoroReturnRows } from './xoro';

const N = Number(process.env.BENCH_N ?? 20);
const XORO_PACE = Number(process.env.BENCH_XORO_PACE ?? 50);
const THROUGHPUT_RETURNS = Number(process.env.BENCH_RETURNS ?? 3000);
const PEER_N = Number(process.env.BENCH_PEER_N ?? 20);
/**
 * The chaos run's Xoro pace. The simulator throttles a request that comes less than 85 % of 1000/pace ms
 * after the previous one: at BENCH_XORO_PACE's 50/s that leaves 3 ms for the jitter of n8n's process and
 * this one on a busy machine, and each request it throttles costs the package a back-off.
 */
const PEER_PACE = Number(process.env.BENCH_PEER_PACE ?? 10);
const PEER = process.env.BENCH_PEER !== '0';
/** Issue 11's sizes */
const LOOP_RETURNS = 10_000;
const SHOPIFY_PER_KIND = 50;

/** A section that fails before its rows could say so itself: reported, and the bench goes on. */
async function section<T>(name: string, run: () => Promise<T>, fallback: T): Promise<T> {
	try {
		return await run();
	} catch (error) {
		console.log(`${name}: not measured: ${String((error as Error).message ?? error).split('\n')[0]}`);
		return fallback;
	}
}

async function main(): Promise<void> {
	const started = performance.now();
	const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
	console.log('npm run bench — issue 11: requests per operation, counted from the simulators\' request logs, next to the floor');
	console.log(`machine: ${cpu}, ${os.cpus().length} cores, Node ${process.version}, ${os.platform()} ${os.arch()}`);
	console.log(
		`Xoro: the bench's credential runs at ${XORO_PACE} requests/s (real Xoro: about 2/s per key) and the Xoro simulator does not throttle; ` +
			'request counts do not depend on the pace, and the backfill row converts them at 2/s.',
	);
	console.log(`per-item figures: one execution of the node over N = ${N} items, requests ÷ N; our nodes in n8n-core's real contexts against the simulators on loopback.\n`);

	// Loop first: its memory figure wants a process that has not grown yet.
	const loop = await section('Loop', () => loopRows(LOOP_RETURNS), [] as Row[]);
	const returnSide = await section('Xoro return side', () => xoroReturnRows(N, XORO_PACE), [] as Row[]);
	const creditSide = await section(
		'Shopify and Xoro credit side',
		async () => {
			const world = await startCreditWorld(SHOPIFY_PER_KIND, N, XORO_PACE);
			try {
				const shopify = await shopifyRows(world);
				return { shopify: shopify.rows, xoro: await xoroCreditRows(world, shopify.items, N) };
			} finally {
				await world.close();
			}
		},
		{ shopify: [] as Row[], xoro: [] as Row[] },
	);
	const tableMs = performance.now() - started;

	// The order: Xoro's return side, its credit side, the rows after the Xoro Trigger (Receipt
	// Status, the quiet poll), then Shopify and Loop.
	const byTrigger = (r: Row) => r.operation.includes('Xoro Trigger');
	printTable([
		...returnSide.filter((r) => !byTrigger(r)),
		...creditSide.xoro,
		...returnSide.filter(byTrigger),
		...creditSide.shopify,
		...loop,
	]);
	console.log(`\nrequest table: ${Math.round(tableMs / 1000)} s`);

	console.log('\nThroughput and memory of the hot paths:');
	const figures = await section('Throughput', () => throughput(THROUGHPUT_RETURNS), []);
	console.table(figures);

	if (PEER) {
		const peerStarted = performance.now();
		console.log(`\nThe package next to its peer, in one real n8n ${N8N_VERSION} against the same simulators (N = ${PEER_N}):`);
		await section('Package and peer', () => peerSection(PEER_N, PEER_PACE), undefined);
		console.log(`package and peer: ${Math.round((performance.now() - peerStarted) / 1000)} s`);
	}
	console.log(`bench: ${Math.round((performance.now() - started) / 1000)} s in all`);
}

main().catch((error) => {
	// The bench asserts nothing: an unexpected error is printed, and the run still ends normally.
	console.error(error);
});
