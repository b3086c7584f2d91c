/**
 * The Shopify store's state: orders (with transactions, refunds, returns), customers, variants and
 * gift cards, seeded from the shared scenario, and the ways Loop's outcomes and later purchases
 * change it. Everything the GraphQL endpoint answers is computed from this.
 */
import type { Scenario } from '../scenario';
import type { LoopReturnProcessed, OutcomeLine, ShopifyOrderCreated } from '../events';

export interface StoreLineItem {
	id: string;
	variantId: string | null;
	sku: string | null;
	title: string;
	quantity: number;
	price: number;
	/** Discount allocated to the line (all units), e.g. Loop's exchange credit on an EXC- order */
	discount?: number;
}

export interface StoreTransaction {
	id: string;
	kind: 'SALE' | 'REFUND';
	status: 'SUCCESS' | 'FAILURE' | 'PENDING' | 'ERROR';
	gateway: string;
	amount: number;
	createdAt: string;
	/** Shopify serialises the gateway's receipt as a JSON string */
	receipt: Record<string, unknown> | null;
	parentId: string | null;
}

export interface StoreRefund {
	id: string;
	createdAt: string;
	updatedAt: string;
	note: string | null;
	returnId: string | null;
	lines: Array<{ id: string; lineItemId: string; quantity: number; restockType: 'RETURN' | 'NO_RESTOCK'; restocked: boolean }>;
	transactions: StoreTransaction[];
}

export interface StoreExchangeLine {
	id: string;
	variantId: string;
	quantity: number;
	processedQuantity: number;
	/** The order line items the exchange added to the original order */
	lineItemIds: string[];
}

export interface StoreReturn {
	id: string;
	name: string;
	status: 'OPEN' | 'CLOSED' | 'CANCELED' | 'DECLINED' | 'REQUESTED';
	createdAt: string;
	closedAt: string | null;
	lines: Array<{ id: string; lineItemId: string; quantity: number; reason: string }>;
	exchangeLines: StoreExchangeLine[];
	refundIds: string[];
}

export interface StoreOrder {
	id: string;
	name: string;
	email: string;
	customerId: string | null;
	createdAt: string;
	updatedAt: string;
	tags: string[];
	sourceName: string;
	app: { id: string; name: string } | null;
	note: string | null;
	customAttributes: Array<{ key: string; value: string }>;
	lineItems: StoreLineItem[];
	transactions: StoreTransaction[];
	refunds: StoreRefund[];
	returns: StoreReturn[];
}

export interface StoreGiftCard {
	id: string;
	code: string;
	createdAt: string;
	updatedAt: string;
	initialValue: number;
	balance: number;
	note: string | null;
	customerId: string | null;
	source: 'api_client' | 'manual' | 'purchased';
	/** The api client that created it (REST api_client_id); GraphQL does not expose it */
	apiClientId: string | null;
	enabled: boolean;
	expiresOn: string | null;
}

export interface StoreCustomer {
	id: string;
	email: string;
	firstName: string;
	lastName: string;
}

export interface StoreVariant {
	id: string;
	sku: string;
	barcode: string;
	title: string;
	price: number;
}

export interface SpendGiftCardInput {
	/** gid://shopify/GiftCard/… or the numeric id */
	giftCardId: string;
	amount: number;
	customerEmail?: string;
	/** What was bought; defaults to one unit of the first variant priced at `amount` */
	lines?: OutcomeLine[];
	/** Part of the order paid another way (e.g. shopify_payments) */
	otherPayment?: number;
	name?: string;
}

export interface OutcomeOptions {
	/** Make the exchange a native Shopify one (items on the original order's Return) instead of an EXC- order */
	native?: boolean;
	/** Status of the refund transaction; anything but SUCCESS means no money moved */
	refundStatus?: StoreTransaction['status'];
	/** The exchange item was out of stock: Loop gave a refund or a gift card instead of the exchange */
	outOfStock?: 'refund' | 'credit';
	/** A down-sell: how Loop pays out the credit the cheaper new items leave over (default refund) */
	leftover?: 'refund' | 'credit';
}

const LOOP_APP_NAME = 'Loop Returns & Exchanges';

export class ShopifyStore {
	readonly orders: StoreOrder[] = [];
	readonly giftCards: StoreGiftCard[] = [];
	readonly customers: StoreCustomer[];
	readonly variants: StoreVariant[];
	readonly currency: string;
	private nextId = 9100000000;
	private nextOrderNumber = 1100;
	private nextReturnNumber = 1;

