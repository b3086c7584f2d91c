import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { properties, route } from './actions/router';
import { SHOPIFY_CREDENTIAL } from './transport';

const SHAPE =
	'Each item is one transaction: {kind: credit|refund|exchange|redemption, id (Shopify ID, unique), occurredAt, amount, currency, ' +
	'customer {id, email, displayName}, loopReturnId, originalOrder {id, name, legacyId}} plus, by kind: credit → giftCard {id, lastCharacters, note}; ' +
	'refund → refundId, shopifyReturnId, gateways, lines [{sku, variantId, title, quantity, unitPrice, restocked}]; ' +
	'exchange → mode (order|native), order, lines (full price, each with its discount), exchangeCredit, amount = what the customer paid; redemption → giftCardId, order, transactionId. The Xoro nodes take it as it is.';

export class ShopifyTransactions implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Shopify Transactions',
		name: 'shopifyTransactions',
		icon: { light: 'file:shopify.svg', dark: 'file:shopify.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: `Reads what Loop Returns did in Shopify (store credit, refunds, exchanges) and later gift-card spending, normalised for Xoro. ${SHAPE}`,
		defaults: { name: 'Shopify Transactions' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: SHOPIFY_CREDENTIAL, required: true }],
		hints: [{ message: SHAPE, type: 'info', location: 'outputPane', whenToDisplay: 'afterExecution' }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return route.call(this);
	}
}
