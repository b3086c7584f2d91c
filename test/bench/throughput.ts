/**
 * Throughput and memory of the hot paths, against the simulators on loopback (the bench's figures
 * before issue 11's request table):
 *   - Loop body → LoopReturnItem → Xoro RMA body, pure (per return)
 *   - Loop Return: Get Many over N returns (the node's real context)
 *   - Xoro RMA: Create From Loop Return at Xoro's default pace of 2 requests/s
 *   - Shopify Transactions: Get Loop Credits over N gift cards with the cost bucket in play
 */
import { performance } from 'node:perf_hooks';
import { LoopReturn } from '../../nodes/Loop/LoopReturn.node';
import { toLoopReturnItem } from '../../nodes/Loop/schemas';
import { loopReturnToRma } from '../../nodes/mapping/loopToXoro';
import { ShopifyTransactions } from '../../nodes/Shopify/ShopifyTransactions.node';
import { XoroRma } from '../../nodes/Xoro/XoroRma.node';
import { runNode } from '../harness/n8n';
import { startSimulators } from '../simulators';
import { createScenario } from '../simulators/scenario';

export interface Figure {
	bench: string;
	n: number;
	ms: number;
	perSecond: number;
	requests?: number;
	heapDeltaMb: number;
	rssMb: number;
}

export async function throughput(returns: number): Promise<Figure[]> {
	const figures: Figure[] = [];
	async function measure(bench: string, n: number, run: () => Promise<number | void>): Promise<void> {
		global.gc?.();
		const heapBefore = process.memoryUsage().heapUsed;
		const started = performance.now();
		const requests = await run();
		const ms = performance.now() - started;
		figures.push({
			bench,
			n,
			ms: Math.round(ms),
			perSecond: Math.round((n / ms) * 1000),
			requests: typeof requests === 'number' ? requests : 0,
			heapDeltaMb: Math.round(((process.memoryUsage().heapUsed - heapBefore) / 1048576) * 10) / 10,
			rssMb: Math.round(process.memoryUsage().rss / 1048576),
		});
	}

	const sims = await startSimulators({ scenario: createScenario({ extraReturns: returns }) });
	try {
		const loopCredentials = { loopReturnsApi: { apiKey: 'loop-test-key', baseUrl: sims.loop.baseUrl } };

		const raw = sims.loop.renderReturn(sims.scenario.returns[0].id);
		await measure('mapping: Loop body → RMA body', 5000, async () => {
			for (let i = 0; i < 5000; i++) loopReturnToRma(toLoopReturnItem(raw), { storeCode: 'MAIN' });
		});

		let loopItems: Array<{ json: object }> = [];
		const loopRequestsBefore = sims.loop.requests.length;
		await measure('Loop Return: Get Many (all states)', returns, async () => {
			[loopItems] = await runNode(new LoopReturn(), {
				parameters: { operation: 'getMany', from: new Date(Date.now() - 100 * 86_400_000).toISOString(), to: new Date().toISOString(), states: ['all'], returnAll: true },
				credentials: loopCredentials,
			});
			return sims.loop.requests.length - loopRequestsBefore;
		});

		const toCreate = loopItems.slice(0, 20);
		const xoroRequestsBefore = sims.xoro.requests.length;
		await measure('Xoro RMA: Create From Loop Return (2 req/s pace)', toCreate.length, async () => {
			await runNode(new XoroRma(), {
				parameters: { resource: 'rma', operation: 'createFromLoopReturn', storeCode: 'MAIN' },
				items: toCreate.map((i) => i.json as never),
				credentials: { xoroApi: sims.xoro.credentials },
			});
			return sims.xoro.requests.length - xoroRequestsBefore;
		});

		const cards = 300;
		for (let i = 0; i < cards; i++) {
			const scenarioReturn = sims.scenario.returns[i % sims.scenario.returns.length];
			const order = sims.scenario.orders.find((o) => o.id === scenarioReturn.orderId)!;
			sims.shopify.applyLoopOutcome({
				returnId: `9${i}`, orderId: order.id, orderName: order.name, outcome: 'credit', amount: 10 + i, currency: 'USD',
				customerEmail: order.customerEmail, returnedLines: [], exchangeLines: [], additionalDetails: {}, exchangeOrderName: null,
			});
		}
		const shopifyRequestsBefore = sims.shopify.requests.length;
		await measure('Shopify Transactions: Get Loop Credits', cards, async () => {
			await runNode(new ShopifyTransactions(), {
				parameters: { operation: 'getLoopCredits', windowMode: 'range', since: new Date(Date.now() - 3_600_000).toISOString(), until: new Date(Date.now() + 60_000).toISOString() },
				credentials: { shopifyAdminGraphqlApi: { shop: sims.scenario.shop.domain, adminUrlOverride: sims.shopify.adminUrl, authentication: 'accessToken', accessToken: sims.shopify.accessToken } },
			});
			return sims.shopify.requests.length - shopifyRequestsBefore;
		});
	} finally {
		await sims.close();
	}
	return figures;
}
