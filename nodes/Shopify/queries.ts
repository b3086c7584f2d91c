/**
 * Every GraphQL document the node sends. Each stays well under Shopify's 1000-point single-query
 * limit at its default page size (cost ≈ 2 + first × per-node cost); the transport halves the page
 * when Shopify still says MAX_COST_EXCEEDED.
 */

const MONEY = 'amount currencyCode';
const CUSTOMER = 'customer { id email displayName }';
const LINE_ITEM = `id sku name quantity variant { id sku } originalUnitPriceSet { shopMoney { ${MONEY} } }`;

const GIFT_CARD_FIELDS = `id createdAt updatedAt enabled lastCharacters note
	initialValue { ${MONEY} } balance { ${MONEY} } ${CUSTOMER} order { id name }`;

const PAID_ORDER_FIELDS = `id legacyResourceId name email createdAt ${CUSTOMER}
	transactions(first: 10) { id kind status gateway processedAt createdAt receiptJson amountSet { shopMoney { ${MONEY} } } }`;

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
		nodes { id legacyResourceId name email updatedAt tags ${CUSTOMER} refunds(first: 20) { id createdAt } }
	}
}`;

/** Orders changed in the window with their returns, and whether each return has exchange items. */
export const CHANGED_ORDERS_WITH_RETURNS = `query ChangedOrdersWithReturns($first: Int!, $after: String, $query: String!) {
	orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
		pageInfo { hasNextPage endCursor }
		nodes { id legacyResourceId name email updatedAt tags ${CUSTOMER}
			returns(first: 10) { pageInfo { hasNextPage endCursor } nodes { id status exchangeLineItems(first: 1) { nodes { id } } } } }
	}
}`;

const REFUND_LINES = `pageInfo { hasNextPage endCursor }
	nodes { quantity restocked priceSet { shopMoney { ${MONEY} } } lineItem { ${LINE_ITEM} } }`;

export const REFUND = `query Refund($id: ID!) {
	refund(id: $id) {
		id createdAt note
		order { id legacyResourceId name email tags customAttributes { key value } ${CUSTOMER} }
		return { id name }
		refundLineItems(first: 50) { ${REFUND_LINES} }
		transactions(first: 20) { pageInfo { hasNextPage endCursor }
			nodes { id kind status gateway processedAt createdAt amountSet { shopMoney { ${MONEY} } } } }
	}
}`;

export const REFUND_LINES_PAGE = `query RefundLines($id: ID!, $first: Int!, $after: String) {
	refund(id: $id) { refundLineItems(first: $first, after: $after) { ${REFUND_LINES} } }
}`;

/** New orders in the window named with an exchange prefix or tagged (the query string says which). */
export const EXCHANGE_ORDERS = `query ExchangeOrders($first: Int!, $after: String, $query: String!) {
	orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT) {
		pageInfo { hasNextPage endCursor }
		nodes { id legacyResourceId name email createdAt tags sourceName customAttributes { key value } ${CUSTOMER}
			totalPriceSet { shopMoney { ${MONEY} } }
			lineItems(first: 30) { pageInfo { hasNextPage endCursor } nodes { ${LINE_ITEM} } } }
	}
}`;

export const RETURN_EXCHANGES = `query ReturnExchanges($id: ID!) {
	return(id: $id) {
		id name status createdAt closedAt
		order { id legacyResourceId name email tags customAttributes { key value } ${CUSTOMER} }
		exchangeLineItems(first: 10) { pageInfo { hasNextPage endCursor }
			nodes { id quantity processedQuantity variantId lineItems { ${LINE_ITEM} } } }
	}
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
