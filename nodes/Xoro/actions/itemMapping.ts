/** The Item Mapping parameter of the operations that create Xoro documents, and its reading. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { describe, textProblem } from '../../shared/checks';

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
			{
				// A mapping table a person keeps in one place (the templates read a Data table) rather than in each node.
				displayName: 'Mapping Table',
				name: 'tables',
				values: [
					{
						displayName: 'Rows',
						name: 'rows',
						type: 'json',
						default: '[]',
						description:
							'A list of rows, each with "shopifyKey" and "itemNumber", e.g. <code>{{ $(\'Item mapping\').all().map(r => r.json) }}</code> after a Data Table node. Rows with an empty side are left out; a Mapping above wins.',
					},
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
	const map = Object.create(null) as Record<string, string>;
	const add = (shopifyKey: unknown, itemNumber: unknown, where: string) => {
		const problem = textProblem(shopifyKey ?? '') ?? textProblem(itemNumber ?? '');
		if (problem) throw new NodeOperationError(ctx.getNode(), `"Item Mapping" ${where} of item ${itemIndex} ${problem}`, { itemIndex });
		const key = String(shopifyKey ?? '').trim();
		const number = String(itemNumber ?? '').trim();
		if (key && number) map[key] = number;
	};
	const tables = ctx.getNodeParameter('itemMapping.tables', itemIndex, []) as Array<{ rows: unknown }>;
	for (const [t, table] of tables.entries()) {
		for (const [r, row] of tableRows(ctx, table.rows, `table ${t + 1}`, itemIndex).entries()) {
			add(row.shopifyKey, row.itemNumber, `table ${t + 1} row ${r + 1}`);
		}
	}
	const mappings = ctx.getNodeParameter('itemMapping.mappings', itemIndex, []) as Array<{ shopifyKey: unknown; itemNumber: unknown }>;
	for (const [index, m] of mappings.entries()) add(m.shopifyKey, m.itemNumber, String(index + 1));
	return map;
}

function tableRows(ctx: IExecuteFunctions, rows: unknown, where: string, itemIndex: number): Array<Record<string, unknown>> {
	let value = rows;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value.trim() || '[]');
		} catch {
			throw new NodeOperationError(ctx.getNode(), `"Item Mapping" ${where} of item ${itemIndex} is not JSON`, { itemIndex });
		}
	}
	const invalid = !Array.isArray(value) ? describe(value) : value.findIndex((row) => row === null || typeof row !== 'object' || Array.isArray(row));
	if (typeof invalid === 'string') throw new NodeOperationError(ctx.getNode(), `"Item Mapping" ${where} of item ${itemIndex} must be a list of rows, not ${invalid}`, { itemIndex });
	if (invalid >= 0) throw new NodeOperationError(ctx.getNode(), `"Item Mapping" ${where} row ${invalid + 1} of item ${itemIndex} must be an object, not ${describe((value as unknown[])[invalid])}`, { itemIndex });
	return value as Array<Record<string, unknown>>;
}
