/**
 * Every GraphQL document the node sends, with what one node of each list costs. Shopify prices a
 * query before it runs (docs/apis.md §S3, https://shopify.dev/docs/api/usage/rate-limits): a scalar
 * 0, an object 1, a connection 2 + first × its node, a plain list of objects first × each (one
 * without `first`, such as customAttributes, as 10), nodes(ids:) one object per id. The transport
 * sizes pages and batches from these costs to stay within the single-query limit (1000) and the
 * bucket, and halves a page when Shopify still says MAX_COST_EXCEEDED; test/shopify/queryCost.test.ts
 * prices each document as the simulator does and checks it against the cost written here.
 */

const MONEY = 'amount currencyCode';
/** 1 */
const CUSTOMER = 'customer { id email displayName }';
/** 10 (a plain list without `first`) */
const ATTRIBUTES = 'customAttributes { key value }';
/** 3 inside the line: variant, originalUnitPriceSet and its shopMoney */
const LINE_ITEM = `id sku name quantity variant { id sku } originalUnitPriceSet { shopMoney { ${MONEY} } }`;
/** A line the customer buys, with the discount on it (Loop's exchange credit on an EXC- order): 5 inside. */
const SOLD_LINE_ITEM = `${LINE_ITEM} totalDiscountSet { shopMoney { ${MONEY} } }`;
/** The order a refund or return is on, as the output names it: 12 (the order, its customer, its attributes). */
const ORDER_REF = `order { id legacyResourceId name email tags ${ATTRIBUTES} ${CUSTOMER} }`;

/**
 * Order.refunds and Order.transactions are plain lists, not connections: they cannot be paged. A page
 * of orders asks for this many; an order that fills it is read again alone with PLAIN_LIST_MAX.
 */
export const REFUNDS_PER_ORDER = 3;
export const TRANSACTIONS_PER_ORDER = 5;
export const PLAIN_LIST_MAX = 250;

/**
 * How many of a nested connection's nodes a list query asks for: most refunds, returns and exchange
 * orders fit; the rest of a longer one is paged by its parent's id (helpers/nested.ts).
 */
const REFUND_LINES_FIRST = 3;
const REFUND_TRANSACTIONS_FIRST = 2;
const EXCHANGE_ORDER_LINES_FIRST = 3;
const RETURNS_PER_ORDER = 1;
const EXCHANGE_LINES_FIRST = 2;
const RETURNED_LINES_FIRST = 5;

const GIFT_CARD_FIELDS = `id createdAt updatedAt enabled lastCharacters note
	initialValue { ${MONEY} } balance { ${MONEY} } ${CUSTOMER} order { id name }`;

/** 3: the transaction and its amountSet with shopMoney */
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
/** The card, initialValue, balance, customer, order */
export const LOOP_GIFT_CARD_COST = 5;

/** Gift cards by id: the cards that paid for orders. */
export const GIFT_CARDS = `query GiftCards($ids: [ID!]!) {
	nodes(ids: $ids) { ... on GiftCard { id createdAt enabled lastCharacters note initialValue { ${MONEY} } ${CUSTOMER} order { id name } } }
}`;
/** The card, initialValue, customer, order */
export const GIFT_CARD_COST = 4;

/** Orders changed in the window, with the ids of their refunds (the refunds are read by id, in batches). */
export const CHANGED_ORDERS = `query ChangedOrders($first: Int!, $after: String, $query: String!) {
	orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
		pageInfo { hasNextPage endCursor }
		nodes { id name updatedAt refunds(first: ${REFUNDS_PER_ORDER}) { id createdAt } }
	}
}`;
/** The order and each refund slot */
export const CHANGED_ORDER_COST = 1 + REFUNDS_PER_ORDER;

/** One order's refunds, when its page filled REFUNDS_PER_ORDER. */
export const ORDER_REFUNDS = `query OrderRefunds($id: ID!) {
	order(id: $id) { refunds(first: ${PLAIN_LIST_MAX}) { id createdAt } }
}`;

/** One order's payments, when its page filled TRANSACTIONS_PER_ORDER. */
export const ORDER_TRANSACTIONS = `query OrderTransactions($id: ID!) {
	order(id: $id) { transactions(first: ${PLAIN_LIST_MAX}) { ${TRANSACTION} } }
}`;

/** 4: the return and its first exchange line's id (whether it has any) */
const RETURN_SUMMARIES = `pageInfo { hasNextPage endCursor } nodes { id status exchangeLineItems(first: 1) { nodes { id } } }`;

/** Orders changed in the window with their returns, and whether each return has exchange items. */
export const CHANGED_ORDERS_WITH_RETURNS = `query ChangedOrdersWithReturns($first: Int!, $after: String, $query: String!) {
	orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
		pageInfo { hasNextPage endCursor }
		nodes { id name updatedAt returns(first: ${RETURNS_PER_ORDER}) { ${RETURN_SUMMARIES} } }
	}
}`;
/** The order and its returns connection */
export const ORDER_WITH_RETURNS_COST = 1 + 2 + RETURNS_PER_ORDER * 4;

