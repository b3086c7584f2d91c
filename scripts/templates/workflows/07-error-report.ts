import { LOOP } from '../parts/accounts';
import { loopReturn } from '../ourNodes';
import { stableId } from '../stableId';
import { base } from '../stockNodes';
import { ERROR_WORKFLOW_ID, Workflow } from '../workflow';

export function errorReport(): Workflow {
	const w = new Workflow(
		'07-error-report.json',
		ERROR_WORKFLOW_ID,
		'Loop ↔ Xoro: report failed executions',
		'Error workflow of the other templates: reports each failure with the Loop return it concerns.',
	);
	w.sticky(
		'About this workflow',
		'## When a Loop ↔ Xoro workflow fails\nThe other templates name this one as their *Error workflow* (Workflow settings). For every failed execution it builds a short report: which workflow, which step, the error, and the **Loop return ID** when the error names one; then it adds that report as a note on the Loop return, so whoever looks at the return in Loop sees it.\n\n' +
			'**You may add:** a Slack, email or Teams node after *Build the report* to be told at once.',
		[-120, -340],
		480,
		300,
	);
	const failed = w.node('A workflow failed', base.errorTrigger, {}, [0, 0]);
	const report = w.node(
		'Build the report',
		base.set,
		{
			mode: 'manual',
			assignments: {
				assignments: [
					{ id: stableId(ERROR_WORKFLOW_ID, 'a1'), name: 'workflow', value: '={{ $json.workflow.name }}', type: 'string' },
					{ id: stableId(ERROR_WORKFLOW_ID, 'a2'), name: 'failedStep', value: '={{ $json.execution.lastNodeExecuted }}', type: 'string' },
					{ id: stableId(ERROR_WORKFLOW_ID, 'a3'), name: 'error', value: '={{ $json.execution.error.message }}', type: 'string' },
					{ id: stableId(ERROR_WORKFLOW_ID, 'a4'), name: 'executionUrl', value: '={{ $json.execution.url }}', type: 'string' },
					{
						id: stableId(ERROR_WORKFLOW_ID, 'a5'),
						name: 'loopReturnId',
						value: "={{ ((($json.execution.error.message || '') + ' ' + ($json.execution.error.description || '')).match(/Loop return (\\d+)/) || [])[1] || '' }}",
						type: 'string',
					},
				],
			},
			options: {},
		},
		[240, 0],
	);
	const namesReturn = w.node(
		'Names a Loop return?',
		base.if,
		{
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'strict' },
				conditions: [{ leftValue: '={{ $json.loopReturnId }}', rightValue: '', operator: { type: 'string', operation: 'notEmpty', singleValue: true } }],
				combinator: 'and',
			},
			options: {},
		},
		[480, 0],
	);
	const note = w.node(
		'Note on the Loop return',
		loopReturn,
		{
			operation: 'addNote',
			returnId: { __rl: true, mode: 'id', value: '={{ $json.loopReturnId }}' },
			content: "={{ ('n8n: ' + $json.workflow + ' failed at ' + $json.failedStep + ': ' + $json.error).slice(0, 255) }}",
		},
		[720, -80],
		{ credentials: LOOP, onError: 'continueRegularOutput' },
	);
	w.chain(failed, report, namesReturn);
	w.link(namesReturn, note, 0);
	return w;
}
