import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { returnAction } from '../transport';
import { readReturnId, returnLocator, type OperationResult } from './common';
import { passIfAlready } from './refusals';

const displayOptions = { show: { operation: ['process'] } };

const properties: INodeProperties[] = [
	returnLocator(),
	{
		displayName: 'Additional Details',
		name: 'additionalDetails',
		type: 'fixedCollection',
		placeholder: 'Add Detail',
		default: {},
		typeOptions: { multipleValues: true },
		description:
			'Sent as the body: Loop adds these to the Shopify orders processing creates and to the return timeline, e.g. erp_rma = RMA-000123',
		options: [
			{
				displayName: 'Detail',
				name: 'detail',
				values: [
					{ displayName: 'Key', name: 'key', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

function detailsOf(this: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const { detail = [] } = this.getNodeParameter('additionalDetails', itemIndex, {}) as {
		detail?: Array<{ key: string; value: string }>;
	};
	const details: IDataObject = {};
	for (const [position, { key, value }] of detail.entries()) {
		if (!key?.trim()) {
			throw new NodeOperationError(this.getNode(), `"Additional Details" of item ${itemIndex}: detail ${position + 1} has no key`, {
				itemIndex,
			});
		}
		details[key.trim()] = value ?? '';
	}
	return Object.keys(details).length ? details : undefined;
}

/**
 * Loop's `true` only means queued; the return closes once Loop has fulfilled its outcomes. A refusal
 * of a return that is closed already (Loop processed it, or a person closed it) is a success with
 * `alreadyProcessed`; any other refusal (flagged, cancelled, expired) fails the item with Loop's reason.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const returnId = readReturnId.call(this, itemIndex);
	const additionalDetails = detailsOf.call(this, itemIndex);
	try {
		await returnAction(this, returnId, 'process', additionalDetails, itemIndex);
	} catch (error) {
		await passIfAlready(this, error, returnId, 'closed', itemIndex);
		return { returnId, operation: 'process', status: 'closed', alreadyProcessed: true, additionalDetails: {} };
	}
	return { returnId, operation: 'process', status: 'queued', alreadyProcessed: false, additionalDetails: additionalDetails ?? {} };
}
