/**
 * Answers the GraphQL schema from the store: each object is a view whose function-valued fields
 * graphql-js calls with the field's arguments. Connections page by an opaque cursor over the sort
 * key and id, access scopes are enforced per field (ACCESS_DENIED, as Shopify does), and orders
 * older than 60 days are invisible without read_all_orders.
 */
import { GraphQLError } from 'graphql';
import { parseSearch, type FieldGetter, type SearchWarning } from './search';
import type { ShopifyStore, StoreGiftCard, StoreLineItem, StoreOrder, StoreRefund, StoreReturn, StoreTransaction } from './store';

export const ALL_SCOPES = ['read_orders', 'read_all_orders', 'read_gift_cards', 'read_gift_card_transactions', 'read_returns', 'read_customers', 'read_products'];

export interface BulkOperations {
	run(query: string, ctx: RequestContext): { bulkOperation: View | null; userErrors: Array<{ field: string[] | null; message: string }> };
	get(id: string): View | null;
	current(): View | null;
}

export interface RequestContext {
	store: ShopifyStore;
	/** Set while a bulk operation runs its query */
	bulk?: boolean;
	bulkOperations: BulkOperations;
	scopes: string[];
	plan: string;
	now: number;
	searchWarnings: Array<{ path: string[]; query: string; warnings: SearchWarning[] }>;
}

type Args = Record<string, unknown>;
type View = Record<string, unknown>;

const MAX_PAGE = 250;
const SIXTY_DAYS_MS = 60 * 24 * 3600 * 1000;

const gid = (type: string, id: string) => `gid://shopify/${type}/${id}`;
const numericId = (value: unknown, type: string): string | null => {
	const m = new RegExp(`^gid://shopify/${type}/(\\d+)$`).exec(String(value));
	return m ? m[1] : null;
};

function requireScope(ctx: RequestContext, scope: string, field: string): void {
	if (ctx.scopes.includes(scope)) return;
	throw new GraphQLError(`Access denied for ${field} field. Required access: \`${scope}\` access scope.`, {
		extensions: { code: 'ACCESS_DENIED', documentation: 'https://shopify.dev/api/usage/access-scopes', requiredAccess: `\`${scope}\` access scope.` },
	});
}

function money(ctx: RequestContext, amount: number) {
	return { amount: amount.toFixed(2), currencyCode: ctx.store.currency };
}
function moneyBag(ctx: RequestContext, amount: number) {
	return { shopMoney: money(ctx, amount), presentmentMoney: money(ctx, amount) };
}

/** Pages a sorted list the way Shopify does: first/last (≤ 250), after/before cursors, reverse. */
function connection<T>(ctx: RequestContext, items: T[], args: Args, key: (item: T) => [string | number, string], view: (item: T) => View) {
	// A bulk operation reads every node: Shopify ignores first/last there.
	const first = ctx.bulk ? Number.MAX_SAFE_INTEGER : (args.first as number | null | undefined);
	const last = ctx.bulk ? null : (args.last as number | null | undefined);
	if (first == null && last == null) throw new GraphQLError('you must provide one of first or last', { extensions: { code: 'BAD_REQUEST' } });
	const size = (first ?? last) as number;
	if (!ctx.bulk && (size > MAX_PAGE || size < 0)) {
		throw new GraphQLError(`The ${first != null ? 'first' : 'last'} argument must be between 0 and ${MAX_PAGE}.`, { extensions: { code: 'BAD_REQUEST' } });
	}
	const cmp = (a: [string | number, string], b: [string | number, string]) =>
		a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : Number(a[1]) - Number(b[1]);
	const sorted = [...items].sort((a, b) => cmp(key(a), key(b)));
	if (args.reverse) sorted.reverse();
	const direction = args.reverse ? -1 : 1;
	const encode = (item: T) => Buffer.from(JSON.stringify(key(item))).toString('base64url');
	const decode = (cursor: unknown): [string | number, string] => {
		try {
			return JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8'));
		} catch {
			throw new GraphQLError('Invalid cursor for current pagination sort.', { extensions: { code: 'BAD_REQUEST' } });
		}
	};
	let window = sorted;
	if (args.after) {
		const after = decode(args.after);
		window = window.filter((item) => direction * cmp(key(item), after) > 0);
	}
	if (args.before) {
		const before = decode(args.before);
		window = window.filter((item) => direction * cmp(key(item), before) < 0);
	}
	const page = first != null ? window.slice(0, size) : window.slice(Math.max(0, window.length - size));
	const hasNextPage = first != null ? window.length > size : Boolean(args.before) && window.length < sorted.length;
	const hasPreviousPage = last != null ? window.length > size : Boolean(args.after);
	const nodes = page.map(view);
	return {
		nodes,
		edges: page.map((item, i) => ({ cursor: encode(item), node: nodes[i] })),
		pageInfo: {
			hasNextPage,
			hasPreviousPage,
			startCursor: page.length ? encode(page[0]) : null,
			endCursor: page.length ? encode(page[page.length - 1]) : null,
		},
	};
}