	constructor(
		readonly scenario: Scenario,
		private readonly now: () => Date,
		private readonly onOrderCreated?: (order: ShopifyOrderCreated) => void,
	) {
		this.currency = scenario.shop.currency;
		this.customers = scenario.customers.map((c) => ({ id: c.shopifyId, email: c.email, firstName: c.firstName, lastName: c.lastName }));
		this.variants = scenario.variants.map((v) => ({ id: v.variantId, sku: v.sku, barcode: v.barcode, title: v.title, price: v.price }));
		this.seed();
	}

	id(): string {
		return String(this.nextId++);
	}

	stamp(): string {
		return this.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
	}

	order(id: string): StoreOrder | undefined {
		return this.orders.find((o) => o.id === id);
	}

	giftCard(id: string): StoreGiftCard | undefined {
		return this.giftCards.find((g) => g.id === id);
	}

	customer(id: string | null): StoreCustomer | undefined {
		return this.customers.find((c) => c.id === id);
	}

	variant(id: string | null): StoreVariant | undefined {
		return this.variants.find((v) => v.id === id);
	}

	refund(id: string): { order: StoreOrder; refund: StoreRefund } | undefined {
		for (const order of this.orders) {
			const refund = order.refunds.find((r) => r.id === id);
			if (refund) return { order, refund };
		}
		return undefined;
	}

	findReturn(id: string): { order: StoreOrder; ret: StoreReturn } | undefined {
		for (const order of this.orders) {
			const ret = order.returns.find((r) => r.id === id);
			if (ret) return { order, ret };
		}
		return undefined;
	}

	/** What Loop does in Shopify when it processes a return. */
	applyLoopOutcome(e: LoopReturnProcessed, options: OutcomeOptions = {}): void {
		const original = this.order(e.orderId);
		if (!original) throw new Error(`Shopify simulator has no order ${e.orderId}`);
		const at = this.stamp();
		const outcome = e.outcome === 'exchange' && options.outOfStock ? options.outOfStock : e.outcome;
		if (outcome === 'credit') this.issueLoopGiftCard(original, e, at);
		else if (outcome === 'refund') this.refundOnOriginal(original, e, at, options.refundStatus ?? 'SUCCESS');
		else if (options.native) this.nativeExchange(original, e, at, options.leftover ?? 'refund', 'Loop Exchange');
		else this.exchangeOrder(original, e, at, options.leftover ?? 'refund');
	}

	/** A refund the merchant makes in the Shopify admin (customer service, a cancellation): no Return, no Loop. */
	merchantRefund(orderId: string, amount: number, note: string | null = null): StoreRefund {
		const order = this.order(orderId);
		if (!order) throw new Error(`Shopify simulator has no order ${orderId}`);
		const at = this.stamp();
		const sale = order.transactions.find((t) => t.kind === 'SALE' && t.status === 'SUCCESS');
		const refund: StoreRefund = {
			id: this.id(), createdAt: at, updatedAt: at, note, returnId: null, lines: [],
			transactions: [{ ...this.transaction('REFUND', sale?.gateway ?? 'shopify_payments', amount, at, null), parentId: sale?.id ?? null }],
		};
		order.refunds.push(refund);
		order.transactions.push(...refund.transactions);
		order.updatedAt = at;
		return refund;
	}

	/** An exchange the merchant makes with Shopify's own exchange flow (not Loop's): a Return with exchange items, no Loop tag. */
	merchantExchange(e: LoopReturnProcessed): void {
		const original = this.order(e.orderId);
		if (!original) throw new Error(`Shopify simulator has no order ${e.orderId}`);
		this.nativeExchange(original, { ...e, returnId: '' }, this.stamp(), 'refund', null);
	}

