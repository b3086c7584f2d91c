/**
 * The shapes that cross from one service's nodes to another's.
 * Loop nodes output `LoopReturnItem`; Shopify Transactions outputs `ShopifyTransaction`;
 * the Xoro nodes take both as they are. Change these only additively: three nodes depend on them.
 */

export type LoopReturnState = 'open' | 'closed' | 'cancelled' | 'expired' | 'review';

/** One Loop return line: Loop has no quantity, each line is one unit. */
export interface LoopReturnLine {
	lineItemId: string;
	providerLineItemId: string | null;
	productId: string | null;
	variantId: string | null;
	/** Empty string in Loop becomes null. */
	sku: string | null;
	/** "N/A" in Loop becomes null. */
	barcode: string | null;
	title: string;
	/** Unit price as a positive number (Loop sends "-29.99" on some lines). */
	price: number;
	discount: number;
	tax: number;
	refund: number;
	/** Loop wraps some reasons in literal quotes; they are stripped. */
	returnReason: string | null;
	parentReturnReason: string | null;
	returnComment: string | null;
	outcome: string | null;
	exchangeVariantId: string | null;
}

export interface LoopExchange {
	exchangeId: string;
	exchangeOrderId: string | null;
	exchangeOrderName: string | null;
	productId: string | null;
	variantId: string | null;
	sku: string | null;
	title: string;
	price: number;
	total: number;
}

export interface LoopReturnTotals {
	returnProduct: number;
	returnDiscount: number;
	returnTax: number;
	returnTotal: number;
	returnCredit: number;
	exchangeTotal: number;
	giftCard: number;
	refund: number;
	handlingFee: number;
	upsell: number;
	total: number;
}

/** A Loop return as every Loop node outputs it: normalised fields, with Loop's own body under `raw`. */
export interface LoopReturnItem {
	id: string;
	state: LoopReturnState | string;
	createdAt: string;
	updatedAt: string | null;
	/** Loop's order id. */
	orderId: string | null;
	/** Shopify order name, e.g. "#1086". */
	orderName: string | null;
	/** Shopify order id (numeric, as a string). */
	providerOrderId: string | null;
	orderNumber: string | null;
	customerEmail: string | null;
	currency: string;
	outcome: string | null;
	totals: LoopReturnTotals;
	lineItems: LoopReturnLine[];
	exchanges: LoopExchange[];
	carrier: string | null;
	trackingNumber: string | null;
	labelStatus: string | null;
	statusPageUrl: string | null;
	raw: Record<string, unknown>;
}

export type ShopifyTransactionKind = 'credit' | 'refund' | 'exchange' | 'redemption';

export interface ShopifyMoneyLine {
	sku: string | null;
	variantId: string | null;
	title: string;
	quantity: number;
	/** Per unit, shop currency. */
	unitPrice: number;
	/** Discount on the line, all units, shop currency (on exchanges: Loop's exchange credit). */
	discount?: number;
	restocked?: boolean;
}

export interface ShopifyOrderRef {
	/** gid://shopify/Order/… */
	id: string | null;
	/** "#1086" */
	name: string | null;
	legacyId: string | null;
}

export interface ShopifyCustomerRef {
	id: string | null;
	email: string | null;
	displayName: string | null;
}

interface ShopifyTransactionBase {
	kind: ShopifyTransactionKind;
	/** Stable, unique per transaction: the idempotency key the Xoro side uses as ThirdPartyRefNo. */
	id: string;
	occurredAt: string;
	amount: number;
	currency: string;
	customer: ShopifyCustomerRef | null;
	/** The Loop return this came from, where derivable (gift-card note, order tags, Additional Details). */
	loopReturnId: string | null;
	/** The order the return was made on. */
	originalOrder: ShopifyOrderRef | null;
}

/** Store credit: a gift card Loop issued. */
export interface ShopifyCredit extends ShopifyTransactionBase {
	kind: 'credit';
	giftCard: { id: string; lastCharacters: string | null; note: string | null };
}

/** A refund on the original order, successful transactions only. */
export interface ShopifyRefund extends ShopifyTransactionBase {
	kind: 'refund';
	refundId: string;
	shopifyReturnId: string | null;
	gateways: string[];
	lines: ShopifyMoneyLine[];
}

/** An exchange: a new EXC-/L- order, or a native exchange on the original order. */
export interface ShopifyExchange extends ShopifyTransactionBase {
	kind: 'exchange';
	mode: 'order' | 'native';
	order: ShopifyOrderRef;
	/** At full price, each with its share of the exchange credit as `discount`; `amount` is what the customer paid. */
	lines: ShopifyMoneyLine[];
	/** What the returned items paid for the new ones (the sum of the lines' discounts). */
	exchangeCredit?: number;
}

/** A Loop-issued gift card spent on a later order. */
export interface ShopifyRedemption extends ShopifyTransactionBase {
	kind: 'redemption';
	giftCardId: string;
	order: ShopifyOrderRef;
	transactionId: string;
}

export type ShopifyTransaction = ShopifyCredit | ShopifyRefund | ShopifyExchange | ShopifyRedemption;
