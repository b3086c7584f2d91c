/**
 * Shopify's objects → the one normalised `ShopifyTransaction` shape (nodes/mapping/contracts.ts)
 * every operation outputs. Pure functions, no I/O.
 */
import type {
	ShopifyCredit,
	ShopifyCustomerRef,
	ShopifyExchange,
	ShopifyMoneyLine,
	ShopifyOrderRef,
	ShopifyRedemption,
	ShopifyRefund,
} from '../../mapping/contracts';
import type { ExchangeOrder, GiftCard, LineItem, OrderTransaction, PaidOrder, Refund, ShopifyReturn } from '../schemas';
import { loopReturnIdFromAttributes, originalOrderNameFromTags, parseLoopNote } from './loopNotes';

type Customer = { id: string; email?: string | null; displayName?: string | null } | null | undefined;
type OrderLike = { id: string; legacyResourceId?: string; name: string; email?: string | null; customer?: Customer };

const numericId = (gid: string | null | undefined): string | null => (gid ? (/(\d+)$/.exec(gid)?.[1] ?? null) : null);
const round = (n: number) => Math.round(n * 100) / 100;

function orderRef(order: OrderLike): ShopifyOrderRef {
	return { id: order.id, name: order.name, legacyId: order.legacyResourceId ?? numericId(order.id) };
}

function customerRef(customer: Customer, email?: string | null): ShopifyCustomerRef | null {
	if (!customer && !email) return null;
	return { id: customer?.id ?? null, email: customer?.email ?? email ?? null, displayName: customer?.displayName ?? null };
}

function originalFromNote(note: string | null | undefined): ShopifyOrderRef | null {
	const parsed = parseLoopNote(note);
	if (!parsed.orderName && !parsed.orderId) return null;
	return { id: parsed.orderId ? `gid://shopify/Order/${parsed.orderId}` : null, name: parsed.orderName, legacyId: parsed.orderId };
}

function moneyLine(item: LineItem, quantity: number, unitPrice?: number): ShopifyMoneyLine {
	return {
		sku: item.sku || item.variant?.sku || null,
		variantId: item.variant?.id ?? null,
		title: item.name ?? item.title ?? '',
		quantity,
		unitPrice: unitPrice ?? item.originalUnitPriceSet?.shopMoney.amount ?? 0,
	};
}

/** A line the customer bought, with the discount Shopify allocated to it. */
function soldLine(item: LineItem, quantity: number): ShopifyMoneyLine {
	const discount = item.totalDiscountSet?.shopMoney.amount ?? 0;
	return { ...moneyLine(item, quantity), ...(discount > 0 ? { discount: round(discount) } : {}) };
}

const lineTotal = (l: ShopifyMoneyLine) => l.unitPrice * l.quantity - (l.discount ?? 0);
const sum = (values: number[]) => round(values.reduce((n, v) => n + v, 0));

/** Spreads `credit` over the lines in order, each up to what it still costs. */
function withCredit(lines: ShopifyMoneyLine[], credit: number): ShopifyMoneyLine[] {
	let left = round(credit);
	return lines.map((line) => {
		const used = Math.min(left, round(lineTotal(line)));
		left = round(left - used);
		return used > 0 ? { ...line, discount: round((line.discount ?? 0) + used) } : line;
	});
}

export function creditFromGiftCard(card: GiftCard): ShopifyCredit {
	return {
		kind: 'credit',
		id: card.id,
		occurredAt: card.createdAt,
		amount: card.initialValue.amount,
		currency: card.initialValue.currencyCode,
		customer: customerRef(card.customer),
		loopReturnId: parseLoopNote(card.note).loopReturnId,
		originalOrder: originalFromNote(card.note) ?? (card.order ? { id: card.order.id, name: card.order.name, legacyId: numericId(card.order.id) } : null),
		giftCard: { id: card.id, lastCharacters: card.lastCharacters ?? null, note: card.note ?? null },
	};
}

const isSuccessfulRefund = (t: OrderTransaction) => t.status === 'SUCCESS' && t.kind === 'REFUND';

/** Only money that moved: undefined when the refund has no successful refund transaction. */
export function refundFromShopify(refund: Refund): ShopifyRefund | undefined {
	const paid = refund.transactions.nodes.filter(isSuccessfulRefund);
	if (!paid.length) return undefined;
	return {
		kind: 'refund',
		id: refund.id,
		refundId: refund.id,
		occurredAt: refund.createdAt ?? paid[0].processedAt ?? paid[0].createdAt ?? '',
		amount: round(paid.reduce((n, t) => n + t.amountSet.shopMoney.amount, 0)),
		currency: paid[0].amountSet.shopMoney.currencyCode,
		customer: customerRef(refund.order.customer, refund.order.email),
		loopReturnId: parseLoopNote(refund.note).loopReturnId ?? loopReturnIdFromAttributes(refund.order.customAttributes),
		originalOrder: orderRef(refund.order),
		shopifyReturnId: refund.return?.id ?? null,
		gateways: [...new Set(paid.map((t) => t.gateway ?? 'unknown'))],
		lines: refund.refundLineItems.nodes.map((l) => ({
			...moneyLine(l.lineItem, l.quantity, l.priceSet?.shopMoney.amount),
			restocked: l.restocked ?? false,
		})),
	};
}

