import { xoroAsn, xoroRma } from '../ourNodes';
import type { OnError, Position, Workflow } from '../workflow';
import { XORO } from './accounts';
import { clearException, failTheRunOnFailures, logFailures } from './exceptionLog';
import { itemMappingFromTable, readSettings, rmaOptionsFromTables, setting } from './settings';

export const IMPORT_NOTE =
	'### What happens next\nEach Loop return becomes one **Xoro RMA** (one line per SKU) and one **ASN** linked to it. A return that cannot be imported (say, a product Xoro does not know) does not stop the others: it gets a row in the **exception log** (*Data tables* → *Loop Xoro exceptions*: the error, first and last seen, attempts), and the run fails at the end so it shows in *Executions*. Its row goes once the return is imported (run *Loop → Xoro: import one return by ID* to retry one now; the nightly reconciliation retries them all).\n' +
	'Both steps are idempotent: a return that is already in Xoro is found and passed on with `alreadyExisted: true`, never created twice.\n\n' +
	'**Settings** (*Data tables*, see *Loop ↔ Xoro: set up*): the store code and the default SKU come from *Loop Xoro settings*, products whose Shopify SKU is not the Xoro item number from *Loop Xoro item mapping*, the store of a Loop destination from *Loop Xoro store by destination* (its ASN goes to the same store), Xoro reason codes from *Loop Xoro reason codes*. **You may change:** ' +
	'switch on *Xoro generates the ASN with the RMA* on *Create linked ASN* if your Xoro does that itself.';

export function createRma(w: Workflow, position: Position, name = 'Create Xoro RMA', onError: OnError = 'continueErrorOutput'): string {
	return w.node(
		name,
		xoroRma,
		{ resource: 'rma', operation: 'createFromLoopReturn', storeCode: setting('storeCode'), customerName: '', itemMapping: itemMappingFromTable, options: rmaOptionsFromTables },
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

/** RMA then ASN for every return from `source`: a failed return is logged (and the run fails after the
 *  others are done, see failTheRunOnFailures), an imported one clears its row. `trigger` starts the run. */
export function importTail(w: Workflow, trigger: string, source: string, x: number): void {
	const rma = createRma(w, [x, 0]);
	const asn = createAsn(w, [x + 260, 0]);
	const key = { returnId: `={{ $('${source}').item.json.id }}`, step: 'import' };
	readSettings(w, trigger, [x, -200]);
	w.link(source, rma);
	w.link(rma, asn, 0);
	clearException(w, [asn], key, [x + 520, 0]);
	logFailures(w, [rma, asn], key, [x + 260, 220]);
	failTheRunOnFailures(w, trigger, [x - 260, 440]);
}
