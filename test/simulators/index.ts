/**
 * Starts the three simulators on loopback from one scenario and wires them together:
 * Loop process → outcome in Shopify → new Shopify orders imported into Xoro.
 */
import { createScenario, type Scenario } from './scenario';
import { startLoopSimulator, type LoopSimulator } from './loop';
import { startShopifySimulator, type ShopifySimulator } from './shopify';
import { startXoroSimulator, type XoroSimulator, type XoroSimulatorOptions } from './xoro';

export interface Simulators {
	scenario: Scenario;
	loop: LoopSimulator;
	xoro: XoroSimulator;
	shopify: ShopifySimulator;
	close(): Promise<void>;
}

export interface SimulatorsOptions {
	scenario?: Scenario;
	ports?: { loop?: number; xoro?: number; shopify?: number };
	/** The simulated Xoro tenant's RMA process settings */
	xoroTenant?: Pick<XoroSimulatorOptions, 'rmaProcess' | 'rmaApprovalRequired'>;
}

export async function startSimulators(options: SimulatorsOptions = {}): Promise<Simulators> {
	const scenario = options.scenario ?? createScenario();
	const xoro = await startXoroSimulator({ scenario, port: options.ports?.xoro, ...options.xoroTenant });
	const shopify = await startShopifySimulator({
		scenario,
		port: options.ports?.shopify,
		onOrderCreated: (order) => xoro.importShopifyOrder(order),
	});
	const loop = await startLoopSimulator({
		scenario,
		port: options.ports?.loop,
		onProcessed: (processed) => shopify.applyLoopOutcome(processed),
	});
	return {
		scenario,
		loop,
		xoro,
		shopify,
		close: async () => {
			await Promise.all([loop.close(), xoro.close(), shopify.close()]);
		},
	};
}
