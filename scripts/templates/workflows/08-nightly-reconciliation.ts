import { LOOP, SHOPIFY, XORO } from '../parts/accounts';
import { createAsn, createRma } from '../parts/importReturns';
import { processOrFlag } from '../parts/processOrFlag';
import { kindRule, logTransactionFailures } from '../parts/shopifyOutcomes';
import { tableNamed } from '../parts/dataTables';
import { clearException, EXCEPTION_LOG, failTheRunOnFailures, logFailures } from '../parts/exceptionLog';
import { loopReturn, shopifyTransactions, xoroAsn, xoroRma } from '../ourNodes';
import { stableId } from '../stableId';
import { base } from '../stockNodes';
import { Workflow } from '../workflow';
import { itemMappingFromTable, readSettings, setting } from '../parts/settings';

export function nightlyReconciliation(): Workflow {
	const w = new Workflow(
		'08-nightly-reconciliation.json',
		'LoopXoroNightRec',
		'Loop → Xoro: nightly reconciliation',
		'Every night, re-runs the imports over the last 3 days (idempotently) and lists what was missing in Xoro.',
	);
	w.sticky(
		'About this workflow',
		'## Nightly reconciliation\nA polling trigger moves on even when the run after it fails, so a return could be missed during an outage. Every night at 02:00 this workflow goes over the **last 3 days** again:\n' +
			'- every Loop return → RMA and ASN in Xoro;\n- every Shopify credit, refund, exchange and gift-card payment → its Xoro document.\n\n' +
			'- every Loop return the exception log holds as failing to import (unless its *state* is `ignore`) → imported again;\n' +
			'- every Loop return still **open** (created in the last 120 days) whose Xoro ASN is closed → processed or flagged again, as *Xoro → Loop: process or flag returns when the ASN closes* would have (when that failed, or Loop was down).\n\n' +
			'Everything is idempotent: what already exists is left alone. *What was missing* lists only what this run had to create: the differences between Loop, Shopify and Xoro. What still fails gets its row in the exception log (*Data tables* → *Loop Xoro exceptions*) and the run ends as failed, so it never reads as a clean night.\n\n' +
			'**Settings** (*Data tables*, see *Loop ↔ Xoro: set up*): how many days back (*daysBack*), the store code, SKUs (the default SKU too) and prefixes come from *Loop Xoro settings*; item numbers, the store of a Loop destination and Xoro reason codes from *Loop Xoro item mapping*, *Loop Xoro store by destination* and *Loop Xoro reason codes*. **You may change:** the hour.',
		[-120, -860],
		520,
		460,
	);
	const nightly = w.node('Every night', base.scheduleTrigger, { rule: { interval: [{ field: 'days', triggerAtHour: 2 }] } }, [0, 0]);
	const daysBack = w.node(
		'Days back',
		base.set,
		{
			mode: 'manual',
			assignments: {
				assignments: [
					{ id: stableId('rec', 'd1'), name: 'from', value: "={{ $now.minus({ days: $('Settings').first().json.daysBack }).toISO() }}", type: 'string' },
					{ id: stableId('rec', 'd2'), name: 'to', value: '={{ $now.toISO() }}', type: 'string' },
				],
			},
			options: {},
		},
		[220, 0],
	);

	// Loop returns → RMA and ASN.
	const updated = w.node(
		'Loop returns updated',
		loopReturn,
		{ operation: 'getMany', dateFilter: 'updated_at', from: '={{ $json.from }}', to: '={{ $json.to }}', states: ['open', 'review', 'closed'], returnAll: true },
		[460, -160],
		{ credentials: LOOP, alwaysOutputData: false },
	);
	const ensureRma = createRma(w, [700, -160], 'Ensure RMA');
	const ensureAsn = createAsn(w, [940, -160], 'Ensure ASN');
	const imported = { returnId: `={{ $('${updated}').item.json.id }}`, step: 'import' };
	clearException(w, [ensureAsn], imported, [1200, -300], 'Imports: ');
	logFailures(w, [ensureRma, ensureAsn], imported, [1200, -40], 'Imports: ');

	// Shopify transactions → their Xoro documents.
	const transactions = w.node(
		'Shopify transactions',
		shopifyTransactions,
		{
			operation: 'getAll',
			windowMode: 'range',
			since: '={{ $json.from }}',
			until: '={{ $json.to }}',
			exchangePrefixes: setting('exchangePrefixes'),
			includeNativeExchanges: true,
			onlyLoopGiftCards: true,
		},
		[460, 160],
		{ credentials: SHOPIFY },
	);
	const byKind = w.node(
		'By kind',
		base.switch,
		{ rules: { values: [kindRule('credit'), kindRule('refund'), kindRule('exchange'), kindRule('redemption')] }, options: {} },
		[700, 160],
	);
	const ensureDocuments = [
		w.node(
			'Ensure credit memo',
			xoroRma,
			{ resource: 'creditMemo', operation: 'create', adjustmentSku: setting('adjustmentSku'), thirdPartySource: setting('thirdPartySource'), itemMapping: itemMappingFromTable, options: {} },
			[940, 40],
			{ credentials: XORO },
		),
		w.node(
			'Ensure refunded credit memo',
			xoroRma,
			{ resource: 'creditMemo', operation: 'createRefunded', adjustmentSku: setting('adjustmentSku'), thirdPartySource: setting('thirdPartySource'), itemMapping: itemMappingFromTable, options: {} },
			[940, 200],
			{ credentials: XORO },
		),
		w.node(
			'Ensure exchange order',
			xoroRma,
			{ resource: 'salesOrder', operation: 'createExchange', thirdPartySource: setting('thirdPartySource'), itemMapping: itemMappingFromTable, options: {} },
			[940, 360],
			{ credentials: XORO },
		),
		w.node(
			'Ensure credit applied',
			xoroRma,
			{ resource: 'creditMemo', operation: 'applyToInvoice' },
			[940, 520],
			{ credentials: XORO },
		),
	];
	const missing = w.node(
		'What was missing',
		base.filter,
		{
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'loose' },
				conditions: [{ leftValue: '={{ $json.alreadyExisted }}', rightValue: true, operator: { type: 'boolean', operation: 'notEquals' } }],
				combinator: 'and',
			},
			options: {},
		},
		[1200, 160],
	);

	// Open Loop returns whose ASN closed → processed or flagged again.
	const open = w.node(
		'Open Loop returns',
		loopReturn,
		{ operation: 'getMany', dateFilter: 'created_at', states: ['open'], returnAll: true },
		[460, -520],
		{ credentials: LOOP },
	);
	// A lookup Xoro refuses (it throttles under load) leaves that return for the next night: its error output
	// leads nowhere, and an error item must never reach the ASN search without an RMA number (that lists every ASN).
	const theirRma = w.node(
		'Their RMA',
		xoroRma,
		{ resource: 'rma', operation: 'getMany', returnAll: true, filters: { thirdPartyRefNo: '={{ $json.id }}' } },
		[700, -520],
		{ credentials: XORO, onError: 'continueErrorOutput' },
	);
	const theirAsn = w.node(
		'Their closed ASN',
		xoroAsn,
		{ resource: 'asn', operation: 'getMany', returnAll: true, filters: { status: 'Closed', rmaNumber: '={{ $json.rmaNumber }}' } },
		[940, -520],
		{ credentials: XORO, onError: 'continueErrorOutput' },
	);
	const recheck = w.node(
		'Recheck receipt',
		xoroAsn,
		{ resource: 'asn', operation: 'receiptStatus', asnNumber: '={{ $json.asnNumber }}' },
		[1180, -520],
		{ credentials: XORO },
	);
	processOrFlag(w, recheck, 1440, -520, 'Recheck: ');

	w.link(daysBack, open);
	w.chain(open, theirRma, theirAsn, recheck);
	readSettings(w, nightly, [220, -300]);
	w.chain(nightly, daysBack);
	w.link(daysBack, updated);
	w.link(daysBack, transactions);
	w.chain(updated, ensureRma, ensureAsn, missing);
	w.link(transactions, byKind);
	ensureDocuments.forEach((ensure, output) => {
		w.link(byKind, ensure, output);
		w.link(ensure, missing);
	});
	logTransactionFailures(w, transactions, ensureDocuments, [1200, 400], 'Documents: ');

	// Returns the exception log holds as failing to import (not set to "ignore" by a person) → again.
	const failedImports = w.node(
		'Failed imports',
		base.dataTable,
		{
			resource: 'row',
			operation: 'get',
			dataTableId: tableNamed(EXCEPTION_LOG),
			matchType: 'allConditions',
			filters: {
				conditions: [
					{ keyName: 'step', condition: 'eq', keyValue: 'import' },
					{ keyName: 'state', condition: 'neq', keyValue: 'ignore' },
					// Not the ones the import above has just tried (and logged) in this run.
					{ keyName: 'execution', condition: 'neq', keyValue: '={{ $execution.id }}' },
				],
			},
			returnAll: true,
		},
		[460, 900],
	);
	const failedReturn = w.node(
		'Get the failed return',
		loopReturn,
		{ operation: 'get', lookup: { __rl: true, mode: 'id', value: '={{ $json.returnId }}' } },
		[700, 900],
		{ credentials: LOOP, onError: 'continueErrorOutput' },
	);
	const retryRma = createRma(w, [940, 900], 'Retry: Ensure RMA');
	const retryAsn = createAsn(w, [1180, 900], 'Retry: Ensure ASN');
	const retried = { returnId: "={{ $('Failed imports').item.json.returnId }}", step: 'import' };
	w.link(daysBack, failedImports);
	w.chain(failedImports, failedReturn, retryRma, retryAsn, missing);
	clearException(w, [retryAsn], retried, [1440, 900], 'Retries: ');
	logFailures(w, [failedReturn, retryRma, retryAsn], retried, [1440, 1100], 'Retries: ');

	failTheRunOnFailures(w, nightly, [220, 1300]);
	return w;
}
