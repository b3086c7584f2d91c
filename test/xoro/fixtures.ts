/**
 * Test fixtures for the Xoro nodes: Loop returns shaped as the Loop nodes output them
 * (LoopReturnItem), built from the shared scenario, and a started Xoro simulator with credentials.
 */
import { randomUUID } from 'node:crypto';
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import type { LoopReturnItem } from '../../nodes/mapping/contracts';
import { xoroRetryPolicy } from '../../nodes/Xoro/transport';
import { XoroAsn } from '../../nodes/Xoro/XoroAsn.node';
import { XoroRma } from '../../nodes/Xoro/XoroRma.node';
import { runNode } from '../harness/n8n';
import { createScenario, customerByEmail, orderById, variantById, type Scenario } from '../simulators/scenario';
import { startXoroSimulator, type XoroSimulator, type XoroSimulatorOptions } from '../simulators/xoro';

export function loopReturnItem(scenario: Scenario, returnId: string): LoopReturnItem {
	const ret = scenario.returns.find((r) => r.id === returnId);
	if (!ret) throw new Error(`scenario has no return ${returnId}`);
	const order = orderById(scenario, ret.orderId);
	const customer = customerByEmail(scenario, order.customerEmail);
	const lineItems = ret.lines.map((line) => {
		const variant = variantById(scenario, line.variantId);
		return {
			lineItemId: line.lineItemId,
			providerLineItemId: line.orderLineItemId,
			productId: variant.productId,
			variantId: variant.variantId,
			sku: variant.sku || null,
			barcode: variant.barcode || null,
			title: variant.title,
			price: variant.price,
			discount: 0,
			tax: 0,
			refund: 0,
			returnReason: line.reason,
			parentReturnReason: null,
			returnComment: null,
			outcome: ret.outcome,
			exchangeVariantId: line.exchangeVariantId ?? null,
		};
	});
	const total = lineItems.reduce((s, l) => s + l.price, 0);
	return {
		id: ret.id,
		state: ret.state,
		createdAt: ret.createdAt,
		updatedAt: ret.updatedAt,
		orderId: `loop-${order.id}`,
		orderName: order.name,
		providerOrderId: order.id,
		orderNumber: order.number,
		customerEmail: customer.email,
		currency: scenario.shop.currency,
		outcome: ret.outcome,
		totals: {
			returnProduct: total, returnDiscount: 0, returnTax: 0, returnTotal: total, returnCredit: 0,
			exchangeTotal: 0, giftCard: 0, refund: 0, handlingFee: 0, upsell: 0, total,
		},
		lineItems,
		exchanges: [],
		carrier: null,
		trackingNumber: null,
		labelStatus: null,
		statusPageUrl: null,
		raw: { id: Number(ret.id), customer_detail: { email: customer.email, first_name: customer.firstName, last_name: customer.lastName } },
	};
}

/**
 * Retries in milliseconds, not seconds, for the whole test file; no outage hold, since tests clear a
 * fault and run again at once (the hold has its own test in faults.test.ts).
 */
export function fastRetries(): void {
	Object.assign(xoroRetryPolicy, { backoffBaseMs: 5, backoffMaxMs: 20, retryBudgetMs: 60, outageHoldMs: 0 });
}

export interface StartedSim {
	sim: XoroSimulator;
	scenario: Scenario;
	/** Node credentials for the simulator, unpaced */
	credentials: { xoroApi: Record<string, string | number> };
}

export async function startSim(options: Partial<XoroSimulatorOptions> = {}): Promise<StartedSim> {
	const scenario = options.scenario ?? createScenario();
	// An account of its own: claims (nodes/shared/claims.ts) made on an earlier test's simulator at the same port do not hold here.
	const sim = await startXoroSimulator({ pacePerSecond: 0, apiKey: `xoro-sim-${randomUUID()}`, ...options, scenario });
	return { sim, scenario, credentials: { xoroApi: { ...sim.credentials, requestsPerSecond: 0, timeoutSeconds: 5 } } };
}

/**
 * Worker `n`'s credentials: the same Xoro account under a base URL spelled differently, so it paces on
 * its own lane, as separate queue-mode worker processes do.
 */
export function workerCredentials<C extends { xoroApi: Record<string, unknown> }>(credentials: C, n: number): C {
	return { ...credentials, xoroApi: { ...credentials.xoroApi, baseUrl: `${String(credentials.xoroApi.baseUrl)}${'/'.repeat(n)}` } };
}

/** The simulator's requests from the `from`-th on, counted by `METHOD path`, e.g. { 'GET rma/getrma': 2 } */
export function sentSince(sim: XoroSimulator, from: number): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const r of sim.requests.slice(from)) {
		const key = `${r.method} ${r.path.replace(/^\/api\/xerp\//, '')}`;
		counts[key] = (counts[key] ?? 0) + 1;
	}
	return counts;
}

/** The simulator of the running test; `start` replaces it with one started with other options. */
export interface TestSim extends StartedSim {
	start(options?: Partial<XoroSimulatorOptions>): Promise<void>;
}

/**
 * The hooks a Xoro node test file needs: fast retries, a fresh simulator for each test (started
 * before it, or with `startEach: false` by the test calling `start`) and its close after the test.
 */
export function useSim({ startEach = true }: { startEach?: boolean } = {}): TestSim {
	const current = {
		async start(options: Partial<XoroSimulatorOptions> = {}) {
			Object.assign(current, await startSim(options));
		},
	} as TestSim;
	beforeAll(fastRetries);
	if (startEach) beforeEach(() => current.start());
	afterEach(async () => current.sim.close());
	return current;
}

type SimCredentials = StartedSim['credentials'];

/** The RMA for a scenario return, made through the Xoro RMA node (store MAIN); its number. */
export async function createRmaFor(sim: StartedSim, returnId: string, credentials: SimCredentials = sim.credentials): Promise<string> {
	const [out] = await runNode(new XoroRma(), {
		parameters: { resource: 'rma', operation: 'createFromLoopReturn', storeCode: 'MAIN' },
		items: [loopReturnItem(sim.scenario, returnId) as never],
		credentials: credentials as never,
	});
	return String(out[0].json.rmaNumber);
}

/** The ASN for an RMA, made through the Xoro ASN node's Create for RMA; its number. */
export async function createAsnFor(sim: StartedSim, rmaNumber: string, credentials: SimCredentials = sim.credentials): Promise<string> {
	const [out] = await runNode(new XoroAsn(), { parameters: { resource: 'asn', operation: 'createForRma', rmaNumber }, credentials: credentials as never });
	return String(out[0].json.asnNumber);
}

/** The description of a test-only node that calls the Xoro transport directly with the xoroApi credential. */
export function probeDescription(displayName: string, name: string, properties: INodeProperties[] = []): INodeTypeDescription {
	return {
		displayName,
		name,
		group: ['transform'],
		version: 1,
		description: '',
		defaults: { name: 'Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'xoroApi', required: true }],
		properties,
	} as unknown as INodeTypeDescription;
}
