import { xoroAsn, xoroRma } from '../ourNodes';
import { base } from '../stockNodes';
import type { OnError, Position, Workflow } from '../workflow';
import { XORO } from './accounts';

export const IMPORT_NOTE =
	'### What happens next\nEach Loop return becomes one **Xoro RMA** (one line per SKU) and one **ASN** linked to it. A return that cannot be imported (say, a product Xoro does not know) does not stop the others: it fails the run at the end, and *Loop ↔ Xoro: report failed executions* notes it on the return in Loop (when several fail in one run, the first; the nightly reconciliation retries them all).\n' +
	'Both steps are idempotent: a return that is already in Xoro is found and passed on with `alreadyExisted: true`, never created twice.\n\n' +
	'**You may change:** the store code (`MAIN`) on *Create Xoro RMA*; *Item mapping* there for products whose Shopify SKU is not the Xoro item number; ' +
	'switch on *Xoro generates the ASN with the RMA* on *Create linked ASN* if your Xoro does that itself.';

export function createRma(w: Workflow, position: Position, name = 'Create Xoro RMA', onError: OnError = 'continueErrorOutput'): string {
	return w.node(
		name,
		xoroRma,
		{ resource: 'rma', operation: 'createFromLoopReturn', storeCode: 'MAIN', customerName: '', itemMapping: {}, options: {} },
		position,
		{ credentials: XORO, onError },
	);
}

export function createAsn(w: Workflow, position: Position, name = 'Create linked ASN', onError: OnError = 'continueErrorOutput'): string {
	return w.node(
		name,
		xoroAsn,
		{ resource: 'asn', operation: 'createForRma', rmaNumber: '={{ $json.rmaNumber }}', xoroGeneratesAsn: false, options: {} },
		position,
		{ credentials: XORO, onError },
	);
}

/** RMA then ASN for every return from `source`; failed returns go on to fail the run (after the others
 *  are done), so the error workflow reports them with their Loop return ID: the first one's, because
 *  Stop and Error reads its message for item 0, and $input.all() there makes n8n 2.41 throw a TypeError. */
export function importTail(w: Workflow, source: string, x: number): void {
	const rma = createRma(w, [x, 0]);
	const asn = createAsn(w, [x + 260, 0]);
	const report = w.node(
		'Report failed returns',
		base.stopAndError,
		{ errorType: 'errorMessage', errorMessage: "={{ 'Loop return ' + $('" + source + "').item.json.id + ': ' + $json.error }}" },
		[x + 520, 140],
	);
	w.link(source, rma);
	w.link(rma, asn, 0);
	w.link(rma, report, 1);
	w.link(asn, report, 1);
}
