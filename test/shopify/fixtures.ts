/** Shared set-up for the Shopify node tests: a simulator, credentials pointing at it, Loop outcomes. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { createScenario, type Scenario } from '../simulators/scenario';
import type { LoopReturnProcessed, ShopifyOrderCreated } from '../simulators/events';
import { startShopifySimulator, type ShopifySimulator, type ShopifySimulatorOptions } from '../simulators/shopify';
import { runNode } from '../harness/n8n';
import { ShopifyTransactions } from '../../nodes/Shopify/ShopifyTransactions.node';
import type { ShopifyTransaction } from '../../nodes/mapping/contracts';

export interface Fixture {
	scenario: Scenario;
	sim: ShopifySimulator;
	created: ShopifyOrderCreated[];
	credentials: IDataObject;
}

export async function startFixture(options: Partial<ShopifySimulatorOptions> = {}): Promise<Fixture> {
	const scenario = options.scenario ?? createScenario();
	const created: ShopifyOrderCreated[] = [];
	const sim = await startShopifySimulator({ scenario, onOrderCreated: (o) => created.push(o), ...options });
	const credentials = {
		shop: 'loop-xoro-demo',
		apiVersion: '2026-10',
		authentication: 'accessToken',
		accessToken: sim.accessToken,
		adminUrlOverride: sim.url,
	};
	return { scenario, sim, created, credentials };
}

export function run(
	fixture: Fixture,
	parameters: IDataObject,
	extra: { credentials?: IDataObject; continueOnFail?: boolean; staticData?: IDataObject; items?: IDataObject[] } = {},
): Promise<INodeExecutionData[][]> {
	return runNode(new ShopifyTransactions(), {
		parameters: parameters as never,
		credentials: { shopifyAdminGraphqlApi: (extra.credentials ?? fixture.credentials) as never },
		continueOnFail: extra.continueOnFail,
		staticData: extra.staticData,
		items: extra.items,
	});
}

export const transactions = (output: INodeExecutionData[][]) => output[0].map((i) => i.json as unknown as ShopifyTransaction);

/** A window around now, as the node's Since/Until fields take it. */
export function windowAroundNow(hoursBack = 1): IDataObject {
	return {
		windowMode: 'range',
		since: new Date(Date.now() - hoursBack * 3600_000).toISOString(),
		until: new Date(Date.now() + 60_000).toISOString(),
	};
}

/** What the Loop simulator emits when it processes the scenario's return `returnId`. */
export function loopProcessed(scenario: Scenario, returnId: string, outcome?: LoopReturnProcessed['outcome']): LoopReturnProcessed {
	const ret = scenario.returns.find((r) => r.id === returnId)!;
	const order = scenario.orders.find((o) => o.id === ret.orderId)!;
	const variant = (id: string) => scenario.variants.find((v) => v.variantId === id)!;
	const returnedLines = ret.lines.map((l) => {
		const v = variant(l.variantId);
		return { variantId: v.variantId, sku: v.sku, title: v.title, quantity: 1, price: v.price };
	});
	const exchangeLines = ret.lines
		.filter((l) => l.exchangeVariantId)
		.map((l) => {
			const v = variant(l.exchangeVariantId!);
			return { variantId: v.variantId, sku: v.sku, title: v.title, quantity: 1, price: v.price };
		});
	const resolved = outcome ?? ret.outcome;
	return {
		returnId: ret.id,
		orderId: order.id,
		orderName: order.name,
		outcome: resolved,
		amount: Math.round(returnedLines.reduce((n, l) => n + l.price, 0) * 100) / 100,
		currency: 'USD',
		customerEmail: order.customerEmail,
		returnedLines,
		exchangeLines,
		additionalDetails: resolved === 'exchange' ? { loop_return_id: ret.id, original_order: order.name } : {},
		exchangeOrderName: resolved === 'exchange' ? `EXC-${order.number}-1` : null,
	};
}
