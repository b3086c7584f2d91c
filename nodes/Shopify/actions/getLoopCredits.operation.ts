/**
 * Get Loop Credits: gift cards Loop issued as store credit. Shopify's GraphQL gift card has no
 * creating-app field, so: API-created cards (source:api_client) made in the window, whose note
 * carries Loop's marker; the Loop return and original order are parsed from that note.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ShopifyCredit } from '../../mapping/contracts';
import { DEFAULT_LOOP_NOTE_MARKER, isLoopNote } from '../helpers/loopNotes';
import { creditFromGiftCard } from '../helpers/normalise';
import { inWindow, searchRange, type TimeWindow } from '../helpers/window';
import { bulkLoopGiftCards, LOOP_GIFT_CARD_COST, LOOP_GIFT_CARDS } from '../queries';
import { giftCardSchema, giftCardsPageSchema, type GiftCard } from '../schemas';
import type { ShopifyGraphql } from '../transport';

/** Get Gift Card Redemptions and Get All read gift cards too, with these settings. */
const displayOptions = { show: { operation: ['getLoopCredits', 'getGiftCardRedemptions', 'getAll'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Loop Note Marker',
		name: 'loopNoteMarker',
		type: 'string',
		default: DEFAULT_LOOP_NOTE_MARKER,
		description: 'Text in the note of every gift card Loop issues; cards without it are not Loop credits',
	},
	{
		displayName: 'Use Bulk Operation',
		name: 'useBulkOperation',
		type: 'boolean',
		default: false,
		description:
			'Whether to read gift cards and gift-card payments with a Shopify bulk operation: slower to start, but no paging or cost limits. For long backfills.',
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	shopify: ShopifyGraphql,
	window: TimeWindow,
	itemIndex: number,
	/** Filled with every card read, by id, for Get All's redemptions */
	read?: Map<string, GiftCard>,
): Promise<ShopifyCredit[]> {
	const marker = this.getNodeParameter('loopNoteMarker', itemIndex, DEFAULT_LOOP_NOTE_MARKER) as string;
	const search = `${searchRange('created_at', window)} AND source:api_client`;
	const cards = (this.getNodeParameter('useBulkOperation', itemIndex, false) as boolean)
		? await shopify.bulkQuery(bulkLoopGiftCards(search), giftCardSchema)
		: await shopify.paginate(LOOP_GIFT_CARDS, { query: search }, giftCardsPageSchema, (data) => data.giftCards, {
				pageSize: 100,
				nodeCost: LOOP_GIFT_CARD_COST,
			});
	for (const card of cards) read?.set(card.id, card);
	return cards.filter((card) => isLoopNote(card.note, marker) && inWindow(card.createdAt, window)).map(creditFromGiftCard);
}
