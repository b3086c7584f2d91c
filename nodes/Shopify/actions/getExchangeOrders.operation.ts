/**
 * Get Exchange Orders: Loop's exchanges in both modes. Legacy: a new order named with the exchange
 * prefix (EXC-, older stores L-) or carrying a chosen tag, created in the window. Native: no new
 * order; the Return on the original order lists the exchange line items, and only Loop's count
 * (its tag or Additional Details on the order) unless "Include … Not Made by Loop" is on.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { ShopifyExchange } from '../../mapping/contracts';
import { DEFAULT_LOOP_ORDER_TAGS, orderMarkedByLoop, parseTags } from '../helpers/loopOrigin';
import { allNodes } from '../helpers/nested';
import { exchangeFromOrder, exchangeFromReturn } from '../helpers/normalise';
import { inWindow, searchRange, type TimeWindow } from '../helpers/window';
import {
	CHANGED_ORDERS_WITH_RETURNS,
	EXCHANGE_ORDER_COST,
	EXCHANGE_ORDERS,
	ORDER_LINES_PAGE,
	ORDER_RETURNS_PAGE,
	ORDER_WITH_RETURNS_COST,
	RETURN_EXCHANGE_LINES_PAGE,
	RETURN_EXCHANGES,
	RETURN_EXCHANGES_COST,
	RETURNED_LINES_PAGE,
} from '../queries';
import {
	changedOrdersPageSchema,
	exchangeOrdersPageSchema,
	orderLinesPageSchema,
	orderReturnsPageSchema,
	returnedLinesPageSchema,
	returnExchangeLinesPageSchema,
	returnsByIdSchema,
	type ShopifyReturn,
} from '../schemas';
import type { ShopifyGraphql } from '../transport';

const displayOptions = { show: { operation: ['getExchangeOrders', 'getAll'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Exchange Order Prefixes',
		name: 'exchangePrefixes',
		type: 'string',
		default: 'EXC-,L-',
		description: "Comma-separated order-name prefixes of Loop's exchange orders (Loop Admin > Policy Settings > order prefix)",
	},
	{
		displayName: 'Exchange Order Tag',
		name: 'exchangeTag',
		type: 'string',
		default: '',
		description: 'Also count orders with this tag as exchange orders. Empty: prefixes only.',
	},
	{
		displayName: 'Include Native Exchanges',
		name: 'includeNativeExchanges',
		type: 'boolean',
		default: true,
		description: 'Whether to include Shopify native exchanges (items added to the original order through its Return)',
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

/** Plain words stay bare (a quoted value may lose its trailing wildcard); anything else is quoted. */
// In Shopify's search syntax a quoted value escapes its quote and the backslash itself.
export const searchValue = (value: string) => (/^[\w.-]+\*?$/.test(value) ? value : `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`);