/** A legacy exchange order: Loop's credit is the discount on its lines; its total is what the customer paid. */
export function exchangeFromOrder(order: ExchangeOrder): ShopifyExchange {
	const originalName = originalOrderNameFromTags(order.tags);
	const lines = order.lineItems.nodes.map((l) => soldLine(l, l.quantity ?? 1));
	return {
		kind: 'exchange',
		mode: 'order',
		id: order.id,
		occurredAt: order.createdAt,
		amount: order.totalPriceSet.shopMoney.amount,
		currency: order.totalPriceSet.shopMoney.currencyCode,
		customer: customerRef(order.customer, order.email),
		loopReturnId: loopReturnIdFromAttributes(order.customAttributes),
		originalOrder: originalName ? { id: null, name: originalName, legacyId: null } : null,
		order: orderRef(order),
		lines,
		exchangeCredit: sum(lines.map((l) => l.discount ?? 0)),
	};
}

/**
 * A native exchange: the new items sit on the original order, listed by its Return. Shopify's
 * exchange engine pays for them with the returned items' value; what that does not cover was
 * charged (upsell), what is left over is refunded on the Return (a refund of its own).
 */
export function exchangeFromReturn(ret: ShopifyReturn): ShopifyExchange | undefined {
	const newLines = ret.exchangeLineItems.nodes.flatMap((x) => {
		const items = x.lineItems ?? [];
		if (!items.length) return [{ sku: null, variantId: x.variantId ?? null, title: '', quantity: x.quantity, unitPrice: 0 }];
		return items.map((item) => soldLine(item, item.quantity ?? x.quantity));
	});
	if (!newLines.length) return undefined;
	const returnedValue = sum(
		ret.returnLineItems.nodes.map((r) => (r.quantity ?? 0) * (r.fulfillmentLineItem?.lineItem.discountedUnitPriceSet?.shopMoney.amount ?? 0)),
	);
	const lines = withCredit(newLines, Math.min(returnedValue, sum(newLines.map(lineTotal))));
	const currency = ret.exchangeLineItems.nodes.flatMap((x) => x.lineItems ?? [])[0]?.originalUnitPriceSet?.shopMoney.currencyCode;
	return {
		kind: 'exchange',
		mode: 'native',
		id: ret.id,
		occurredAt: ret.closedAt ?? ret.createdAt ?? '',
		amount: sum(lines.map(lineTotal)),
		currency: currency ?? '',
		customer: customerRef(ret.order.customer, ret.order.email),
		loopReturnId: loopReturnIdFromAttributes(ret.order.customAttributes),
		originalOrder: orderRef(ret.order),
		order: orderRef(ret.order),
		lines,
		exchangeCredit: sum(lines.map((l) => l.discount ?? 0)),
	};
}

/** The gift card a gift_card payment used: receiptJson carries its numeric id. */
export function giftCardIdOf(transaction: OrderTransaction): string | null {
	const id = transaction.receiptJson.gift_card_id;
	if (id === undefined || id === null || id === '') return null;
	return String(id).startsWith('gid://') ? String(id) : `gid://shopify/GiftCard/${String(id)}`;
}

export function isGiftCardPayment(t: OrderTransaction): boolean {
	return t.gateway === 'gift_card' && t.status === 'SUCCESS' && (t.kind === 'SALE' || t.kind === 'CAPTURE');
}

export function redemptionFrom(order: PaidOrder, transaction: OrderTransaction, card: GiftCard | null): ShopifyRedemption {
	return {
		kind: 'redemption',
		id: transaction.id,
		transactionId: transaction.id,
		occurredAt: transaction.processedAt ?? transaction.createdAt ?? order.createdAt,
		amount: transaction.amountSet.shopMoney.amount,
		currency: transaction.amountSet.shopMoney.currencyCode,
		customer: customerRef(order.customer, order.email),
		giftCardId: giftCardIdOf(transaction) ?? '',
		loopReturnId: parseLoopNote(card?.note).loopReturnId,
		originalOrder: originalFromNote(card?.note),
		order: orderRef(order),
	};
}