function search<T>(ctx: RequestContext, path: string, items: T[], args: Args, fields: string[], getter: (item: T) => FieldGetter): T[] {
	const parsed = parseSearch(args.query as string | undefined, fields);
	if (parsed.warnings.length) ctx.searchWarnings.push({ path: [path], query: String(args.query), warnings: parsed.warnings });
	return items.filter((item) => parsed.matches(getter(item)));
}

const ORDER_FIELDS = ['default', 'created_at', 'updated_at', 'processed_at', 'name', 'tag', 'tag_not', 'source_name', 'id', 'email', 'return_status', 'customer_id', 'financial_status'];
const GIFT_CARD_FIELDS = ['default', 'created_at', 'source', 'id', 'customer_id', 'balance_status', 'status', 'initial_value', 'expires_on'];

function orderSortKey(order: StoreOrder, sortKey: string): string | number {
	if (sortKey === 'CREATED_AT' || sortKey === 'PROCESSED_AT') return Date.parse(order.createdAt);
	if (sortKey === 'UPDATED_AT') return Date.parse(order.updatedAt);
	if (sortKey === 'NUMBER') return order.name;
	return Number(order.id);
}

function visibleOrders(ctx: RequestContext): StoreOrder[] {
	if (ctx.scopes.includes('read_all_orders')) return ctx.store.orders;
	return ctx.store.orders.filter((o) => ctx.now - Date.parse(o.createdAt) <= SIXTY_DAYS_MS);
}

function returnStatus(order: StoreOrder): string {
	if (!order.returns.length) return 'NO_RETURN';
	return order.returns.some((r) => r.status === 'OPEN' || r.status === 'REQUESTED') ? 'IN_PROGRESS' : 'RETURNED';
}

function financialStatus(order: StoreOrder): string {
	const paid = order.transactions.filter((t) => t.kind === 'SALE' && t.status === 'SUCCESS').reduce((n, t) => n + t.amount, 0);
	const refunded = order.transactions.filter((t) => t.kind === 'REFUND' && t.status === 'SUCCESS').reduce((n, t) => n + t.amount, 0);
	if (refunded > 0) return refunded + 0.001 >= paid ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
	return paid > 0 ? 'PAID' : 'PENDING';
}

export function orderView(ctx: RequestContext, order: StoreOrder): View {
	const discounts = order.lineItems.reduce((n, l) => n + (l.discount ?? 0), 0);
	const total = order.lineItems.reduce((n, l) => n + l.price * l.quantity, 0) - discounts;
	const customer = ctx.store.customer(order.customerId);
	return {
		__typename: 'Order',
		id: gid('Order', order.id),
		legacyResourceId: order.id,
		name: order.name,
		email: order.email,
		note: order.note,
		createdAt: order.createdAt,
		updatedAt: order.updatedAt,
		processedAt: order.createdAt,
		closedAt: null,
		cancelledAt: null,
		tags: order.tags,
		sourceName: order.sourceName,
		app: order.app,
		customer: customer ? customerView(customer) : null,
		customAttributes: order.customAttributes,
		currencyCode: ctx.store.currency,
		totalPriceSet: moneyBag(ctx, total),
		totalDiscountsSet: moneyBag(ctx, discounts),
		displayFinancialStatus: financialStatus(order),
		returnStatus: returnStatus(order),
		paymentGatewayNames: [...new Set(order.transactions.filter((t) => t.kind === 'SALE').map((t) => t.gateway))],
		lineItems: (args: Args) => connection(ctx, order.lineItems, args, (l) => [Number(l.id), l.id], (l) => lineItemView(ctx, l)),
		transactions: (args: Args) => order.transactions.slice(0, (args.first as number | undefined) ?? undefined).map((t) => transactionView(ctx, order, t)),
		refunds: (args: Args) => order.refunds.slice(0, (args.first as number | undefined) ?? undefined).map((r) => refundView(ctx, order, r)),
		returns: (args: Args) => {
			requireScope(ctx, 'read_returns', 'returns');
			return connection(ctx, order.returns, args, (r) => [Number(r.id), r.id], (r) => returnView(ctx, order, r));
		},
	};
}

