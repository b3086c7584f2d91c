import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { ShopifyTransaction } from '../mapping/contracts';
import * as getAll from './actions/getAll.operation';
import * as getExchangeOrders from './actions/getExchangeOrders.operation';
import * as getGiftCardRedemptions from './actions/getGiftCardRedemptions.operation';
import * as getLoopCredits from './actions/getLoopCredits.operation';
import * as getRefunds from './actions/getRefunds.operation';
import { openWindow, windowProperties, type TimeWindow } from './helpers/window';
import { SHOPIFY_CREDENTIAL, ShopifyGraphql } from './transport';

type Operation = (
	this: IExecuteFunctions,
	shopify: ShopifyGraphql,
	window: TimeWindow,
	itemIndex: number,
) => Promise<ShopifyTransaction[]>;

const operations: Record<string, Operation> = {
	getLoopCredits: getLoopCredits.execute,
	getRefunds: getRefunds.execute,
	getExchangeOrders: getExchangeOrders.execute,
	getGiftCardRedemptions: getGiftCardRedemptions.execute,
	getAll: getAll.execute,
};

/** Operations that read orders: Shopify hides orders older than 60 days without read_all_orders. */
const READS_ORDERS = ['getRefunds', 'getExchangeOrders', 'getGiftCardRedemptions', 'getAll'];
const SIXTY_DAYS_MS = 60 * 24 * 3600 * 1000;

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
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Get All',
						value: 'getAll',
						description: 'Credits, refunds, exchanges and redemptions in one time-ordered stream',
						action: 'Get all loop transactions',
					},
					{
						name: 'Get Exchange Orders',
						value: 'getExchangeOrders',
						description: 'Exchange orders (EXC-/L- or tagged) and native exchanges on the original order',
						action: 'Get exchange orders',
					},
					{
						name: 'Get Gift Card Redemptions',
						value: 'getGiftCardRedemptions',
						description: 'Orders paid with a gift card Loop issued: which card, how much, which order',
						action: 'Get gift card redemptions',
					},
					{
						name: 'Get Loop Credits',
						value: 'getLoopCredits',
						description: 'Gift cards Loop issued as store credit',
						action: 'Get loop credits',
					},
					{
						name: 'Get Refunds',
						value: 'getRefunds',
						description: 'Successful refunds with their lines (SKU, quantity) and Shopify return',
						action: 'Get refunds',
					},
				],
				default: 'getAll',
			},
			...windowProperties,
			...getLoopCredits.description,
			...getRefunds.description,
			...getExchangeOrders.description,
			...getGiftCardRedemptions.description,
			...getAll.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const operation = this.getNodeParameter('operation', i) as string;
				const run = openWindow(this, i, operation);
				const shopify = await ShopifyGraphql.connect(this, i);
				if (READS_ORDERS.includes(operation) && Date.now() - Date.parse(run.window.since) > SIXTY_DAYS_MS) {
					await shopify.requireScopes(['read_all_orders'], 'the window starts more than 60 days ago and Shopify would leave older orders out without it');
				}
				const found = await operations[operation].call(this, shopify, run.window, i);
				const unique = [...new Map(found.map((t) => [t.id, t])).values()];
				unique.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || a.id.localeCompare(b.id));
				for (const transaction of run.finish(unique)) {
					output.push({ json: transaction as unknown as IDataObject, pairedItem: { item: i } });
				}
			} catch (error) {
				if (this.continueOnFail()) {
					output.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				if (error instanceof NodeOperationError) throw new NodeOperationError(this.getNode(), error, { itemIndex: i });
				throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex: i });
			}
		}
		return [output];
	}
}
