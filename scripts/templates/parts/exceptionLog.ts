/**
 * The exception log: a Data table (n8n's *Data tables* tab) with one row per Loop return and step that
 * failed, kept by the templates themselves. An editor import drops a workflow's *Error workflow*
 * setting (docs/apis.md §N10), so reporting cannot rely on it: every template logs its own failures,
 * clears a return's row when that step goes through, and fails its run once the others are done.
 */
import { base, type DataTableColumnType } from '../stockNodes';
import type { Position, Workflow } from '../workflow';
import { columnValues, tableNamed, whereEqual } from './dataTables';

export const EXCEPTION_LOG = 'Loop Xoro exceptions';

/** The log's columns; n8n adds id, createdAt (first seen) and updatedAt (last seen) itself. */
export const EXCEPTION_COLUMNS: Array<{ name: string; type: DataTableColumnType }> = [
	{ name: 'returnId', type: 'string' },
	{ name: 'step', type: 'string' },
	{ name: 'state', type: 'string' },
	{ name: 'attempts', type: 'number' },
	{ name: 'error', type: 'string' },
	{ name: 'node', type: 'string' },
	{ name: 'workflow', type: 'string' },
	{ name: 'execution', type: 'string' },
];

const table = tableNamed(EXCEPTION_LOG);
const columns = (value: Record<string, string>) => columnValues(EXCEPTION_COLUMNS, value);

/** Which return and step a row is about: expressions read on the failed (or passed) item. */
export interface ExceptionKey {
	/** e.g. "={{ $('New Loop returns').item.json.id }}" */
	returnId: string;
	/** a plain word ("import") or an expression naming one Shopify transaction */
	step: string;
}

/**
 * Failed items (each source's error output) → one row per return and step: error, node, this
 * execution, state "failing", attempts counted up. `prefix` names the two nodes apart when a template has
 * more than one such path.
 */
export function logFailures(w: Workflow, sources: string[], key: ExceptionKey, position: Position, prefix = ''): void {
	const log = w.node(
		`${prefix}Log the failure`,
		base.dataTable,
		{
			resource: 'row',
			operation: 'upsert',
			dataTableId: table,
			...whereEqual(['returnId', key.returnId], ['step', key.step]),
			columns: columns({
				returnId: key.returnId,
				step: key.step,
				state: 'failing',
				error: '={{ $json.error }}',
				node: '={{ $prevNode.name }}',
				workflow: '={{ $workflow.name }}',
				execution: '={{ $execution.id }}',
			}),
		},
		position,
	);
	const count = w.node(
		`${prefix}Count the attempt`,
		base.dataTable,
		{
			resource: 'row',
			operation: 'update',
			dataTableId: table,
			...whereEqual(['id', '={{ $json.id }}']),
			columns: columns({ attempts: '={{ ($json.attempts || 0) + 1 }}' }),
		},
		[position[0] + 220, position[1]],
	);
	for (const source of sources) w.link(source, log, 1);
	w.link(log, count);
}

/** Items that went through (each source's first output) clear their return's row for the step. A log
 *  that does not exist yet must not fail a run that went well, hence "continue". */
export function clearException(w: Workflow, sources: string[], key: ExceptionKey, position: Position, prefix = ''): void {
	const name = `${prefix}Clear the exception`;
	w.node(
		name,
		base.dataTable,
		{ resource: 'row', operation: 'deleteRows', dataTableId: table, ...whereEqual(['returnId', key.returnId], ['step', key.step]) },
		position,
		{ onError: 'continueRegularOutput' },
	);
	for (const source of sources) w.link(source, name);
}

/**
 * The last branch of `trigger` (n8n's v1 order runs a node's branches top to bottom, each to its end;
 * this one sits lowest): when this execution logged a failure, the run fails with the first one, so it
 * shows as failed in *Executions* and an error workflow, when one is set, gets "Loop return <id>".
 */
export function failTheRunOnFailures(w: Workflow, trigger: string, position: Position): void {
	const failures = w.node(
		'Failures in this run',
		base.dataTable,
		{ resource: 'row', operation: 'get', dataTableId: table, ...whereEqual(['execution', '={{ $execution.id }}']), returnAll: false, limit: 1 },
		position,
		// Once per run, not per trigger item; its error output leads nowhere, so a run whose log is
		// missing fails only where a failure is to be logged.
		{ executeOnce: true, onError: 'continueErrorOutput' },
	);
	const fail = w.node(
		'Fail the run',
		base.stopAndError,
		{ errorType: 'errorMessage', errorMessage: "={{ 'Loop return ' + $json.returnId + ' (' + $json.step + ', ' + $json.node + '): ' + $json.error }}" },
		[position[0] + 240, position[1]],
	);
	w.link(trigger, failures);
	w.link(failures, fail);
}