function customerView(c: { id: string; email: string; firstName: string; lastName: string }): View {
	return { id: gid('Customer', c.id), legacyResourceId: c.id, email: c.email, firstName: c.firstName, lastName: c.lastName, displayName: `${c.firstName} ${c.lastName}` };
}

function lineItemView(ctx: RequestContext, l: StoreLineItem): View {
	const variant = ctx.store.variant(l.variantId);
	return {
		id: gid('LineItem', l.id),
		name: l.title,
		title: l.title,
		sku: l.sku,
		quantity: l.quantity,
		currentQuantity: l.quantity,
		variant: variant
			? { id: gid('ProductVariant', variant.id), legacyResourceId: variant.id, sku: variant.sku || null, barcode: variant.barcode, title: variant.title, displayName: variant.title }
			: null,
		originalUnitPriceSet: moneyBag(ctx, l.price),
		discountedUnitPriceSet: moneyBag(ctx, l.price - (l.discount ?? 0) / l.quantity),
		totalDiscountSet: moneyBag(ctx, l.discount ?? 0),
	};
}

function transactionView(ctx: RequestContext, order: StoreOrder, t: StoreTransaction): View {
	const parent = t.parentId ? order.transactions.find((x) => x.id === t.parentId) : undefined;
	return {
		id: gid('OrderTransaction', t.id),
		kind: t.kind,
		status: t.status,
		gateway: t.gateway,
		formattedGateway: t.gateway === 'gift_card' ? 'Gift card' : t.gateway,
		createdAt: t.createdAt,
		processedAt: t.createdAt,
		receiptJson: t.receipt ? JSON.stringify(t.receipt) : '{}',
		test: false,
		amountSet: moneyBag(ctx, t.amount),
		parentTransaction: parent ? () => transactionView(ctx, order, parent) : null,
		order: () => orderView(ctx, order),
	};
}

function refundView(ctx: RequestContext, order: StoreOrder, r: StoreRefund): View {
	const refunded = r.transactions.filter((t) => t.status === 'SUCCESS').reduce((n, t) => n + t.amount, 0);
	return {
		__typename: 'Refund',
		id: gid('Refund', r.id),
		legacyResourceId: r.id,
		createdAt: r.createdAt,
		updatedAt: r.updatedAt,
		note: r.note,
		order: () => orderView(ctx, order),
		return: () => {
			requireScope(ctx, 'read_returns', 'return');
			const ret = order.returns.find((x) => x.id === r.returnId);
			return ret ? returnView(ctx, order, ret) : null;
		},
		totalRefundedSet: moneyBag(ctx, refunded),
		refundLineItems: (args: Args) =>
			connection(ctx, r.lines, args, (l) => [Number(l.id), l.id], (l) => {
				const item = order.lineItems.find((x) => x.id === l.lineItemId)!;
				return {
					id: gid('RefundLineItem', l.id),
					quantity: l.quantity,
					restocked: l.restocked,
					restockType: l.restockType,
					lineItem: lineItemView(ctx, item),
					priceSet: moneyBag(ctx, item.price),
					subtotalSet: moneyBag(ctx, item.price * l.quantity),
					totalTaxSet: moneyBag(ctx, 0),
				};
			}),
		transactions: (args: Args) => connection(ctx, r.transactions, args, (t) => [Number(t.id), t.id], (t) => transactionView(ctx, order, t)),
	};
}

