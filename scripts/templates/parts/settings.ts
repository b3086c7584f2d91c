/**
 * What a merchant edits lives in two Data tables (editor → *Data tables*), not in the templates' nodes:
 * **Loop Xoro settings** (one row: store code, SKUs, exchange prefixes, days back) and **Loop Xoro item
 * mapping** (Shopify SKU or variant ID → Xoro item number). A template reads both at the start of a run
 * and its nodes take their values from there, so a change is made once and every template uses it.
 */
import { base, type DataTableColumnType } from '../stockNodes';
import type { Position, Workflow } from '../workflow';
import { everyRow, tableNamed } from './dataTables';

export const SETTINGS_TABLE = 'Loop Xoro settings';
export const ITEM_MAPPING_TABLE = 'Loop Xoro item mapping';

/** The settings row's columns and the values template 00 writes when there is no row yet. */
export const SETTINGS: Array<{ name: string; type: DataTableColumnType; value: string | number; means: string }> = [
	{ name: 'storeCode', type: 'string', value: 'MAIN', means: 'Xoro store code of new RMAs' },
	{ name: 'adjustmentSku', type: 'string', value: 'STORE-CREDIT', means: 'Xoro item for credit memo lines that are not products' },
	{ name: 'thirdPartySource', type: 'string', value: 'Loop Returns', means: 'third-party source on Xoro credit memos and sales orders' },
	{ name: 'exchangePrefixes', type: 'string', value: 'EXC-,L-', means: 'name prefixes of exchange orders Loop creates in Shopify' },
	{ name: 'daysBack', type: 'number', value: 3, means: 'how many days the nightly reconciliation goes back' },
];

export const ITEM_MAPPING_COLUMNS: Array<{ name: string; type: DataTableColumnType }> = [
	{ name: 'shopifyKey', type: 'string' },
	{ name: 'itemNumber', type: 'string' },
];

export type SettingName = 'storeCode' | 'adjustmentSku' | 'thirdPartySource' | 'exchangePrefixes' | 'daysBack';

/** A node parameter that takes the setting's value. */
export const setting = (name: SettingName) => `={{ $('Settings').first().json.${name} }}`;

/** A node's Item Mapping parameter that takes the mapping table's rows. */
export const itemMappingFromTable = { tables: [{ rows: "={{ $('Item mapping').all().map(row => row.json) }}" }] };

/**
 * The first branch of `trigger` (n8n's v1 order runs a node's branches top to bottom, each to its end,
 * so these sit highest): reads the settings row and the item mapping, once per run, for the nodes of
 * the branches below to refer to.
 */
export function readSettings(w: Workflow, trigger: string, position: Position): void {
	const settings = w.node(
		'Settings',
		base.dataTable,
		{ resource: 'row', operation: 'get', dataTableId: tableNamed(SETTINGS_TABLE), ...everyRow, returnAll: false, limit: 1 },
		position,
		{ executeOnce: true },
	);
	const mapping = w.node(
		'Item mapping',
		base.dataTable,
		{ resource: 'row', operation: 'get', dataTableId: tableNamed(ITEM_MAPPING_TABLE), ...everyRow, returnAll: true },
		[position[0] + 220, position[1]],
		// An empty mapping table still lets the run go on (one empty row, which maps nothing).
		{ executeOnce: true, alwaysOutputData: true },
	);
	w.link(trigger, settings);
	w.link(settings, mapping);
}
