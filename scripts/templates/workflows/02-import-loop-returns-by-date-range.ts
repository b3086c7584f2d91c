import { LOOP } from '../parts/accounts';
import { IMPORT_NOTE, importTail } from '../parts/importReturns';
import { loopReturn } from '../ourNodes';
import { base } from '../stockNodes';
import { Workflow } from '../workflow';

export function dateRangeImport(): Workflow {
	const w = new Workflow(
		'02-import-loop-returns-by-date-range.json',
		'LoopXoroRangeImp',
		'Loop → Xoro: import returns by date range',
		'A form asks for a date range and imports every Loop return created in it.',
	);
	w.sticky(
		'About this workflow',
		'## Import Loop returns created in a date range\nOpen the form (production URL of *Pick a date range*), enter From and To, submit. Every return created in that range becomes an RMA and ASN in Xoro; returns already in Xoro are skipped, so running it twice is safe.\n\n' +
			'Ranges longer than 120 days are split for you.',
		[-120, -580],
		440,
		280,
	);
	w.sticky('What happens next', IMPORT_NOTE, [640, -580], 460, 300, 7);
	const form = w.node(
		'Pick a date range',
		base.formTrigger,
		{
			formTitle: 'Import Loop returns into Xoro',
			formDescription: 'Every Loop return created in this range becomes an RMA and an ASN in Xoro. Returns already in Xoro are skipped.',
			formFields: {
				values: [
					{ fieldLabel: 'From', fieldType: 'date', requiredField: true },
					{ fieldLabel: 'To', fieldType: 'date', requiredField: true },
				],
			},
			options: {},
		},
		[0, 0],
		{ webhookId: 'loop-xoro-import-range' },
	);
	const returns = w.node(
		'Get Loop returns in range',
		loopReturn,
		{
			operation: 'getMany',
			dateFilter: 'created_at',
			from: '={{ $json.From }}',
			to: "={{ $json.To + 'T23:59:59Z' }}",
			states: ['open', 'review', 'closed'],
			returnAll: true,
		},
		[260, 0],
		{ credentials: LOOP },
	);
	w.link(form, returns);
	importTail(w, form, returns, 520);
	return w;
}
