import { columnValues, everyRow, tableNamed } from '../parts/dataTables';
import { EXCEPTION_COLUMNS, EXCEPTION_LOG } from '../parts/exceptionLog';
import { MAPPING_TABLES, SETTINGS, SETTINGS_TABLE } from '../parts/settings';
import { base } from '../stockNodes';
import { Workflow } from '../workflow';

const SETTINGS_NOTE = SETTINGS.map((s) => `- **${s.name}** (${s.value === '' ? 'empty' : `\`${s.value}\``}): ${s.means}`).join('\n');
const MAPPING_NOTE = MAPPING_TABLES.map((m) => `**${m.table}**: ${m.means}.`).join('\n\n');

export function setUp(): Workflow {
	const w = new Workflow(
		'00-set-up.json',
		'LoopXoroSetUp000',
		'Loop ↔ Xoro: set up (run once)',
		'Creates the Data tables the other templates read their settings from and write their failures to. Run it once after importing.',
	);
	w.sticky(
		'About this workflow',
		`## Run this once, after importing the templates\nClick **Execute workflow**. It creates ${MAPPING_TABLES.length + 2} Data tables (open them under **Data tables** in the editor); running it again changes nothing you edited, and creates a table that is missing (run it again after updating the templates).\n\n` +
			`**${SETTINGS_TABLE}**: one row, read by every template at the start of a run. Change a value there, once:\n${SETTINGS_NOTE}\n\n` +
			`${MAPPING_NOTE} *Add Row* in the table to add one.\n\n` +
			'A settings table made before *defaultSku* existed keeps its columns: add a text column `defaultSku` to it in the Data tables tab.\n\n' +
			`**${EXCEPTION_LOG}**: every return a template could not take through a step, one row per return and step, with the error and how many attempts failed. ` +
			'A row goes away when the return goes through. Re-run one return now with *Loop → Xoro: import one return by ID*, or set *state* to `ignore` once a person has dealt with it.',
		[-120, -860],
		560,
		800,
	);
	const start = w.node('Run once', base.manualTrigger, {}, [0, 0]);
	const create = (name: string, tableName: string, columns: Array<{ name: string; type: 'string' | 'number' | 'boolean' | 'date' }>, position: [number, number]) =>
		w.node(name, base.dataTable, { resource: 'table', operation: 'create', tableName, columns: { column: columns }, options: { createIfNotExists: true } }, position);

	const settings = create('Create the settings', SETTINGS_TABLE, SETTINGS, [260, 0]);
	const current = w.node(
		'Current settings',
		base.dataTable,
		{ resource: 'row', operation: 'get', dataTableId: tableNamed(SETTINGS_TABLE), ...everyRow, returnAll: false, limit: 1 },
		[480, 0],
		{ alwaysOutputData: true },
	);
	const none = w.node(
		'No settings yet?',
		base.filter,
		{
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'loose' },
				conditions: [{ leftValue: '={{ $json.id }}', rightValue: '', operator: { type: 'number', operation: 'notExists', singleValue: true } }],
				combinator: 'and',
			},
			options: {},
		},
		[700, 0],
	);
	const defaults = w.node(
		'Write the defaults',
		base.dataTable,
		{
			resource: 'row',
			operation: 'insert',
			dataTableId: tableNamed(SETTINGS_TABLE),
			// A number goes in as an expression, so the column gets a number, not text.
			columns: columnValues(SETTINGS, Object.fromEntries(SETTINGS.map((s) => [s.name, s.type === 'number' ? `={{ ${s.value} }}` : String(s.value)]))),
		},
		[920, 0],
	);
	const mappings = MAPPING_TABLES.map((m, index) => create(`Create the ${m.table.replace(/^Loop Xoro /, '')}`, m.table, m.columns, [260, 200 * (index + 1)]));
	const log = create('Create the exception log', EXCEPTION_LOG, EXCEPTION_COLUMNS, [260, 200 * (MAPPING_TABLES.length + 1)]);
	w.chain(start, settings, current, none, defaults);
	for (const mapping of mappings) w.link(start, mapping);
	w.link(start, log);
	return w;
}