	/** A customer spends a gift card on a new order at checkout. */
	spendGiftCard(input: SpendGiftCardInput): StoreOrder {
		const cardId = input.giftCardId.replace(/^gid:\/\/shopify\/GiftCard\//, '');
		const card = this.giftCard(cardId);
		if (!card) throw new Error(`Shopify simulator has no gift card ${input.giftCardId}`);
		if (!card.enabled || card.balance + 1e-9 < input.amount) throw new Error(`gift card ${cardId} cannot cover ${input.amount}`);
		const at = this.stamp();
		card.balance = round(card.balance - input.amount);
		card.updatedAt = at;
		const customer = this.customers.find((c) => c.email === input.customerEmail) ?? this.customer(card.customerId);
		const total = round(input.amount + (input.otherPayment ?? 0));
		const lines = input.lines ?? [this.defaultLine(total)];
		const order = this.newOrder({
			name: input.name, email: customer?.email ?? '', customerId: customer?.id ?? null, at,
			sourceName: 'web', app: { id: 'gid://shopify/App/580111', name: 'Online Store' }, tags: [], lines,
		});
		order.transactions.push(this.transaction('SALE', 'gift_card', input.amount, at, {
			gift_card_id: Number(card.id),
			gift_card_last_characters: card.code.slice(-4),
		}));
		if (input.otherPayment) order.transactions.push(this.transaction('SALE', 'shopify_payments', input.otherPayment, at, null));
		this.emitOrder(order);
		return order;
	}

	/** A gift card created by someone other than Loop (e.g. by hand in the admin or another app). */
	addGiftCard(card: Partial<StoreGiftCard> & { initialValue: number }): StoreGiftCard {
		const at = this.stamp();
		const full: StoreGiftCard = {
			id: this.id(), code: randomCode(this.nextId), createdAt: at, updatedAt: at, balance: card.initialValue,
			note: null, customerId: null, source: 'manual', apiClientId: null, enabled: true, expiresOn: null, ...card,
		};
		this.giftCards.push(full);
		return full;
	}

	private seed(): void {
		for (const o of this.scenario.orders) {
			const customer = this.customers.find((c) => c.email === o.customerEmail);
			const lineItems = o.lines.map((l) => {
				const v = this.variant(l.variantId)!;
				return { id: l.lineItemId, variantId: v.id, sku: v.sku || null, title: v.title, quantity: l.quantity, price: v.price };
			});
			const total = round(lineItems.reduce((n, l) => n + l.price * l.quantity, 0));
			this.orders.push({
				id: o.id, name: o.name, email: o.customerEmail, customerId: customer?.id ?? null, createdAt: o.createdAt,
				updatedAt: o.createdAt, tags: [], sourceName: 'web', app: { id: 'gid://shopify/App/580111', name: 'Online Store' },
				note: null, customAttributes: [], lineItems, refunds: [], returns: [],
				transactions: [this.transaction('SALE', 'shopify_payments', total, o.createdAt, null)],
			});
			this.nextOrderNumber = Math.max(this.nextOrderNumber, Number(o.number) + 100);
		}
		// Gift cards that are not Loop's: one made by hand, one by another app. Readers must skip them.
		const first = this.scenario.orders[0];
		this.addGiftCard({ initialValue: 25, note: 'Birthday card for a friend', source: 'manual', createdAt: first.createdAt, updatedAt: first.createdAt });
		this.addGiftCard({
			initialValue: 40, note: 'Issued by Rise.ai loyalty', source: 'api_client', apiClientId: '4555', createdAt: first.createdAt,
			updatedAt: first.createdAt, customerId: this.customers[0]?.id ?? null,
		});
		// Returns Loop closed before the store was seeded already have their credit in Shopify.
		for (const r of this.scenario.returns.filter((x) => x.state === 'closed' && x.outcome === 'credit')) {
			const order = this.order(r.orderId)!;
			const amount = round(r.lines.reduce((n, l) => n + (this.variant(l.variantId)?.price ?? 0), 0));
			this.issueLoopGiftCard(order, {
				returnId: r.id, orderId: order.id, orderName: order.name, outcome: 'credit', amount, currency: this.currency,
				customerEmail: order.email, returnedLines: [], exchangeLines: [], additionalDetails: {}, exchangeOrderName: null,
			}, r.updatedAt);
		}
	}

	private issueLoopGiftCard(original: StoreOrder, e: LoopReturnProcessed, at: string): void {
		const customer = this.customers.find((c) => c.email === e.customerEmail) ?? this.customer(original.customerId);
		const note = [
			'Generated by Loop Returns',
			`Original order: ${original.name} (${original.id})`,
			`Amount: ${e.amount.toFixed(2)} ${e.currency}`,
			`Customer email: ${e.customerEmail}`,
			'Bonus credit: 0.00',
			`Loop return ID: ${e.returnId}`,
		].join('\n');
		this.addGiftCard({
			initialValue: round(e.amount), note, source: 'api_client', apiClientId: this.scenario.loopApiClientId,
			customerId: customer?.id ?? null, createdAt: at, updatedAt: at,
		});
		original.note = `Gift Card issued ${at} for ${e.amount.toFixed(2)} ${e.currency}`;
		this.tag(original, 'Gift Card', at);
	}

	private refundOnOriginal(original: StoreOrder, e: LoopReturnProcessed, at: string, status: StoreTransaction['status']): void {
		const ret = this.openReturn(original, e.returnedLines, at);
		const lines = ret.lines.map((l) => ({ id: this.id(), lineItemId: l.lineItemId, quantity: l.quantity, restockType: 'RETURN' as const, restocked: true }));
		this.refundOnReturn(original, ret, e.returnId ? `Loop return ${e.returnId}` : null, e.amount, lines, at, status);
		ret.status = 'CLOSED';
		ret.closedAt = at;
		this.tag(original, 'Refund', at);
	}

	private refundOnReturn(
		order: StoreOrder, ret: StoreReturn, note: string | null, amount: number, lines: StoreRefund['lines'], at: string,
		status: StoreTransaction['status'] = 'SUCCESS',
	): void {
		const sale = order.transactions.find((t) => t.kind === 'SALE' && t.status === 'SUCCESS');
		const refund: StoreRefund = {
			id: this.id(), createdAt: at, updatedAt: at, note, returnId: ret.id, lines,
			transactions: [{ ...this.transaction('REFUND', sale?.gateway ?? 'shopify_payments', amount, at, null), status, parentId: sale?.id ?? null }],
		};
		order.refunds.push(refund);
		order.transactions.push(...refund.transactions);
		ret.refundIds.push(refund.id);
	}

	/**
	 * What the returned items paid for the new ones, line by line (Loop's "loop discount" on an EXC-
	 * order): the credit covers each new line in turn until it runs out.
	 */
	private allocateCredit(lines: OutcomeLine[], credit: number): number[] {
		let left = round(credit);
		return lines.map((l) => {
			const used = Math.min(left, round(l.price * l.quantity));
			left = round(left - used);
			return used;
		});
	}

	/** Credit the new items leave over (a down-sell): refunded on the original order, or a gift card. */
	private payLeftover(original: StoreOrder, e: LoopReturnProcessed, ret: StoreReturn | null, leftover: number, how: 'refund' | 'credit', at: string): void {
		if (leftover <= 0) return;
		if (how === 'credit') {
			this.issueLoopGiftCard(original, { ...e, amount: leftover }, at);
			return;
		}
		const on = ret ?? this.openReturn(original, e.returnedLines, at);
		this.refundOnReturn(original, on, e.returnId ? `Loop return ${e.returnId}` : null, leftover, [], at);
		on.status = 'CLOSED';
		on.closedAt = at;
		if (e.returnId) this.tag(original, 'Refund', at);
	}

	/**
	 * Loop's legacy exchange: a new EXC- order at full price with the return's value as a discount
	 * (an even exchange is 100% off). Upsell: the customer pays the difference (Loop charges it and
	 * records the payment). Down-sell: the credit left over is refunded on the original order or
	 * issued as a gift card.
	 */
	private exchangeOrder(original: StoreOrder, e: LoopReturnProcessed, at: string, leftover: 'refund' | 'credit'): void {
		const newValue = round(e.exchangeLines.reduce((n, l) => n + l.price * l.quantity, 0));
		const discounts = this.allocateCredit(e.exchangeLines, e.amount);
		const order = this.newOrder({
			name: e.exchangeOrderName ?? undefined, email: e.customerEmail, customerId: original.customerId, at,
			sourceName: this.scenario.loopApiClientId, app: { id: 'gid://shopify/App/1662707', name: LOOP_APP_NAME },
			tags: [original.name.replace(/^#/, '')], lines: e.exchangeLines.map((l, i) => ({ ...l, discount: discounts[i] })),
			customAttributes: Object.entries(e.additionalDetails).map(([key, value]) => ({ key, value })),
		});
		const charged = round(newValue - discounts.reduce((n, d) => n + d, 0));
		if (charged > 0) order.transactions.push(this.transaction('SALE', 'loop_upsell', charged, at, null));
		this.tag(original, 'LE:Exchange', at);
		this.emitOrder(order);
		this.payLeftover(original, e, null, round(e.amount - newValue), leftover, at);
	}

	/**
	 * A native exchange (Shopify's exchange engine): the new items join the original order through
	 * its Return; the returned items' value pays for them. Upsell: the difference is charged on the
	 * original order; down-sell: the rest is refunded on the Return (or issued as a gift card).
	 */
	private nativeExchange(original: StoreOrder, e: LoopReturnProcessed, at: string, leftover: 'refund' | 'credit', tag: string | null): void {
		const ret = this.openReturn(original, e.returnedLines, at);
		for (const line of e.exchangeLines) {
			const item: StoreLineItem = { id: this.id(), variantId: line.variantId, sku: line.sku || null, title: line.title, quantity: line.quantity, price: line.price };
			original.lineItems.push(item);
			ret.exchangeLines.push({ id: this.id(), variantId: line.variantId, quantity: line.quantity, processedQuantity: line.quantity, lineItemIds: [item.id] });
		}
		const newValue = round(e.exchangeLines.reduce((n, l) => n + l.price * l.quantity, 0));
		const returnedValue = round(e.returnedLines.reduce((n, l) => n + l.price * l.quantity, 0));
		if (newValue > returnedValue) original.transactions.push(this.transaction('SALE', 'shopify_payments', newValue - returnedValue, at, null));
		this.payLeftover(original, e, ret, round(returnedValue - newValue), leftover, at);
		ret.status = 'CLOSED';
		ret.closedAt = at;
		if (tag) this.tag(original, tag, at);
		else original.updatedAt = at;
	}

	private openReturn(order: StoreOrder, lines: OutcomeLine[], at: string): StoreReturn {
		const ret: StoreReturn = {
			id: this.id(), name: `${order.name}-R${this.nextReturnNumber++}`, status: 'OPEN', createdAt: at, closedAt: null,
			lines: lines.map((l) => ({
				id: this.id(),
				lineItemId: order.lineItems.find((li) => li.variantId === l.variantId)?.id ?? order.lineItems[0].id,
				quantity: l.quantity,
				reason: 'OTHER',
			})),
			exchangeLines: [],
			refundIds: [],
		};
		order.returns.push(ret);
		order.updatedAt = at;
		return ret;
	}

	private newOrder(input: {
		name?: string; email: string; customerId: string | null; at: string; sourceName: string;
		app: StoreOrder['app']; tags: string[]; lines: OutcomeLine[]; customAttributes?: StoreOrder['customAttributes'];
	}): StoreOrder {
		const order: StoreOrder = {
			id: this.id(), name: input.name ?? `#${this.nextOrderNumber++}`, email: input.email, customerId: input.customerId,
			createdAt: input.at, updatedAt: input.at, tags: input.tags, sourceName: input.sourceName, app: input.app, note: null,
			customAttributes: input.customAttributes ?? [],
			lineItems: input.lines.map((l) => ({
				id: this.id(), variantId: l.variantId, sku: l.sku || null, title: l.title, quantity: l.quantity, price: l.price, discount: l.discount ?? 0,
			})),
			transactions: [], refunds: [], returns: [],
		};
		this.orders.push(order);
		return order;
	}

	private emitOrder(order: StoreOrder): void {
		this.onOrderCreated?.({
			orderId: order.id, orderName: order.name, customerEmail: order.email, currency: this.currency,
			total: round(order.lineItems.reduce((n, l) => n + l.price * l.quantity - (l.discount ?? 0), 0)),
			lines: order.lineItems.map((l) => ({
				variantId: l.variantId ?? '', sku: l.sku ?? '', title: l.title, quantity: l.quantity, price: l.price, discount: l.discount ?? 0,
			})),
			createdAt: order.createdAt,
		});
	}

	private defaultLine(total: number): OutcomeLine {
		const v = this.variants[0];
		return { variantId: v.id, sku: v.sku, title: v.title, quantity: 1, price: total };
	}

	private transaction(kind: StoreTransaction['kind'], gateway: string, amount: number, at: string, receipt: StoreTransaction['receipt']): StoreTransaction {
		return { id: this.id(), kind, status: 'SUCCESS', gateway, amount: round(amount), createdAt: at, receipt, parentId: null };
	}

	private tag(order: StoreOrder, tag: string, at: string): void {
		if (!order.tags.includes(tag)) order.tags.push(tag);
		order.updatedAt = at;
	}
}

function round(n: number): number {
	return Math.round(n * 100) / 100;
}

function randomCode(seed: number): string {
	const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
	let s = seed;
	let code = '';
	for (let i = 0; i < 16; i++) {
		s = (s * 1103515245 + 12345) % 2147483648;
		code += alphabet[s % alphabet.length];
	}
	return code;
}
