/**
 * Credit Memo → Create Refunded. Input: a Shopify Transactions "refund" item. Books a credit memo for
 * the returned lines, marked refunded, keyed by the Shopify refund's id. How Xoro marks a memo refunded
 * is not public (docs/apis.md §X4.2): the marker is a setting, merged into the memo header.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { refundToCreditMemo, shopifyRefNo } from '../../../mapping/shopifyToXoro';
import type { XoroOperation } from '../types';
import { readTransaction } from './documentSettings';
import { creditMemoProperties, importCreditMemos, readCreditMemoSettings } from './importCreditMemo';

const displayOptions = { show: { resource: ['creditMemo'], operation: ['createRefunded'] } };

/** Our modeled marker; the Xoro simulator honours it. Replace it with your Xoro API guide's field. */
export const DEFAULT_REFUND_MARKER = '{\n  "RefundedFlag": true\n}';

const properties: INodeProperties[] = [
	{
		displayName: 'Refunded Marker',
		name: 'refundMarker',
		type: 'json',
		default: DEFAULT_REFUND_MARKER,
		description:
			'Credit memo header fields that tell Xoro the credit was refunded. Xoro does not publish them: this default is modeled; use the fields from your Xoro API guide.',
	},
	...creditMemoProperties([
		{
			displayName: 'Return Location',
			name: 'returnLocation',
			type: 'string',
			default: '',
			description: 'Xoro location that restocked lines go back to (InventoryLocChangeList). Empty: no inventory adjustment.',
		},
	]),
];

const description = updateDisplayOptions(displayOptions, properties);

async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const output = await importCreditMemos(this, items, (itemIndex, item, timeZone) => {
		const refund = readTransaction(this, item.json, 'refund', itemIndex);
		const settings = { ...readCreditMemoSettings(this, itemIndex), refundMarker: readRefundMarker(this, itemIndex), timeZone };
		return {
			thirdPartyRefNo: shopifyRefNo(refund.id),
			transaction: refund,
			build: (invoiceNumber) => refundToCreditMemo(refund, { ...settings, invoiceNumber }),
		};
	});
	return [output];
}

function readRefundMarker(ctx: IExecuteFunctions, itemIndex: number): Record<string, unknown> {
	const raw = ctx.getNodeParameter('refundMarker', itemIndex, DEFAULT_REFUND_MARKER) as unknown;
	let value = raw;
	if (typeof raw === 'string') {
		try {
			value = raw.trim() ? JSON.parse(raw) : {};
		} catch {
			value = undefined;
		}
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw new NodeOperationError(ctx.getNode(), 'Refunded Marker must be a JSON object of credit memo header fields', { itemIndex });
	}
	return value as Record<string, unknown>;
}

export const operation: XoroOperation = {
	option: {
		name: 'Create Refunded',
		value: 'createRefunded',
		action: 'Create a refunded credit memo from a Shopify refund',
		description: 'Refunded credit memo from a Shopify Transactions refund item; returns the existing memo for the same refund',
	},
	description,
	execute,
};
