/**
 * How the simulators cooperate the way the real services do: Loop processing a return makes the
 * outcome appear in Shopify; a new Shopify order is imported into Xoro by Xoro's own Shopify app.
 * `startSimulators` wires these; each simulator only emits or accepts them.
 */
import type { ScenarioOutcome } from './scenario';

export interface OutcomeLine {
	variantId: string;
	sku: string;
	title: string;
	quantity: number;
	price: number;
	/** Discount on the line, all units (new orders: Loop's exchange credit) */
	discount?: number;
}

/** Emitted by the Loop simulator when a processed return closes. */
export interface LoopReturnProcessed {
	returnId: string;
	/** Shopify numeric order id of the original order */
	orderId: string;
	orderName: string;
	outcome: ScenarioOutcome;
	amount: number;
	currency: string;
	customerEmail: string;
	returnedLines: OutcomeLine[];
	/** Only for exchanges: what the customer receives */
	exchangeLines: OutcomeLine[];
	/** The Process call's body: Loop adds it to new orders as Additional Details */
	additionalDetails: Record<string, string>;
	/** The exchange order name Loop reserves, e.g. "EXC-1003-1" */
	exchangeOrderName: string | null;
}

/** Emitted by the Shopify simulator for every new order (exchange orders, gift-card purchases). */
export interface ShopifyOrderCreated {
	orderId: string;
	orderName: string;
	customerEmail: string;
	currency: string;
	total: number;
	lines: OutcomeLine[];
	createdAt: string;
}