function returnView(ctx: RequestContext, order: StoreOrder, r: StoreReturn): View {
	return {
		__typename: 'Return',
		id: gid('Return', r.id),
		name: r.name,
		status: r.status,
		createdAt: r.createdAt,
		closedAt: r.closedAt,
		totalQuantity: r.lines.reduce((n, l) => n + l.quantity, 0),
		order: () => orderView(ctx, order),
		returnLineItems: (args: Args) =>
			connection(ctx, r.lines, args, (l) => [Number(l.id), l.id], (l) => ({
				__typename: 'ReturnLineItem',
				id: gid('ReturnLineItem', l.id),
				quantity: l.quantity,
				returnReasonNote: '',
				customerNote: l.reason,
				fulfillmentLineItem: {
					id: gid('FulfillmentLineItem', l.lineItemId),
					quantity: l.quantity,
					lineItem: lineItemView(ctx, order.lineItems.find((x) => x.id === l.lineItemId)!),
				},
			})),
		exchangeLineItems: (args: Args) =>
			connection(ctx, r.exchangeLines, args, (x) => [Number(x.id), x.id], (x) => {
				const items = x.lineItemIds.map((id) => order.lineItems.find((l) => l.id === id)!).map((l) => lineItemView(ctx, l));
				return {
					id: gid('ExchangeLineItem', x.id),
					quantity: x.quantity,
					processedQuantity: x.processedQuantity,
					processableQuantity: x.quantity - x.processedQuantity,
					unprocessedQuantity: x.quantity - x.processedQuantity,
					variantId: gid('ProductVariant', x.variantId),
					lineItems: items,
					lineItem: items[0] ?? null,
				};
			}),
		refunds: (args: Args) =>
			connection(ctx, order.refunds.filter((x) => r.refundIds.includes(x.id)), args, (x) => [Number(x.id), x.id], (x) => refundView(ctx, order, x)),
	};
}

function giftCardView(ctx: RequestContext, g: StoreGiftCard): View {
	const customer = ctx.store.customer(g.customerId);
	const last = g.code.slice(-4);
	return {
		__typename: 'GiftCard',
		id: gid('GiftCard', g.id),
		legacyResourceId: g.id,
		createdAt: g.createdAt,
		updatedAt: g.updatedAt,
		enabled: g.enabled,
		expiresOn: g.expiresOn,
		deactivatedAt: null,
		disabledAt: null,
		lastCharacters: last,
		maskedCode: `•••• •••• •••• ${last}`,
		note: g.note,
		initialValue: money(ctx, g.initialValue),
		balance: money(ctx, g.balance),
		customer: customer ? customerView(customer) : null,
		// API-created cards were not sold on an order.
		order: null,
	};
}

/** Shopify's limit on an input list such as `nodes(ids:)`. */
const MAX_INPUT_SIZE = 250;

/**
 * The object behind a global id, for `node` and `nodes`, with the scope its type needs; the types the
 * package reads by id (Order, Refund, Return, GiftCard). Anything else, or an id not found, is null.
 */
function nodeById(ctx: RequestContext, id: unknown): View | null {
	const [, type, key] = /^gid:\/\/shopify\/(\w+)\/(\d+)$/.exec(String(id)) ?? [];
	switch (type) {
		case 'Order': {
			requireScope(ctx, 'read_orders', 'node');
			const order = visibleOrders(ctx).find((o) => o.id === key);
			return order ? orderView(ctx, order) : null;
		}
		case 'Refund': {
			requireScope(ctx, 'read_orders', 'node');
			const found = ctx.store.refund(key);
			return found ? refundView(ctx, found.order, found.refund) : null;
		}
		case 'Return': {
			requireScope(ctx, 'read_returns', 'node');
			const found = ctx.store.findReturn(key);
			return found ? returnView(ctx, found.order, found.ret) : null;
		}
		case 'GiftCard': {
			requireScope(ctx, 'read_gift_cards', 'node');
			const card = ctx.store.giftCard(key);
			return card ? giftCardView(ctx, card) : null;
		}
		default:
			return null;
	}
}

