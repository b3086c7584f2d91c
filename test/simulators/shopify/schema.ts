/**
 * The subset of Shopify's Admin GraphQL schema that our queries use, with Shopify's own type and
 * argument names, so graphql-js parses and validates our documents the way Shopify would.
 * Order.refunds and Order.transactions are plain lists (as in Shopify); the rest are connections.
 * `nodes(ids:)` reads any Node by its global id, up to 250 at a time
 * (https://shopify.dev/docs/api/admin-graphql/latest/queries/nodes).
 */
import { buildSchema } from 'graphql';

const connection = (name: string) => `
	type ${name}Connection { edges: [${name}Edge!]! nodes: [${name}!]! pageInfo: PageInfo! }
	type ${name}Edge { cursor: String! node: ${name}! }`;

const paging = 'first: Int, after: String, last: Int, before: String, reverse: Boolean = false';

export const SDL = `
	scalar DateTime
	scalar Date
	scalar Decimal
	scalar JSON
	scalar UnsignedInt64
	scalar URL

	type Query {
		shop: Shop!
		currentAppInstallation: AppInstallation!
		orders(${paging}, query: String, sortKey: OrderSortKeys = ID, savedSearchId: ID): OrderConnection!
		order(id: ID!): Order
		refund(id: ID!): Refund
		return(id: ID!): Return
		giftCards(${paging}, query: String, sortKey: GiftCardSortKeys = ID, savedSearchId: ID): GiftCardConnection!
		giftCard(id: ID!): GiftCard
		node(id: ID!): Node
		nodes(ids: [ID!]!): [Node]!
		bulkOperation(id: ID!): BulkOperation
		currentBulkOperation(type: String): BulkOperation
	}

	type Mutation {
		bulkOperationRunQuery(query: String!, groupObjects: Boolean): BulkOperationRunQueryPayload
	}
	type UserError { field: [String!] message: String! }
	enum BulkOperationStatus { CANCELED CANCELING COMPLETED CREATED EXPIRED FAILED RUNNING }
	enum BulkOperationErrorCode { ACCESS_DENIED INTERNAL_SERVER_ERROR TIMEOUT }
	type BulkOperation {
		id: ID! status: BulkOperationStatus! errorCode: BulkOperationErrorCode query: String! createdAt: DateTime! completedAt: DateTime
		objectCount: UnsignedInt64! rootObjectCount: UnsignedInt64! fileSize: UnsignedInt64 url: URL partialDataUrl: URL
	}
	type BulkOperationRunQueryPayload { bulkOperation: BulkOperation userErrors: [UserError!]! }

	enum CurrencyCode { USD CAD EUR GBP AUD }
	enum OrderSortKeys { CREATED_AT CUSTOMER_NAME FINANCIAL_STATUS FULFILLMENT_STATUS ID NUMBER PROCESSED_AT RELEVANCE TOTAL_PRICE UPDATED_AT }
	enum GiftCardSortKeys { AMOUNT_SPENT BALANCE CODE CREATED_AT CUSTOMER_NAME DISABLED_AT EXPIRES_ON ID INITIAL_VALUE RELEVANCE UPDATED_AT }
	enum OrderTransactionKind { AUTHORIZATION CAPTURE CHANGE EMV_AUTHORIZATION REFUND SALE SUGGESTED_REFUND VOID }
	enum OrderTransactionStatus { AWAITING_RESPONSE ERROR FAILURE PENDING SUCCESS UNKNOWN }
	enum OrderDisplayFinancialStatus { AUTHORIZED EXPIRED PAID PARTIALLY_PAID PARTIALLY_REFUNDED PENDING REFUNDED VOIDED }
	enum OrderReturnStatus { INSPECTION_COMPLETE IN_PROGRESS NO_RETURN RETURNED RETURN_FAILED RETURN_REQUESTED }
	enum ReturnStatus { CANCELED CLOSED DECLINED OPEN REQUESTED }
	enum RefundLineItemRestockType { CANCEL LEGACY_RESTOCK NO_RESTOCK RETURN }

	interface Node { id: ID! }

	type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
	type MoneyV2 { amount: Decimal! currencyCode: CurrencyCode! }
	type MoneyBag { shopMoney: MoneyV2! presentmentMoney: MoneyV2! }
	type Attribute { key: String! value: String }

	type ShopPlan { displayName: String! partnerDevelopment: Boolean! shopifyPlus: Boolean! }
	type Shop { id: ID! name: String! email: String myshopifyDomain: String! currencyCode: CurrencyCode! plan: ShopPlan! }
	type AccessScope { handle: String! description: String! }
	type App { id: ID! title: String! apiKey: String! }
	type AppInstallation { id: ID! accessScopes: [AccessScope!]! app: App! }
	type OrderApp { id: ID! name: String! }

	type Customer implements Node { id: ID! legacyResourceId: UnsignedInt64! email: String firstName: String lastName: String displayName: String! }
	type ProductVariant implements Node { id: ID! legacyResourceId: UnsignedInt64! sku: String barcode: String title: String! displayName: String! }

	type LineItem implements Node {
		id: ID! name: String! title: String! sku: String quantity: Int! currentQuantity: Int!
		variant: ProductVariant originalUnitPriceSet: MoneyBag! discountedUnitPriceSet: MoneyBag!
		totalDiscountSet: MoneyBag!
	}
	${connection('LineItem')}

	type OrderTransaction implements Node {
		id: ID! kind: OrderTransactionKind! status: OrderTransactionStatus! gateway: String formattedGateway: String
		createdAt: DateTime! processedAt: DateTime receiptJson: JSON test: Boolean! amountSet: MoneyBag!
		parentTransaction: OrderTransaction order: Order
	}
	${connection('OrderTransaction')}

	type Order implements Node {
		id: ID! legacyResourceId: UnsignedInt64! name: String! email: String note: String
		createdAt: DateTime! updatedAt: DateTime! processedAt: DateTime! closedAt: DateTime cancelledAt: DateTime
		tags: [String!]! sourceName: String app: OrderApp customer: Customer customAttributes: [Attribute!]!
		currencyCode: CurrencyCode! totalPriceSet: MoneyBag! totalDiscountsSet: MoneyBag displayFinancialStatus: OrderDisplayFinancialStatus
		returnStatus: OrderReturnStatus! paymentGatewayNames: [String!]!
		lineItems(${paging}): LineItemConnection!
		transactions(first: Int, capturable: Boolean, manuallyResolvable: Boolean): [OrderTransaction!]!
		refunds(first: Int): [Refund!]!
		returns(${paging}, query: String): ReturnConnection!
	}
	${connection('Order')}

	type RefundLineItem {
		id: ID quantity: Int! restocked: Boolean! restockType: RefundLineItemRestockType! lineItem: LineItem!
		priceSet: MoneyBag! subtotalSet: MoneyBag! totalTaxSet: MoneyBag!
	}
	${connection('RefundLineItem')}

	type Refund implements Node {
		id: ID! legacyResourceId: UnsignedInt64! createdAt: DateTime updatedAt: DateTime! note: String
		order: Order! return: Return totalRefundedSet: MoneyBag!
		refundLineItems(${paging}): RefundLineItemConnection!
		transactions(${paging}): OrderTransactionConnection!
	}
	${connection('Refund')}

	interface ReturnLineItemType { id: ID! quantity: Int! returnReasonNote: String! customerNote: String }
	type FulfillmentLineItem { id: ID! quantity: Int lineItem: LineItem! }
	type ReturnLineItem implements ReturnLineItemType {
		id: ID! quantity: Int! returnReasonNote: String! customerNote: String fulfillmentLineItem: FulfillmentLineItem!
	}
	type ReturnLineItemTypeConnection { edges: [ReturnLineItemTypeEdge!]! nodes: [ReturnLineItemType!]! pageInfo: PageInfo! }
	type ReturnLineItemTypeEdge { cursor: String! node: ReturnLineItemType! }

	type ExchangeLineItem {
		id: ID quantity: Int! processedQuantity: Int! processableQuantity: Int! unprocessedQuantity: Int!
		variantId: ID lineItems: [LineItem!] lineItem: LineItem @deprecated(reason: "Use lineItems instead.")
	}
	${connection('ExchangeLineItem')}

	type Return implements Node {
		id: ID! name: String! status: ReturnStatus! createdAt: DateTime closedAt: DateTime totalQuantity: Int! order: Order!
		returnLineItems(${paging}): ReturnLineItemTypeConnection!
		exchangeLineItems(${paging}, includeRemovedItems: Boolean = false): ExchangeLineItemConnection!
		refunds(${paging}): RefundConnection!
	}
	${connection('Return')}

	type GiftCard implements Node {
		id: ID! legacyResourceId: UnsignedInt64! createdAt: DateTime! updatedAt: DateTime! enabled: Boolean!
		expiresOn: Date deactivatedAt: DateTime disabledAt: DateTime @deprecated(reason: "Use deactivatedAt instead.")
		lastCharacters: String! maskedCode: String! note: String
		initialValue: MoneyV2! balance: MoneyV2! customer: Customer order: Order
	}
	${connection('GiftCard')}
`;

export const schema = buildSchema(SDL);
