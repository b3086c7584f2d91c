/**
 * Mapping parameters (Item Mapping, Store by Loop Destination, Reason Codes) of the operations that
 * create Xoro documents, and their reading. Each takes mappings typed into the node, and a Mapping
 * Table: rows a person keeps in one place (the templates read an n8n Data table) rather than in each node.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	ITEM_MAPPING_COLUMNS,
	mappingFromRows,
	MappingTableError,
	REASON_CODE_COLUMNS,
	STORE_BY_DESTINATION_COLUMNS,
	type MappingColumns,
} from '../../mapping/mappingTables';

export interface MappingParameter {
	name: string;
	displayName: string;
	valueLabel: string;
	columns: MappingColumns;
	/** The node that reads the table in the templates, for the example in the editor */
	tableNode: string;
}

export const ITEM_MAPPING: MappingParameter = {
	name: 'itemMapping',
	displayName: 'Item Mapping',
	valueLabel: 'Xoro Item Number',
	columns: ITEM_MAPPING_COLUMNS,
	tableNode: 'Item mapping',
};

export const STORE_BY_DESTINATION: MappingParameter = {
	name: 'storeByDestination',
	displayName: 'Store by Loop Destination',
	valueLabel: 'Xoro Store Code',
	columns: STORE_BY_DESTINATION_COLUMNS,
	tableNode: 'Store by destination',
};

export const REASON_CODES: MappingParameter = {
	name: 'reasonCodes',
	displayName: 'Reason Codes',
	valueLabel: 'Xoro Reason Code',
	columns: REASON_CODE_COLUMNS,
	tableNode: 'Reason codes',
};

/** `keyLabel` names what a mapping is keyed by, e.g. "Shopify Variant ID or SKU". */
export function mappingProperty(mapping: MappingParameter, keyLabel: string, description: string): INodeProperties {
	const { key, value } = mapping.columns;
	return {
		displayName: mapping.displayName,
		name: mapping.name,
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
					{ displayName: keyLabel, name: key, type: 'string', default: '' },
					{ displayName: mapping.valueLabel, name: value, type: 'string', default: '' },
				],
			},
			{
				displayName: 'Mapping Table',
				name: 'tables',
				values: [
					{
						displayName: 'Rows',
						name: 'rows',
						type: 'json',
						default: '[]',
						description: `A list of rows, each with "${key}" and "${value}", e.g. <code>{{ $('${mapping.tableNode}').all().map(r => r.json) }}</code> after a Data Table node. Rows with an empty side are left out; a Mapping above wins.`,
					},
				],
			},
		],
	};
}

/**
 * Key → value from the tables, then the mappings typed into the node (which win). `path` is where the
 * parameter sits, e.g. "itemMapping" or "options.reasonCodes". A bad row fails the item, naming the
 * parameter, the table, the row and the field.
 */
export function readMapping(ctx: IExecuteFunctions, mapping: MappingParameter, path: string, itemIndex: number): Record<string, string> {
	const read = (rows: unknown, where: string) => {
		try {
			return mappingFromRows(rows, mapping.columns);
		} catch (error) {
			if (!(error instanceof MappingTableError)) throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
			const at = `${where}${error.row === null ? '' : ` row ${error.row}`} of item ${itemIndex}`;
			const message = `"${mapping.displayName}" ${at}${error.field === null ? '' : `: "${error.field}"`} ${error.problem}`;
			throw new NodeOperationError(ctx.getNode(), message, { itemIndex });
		}
	};
	const tables = ctx.getNodeParameter(`${path}.tables`, itemIndex, []) as Array<{ rows: unknown }>;
	const typed = ctx.getNodeParameter(`${path}.mappings`, itemIndex, []) as unknown[];
	return Object.assign(
		Object.create(null) as Record<string, string>,
		...tables.map((table, t) => read(table.rows, `table ${t + 1}`)),
		read(typed, 'mapping'),
	);
}
