import { XORO } from '../parts/accounts';
import { processOrFlag } from '../parts/processOrFlag';
import { xoroAsn, xoroTrigger } from '../ourNodes';
import { Workflow } from '../workflow';

export function asnClosedProcessOrFlag(): Workflow {
	const w = new Workflow(
		'04-asn-closed-process-or-flag.json',
		'LoopXoroAsnClose',
		'Xoro → Loop: process or flag returns when the ASN closes',
		'Within a minute of an RMA ASN closing in Xoro: fully received → process the Loop return; otherwise flag it with a note naming the short lines.',
	);
	w.sticky(
		'About this workflow',
		'## When the warehouse closes a return ASN\nEvery minute, *ASN closed* picks up ASNs closed in Xoro since the last check. *Check receipt* compares received with expected quantities:\n' +
			'- **Fully received** → the Loop return is **processed** (Loop then issues the gift card, refund or exchange). The Xoro RMA and ASN numbers go along as Additional Details.\n' +
			'- **Not fully received** → the Loop return is **flagged** and a note lists the short lines. Someone then decides in Loop.\n\n' +
			"A return Loop already processed (say, on a carrier scan) or already flagged counts as done. One Loop refuses (a person flagged or cancelled it) gets a note with Loop's reason, once, and a row in the exception log (*Data tables* → *Loop Xoro exceptions*); the other returns go on. *Loop → Xoro: nightly reconciliation* tries again every return still open whose ASN is closed.\n\n" +
			'**You may change:** the note text on *Flag the Loop return*; the Additional Details keys on *Process the Loop return*.',
		[-120, -440],
		520,
		400,
	);
	const closed = w.node(
		'ASN closed',
		xoroTrigger,
		{ pollTimes: { item: [{ mode: 'everyMinute' }] }, event: 'asnClosed', options: {} },
		[0, 0],
		{ credentials: XORO },
	);
	const receipt = w.node(
		'Check receipt',
		xoroAsn,
		{ resource: 'asn', operation: 'receiptStatus', asnNumber: '={{ $json.asnNumber }}' },
		[260, 0],
		{ credentials: XORO },
	);
	processOrFlag(w, receipt, 560, 0);
	w.link(closed, receipt);
	return w;
}
