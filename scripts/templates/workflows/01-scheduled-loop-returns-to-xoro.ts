import { LOOP } from '../parts/accounts';
import { IMPORT_NOTE, importTail } from '../parts/importReturns';
import { loopTrigger } from '../ourNodes';
import { Workflow } from '../workflow';

export function scheduledImport(): Workflow {
	const w = new Workflow(
		'01-scheduled-loop-returns-to-xoro.json',
		'LoopXoroSchedImp',
		'Loop → Xoro: import new returns every 15 minutes',
		'Polls Loop for new returns and creates the Xoro RMA and its linked ASN for each.',
	);
	w.sticky(
		'About this workflow',
		'## Import new Loop returns into Xoro\nEvery 15 minutes, the trigger picks up Loop returns that are new since the last check and creates an RMA and an ASN in Xoro for each.\n\n' +
			'**You may change:** how often it checks (open *New Loop returns* → Poll Times; 15 or 30 minutes is usual) and which states count (default: open).\n\n' +
			'A return missed during an outage is picked up by *Loop → Xoro: nightly reconciliation*.',
		[-120, -580],
		420,
		300,
	);
	w.sticky('What happens next', IMPORT_NOTE, [380, -580], 460, 300, 7);
	const trigger = w.node(
		'New Loop returns',
		loopTrigger,
		{
			pollTimes: { item: [{ mode: 'everyX', value: 15, unit: 'minutes' }] },
			event: 'newOnly',
			states: ['open'],
			options: {},
		},
		[0, 0],
		{ credentials: LOOP },
	);
	importTail(w, trigger, trigger, 260);
	return w;
}