export async function execute(
	this: IExecuteFunctions,
	shopify: ShopifyGraphql,
	window: TimeWindow,
	itemIndex: number,
): Promise<ShopifyExchange[]> {
	const prefixes = String(this.getNodeParameter('exchangePrefixes', itemIndex, 'EXC-,L-'))
		.split(',')
		.map((p) => p.trim())
		.filter(Boolean);
	const tag = String(this.getNodeParameter('exchangeTag', itemIndex, '')).trim();
	const native = this.getNodeParameter('includeNativeExchanges', itemIndex, true) as boolean;
	if (!prefixes.length && !tag && !native) {
		throw new NodeOperationError(this.getNode(), 'Set "Exchange Order Prefixes", "Exchange Order Tag" or "Include Native Exchanges"', { itemIndex });
	}

	const exchanges: ShopifyExchange[] = [];
	if (prefixes.length || tag) {
		const which = [...prefixes.map((p) => `name:${searchValue(`${p}*`)}`), ...(tag ? [`tag:${searchValue(tag)}`] : [])].join(' OR ');
		const orders = await shopify.paginate(
			EXCHANGE_ORDERS,
			{ query: `${searchRange('created_at', window)} AND (${which})` },
			exchangeOrdersPageSchema,
			(data) => data.orders,
			{ nodeCost: EXCHANGE_ORDER_COST },
		);
		// Shopify's name search is a prefix match on tokens; check the prefix ourselves too.
		const isExchange = (name: string, tags: string[]) =>
			prefixes.some((p) => name.toUpperCase().startsWith(p.toUpperCase())) || (tag !== '' && tags.includes(tag));
		for (const order of orders.filter((o) => isExchange(o.name, o.tags) && inWindow(o.createdAt, window))) {
			order.lineItems.nodes = await allNodes(this, shopify, order.lineItems, {
				document: ORDER_LINES_PAGE,
				id: order.id,
				schema: orderLinesPageSchema,
				pick: (data) => data.order?.lineItems,
				what: `exchange order ${order.name}`,
			});
			exchanges.push(exchangeFromOrder(order));
		}
	}
	if (native) {
		const includeNonLoop = this.getNodeParameter('includeNonLoop', itemIndex, false) as boolean;
		const loopTags = parseTags(this.getNodeParameter('loopOrderTags', itemIndex, DEFAULT_LOOP_ORDER_TAGS) as string);
		const found = await nativeExchanges.call(this, shopify, window);
		exchanges.push(...found.filter(({ order }) => includeNonLoop || orderMarkedByLoop(order, loopTags)).map(({ exchange }) => exchange));
	}
	return exchanges;
}

async function nativeExchanges(
	this: IExecuteFunctions,
	shopify: ShopifyGraphql,
	window: TimeWindow,
): Promise<Array<{ exchange: ShopifyExchange; order: ShopifyReturn['order'] }>> {
	const orders = await shopify.paginate(
		CHANGED_ORDERS_WITH_RETURNS,
		{ query: searchRange('updated_at', window, false) },
		changedOrdersPageSchema,
		(data) => data.orders,
		{ nodeCost: ORDER_WITH_RETURNS_COST },
	);
	const withExchanges: string[] = [];
	for (const order of orders) {
		const returns = order.returns
			? await allNodes(this, shopify, order.returns, {
					document: ORDER_RETURNS_PAGE,
					id: order.id,
					schema: orderReturnsPageSchema,
					pick: (data) => data.order?.returns,
					what: `order ${order.name}`,
				})
			: [];
		withExchanges.push(...returns.filter((r) => r.exchangeLineItems?.nodes.length).map((r) => r.id));
	}
	// Only returns with exchange items are read in full, by id in batches.
	const found: Array<{ exchange: ShopifyExchange; order: ShopifyReturn['order'] }> = [];
	const read = await shopify.nodesById(RETURN_EXCHANGES, [...new Set(withExchanges)], returnsByIdSchema, (data) => data.nodes, {
		nodeCost: RETURN_EXCHANGES_COST,
	});
	for (const ret of read) {
		if (!ret) continue;
		const { id } = ret;
		ret.exchangeLineItems.nodes = await allNodes(this, shopify, ret.exchangeLineItems, {
			document: RETURN_EXCHANGE_LINES_PAGE,
			id,
			schema: returnExchangeLinesPageSchema,
			pick: (data) => data.return?.exchangeLineItems,
			what: `return ${ret.name ?? id}`,
			pageSize: 10,
		});
		ret.returnLineItems.nodes = await allNodes(this, shopify, ret.returnLineItems, {
			document: RETURNED_LINES_PAGE,
			id,
			schema: returnedLinesPageSchema,
			pick: (data) => data.return?.returnLineItems,
			what: `return ${ret.name ?? id}`,
		});
		const exchange = exchangeFromReturn(ret);
		if (exchange && inWindow(exchange.occurredAt, window)) found.push({ exchange, order: ret.order });
	}
	return found;
}
