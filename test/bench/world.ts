/**
 * The credit side's world: the three simulators wired as in production (a new Shopify order is
 * imported into Xoro by Xoro's Shopify app) over a scenario with one order per Loop outcome, and
 * `perKind` of each outcome Shopify Transactions reads: Loop gift cards (credits), refunds, exchange
 * orders (EXC-) and the gift cards spent on new orders (redemptions). Native exchanges are added on
 * request, on orders of their own, after the Shopify figures are taken.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { ShopifyTransactions } from '../../nodes/Shopify/ShopifyTransactions.node';
import { runNode } from '../harness/n8n';
import { startSimulators, type Simulators } from '../simulators';
import type { Scenario } from '../simulators/scenario';
import { benchScenario, extraOrders, loopOutcome } from './seed';

export interface CreditWorld {
	sims: Simulators;
	scenario: Scenario;
	perKind: number;
	shopifyCredentials: { shopifyAdminGraphqlApi: IDataObject };
	xoroCredentials: { xoroApi: IDataObject };
	/** Shopify Transactions over the last hour with these parameters (operation included) */
	readShopify(parameters: IDataObject): Promise<INodeExecutionData[]>;
	/** Loop processes `count` native exchanges (Shopify's exchange engine), each on an order of its own */
	addNativeExchanges(count: number): void;
	close(): Promise<void>;
}

const KINDS = ['credit', 'refund', 'exchange'] as const;
/** Loop return ids of the bench's outcomes (the scenario's own are 250447xx and 26xxxxxx) */
const FIRST_RETURN_ID = 27000000;
const REDEEMED = 10;

export async function startCreditWorld(perKind: number, nativeExchanges: number, xoroPace: number): Promise<CreditWorld> {
	const scenario = benchScenario({ extraOrders: KINDS.length * perKind + nativeExchanges });
	// The Xoro simulator does not throttle: the credential's pace keeps requests apart.
	const sims = await startSimulators({ scenario, xoroPacePerSecond: 0 });
	const orders = extraOrders(scenario);
	let nextOrder = 0;
	let nextReturnId = FIRST_RETURN_ID;
	const outcome = (kind: (typeof KINDS)[number], native = false) =>
		sims.shopify.applyLoopOutcome(loopOutcome(scenario, orders[nextOrder++], kind, String(nextReturnId++)), native ? { native: true } : undefined);

	for (const kind of KINDS) for (let i = 0; i < perKind; i++) outcome(kind);
	// Each Loop card issued above is spent, in part, on a new order.
	const loopCards = sims.shopify.store.giftCards.filter((g) => /Loop return ID: 27\d{6}$/.test(g.note ?? ''));
	for (const card of loopCards) sims.shopify.spendGiftCard({ giftCardId: card.id, amount: REDEEMED });

	const shopifyCredentials = {
		shopifyAdminGraphqlApi: { shop: scenario.shop.domain, adminUrlOverride: sims.shopify.adminUrl, authentication: 'accessToken', accessToken: sims.shopify.accessToken },
	};
	return {
		sims,
		scenario,
		perKind,
		shopifyCredentials,
		xoroCredentials: { xoroApi: { ...sims.xoro.credentials, requestsPerSecond: xoroPace } },
		readShopify: async (parameters) => {
			const window = { windowMode: 'range', since: new Date(Date.now() - 3_600_000).toISOString(), until: new Date(Date.now() + 60_000).toISOString() };
			const [out] = await runNode(new ShopifyTransactions(), { parameters: { ...window, ...parameters } as never, credentials: shopifyCredentials as never });
			return out.map((i) => ({ json: i.json }));
		},
		addNativeExchanges: (count) => {
			for (let i = 0; i < count; i++) outcome('exchange', true);
		},
		close: () => sims.close(),
	};
}
