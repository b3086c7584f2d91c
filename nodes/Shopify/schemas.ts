/**
 * What we read from Shopify's Admin GraphQL API, checked with zod. Unknown fields pass through
 * (Shopify adds fields every quarter); what we rely on must be there with the right type.
 */
import { z } from 'zod';

// ---- the envelope every answer has ----

export const throttleStatusSchema = z.object({
	maximumAvailable: z.number(),
	currentlyAvailable: z.number(),
	restoreRate: z.number(),
});
export type ThrottleStatus = z.infer<typeof throttleStatusSchema>;

export const costSchema = z.object({
	requestedQueryCost: z.number().nullable().optional(),
	actualQueryCost: z.number().nullable().optional(),
	throttleStatus: throttleStatusSchema.optional(),
});
export type QueryCost = z.infer<typeof costSchema>;

export const graphqlErrorSchema = z
	.object({
		message: z.string(),
		path: z.array(z.union([z.string(), z.number()])).optional(),
		extensions: z.object({ code: z.string().optional(), requiredAccess: z.string().optional() }).passthrough().optional(),
	})
	.passthrough();
export type GraphqlError = z.infer<typeof graphqlErrorSchema>;

export const envelopeSchema = z
	.object({
		data: z.unknown().optional(),
		// A bad token answers {"errors": "[API] Invalid API key …"}: a string, not a list.
		errors: z.union([z.array(graphqlErrorSchema), z.string(), z.record(z.unknown())]).optional(),
		extensions: z.object({ cost: costSchema.optional() }).passthrough().optional(),
	})
	.passthrough();

// ---- building blocks ----

const money = z.object({ amount: z.coerce.number(), currencyCode: z.string() });
const moneyBag = z.object({ shopMoney: money });
const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });

const customerSchema = z
	.object({ id: z.string(), email: z.string().nullable().optional(), displayName: z.string().nullable().optional() })
	.nullable()
	.optional();

const orderRef = z.object({
	id: z.string(),
	legacyResourceId: z.coerce.string().optional(),
	name: z.string(),
	email: z.string().nullable().optional(),
	customer: customerSchema,
});

const lineItem = z.object({
	id: z.string(),
	sku: z.string().nullable().optional(),
	name: z.string().nullable().optional(),
	title: z.string().nullable().optional(),
	quantity: z.number().optional(),
	variant: z.object({ id: z.string(), sku: z.string().nullable().optional() }).nullable().optional(),
	originalUnitPriceSet: moneyBag.optional(),
	totalDiscountSet: moneyBag.optional(),
});
export type LineItem = z.infer<typeof lineItem>;

/** Shopify sends receiptJson as a JSON string; be tolerant of an object too. */
const receipt = z
	.union([z.string(), z.record(z.unknown()), z.null()])
	.optional()
	.transform((value): Record<string, unknown> => {
		if (!value) return {};
		if (typeof value !== 'string') return value;
		try {
			const parsed = JSON.parse(value) as unknown;
			return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
		} catch {
			return {};
		}
	});

const transaction = z.object({
	id: z.string(),
	kind: z.string(),
	status: z.string(),
	gateway: z.string().nullable().optional(),
	processedAt: z.string().nullable().optional(),
	createdAt: z.string().nullable().optional(),
	receiptJson: receipt,
	amountSet: moneyBag,
});
export type OrderTransaction = z.infer<typeof transaction>;

const connectionOf = <T extends z.ZodTypeAny>(node: T) => z.object({ pageInfo, nodes: z.array(node) });
export type Connection<T> = { pageInfo: z.infer<typeof pageInfo>; nodes: T[] };

// ---- gift cards (credits) ----

export const giftCardSchema = z.object({
	id: z.string(),
	createdAt: z.string(),
	updatedAt: z.string().optional(),
	enabled: z.boolean().optional(),
	lastCharacters: z.string().nullable().optional(),
	note: z.string().nullable().optional(),
	initialValue: money,
	balance: money.optional(),
	customer: customerSchema,
	order: z.object({ id: z.string(), name: z.string() }).nullable().optional(),
});
export type GiftCard = z.infer<typeof giftCardSchema>;

export const giftCardsPageSchema = z.object({ giftCards: connectionOf(giftCardSchema) });
export const giftCardsByIdSchema = z.object({ nodes: z.array(giftCardSchema.nullable()) });

// ---- orders changed in a window (refunds, native exchanges) ----

const returnSummaries = connectionOf(
	z.object({
		id: z.string(),
		status: z.string(),
		exchangeLineItems: z.object({ nodes: z.array(z.object({ id: z.string().nullable() })) }).optional(),
	}),
);

/** An order changed in the window: only which refunds or returns it has (those are read by id). */
const changedOrderSchema = z.object({
	id: z.string(),
	name: z.string(),
	updatedAt: z.string(),
	refunds: z.array(z.object({ id: z.string(), createdAt: z.string().nullable() })).optional(),
	returns: returnSummaries.optional(),
});
export const changedOrdersPageSchema = z.object({ orders: connectionOf(changedOrderSchema) });
export const orderRefundsSchema = z.object({
	order: z.object({ refunds: z.array(z.object({ id: z.string(), createdAt: z.string().nullable() })) }).nullable(),
});
export const orderReturnsPageSchema = z.object({ order: z.object({ returns: returnSummaries }).nullable() });