export const ORDER_RETURNS_PAGE = `query OrderReturns($id: ID!, $first: Int!, $after: String) {
	order(id: $id) { returns(first: $first, after: $after) { ${RETURN_SUMMARIES} } }
}`;

/**
 * 5 a line: the line, its priceSet with shopMoney, its lineItem and variant. RefundLineItem.priceSet is
 * non-null (gql:2025-10/objects/RefundLineItem), so the line item's own price is not asked for.
 */
const REFUND_LINES = `pageInfo { hasNextPage endCursor }
	nodes { quantity restocked priceSet { shopMoney { ${MONEY} } } lineItem { id sku name quantity variant { id sku } } }`;
const REFUND_LINE_COST = 5;

const REFUND_TRANSACTIONS = `pageInfo { hasNextPage endCursor }
	nodes { id kind status gateway processedAt createdAt amountSet { shopMoney { ${MONEY} } } }`;

/** Refunds by id, with their order, Shopify return, lines and transactions. */
export const REFUNDS = `query Refunds($ids: [ID!]!) {
	nodes(ids: $ids) {
		... on Refund {
			id createdAt note
			${ORDER_REF}
			return { id name }
			refundLineItems(first: ${REFUND_LINES_FIRST}) { ${REFUND_LINES} }
			transactions(first: ${REFUND_TRANSACTIONS_FIRST}) { ${REFUND_TRANSACTIONS} }
		}
	}
}`;
/** The refund, its order, its return, its lines and transactions connections */
export const REFUND_COST = 1 + 12 + 1 + (2 + REFUND_LINES_FIRST * REFUND_LINE_COST) + (2 + REFUND_TRANSACTIONS_FIRST * 3);

export const REFUND_TRANSACTIONS_PAGE = `query RefundTransactions($id: ID!, $first: Int!, $after: String) {
	refund(id: $id) { transactions(first: $first, after: $after) { ${REFUND_TRANSACTIONS} } }
}`;

export const REFUND_LINES_PAGE = `query RefundLines($id: ID!, $first: Int!, $after: String) {
	refund(id: $id) { refundLineItems(first: $first, after: $after) { ${REFUND_LINES} } }
}`;

/** 6 a line */
const ORDER_LINES = `pageInfo { hasNextPage endCursor } nodes { ${SOLD_LINE_ITEM} }`;

/** New orders in the window named with an exchange prefix or tagged (the query string says which). */
export const EXCHANGE_ORDERS = `query ExchangeOrders($first: Int!, $after: String, $query: String!) {
	orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT) {
		pageInfo { hasNextPage endCursor }
		nodes { id legacyResourceId name email createdAt tags sourceName ${ATTRIBUTES} ${CUSTOMER}
			totalPriceSet { shopMoney { ${MONEY} } }
			lineItems(first: ${EXCHANGE_ORDER_LINES_FIRST}) { ${ORDER_LINES} } }
	}
}`;
/** The order, its attributes, customer, totalPriceSet with shopMoney, its lines connection */
export const EXCHANGE_ORDER_COST = 1 + 10 + 1 + 2 + (2 + EXCHANGE_ORDER_LINES_FIRST * 6);

export const ORDER_LINES_PAGE = `query OrderLines($id: ID!, $first: Int!, $after: String) {
	order(id: $id) { lineItems(first: $first, after: $after) { ${ORDER_LINES} } }
}`;

/** 61 a line: the line and its plain list of line items (no `first`: 10 × 6) */
const EXCHANGE_LINES = `pageInfo { hasNextPage endCursor }
	nodes { id quantity processedQuantity variantId lineItems { ${SOLD_LINE_ITEM} } }`;
/**
 * What the returned items were worth: the credit a native exchange carries over to the new items.
 * 5 a line: the line, its fulfillment line item, line item, discountedUnitPriceSet with shopMoney.
 */
const RETURNED_LINES = `pageInfo { hasNextPage endCursor }
	nodes { ... on ReturnLineItem { quantity fulfillmentLineItem { lineItem { discountedUnitPriceSet { shopMoney { ${MONEY} } } } } } }`;

/** Returns by id (those with exchange items), with their order, exchange lines and returned lines. */
export const RETURN_EXCHANGES = `query ReturnExchanges($ids: [ID!]!) {
	nodes(ids: $ids) {
		... on Return {
			id name status createdAt closedAt
			${ORDER_REF}
			exchangeLineItems(first: ${EXCHANGE_LINES_FIRST}) { ${EXCHANGE_LINES} }
			returnLineItems(first: ${RETURNED_LINES_FIRST}) { ${RETURNED_LINES} }
		}
	}
}`;
/** The return, its order, its exchange lines and returned lines connections */
export const RETURN_EXCHANGES_COST = 1 + 12 + (2 + EXCHANGE_LINES_FIRST * 61) + (2 + RETURNED_LINES_FIRST * 5);

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
/** The order, its customer, each payment slot */
export const PAID_ORDER_COST = 1 + 1 + TRANSACTIONS_PER_ORDER * 3;

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
