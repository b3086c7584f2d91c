/**
 * Loop's figures: Loop Return → Get Many over 10,000 returns (all states, Return All), the requests
 * the Loop simulator logged and what the node's output costs in memory. The simulator runs in this
 * process, so RSS includes the answers it rendered (as it did for the issue's figure).
 */
import { LoopReturn } from '../../nodes/Loop/LoopReturn.node';
import { runNode } from '../harness/n8n';
import { startLoopSimulator } from '../simulators/loop';
import { counted } from './count';
import { benchScenario } from './seed';
import { measureRows, thousands, type Row } from './table';

const mb = (bytes: number): number => Math.round(bytes / 1048576);
const signed = (n: number): string => (n < 0 ? `${n}` : `+${n}`);

export async function loopRows(returns: number): Promise<Row[]> {
	const scenario = benchScenario({ extraReturns: returns });
	const sim = await startLoopSimulator({ scenario });
	try {
		return await measureRows(
			{
				getMany: {
					operation: `Loop Return: Get Many, ${thousands(returns)} returns (all states, Return All)`,
					floor: '15 requests at 750 a page',
					target: 'pages of 750; ≤ +150 MB RSS',
				},
			},
			async (put) => {
				global.gc?.();
				const before = process.memoryUsage();
				let peakRss = before.rss;
				const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);
				const run = await counted(sim, () =>
					runNode(new LoopReturn(), {
						parameters: { operation: 'getMany', from: new Date(Date.now() - 100 * 86_400_000).toISOString(), to: new Date().toISOString(), states: ['all'], returnAll: true },
						credentials: { loopReturnsApi: { apiKey: 'loop-test-key', baseUrl: sim.baseUrl } },
					}),
				).finally(() => clearInterval(sampler));
				global.gc?.();
				const after = process.memoryUsage();
				peakRss = Math.max(peakRss, after.rss);
				// Read after the heap figure: the output is still held when it is taken.
				const items = run.result[0].length;
				put('getMany', {
					measured:
						`${run.requests} requests for ${thousands(items)} returns; RSS ${signed(mb(after.rss - before.rss))} MB ` +
						`(peak ${signed(mb(peakRss - before.rss))} MB), heap ${signed(mb(after.heapUsed - before.heapUsed))} MB held by the output`,
					detail: `${run.breakdown}${run.notOk ? `; ${run.notOk} not HTTP 200` : ''}; ${Math.round(run.ms)} ms`,
				});
			},
		);
	} finally {
		await sim.close();
	}
}
