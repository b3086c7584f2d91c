/** The Item Mapping parameter of the operations that create Xoro documents, and its reading. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { textProblem } from '../../shared/checks';

/** `keys` names what a mapping may be keyed by, e.g. "Shopify Variant ID or SKU". */
export function itemMappingProperty(keys: string, description: string): INodeProperties {
	return {
		displayName: 'Item Mapping',
		name: 'itemMapping',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Mapping',
		default: {},
		description,
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

/**
 * Key → Xoro item number; mappings with an empty side are left out. A table without a prototype, so
 * a SKU such as "constructor" or "toString" finds only what the user mapped.
 */
export function readItemMap(ctx: IExecuteFunctions, itemIndex: number): Record<string, string> {
	const mappings = ctx.getNodeParameter('itemMapping.mappings', itemIndex, []) as Array<{ shopifyKey: unknown; itemNumber: unknown }>;
	const map = Object.create(null) as Record<string, string>;
	for (const [index, m] of mappings.entries()) {
		const problem = textProblem(m.shopifyKey ?? '') ?? textProblem(m.itemNumber ?? '');
		if (problem) throw new NodeOperationError(ctx.getNode(), `"Item Mapping" ${index + 1} of item ${itemIndex} ${problem}`, { itemIndex });
		const key = String(m.shopifyKey ?? '').trim();
		const itemNumber = String(m.itemNumber ?? '').trim();
		if (key && itemNumber) map[key] = itemNumber;
	}
	return map;
}
