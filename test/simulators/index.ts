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
	/** Secrets the three simulators accept instead of their defaults (the secrets test's distinctive ones) */
	secrets?: { loopApiKey?: string; xoroApiKey?: string; xoroApiSecret?: string; shopifyAccessToken?: string };
	xoroTimeoutSeconds?: number;
	/** Requests per second Xoro allows per key (and the credential's pace); default 2 */
	xoroPacePerSecond?: number;
	/** Loop writes its return stamps without an offset (`2026-11-26 23:30:00`, UTC) */
	offsetlessLoopStamps?: boolean;
}

export async function startSimulators(options: SimulatorsOptions = {}): Promise<Simulators> {
	const scenario = options.scenario ?? createScenario();
	const secrets = options.secrets ?? {};
	const xoro = await startXoroSimulator({
		scenario,
		port: options.ports?.xoro,
		apiKey: secrets.xoroApiKey,
		apiSecret: secrets.xoroApiSecret,
		timeoutSeconds: options.xoroTimeoutSeconds,
		pacePerSecond: options.xoroPacePerSecond,
		...options.xoroTenant,
	});
	const shopify = await startShopifySimulator({
		scenario,
		port: options.ports?.shopify,
		accessToken: secrets.shopifyAccessToken,
		onOrderCreated: (order) => xoro.importShopifyOrder(order),
	});
	const loop = await startLoopSimulator({
		scenario,
		offsetlessStamps: options.offsetlessLoopStamps,
		port: options.ports?.loop,
		keys: secrets.loopApiKey ? { [secrets.loopApiKey]: ['returns'] } : undefined,
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