export function rootValue(ctx: RequestContext): View {
	const store = ctx.store;
	return {
		node: (args: Args) => nodeById(ctx, args.id),
		nodes: (args: Args) => {
			const ids = args.ids as unknown[];
			if (ids.length > MAX_INPUT_SIZE) {
				throw new GraphQLError(`The input array size of ${ids.length} is greater than the maximum allowed of ${MAX_INPUT_SIZE}.`, {
					extensions: { code: 'MAX_INPUT_SIZE_EXCEEDED' },
				});
			}
			return ids.map((id) => nodeById(ctx, id));
		},
		bulkOperationRunQuery: (args: Args) => ctx.bulkOperations.run(String(args.query), ctx),
		bulkOperation: (args: Args) => ctx.bulkOperations.get(String(args.id)),
		currentBulkOperation: () => ctx.bulkOperations.current(),
		shop: () => ({
			id: 'gid://shopify/Shop/60000001',
			name: store.scenario.shop.name,
			email: `owner@${store.scenario.shop.domain}`,
			myshopifyDomain: store.scenario.shop.domain,
			currencyCode: store.currency,
			plan: { displayName: ctx.plan, partnerDevelopment: false, shopifyPlus: ctx.plan === 'plus' },
		}),
		currentAppInstallation: () => ({
			id: 'gid://shopify/AppInstallation/1',
			app: { id: 'gid://shopify/App/1', title: 'Loop to Xoro', apiKey: 'sim-app' },
			accessScopes: ctx.scopes.map((handle) => ({ handle, description: handle.replace(/_/g, ' ') })),
		}),
		orders: (args: Args) => {
			requireScope(ctx, 'read_orders', 'orders');
			const sortKey = String(args.sortKey ?? 'ID');
			const found = search(ctx, 'orders', visibleOrders(ctx), args, ORDER_FIELDS, (o) => (field) => {
				if (field === 'created_at' || field === 'processed_at') return o.createdAt;
				if (field === 'updated_at') return o.updatedAt;
				if (field === 'name') return [o.name, o.name.replace(/^#/, '')];
				if (field === 'tag') return o.tags;
				if (field === 'tag_not') return o.tags.length ? null : '';
				if (field === 'source_name') return o.sourceName;
				if (field === 'id') return o.id;
				if (field === 'email') return o.email;
				if (field === 'return_status') return returnStatus(o).toLowerCase();
				if (field === 'financial_status') return financialStatus(o).toLowerCase();
				if (field === 'customer_id') return o.customerId;
				return [o.name, o.name.replace(/^#/, ''), o.email];
			});
			return connection(ctx, found, args, (o) => [orderSortKey(o, sortKey), o.id], (o) => orderView(ctx, o));
		},
		order: (args: Args) => {
			requireScope(ctx, 'read_orders', 'order');
			const id = numericId(args.id, 'Order');
			const order = id ? visibleOrders(ctx).find((o) => o.id === id) : undefined;
			return order ? orderView(ctx, order) : null;
		},
		refund: (args: Args) => {
			requireScope(ctx, 'read_orders', 'refund');
			const id = numericId(args.id, 'Refund');
			const found = id ? store.refund(id) : undefined;
			return found ? refundView(ctx, found.order, found.refund) : null;
		},
		return: (args: Args) => {
			requireScope(ctx, 'read_returns', 'return');
			const id = numericId(args.id, 'Return');
			const found = id ? store.findReturn(id) : undefined;
			return found ? returnView(ctx, found.order, found.ret) : null;
		},
		giftCards: (args: Args) => {
			requireScope(ctx, 'read_gift_cards', 'giftCards');
			const sortKey = String(args.sortKey ?? 'ID');
			const found = search(ctx, 'giftCards', store.giftCards, args, GIFT_CARD_FIELDS, (g) => (field) => {
				if (field === 'created_at') return g.createdAt;
				if (field === 'source') return g.source;
				if (field === 'id') return g.id;
				if (field === 'customer_id') return g.customerId;
				if (field === 'initial_value') return g.initialValue;
				if (field === 'expires_on') return g.expiresOn;
				if (field === 'status') return g.enabled ? 'enabled' : 'disabled';
				if (field === 'balance_status') {
					const status = g.balance <= 0 ? 'empty' : g.balance < g.initialValue ? 'partial' : 'full';
					return status === 'empty' ? status : [status, 'full_or_partial'];
				}
				return g.code.slice(-4);
			});
			const key = (g: StoreGiftCard): [string | number, string] => [
				sortKey === 'CREATED_AT' ? Date.parse(g.createdAt)
				: sortKey === 'UPDATED_AT' ? Date.parse(g.updatedAt)
				: sortKey === 'BALANCE' ? g.balance
				: sortKey === 'INITIAL_VALUE' ? g.initialValue
				: Number(g.id),
				g.id,
			];
			return connection(ctx, found, args, key, (g) => giftCardView(ctx, g));
		},
		giftCard: (args: Args) => {
			requireScope(ctx, 'read_gift_cards', 'giftCard');
			const id = numericId(args.id, 'GiftCard');
			const card = id ? store.giftCard(id) : undefined;
			return card ? giftCardView(ctx, card) : null;
		},
	};
}
