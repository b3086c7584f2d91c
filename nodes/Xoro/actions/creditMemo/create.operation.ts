/**
 * Credit Memo → Create (store credit). Input: a Shopify Transactions "credit" item (a gift card Loop
 * issued). Xoro's Shopify app books such a card as a credit memo; so do we, keyed by the gift card's
 * id so that the card's later redemptions find it (Apply to Invoice) and a rerun finds it instead of
 * booking it twice.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { creditToCreditMemo, shopifyRefNo } from '../../../mapping/shopifyToXoro';
import type { XoroOperation } from '../types';
import { readTransaction } from './documentSettings';
import { creditMemoProperties, importCreditMemos, readCreditMemoSettings } from './importCreditMemo';

const displayOptions = { show: { resource: ['creditMemo'], operation: ['create'] } };

const description = updateDisplayOptions(displayOptions, creditMemoProperties());

async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const output = await importCreditMemos(this, items, (itemIndex, item, timeZone) => {
		const credit = readTransaction(this, item.json, 'credit', itemIndex);
		const settings = { ...readCreditMemoSettings(this, itemIndex), timeZone };
		return {
			thirdPartyRefNo: shopifyRefNo(credit.giftCard?.id ?? credit.id),
			transaction: credit,
			build: (invoiceNumber) => creditToCreditMemo(credit, { ...settings, invoiceNumber }),
		};
	});
	return [output];
}

export const operation: XoroOperation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a store credit memo from a Shopify gift card',
		description: 'Store credit from a Shopify Transactions credit item; returns the existing memo for the same gift card',
	},
	description,
	execute,
};
