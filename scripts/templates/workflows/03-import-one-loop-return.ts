import { LOOP } from '../parts/accounts';
import { IMPORT_NOTE, importTail } from '../parts/importReturns';
import { loopReturn } from '../ourNodes';
import { base } from '../stockNodes';
import { Workflow } from '../workflow';

export function oneReturnImport(): Workflow {
	const w = new Workflow(
		'03-import-one-loop-return.json',
		'LoopXoroOneImprt',
		'Loop → Xoro: import one return by ID',
		"A form takes a Loop return ID (or the return's Loop admin URL) and imports it.",
	);
	w.sticky(
		'About this workflow',
		'## Import one Loop return\nPaste the Loop return ID, or the whole address of the return in Loop admin (for example `https://admin.loopreturns.com/returns/52393555`), into the form. The return becomes an RMA and ASN in Xoro, or, if it is already there, you get the existing RMA back.',
		[-120, -580],
		440,
		260,
	);
	w.sticky('What happens next', IMPORT_NOTE, [640, -580], 460, 300, 7);
	const form = w.node(
		'Enter the Loop return',
		base.formTrigger,
		{
			formTitle: 'Import one Loop return into Xoro',
			formDescription: "The Loop return ID, or the return's address in Loop admin.",
			formFields: {
				values: [
					{ fieldLabel: 'Loop return', placeholder: '52393555 or https://admin.loopreturns.com/returns/52393555', requiredField: true },
				],
			},
			options: {},
		},
		[0, 0],
		{ webhookId: 'loop-xoro-import-one' },
	);
	const loopReturnFound = w.node(
		'Get the Loop return',
		loopReturn,
		{ operation: 'get', lookup: { __rl: true, mode: 'url', value: "={{ String($json['Loop return']).trim() }}" } },
		[260, 0],
		{ credentials: LOOP },
	);
	w.link(form, loopReturnFound);
	importTail(w, form, loopReturnFound, 520);
	return w;
}
