/**
 * Every GraphQL document the node sends. Each stays well under Shopify's 1000-point single-query
 * limit at its default page size (cost ≈ 2 + first × per-node cost); the transport halves the page
 * when Shopify still says MAX_COST_EXCEEDED.
 */

const MONEY = 'amount currencyCode';
const CUSTOMER = 'customer { id email displayName }';
const LINE_ITEM = `id sku name quantity variant { id sku } originalUnitPriceSet { shopMoney { ${MONEY} } }`;
/** A line the customer buys: with the discount on it (Loop's exchange credit on an EXC- order). */
const SOLD_LINE_ITEM = `${LINE_ITEM} totalDiscountSet { shopMoney { ${MONEY} } }`;

/**
 * Order.refunds and Order.transactions are plain lists, not connections: they cannot be paged. A page
 * of orders asks for this many; an order that fills it is read again alone with PLAIN_LIST_MAX.
 */
export const REFUNDS_PER_ORDER = 20;
export const TRANSACTIONS_PER_ORDER = 10;
export const PLAIN_LIST_MAX = 250;

const GIFT_CARD_FIELDS = `id createdAt updatedAt enabled lastCharacters note
	initialValue { ${MONEY} } balance { ${MONEY} } ${CUSTOMER} order { id name }`;

const TRANSACTION = `id kind status gateway processedAt createdAt receiptJson amountSet { shopMoney { ${MONEY} } }`;

const PAID_ORDER_FIELDS = `id legacyResourceId name email createdAt ${CUSTOMER}
	transactions(first: ${TRANSACTIONS_PER_ORDER}) { ${TRANSACTION} }`;

/** Gift cards made by an API client in the window; Loop's are recognised by their note. */
export const LOOP_GIFT_CARDS = `query LoopGiftCards($first: Int!, $after: String, $query: String!) {
	giftCards(first: $first, after: $after, query: $query, sortKey: CREATED_AT) {
		pageInfo { hasNextPage endCursor }
		nodes { ${GIFT_CARD_FIELDS} }
	}
}`;

export const GIFT_CARD = `query GiftCard($id: ID!) {
	giftCard(id: $id) { id createdAt enabled lastCharacters note initialValue { ${MONEY} } ${CUSTOMER} order { id name } }
}`;

/** Orders changed in the window, with the ids of their refunds and returns (details come per id). */
export const CHANGED_ORDERS = `query ChangedOrders($first: Int!, $after: String, $query: String!) {
	orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
		pageInfo { hasNextPage endCursor }
		nodes { id legacyResourceId name email updatedAt tags ${CUSTOMER} refunds(first: ${REFUNDS_PER_ORDER}) { id createdAt } }
	}
}`;

/** One order's refunds, when its page filled REFUNDS_PER_ORDER. */
export const ORDER_REFUNDS = `query OrderRefunds($id: ID!) {
	order(id: $id) { refunds(first: ${PLAIN_LIST_MAX}) { id createdAt } }
}`;

/** One order's payments, when its page filled TRANSACTIONS_PER_ORDER. */
export const ORDER_TRANSACTIONS = `query OrderTransactions($id: ID!) {
	order(id: $id) { transactions(first: ${PLAIN_LIST_MAX}) { ${TRANSACTION} } }
}`;

const RETURN_SUMMARIES = `pageInfo { hasNextPage endCursor } nodes { id status exchangeLineItems(first: 1) { nodes { id } } }`;

/** Orders changed in the window with their returns, and whether each return has exchange items. */
export const CHANGED_ORDERS_WITH_RETURNS = `query ChangedOrdersWithReturns($first: Int!, $after: String, $query: String!) {
	orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
		pageInfo { hasNextPage endCursor }
		nodes { id legacyResourceId name email updatedAt tags ${CUSTOMER}
			returns(first: 10) { ${RETURN_SUMMARIES} } }
	}
}`;

export const ORDER_RETURNS_PAGE = `query OrderReturns($id: ID!, $first: Int!, $after: String) {
	order(id: $id) { returns(first: $first, after: $after) { ${RETURN_SUMMARIES} } }
}`;

const REFUND_LINES = `pageInfo { hasNextPage endCursor }
	nodes { quantity restocked priceSet { shopMoney { ${MONEY} } } lineItem { ${LINE_ITEM} } }`;

const REFUND_TRANSACTIONS = `pageInfo { hasNextPage endCursor }
	nodes { id kind status gateway processedAt createdAt amountSet { shopMoney { ${MONEY} } } }`;

