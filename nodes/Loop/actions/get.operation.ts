import type { IExecuteFunctions, INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { getReturnDetails, type ReturnLookup } from '../transport';
import { returnIdFrom } from '../helpers/returnId';
import { idMode, normaliseReturn, urlMode, type OperationResult } from './common';

const displayOptions = { show: { operation: ['get'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Return',
		name: 'lookup',
		type: 'resourceLocator',
		default: { mode: 'id', value: '' },
		required: true,
		description: 'Which return: its ID, its address in Loop Admin, or the Shopify order it was made on',
		modes: [
			{ ...idMode, validation: [...idMode.validation] },
			{ ...urlMode, validation: [...urlMode.validation] },
			{ displayName: 'By Order Name', name: 'orderName', type: 'string', placeholder: '#1086' },
			{
				displayName: 'By Shopify Order ID',
				name: 'shopifyOrderId',
				type: 'string',
				placeholder: '4803021602967',
				validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'A Shopify order ID is a number' } }],
			},
		],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

function lookupOf(this: IExecuteFunctions, itemIndex: number): ReturnLookup {
	const locator = this.getNodeParameter('lookup', itemIndex) as INodeParameterResourceLocator;
	const value = String(locator.value ?? '').trim();
	const fail = (what: string) =>
		new NodeOperationError(this.getNode(), `"Return" of item ${itemIndex} is not ${what}: "${value}"`, { itemIndex });
	switch (locator.mode) {
		case 'orderName':
			if (!value) throw fail('an order name');
			return { orderName: value };
		case 'shopifyOrderId':
			if (!/^\d+$/.test(value)) throw fail('a Shopify order ID');
			return { orderId: value };
		default: {
			const returnId = returnIdFrom(value);
			if (!returnId) throw fail('a Loop return ID or admin URL');
			return { returnId };
		}
	}
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const body = await getReturnDetails(this, lookupOf.call(this, itemIndex), itemIndex);
	return normaliseReturn.call(this, body, itemIndex) as unknown as OperationResult;
}
