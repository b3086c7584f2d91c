/**
 * Starts the three simulators on loopback from one scenario and wires them together:
 * Loop process → outcome in Shopify → new Shopify orders imported into Xoro.
 */
import { createScenario, type Scenario } from './scenario';
import { startLoopSimulator, type LoopSimulator } from './loop';
import { startShopifySimulator, type ShopifySimulator } from './shopify';
import { startXoroSimulator, type XoroSimulator } from './xoro';

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
	/** Loop writes its return stamps without an offset (`2026-11-26 23:30:00`, UTC) */
	offsetlessLoopStamps?: boolean;
}

export async function startSimulators(options: SimulatorsOptions = {}): Promise<Simulators> {
	const scenario = options.scenario ?? createScenario();
	const xoro = await startXoroSimulator({ scenario, port: options.ports?.xoro });
	const shopify = await startShopifySimulator({
		scenario,
		port: options.ports?.shopify,
		onOrderCreated: (order) => xoro.importShopifyOrder(order),
	});
	const loop = await startLoopSimulator({
		scenario,
		offsetlessStamps: options.offsetlessLoopStamps,
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
