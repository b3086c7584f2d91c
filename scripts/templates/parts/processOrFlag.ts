import { loopReturn } from '../ourNodes';
import type { Workflow } from '../workflow';
import { LOOP } from './accounts';
import { clearException, logFailures } from './exceptionLog';

/** After `receipt` (an ASN receipt status): fully received → process the Loop return, short → flag it
 *  with a note. Both are idempotent (a return Loop already processed, or one already flagged, is a
 *  success); a return Loop refuses (flagged by a person, cancelled) goes to the error output and gets a
 *  note saying why, once, and a row in the exception log; the other returns go on. */
export function processOrFlag(w: Workflow, receipt: string, x: number, y: number, prefix = ''): void {
	const processReturn = w.node(
		prefix + 'Process the Loop return',
		loopReturn,
		{
			operation: 'process',
			returnId: { __rl: true, mode: 'id', value: '={{ $json.loopReturnId }}' },
			additionalDetails: {
				detail: [
					{ key: 'xoro_rma', value: '={{ $json.rmaNumber }}' },
					{ key: 'xoro_asn', value: '={{ $json.asnNumber }}' },
				],
			},
		},
		[x, y - 100],
		{ credentials: LOOP, onError: 'continueErrorOutput' },
	);
	const flagReturn = w.node(
		prefix + 'Flag the Loop return',
		loopReturn,
		{
			operation: 'flag',
			returnId: { __rl: true, mode: 'id', value: '={{ $json.loopReturnId }}' },
			note: "={{ ('Xoro ASN ' + $json.asnNumber + ' closed, not fully received. Short: ' + ($json.shortLines || []).map(l => l.itemNumber + ' ' + l.received + '/' + l.expected).join(', ')).slice(0, 255) }}",
		},
		[x, y + 100],
		{ credentials: LOOP, onError: 'continueErrorOutput' },
	);
	const noteFailure = w.node(
		prefix + 'Note the failure on the Loop return',
		loopReturn,
		{
			operation: 'addNote',
			returnId: { __rl: true, mode: 'id', value: "={{ $('" + receipt + "').item.json.loopReturnId }}" },
			content: "={{ ('n8n: Xoro ASN ' + $('" + receipt + "').item.json.asnNumber + ' closed; ' + $json.error).slice(0, 255) }}",
			skipIfNoted: true,
		},
		[x + 300, y + 260],
		{ credentials: LOOP, onError: 'continueRegularOutput' },
	);
	w.link(receipt, processReturn, 0);
	w.link(receipt, flagReturn, 1);
	w.link(processReturn, noteFailure, 1);
	w.link(flagReturn, noteFailure, 1);
	const key = { returnId: "={{ $('" + receipt + "').item.json.loopReturnId }}", step: 'receipt' };
	clearException(w, [processReturn, flagReturn], key, [x + 300, y - 100], prefix);
	logFailures(w, [processReturn, flagReturn], key, [x + 300, y + 420], prefix);
}