export const REFUND = `query Refund($id: ID!) {
	refund(id: $id) {
		id createdAt note
		order { id legacyResourceId name email tags customAttributes { key value } ${CUSTOMER} }
		return { id name }
		refundLineItems(first: 50) { ${REFUND_LINES} }
		transactions(first: 20) { ${REFUND_TRANSACTIONS} }
	}
}`;

export const REFUND_TRANSACTIONS_PAGE = `query RefundTransactions($id: ID!, $first: Int!, $after: String) {
	refund(id: $id) { transactions(first: $first, after: $after) { ${REFUND_TRANSACTIONS} } }
}`;

export const REFUND_LINES_PAGE = `query RefundLines($id: ID!, $first: Int!, $after: String) {
	refund(id: $id) { refundLineItems(first: $first, after: $after) { ${REFUND_LINES} } }
}`;

const ORDER_LINES = `pageInfo { hasNextPage endCursor } nodes { ${SOLD_LINE_ITEM} }`;

/** New orders in the window named with an exchange prefix or tagged (the query string says which). */
export const EXCHANGE_ORDERS = `query ExchangeOrders($first: Int!, $after: String, $query: String!) {
	orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT) {
		pageInfo { hasNextPage endCursor }
		nodes { id legacyResourceId name email createdAt tags sourceName customAttributes { key value } ${CUSTOMER}
			totalPriceSet { shopMoney { ${MONEY} } }
			lineItems(first: 30) { ${ORDER_LINES} } }
	}
}`;

export const ORDER_LINES_PAGE = `query OrderLines($id: ID!, $first: Int!, $after: String) {
	order(id: $id) { lineItems(first: $first, after: $after) { ${ORDER_LINES} } }
}`;

const EXCHANGE_LINES = `pageInfo { hasNextPage endCursor }
	nodes { id quantity processedQuantity variantId lineItems { ${SOLD_LINE_ITEM} } }`;
/** What the returned items were worth: the credit a native exchange carries over to the new items. */
const RETURNED_LINES = `pageInfo { hasNextPage endCursor }
	nodes { ... on ReturnLineItem { quantity fulfillmentLineItem { lineItem { discountedUnitPriceSet { shopMoney { ${MONEY} } } } } } }`;

export const RETURN_EXCHANGES = `query ReturnExchanges($id: ID!) {
	return(id: $id) {
		id name status createdAt closedAt
		order { id legacyResourceId name email tags customAttributes { key value } ${CUSTOMER} }
		exchangeLineItems(first: 5) { ${EXCHANGE_LINES} }
		returnLineItems(first: 20) { ${RETURNED_LINES} }
	}
}`;

export const RETURN_EXCHANGE_LINES_PAGE = `query ReturnExchangeLines($id: ID!, $first: Int!, $after: String) {
	return(id: $id) { exchangeLineItems(first: $first, after: $after) { ${EXCHANGE_LINES} } }
}`;

export const RETURNED_LINES_PAGE = `query ReturnedLines($id: ID!, $first: Int!, $after: String) {
	return(id: $id) { returnLineItems(first: $first, after: $after) { ${RETURNED_LINES} } }
}`;

/** Orders created in the window with their payments; gift-card payments are picked out of these. */
export const PAID_ORDERS = `query PaidOrders($first: Int!, $after: String, $query: String!) {
	orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT) {
		pageInfo { hasNextPage endCursor }
		nodes { ${PAID_ORDER_FIELDS} }
	}
}`;

// ---- bulk operations: the same reads for long backfills, without paging or cost limits ----

export const BULK_RUN = `mutation BulkRun($query: String!) {
	bulkOperationRunQuery(query: $query) { bulkOperation { id status } userErrors { field message } }
}`;

export const BULK_STATUS = `query BulkStatus($id: ID!) {
	bulkOperation(id: $id) { id status errorCode objectCount url partialDataUrl }
}`;

/** A search string as a GraphQL string literal inside a bulk query. */
const literal = (search: string) => JSON.stringify(search);

export const bulkLoopGiftCards = (search: string) =>
	`{ giftCards(query: ${literal(search)}, sortKey: CREATED_AT) { edges { node { ${GIFT_CARD_FIELDS} } } } }`;

export const bulkPaidOrders = (search: string) =>
	`{ orders(query: ${literal(search)}, sortKey: CREATED_AT) { edges { node { ${PAID_ORDER_FIELDS} } } } }`;

export const ACCESS_SCOPES = `query AccessScopes { currentAppInstallation { accessScopes { handle } } }`;
