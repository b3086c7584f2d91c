import type {
	AssignmentCollectionValue,
	FilterConditionValue,
	FilterOptionsValue,
	FilterTypeCombinator,
	FormFieldsParameter,
} from 'n8n-workflow';
import type { NodeType } from './workflow';

// The stock n8n nodes the templates use. n8n-nodes-base is not a dependency of this package, so there
// is no description to check them against at generation time: these hand-written types hold only the
// parameters the templates set, and the compiler checks the templates against them (`npm run
// typecheck`, `npm run templates`). Whether they match n8n is for n8n's editor to show: import the
// template and open the node.

type NoOptions = Record<string, never>;

export interface StickyNoteParameters {
	content: string;
	height: number;
	width: number;
	color?: 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

interface StopAndErrorParameters {
	errorType: 'errorMessage';
	errorMessage: string;
}

interface SetParameters {
	mode: 'manual';
	assignments: AssignmentCollectionValue;
	options: NoOptions;
}

// n8n's filter type also has a condition `id` and an options `version`; the templates leave them out and
// run in n8n 2.41 without them (test/e2e/chain imports the templates unchanged).
interface Conditions {
	options: Omit<FilterOptionsValue, 'version'>;
	conditions: Array<Omit<FilterConditionValue, 'id'>>;
	combinator: FilterTypeCombinator;
}

interface ConditionsParameters {
	conditions: Conditions;
	options: NoOptions;
}

export interface SwitchRule {
	conditions: Conditions;
	renameOutput: boolean;
	outputKey: string;
}

interface SwitchParameters {
	rules: { values: SwitchRule[] };
	options: NoOptions;
}

interface ScheduleTriggerParameters {
	rule: { interval: Array<{ field: 'minutes'; minutesInterval: number } | { field: 'days'; triggerAtHour: number }> };
}

interface FormTriggerParameters {
	formTitle: string;
	formDescription: string;
	formFields: { values: FormFieldsParameter };
	options: NoOptions;
}

// The Data Table node (resource locator by name, so a template finds the table after any import).
export type DataTableColumnType = 'string' | 'number' | 'boolean' | 'date';

interface DataTableRef {
	dataTableId: { __rl: true; mode: 'name'; value: string };
}

interface DataTableConditions {
	matchType: 'allConditions' | 'anyCondition';
	filters: { conditions: Array<{ keyName: string; condition: 'eq' | 'neq' | 'isNotEmpty'; keyValue?: string }> };
}

/** The columns to write, as n8n's resource mapper holds them (the schema is what the editor shows). */
export interface DataTableColumns {
	mappingMode: 'defineBelow';
	value: Record<string, string>;
	matchingColumns: [];
	schema: Array<{ id: string; displayName: string; required: false; defaultMatch: false; display: true; type: DataTableColumnType; canBeUsedToMatch: true }>;
}

type DataTableParameters =
	| { resource: 'table'; operation: 'create'; tableName: string; columns: { column: Array<{ name: string; type: DataTableColumnType }> }; options: { createIfNotExists: true } }
	| (DataTableRef & DataTableConditions & { resource: 'row'; operation: 'upsert' | 'update'; columns: DataTableColumns })
	| (DataTableRef & DataTableConditions & { resource: 'row'; operation: 'deleteRows' })
	| (DataTableRef & DataTableConditions & { resource: 'row'; operation: 'get'; returnAll: false; limit: number })
	| (DataTableRef & DataTableConditions & { resource: 'row'; operation: 'get'; returnAll: true })
	| (DataTableRef & DataTableConditions & { resource: 'row'; operation: 'rowNotExists' })
	| (DataTableRef & { resource: 'row'; operation: 'insert'; columns: DataTableColumns });

function stockNode<P extends object>(name: string, typeVersion: number): NodeType<P> {
	return { type: `n8n-nodes-base.${name}`, typeVersion, check: () => undefined };
}

/** n8n-nodes-base, at the versions the templates are written for. */
export const base = {
	stickyNote: stockNode<StickyNoteParameters>('stickyNote', 1),
	stopAndError: stockNode<StopAndErrorParameters>('stopAndError', 1),
	set: stockNode<SetParameters>('set', 3.4),
	if: stockNode<ConditionsParameters>('if', 2.2),
	filter: stockNode<ConditionsParameters>('filter', 2.2),
	switch: stockNode<SwitchParameters>('switch', 3.2),
	scheduleTrigger: stockNode<ScheduleTriggerParameters>('scheduleTrigger', 1.2),
	formTrigger: stockNode<FormTriggerParameters>('formTrigger', 2.2),
	errorTrigger: stockNode<NoOptions>('errorTrigger', 1),
	manualTrigger: stockNode<NoOptions>('manualTrigger', 1),
	dataTable: stockNode<DataTableParameters>('dataTable', 1.1),
};
