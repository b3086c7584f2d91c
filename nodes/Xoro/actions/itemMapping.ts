/** The Item Mapping parameter of the operations that create Xoro documents, and its reading. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { Show } from './types';

/** `keys` names what a mapping may be keyed by, e.g. "Shopify Variant ID or SKU". */
export function itemMappingProperty(show: Show, keys: string, description: string): INodeProperties {
	return {
		displayName: 'Item Mapping',
		name: 'itemMapping',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Mapping',
		default: {},
		description,
		displayOptions: { show },
		options: [
			{
				displayName: 'Mapping',
				name: 'mappings',
				values: [
					{ displayName: keys, name: 'shopifyKey', type: 'string', default: '' },
					{ displayName: 'Xoro Item Number', name: 'itemNumber', type: 'string', default: '' },
				],
			},
		],
	};
}

/** Key → Xoro item number; mappings with an empty side are left out. */
export function readItemMap(ctx: IExecuteFunctions, itemIndex: number): Record<string, string> {
	const mappings = ctx.getNodeParameter('itemMapping.mappings', itemIndex, []) as Array<{ shopifyKey: string; itemNumber: string }>;
	return Object.fromEntries(
		mappings.filter((m) => m.shopifyKey?.trim() && m.itemNumber?.trim()).map((m) => [m.shopifyKey.trim(), m.itemNumber.trim()]),
	);
}