// ---- one refund ----

const refundLineSchema = z.object({
	quantity: z.number(),
	restocked: z.boolean().optional(),
	priceSet: moneyBag.optional(),
	lineItem,
});

export const refundSchema = z.object({
	id: z.string(),
	createdAt: z.string().nullable(),
	note: z.string().nullable().optional(),
	order: orderRef.extend({
		tags: z.array(z.string()).optional(),
		customAttributes: z.array(z.object({ key: z.string(), value: z.string().nullable() })).optional(),
	}),
	return: z.object({ id: z.string(), name: z.string().nullable().optional() }).nullable().optional(),
	refundLineItems: connectionOf(refundLineSchema),
	transactions: connectionOf(transaction),
});
export type Refund = z.infer<typeof refundSchema>;
export const refundsByIdSchema = z.object({ nodes: z.array(refundSchema.nullable()) });
export const refundLinesPageSchema = z.object({
	refund: z.object({ refundLineItems: connectionOf(refundLineSchema) }).nullable(),
});
export const refundTransactionsPageSchema = z.object({
	refund: z.object({ transactions: connectionOf(transaction) }).nullable(),
});

// ---- exchange orders ----

export const exchangeOrderSchema = orderRef.extend({
	createdAt: z.string(),
	tags: z.array(z.string()),
	sourceName: z.string().nullable().optional(),
	customAttributes: z.array(z.object({ key: z.string(), value: z.string().nullable() })).optional(),
	totalPriceSet: moneyBag,
	lineItems: connectionOf(lineItem),
});
export type ExchangeOrder = z.infer<typeof exchangeOrderSchema>;
export const exchangeOrdersPageSchema = z.object({ orders: connectionOf(exchangeOrderSchema) });
export const orderLinesPageSchema = z.object({ order: z.object({ lineItems: connectionOf(lineItem) }).nullable() });

// ---- native exchanges: a Return with exchange line items ----

const exchangeLineSchema = z.object({
	id: z.string().nullable(),
	quantity: z.number(),
	processedQuantity: z.number().optional(),
	variantId: z.string().nullable().optional(),
	lineItems: z.array(lineItem).nullable().optional(),
});

/** A returned line; other ReturnLineItemType kinds come back without these fields. */
const returnedLineSchema = z.object({
	quantity: z.number().optional(),
	fulfillmentLineItem: z.object({ lineItem: z.object({ discountedUnitPriceSet: moneyBag.optional() }) }).nullable().optional(),
});

export const returnSchema = z.object({
	id: z.string(),
	name: z.string().nullable().optional(),
	status: z.string(),
	createdAt: z.string().nullable().optional(),
	closedAt: z.string().nullable().optional(),
	order: orderRef.extend({
		tags: z.array(z.string()).optional(),
		customAttributes: z.array(z.object({ key: z.string(), value: z.string().nullable() })).optional(),
	}),
	exchangeLineItems: connectionOf(exchangeLineSchema),
	returnLineItems: connectionOf(returnedLineSchema),
});
export type ShopifyReturn = z.infer<typeof returnSchema>;
export const returnsByIdSchema = z.object({ nodes: z.array(returnSchema.nullable()) });
export const returnExchangeLinesPageSchema = z.object({ return: z.object({ exchangeLineItems: connectionOf(exchangeLineSchema) }).nullable() });
export const returnedLinesPageSchema = z.object({ return: z.object({ returnLineItems: connectionOf(returnedLineSchema) }).nullable() });

// ---- orders paid with gift cards (redemptions) ----

export const paidOrderSchema = orderRef.extend({
	createdAt: z.string(),
	transactions: z.array(transaction),
});
export type PaidOrder = z.infer<typeof paidOrderSchema>;
export const paidOrdersPageSchema = z.object({ orders: connectionOf(paidOrderSchema) });
export const orderTransactionsSchema = z.object({ order: z.object({ transactions: z.array(transaction) }).nullable() });

// ---- bulk operations ----

export const bulkRunSchema = z.object({
	bulkOperationRunQuery: z.object({ bulkOperation: z.object({ id: z.string(), status: z.string() }).nullable() }).nullable(),
});
export const bulkStatusSchema = z.object({
	bulkOperation: z
		.object({
			id: z.string(),
			status: z.string(),
			errorCode: z.string().nullable().optional(),
			objectCount: z.coerce.number().optional(),
			url: z.string().nullable().optional(),
			partialDataUrl: z.string().nullable().optional(),
		})
		.nullable(),
});

// ---- access ----

export const accessScopesSchema = z.object({
	currentAppInstallation: z.object({ accessScopes: z.array(z.object({ handle: z.string() })) }),
});
