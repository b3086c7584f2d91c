/**
 * What a merchant edits lives in Data tables (editor → *Data tables*), not in the templates' nodes:
 * **Loop Xoro settings** (one row: store code, SKUs, exchange prefixes, days back) and the mapping tables
 * (Shopify SKU or variant ID → Xoro item number, Loop destination → Xoro store, Loop return reason → Xoro
 * reason code). A template reads them all at the start of a run and its nodes take their values from
 * there, so a change is made once and every template uses it.
 */
import { ITEM_MAPPING, REASON_CODES, STORE_BY_DESTINATION, type MappingParameter } from '../../../nodes/Xoro/actions/mappingParameter';
import { base, type DataTableColumnType } from '../stockNodes';
import type { Position, Workflow } from '../workflow';
import { everyRow, tableNamed } from './dataTables';

export const SETTINGS_TABLE = 'Loop Xoro settings';

/** The settings row's columns and the values template 00 writes when there is no row yet. */
export const SETTINGS: Array<{ name: SettingName; type: DataTableColumnType; value: string | number; means: string }> = [
	{ name: 'storeCode', type: 'string', value: 'MAIN', means: 'Xoro store code of new RMAs whose Loop destination is not in *Loop Xoro store by destination*' },
	{ name: 'adjustmentSku', type: 'string', value: 'STORE-CREDIT', means: 'Xoro item for credit memo lines that are not products' },
	{ name: 'thirdPartySource', type: 'string', value: 'Loop Returns', means: 'third-party source on Xoro credit memos and sales orders' },
	{ name: 'exchangePrefixes', type: 'string', value: 'EXC-,L-', means: 'name prefixes of exchange orders Loop creates in Shopify' },
	{ name: 'daysBack', type: 'number', value: 3, means: 'how many days the nightly reconciliation goes back' },
	{ name: 'defaultSku', type: 'string', value: '', means: 'Xoro item an RMA books a returned product under when Xoro has no item for it (empty: that return fails and is logged)' },
];

export type SettingName = 'storeCode' | 'adjustmentSku' | 'thirdPartySource' | 'exchangePrefixes' | 'daysBack' | 'defaultSku';

/** A mapping table: its Data table, the node that reads it (the name the node parameter's example uses), what a row says. */
export interface MappingTable {
	table: string;
	mapping: MappingParameter;
	columns: Array<{ name: string; type: DataTableColumnType }>;
	means: string;
}

const mappingTable = (table: string, mapping: MappingParameter, means: string): MappingTable => ({
	table,
	mapping,
	columns: [mapping.columns.key, mapping.columns.value].map((name) => ({ name, type: 'string' })),
	means,
});

export const ITEM_MAPPING_TABLE = 'Loop Xoro item mapping';

export const MAPPING_TABLES: MappingTable[] = [
	mappingTable(ITEM_MAPPING_TABLE, ITEM_MAPPING, 'one row per product whose Shopify SKU (or variant ID) is not its Xoro item number: *shopifyKey* → *itemNumber*'),
	mappingTable(
		'Loop Xoro store by destination',
		STORE_BY_DESTINATION,
		'one row per Loop destination (a warehouse returns ship to) whose returns go to another Xoro store than *storeCode*: *destinationId* (the number Loop gives the destination) → *storeCode*; their ASNs go to the same store',
	),
	mappingTable(
		'Loop Xoro reason codes',
		REASON_CODES,
		"one row per Loop return reason Xoro should get as a code: *loopReason* (the reason's text as Loop shows it) → *reasonCode*; a reason not listed reaches Xoro as Loop's text",
	),
];

/** A node parameter that takes the setting's value. */
export const setting = (name: SettingName) => `={{ $('Settings').first().json.${name} }}`;

/** A mapping parameter that takes the rows of its table. */
export const rowsOf = (mapping: MappingParameter) => ({ tables: [{ rows: `={{ $('${mapping.tableNode}').all().map(row => row.json) }}` }] });

/** A node's Item Mapping parameter that takes the mapping table's rows. */
export const itemMappingFromTable = rowsOf(ITEM_MAPPING);

/** The options of RMA: Create From Loop Return that come from the tables. */
export const rmaOptionsFromTables = {
	defaultSku: setting('defaultSku'),
	reasonCodes: rowsOf(REASON_CODES),
	storeByDestination: rowsOf(STORE_BY_DESTINATION),
};

/**
 * The first branch of `trigger` (n8n's v1 order runs a node's branches top to bottom, each to its end,
 * so these sit highest): reads the settings row and every mapping table, once per run, for the nodes of
 * the branches below to refer to.
 */
export function readSettings(w: Workflow, trigger: string, position: Position): void {
	let previous = w.node(
		'Settings',
		base.dataTable,
		{ resource: 'row', operation: 'get', dataTableId: tableNamed(SETTINGS_TABLE), ...everyRow, returnAll: false, limit: 1 },
		position,
		{ executeOnce: true },
	);
	w.link(trigger, previous);
	MAPPING_TABLES.forEach(({ table, mapping }, index) => {
		const read = w.node(
			mapping.tableNode,
			base.dataTable,
			{ resource: 'row', operation: 'get', dataTableId: tableNamed(table), ...everyRow, returnAll: true },
			[position[0] + 220 * (index + 1), position[1]],
			// An empty mapping table still lets the run go on (one empty row, which maps nothing).
			{ executeOnce: true, alwaysOutputData: true },
		);
		w.link(previous, read);
		previous = read;
	});
}
