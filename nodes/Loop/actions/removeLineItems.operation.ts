import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { removeLineItems } from '../transport';
import { readReturnId, returnLocator, type OperationResult } from './common';

const displayOptions = { show: { operation: ['removeLineItems'] } };

const properties: INodeProperties[] = [
	returnLocator(),
	{
		displayName: 'Line Item IDs',
		name: 'lineItemIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: '123194218, 123194219',
		description:
			'Loop line item IDs (line_item_id) that were not received, comma-separated. Loop removes them, then processes the rest. Only refund and store-credit lines qualify.',
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const returnId = readReturnId.call(this, itemIndex);
	const raw = this.getNodeParameter('lineItemIds', itemIndex, '') as string | number | Array<string | number>;
	const ids = (Array.isArray(raw) ? raw.map(String) : String(raw).split(','))
		.map((id) => id.trim())
		.filter(Boolean);
	const bad = ids.filter((id) => !/^\d+$/.test(id));
	if (!ids.length || bad.length) {
		throw new NodeOperationError(
			this.getNode(),
			`"Line Item IDs" of item ${itemIndex} ${ids.length ? `has values that are not IDs: ${bad.join(', ')}` : 'is empty'}`,
			{ itemIndex },
		);
	}
	await removeLineItems(this, returnId, ids, itemIndex);
	return { returnId, operation: 'removeLineItems', removedLineItemIds: ids, status: 'queued' };
}
