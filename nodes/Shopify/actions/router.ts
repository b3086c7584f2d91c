/**
 * The Shopify Transactions node's operations: their parameters, and the shared per-item runner that
 * opens each item's time window, dispatches, and returns the transactions time-ordered and unique.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ShopifyTransaction } from '../../mapping/contracts';
import { toMillis } from '../../shared/dates';
import { forEachItem, operationFor } from '../../shared/items';
import { openWindow, windowProperties, type TimeWindow } from '../helpers/window';
import { pendingRedemptions } from '../../shared/pendingRedemptions';
import { ShopifyGraphql } from '../transport';
import * as getAll from './getAll.operation';
import * as getExchangeOrders from './getExchangeOrders.operation';
import * as getGiftCardRedemptions from './getGiftCardRedemptions.operation';
import * as getLoopCredits from './getLoopCredits.operation';
import * as getRefunds from './getRefunds.operation';

interface Operation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, shopify: ShopifyGraphql, window: TimeWindow, itemIndex: number): Promise<ShopifyTransaction[]>;
}

const operations: Record<string, Operation> = { getLoopCredits, getRefunds, getExchangeOrders, getGiftCardRedemptions, getAll };

/** Operations that emit redemptions, which wait in the workflow for their Xoro invoice. */
const REDEMPTIONS = ['getGiftCardRedemptions', 'getAll'];
/** Operations that read orders: Shopify hides orders older than 60 days without read_all_orders. */
const READS_ORDERS = ['getRefunds', 'getExchangeOrders', 'getGiftCardRedemptions', 'getAll'];
const SIXTY_DAYS_MS = 60 * 24 * 3600 * 1000;

export const properties: INodeProperties[] = [
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
	...Object.values(operations).flatMap((operation) => operation.description),
];

export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const output = await forEachItem(this, this.getInputData(), async (itemIndex) => {
		const operation = operationFor(this, operations, itemIndex);
		const name = this.getNodeParameter('operation', itemIndex) as string;
		const run = openWindow(this, itemIndex, name);
		const shopify = await ShopifyGraphql.connect(this, itemIndex);
		if (READS_ORDERS.includes(name) && Date.now() - toMillis(run.window.since) > SIXTY_DAYS_MS) {
			await shopify.requireScopes(['read_all_orders'], 'the window starts more than 60 days ago and Shopify would leave older orders out without it');
		}
		const found = await operation.execute.call(this, shopify, run.window, itemIndex);
		const unique = [...new Map(found.map((t) => [t.id, t])).values()];
		unique.sort((a, b) => toMillis(a.occurredAt) - toMillis(b.occurredAt) || a.id.localeCompare(b.id));
		const fresh = run.finish(unique);
		// Redemptions still waiting for their Xoro invoice come again on every Since Last Run.
		if (REDEMPTIONS.includes(name) && this.getNodeParameter('windowMode', itemIndex, 'range') === 'cursor') {
			fresh.push(...pendingRedemptions(this).filter((p) => !fresh.some((t) => t.id === p.id)));
		}
		return fresh as unknown as IDataObject[];
	});
	return [output];
}
