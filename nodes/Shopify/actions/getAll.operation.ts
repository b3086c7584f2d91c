/**
 * Get All: credits, refunds, exchanges and redemptions of the window in one stream (the node orders
 * it by time). The gift cards read as credits are not read again for the redemptions they paid.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ShopifyTransaction } from '../../mapping/contracts';
import type { TimeWindow } from '../helpers/window';
import type { GiftCard } from '../schemas';
import type { ShopifyGraphql } from '../transport';
import * as getLoopCredits from './getLoopCredits.operation';
import * as getRefunds from './getRefunds.operation';
import * as getExchangeOrders from './getExchangeOrders.operation';
import * as getGiftCardRedemptions from './getGiftCardRedemptions.operation';

export const description: INodeProperties[] = [];

export async function execute(
	this: IExecuteFunctions,
	shopify: ShopifyGraphql,
	window: TimeWindow,
	itemIndex: number,
): Promise<ShopifyTransaction[]> {
	const giftCards = new Map<string, GiftCard>();
	return [
		...(await getLoopCredits.execute.call(this, shopify, window, itemIndex, giftCards)),
		...(await getRefunds.execute.call(this, shopify, window, itemIndex)),
		...(await getExchangeOrders.execute.call(this, shopify, window, itemIndex)),
		...(await getGiftCardRedemptions.execute.call(this, shopify, window, itemIndex, giftCards)),
	];
}
