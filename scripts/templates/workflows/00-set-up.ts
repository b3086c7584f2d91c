import { EXCEPTION_COLUMNS, EXCEPTION_LOG } from '../parts/exceptionLog';
import { base } from '../stockNodes';
import { Workflow } from '../workflow';

export function setUp(): Workflow {
	const w = new Workflow(
		'00-set-up.json',
		'LoopXoroSetUp000',
		'Loop ↔ Xoro: set up (run once)',
		'Creates the exception log the other templates write their failures to. Run it once after importing.',
	);
	w.sticky(
		'About this workflow',
		'## Run this once, after importing the templates\nClick **Execute workflow**. It creates the Data table **Loop Xoro exceptions** (running it again changes nothing).\n\n' +
			'Every other template writes a failed return there: one row per return and step, with the error, the node, first seen (*createdAt*), last seen (*updatedAt*) and how many attempts failed. ' +
			'A row goes away when the return goes through. Open it under **Data tables** in the editor.\n\n' +
			'**What you can do with a row:** re-run the return now (*Loop → Xoro: import one return by ID*), or set *state* to `ignore` when a person has dealt with it.',
		[-120, -400],
		520,
		340,
	);
	const start = w.node('Run once', base.manualTrigger, {}, [0, 0]);
	const create = w.node(
		'Create the exception log',
		base.dataTable,
		{ resource: 'table', operation: 'create', tableName: EXCEPTION_LOG, columns: { column: EXCEPTION_COLUMNS }, options: { createIfNotExists: true } },
		[260, 0],
	);
	w.link(start, create);
	return w;
}
