/**
 * Get Gift Card Redemptions: orders created in the window that were paid (gateway gift_card) with a
 * gift card. The payment's receiptJson names the card; the card's note tells whether Loop issued it.
 * The cards are read by id in batches, except those Get All has already read as Loop credits.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ShopifyRedemption } from '../../mapping/contracts';
import { DEFAULT_LOOP_NOTE_MARKER, isLoopNote } from '../helpers/loopNotes';
import { wholeList } from '../helpers/nested';
import { giftCardIdOf, isGiftCardPayment, redemptionFrom } from '../helpers/normalise';
import { inWindow, searchRange, type TimeWindow } from '../helpers/window';
import { bulkPaidOrders, GIFT_CARD_COST, GIFT_CARDS, ORDER_TRANSACTIONS, PAID_ORDER_COST, PAID_ORDERS, TRANSACTIONS_PER_ORDER } from '../queries';
import { giftCardsByIdSchema, orderTransactionsSchema, paidOrderSchema, paidOrdersPageSchema, type GiftCard, type OrderTransaction, type PaidOrder } from '../schemas';
import type { ShopifyGraphql } from '../transport';

const displayOptions = { show: { operation: ['getGiftCardRedemptions', 'getAll'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Only Loop Gift Cards',
		name: 'onlyLoopGiftCards',
		type: 'boolean',
		default: true,
		description: 'Whether to keep only payments with gift cards Loop issued (their note has the Loop note marker)',
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	shopify: ShopifyGraphql,
	window: TimeWindow,
	itemIndex: number,
	/** Gift cards already read (Get All's Loop credits), by id */
	known: Map<string, GiftCard> = new Map(),
): Promise<ShopifyRedemption[]> {
	const marker = this.getNodeParameter('loopNoteMarker', itemIndex, DEFAULT_LOOP_NOTE_MARKER) as string;
	const onlyLoop = this.getNodeParameter('onlyLoopGiftCards', itemIndex, true) as boolean;
	const search = searchRange('created_at', window);
	const orders = (this.getNodeParameter('useBulkOperation', itemIndex, false) as boolean)
		? await shopify.bulkQuery(bulkPaidOrders(search), paidOrderSchema)
		: await shopify.paginate(PAID_ORDERS, { query: search }, paidOrdersPageSchema, (data) => data.orders, { nodeCost: PAID_ORDER_COST });
	const paid: Array<{ order: PaidOrder; payment: OrderTransaction; cardId: string | null }> = [];
	for (const order of orders) {
		if (!inWindow(order.createdAt, window)) continue;
		const payments = await wholeList(this, shopify, order.transactions, TRANSACTIONS_PER_ORDER, {
			document: ORDER_TRANSACTIONS,
			order,
			schema: orderTransactionsSchema,
			pick: (data) => data.order?.transactions,
			what: 'payments',
		});
		for (const payment of payments.filter(isGiftCardPayment)) paid.push({ order, payment, cardId: giftCardIdOf(payment) });
	}
	const cards = new Map<string, GiftCard | null>(known);
	const unread = [...new Set(paid.map((p) => p.cardId))].filter((id): id is string => id !== null && !cards.has(id));
	const read = await shopify.nodesById(GIFT_CARDS, unread, giftCardsByIdSchema, (data) => data.nodes, { nodeCost: GIFT_CARD_COST });
	unread.forEach((id, i) => cards.set(id, read[i]));
	const redemptions: ShopifyRedemption[] = [];
	for (const { order, payment, cardId } of paid) {
		const card = cardId ? (cards.get(cardId) ?? null) : null;
		if (onlyLoop && !isLoopNote(card?.note, marker)) continue;
		redemptions.push(redemptionFrom(order, payment, card));
	}
	return redemptions;
}
