/**
 * The chaos run (issue 10 §6): the chain's templates in a real n8n while every simulator answers a
 * share of requests with a transient fault of each kind, n8n's main process killed with SIGKILL in the
 * middle of an import and restarted, then the nightly reconciliation (08) with the faults off. Counts
 * what Xoro and Loop hold afterwards, and scans everything n8n stored or printed for the credentials'
 * secrets. `npm run chaos` runs it at full size; `chaos.e2e.test.ts` at a small one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createScenario, type ScenarioReturnLine } from '../../simulators/scenario';
import { FAULT_KINDS } from '../../simulators/http';
import type { Simulators } from '../../simulators';
import type { ExecutionSummary } from '../n8n/api';
import { waitFor } from '../n8n/instance';
import { eventually } from '../../harness/wait';
import { CREDENTIAL_MARK } from '../n8n/proc';
import { startStack, type Stack } from '../stack';
import { importTemplates, WF } from '../chain/templates';
import { duplicates, importedReturn, liveCreditMemos, liveSalesOrders } from '../chain/xoroDocs';

export interface ChaosOptions {
	name: string;
	/** New Loop returns the run drives through the chain */
	returns: number;
	/** Share of requests each simulator answers with a fault (spread over every fault kind) */
	faultRate: number;
	/** How long each phase may take before the run moves on (what is not done by then counts as missing) */
	phaseTimeoutMs: number;
	log?: (line: string) => void;
}

export interface ChaosTable {
	returns: number;
	rmas: number;
	asns: number;
	memos: number;
	orders: number;
	duplicates: number;
	missing: number;
	failedExecutions: number;
}

export interface ChaosResult {
	table: ChaosTable;
	/** What is missing or doubled, in words */
	problems: string[];
	/** Where a credential secret (or its base64 forms) was found: must stay empty */
	leaks: string[];
	/** Whether the kill landed while the import was under way */
	killedMidImport: boolean;
	faultsInjected: number;
	/** Requests the simulators answered while the faults were on */
	requestsUnderFaults: number;
}

/** Distinctive secrets, so a hit anywhere is unambiguous. */
export const CHAOS_SECRETS = {
	loopApiKey: 'loopkey-chaos-5e1f0a9c7d3b',
	xoroApiKey: 'xorokey-chaos-8a2d6c4f1e07',
	xoroApiSecret: 'xorosecret-chaos-3b9e7d1a5c62',
	shopifyAccessToken: 'shpat_chaos_4c8e2a6f0d1b9735',
};

const OUTCOMES = ['credit', 'refund', 'exchange'] as const;
const settled = (list: ExecutionSummary[]) => list.every((e) => !['running', 'new', 'waiting'].includes(e.status));

export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
	const log = options.log ?? ((line: string) => console.log(line));
	const scenario = createScenario();
	const stack = await startStack({
		name: options.name,
		// Xoro at 10 requests/s: at 2/s the retries of a few dozen concurrent executions queue for minutes.
		simulators: { scenario, secrets: CHAOS_SECRETS, xoroTimeoutSeconds: 5, xoroPacePerSecond: 10 },
	});
	try {
		return await drive(stack, options, log);
	} finally {
		await stack.stop();
	}
}

async function drive(stack: Stack, options: ChaosOptions, log: (line: string) => void): Promise<ChaosResult> {
	const { sims, n8n } = stack;
	const scenario = sims.scenario;
	await importTemplates(n8n);
	for (const id of [WF.errors, WF.scheduled, WF.asnClosed, WF.outcomes]) await n8n.publish(id);

	const sources = [sims.loop, sims.xoro, sims.shopify];
	for (const sim of sources) sim.faults.add(FAULT_KINDS.map((kind) => ({ kind, rate: options.faultRate / FAULT_KINDS.length })));

	// New returns, each on its own order (an exchange is found by its original order's name): half
	// before the crash, half after it.
	const ids = Array.from({ length: options.returns }, (_, i) => String(25046001 + i));
	const addReturns = (batch: string[]) => {
		for (const id of batch) {
			const i = ids.indexOf(id);
			const order = scenario.orders[i % scenario.orders.length];
			const lines: ScenarioReturnLine[] = [{ lineItemId: String(123400000 + i), orderLineItemId: order.lines[0].lineItemId, variantId: order.lines[0].variantId, reason: 'Too small' }];
			sims.loop.addReturn({ id, orderId: order.id, outcome: OUTCOMES[i % OUTCOMES.length], lines });
		}
	};
	const [beforeCrash, afterCrash] = [ids.slice(0, Math.ceil(ids.length / 2)), ids.slice(Math.ceil(ids.length / 2))];
	const isImported = (id: string) => importedReturn(sims.xoro, id).rmas > 0 && importedReturn(sims.xoro, id).asns > 0;
	const imported = () => ids.filter(isImported);
	const progress = async (phase: string) => {
		const statuses = (await n8n.executions()).map((e) => `${e.workflowId}:${e.status}`);
		const counts = [...new Set(statuses)].map((s) => `${s}×${statuses.filter((x) => x === s).length}`);
		log(`${options.name} ${phase}: imported ${imported().length}/${ids.length}, processed ${sims.loop.processedEvents.length}, executions ${counts.join(' ')}`);
	};
	// The warehouse receives an imported return in full: 04 processes it, Loop makes the outcome in
	// Shopify, 05 books it in Xoro.
	const received = new Set<string>();
	const receive = (batch: string[]) => {
		for (const id of batch.filter((r) => isImported(r) && !received.has(r))) {
			const asn = importedReturn(sims.xoro, id).asn!;
			sims.xoro.receiveAsn(asn.AsnHeaderData.AsnNumber, asn.AsnDetailData.map((l) => ({ ItemNumber: l.ItemNumber, QtyReceived: l.BaseQtyToReceive })), true);
			received.add(id);
		}
	};
	const processed = () => [...received].filter((id) => sims.loop.processedEvents.some((e) => e.returnId === id));
	const booked = () => [...received].every((id) => sims.loop.processedEvents.some((e) => e.returnId === id) && outcomeDocs(sims, id).length > 0);

	// SIGKILL while the import is under way: one poll took the first batch, its first RMA is in Xoro
	// and not every return of the batch has its RMA and ASN yet.
	addReturns(beforeCrash);
	const rmasMade = () => ids.filter((id) => importedReturn(sims.xoro, id).rmas > 0).length;
	// Checked every 20 ms: at Xoro's 10/s the batch is imported within a second of its first RMA, and a
	// check once a second was seen to find it done and kill n8n after the import, not during it.
	await eventually(() => rmasMade() > 0, options.phaseTimeoutMs);
	const killedMidImport = rmasMade() > 0 && beforeCrash.some((id) => !isImported(id));
	log(`${options.name}: SIGKILL with ${rmasMade()} RMAs and ${imported().length}/${beforeCrash.length} returns of the first batch imported`);
	await n8n.crashAndRestartMain();
	log(`${options.name}: n8n restarted`);

	// Still under faults: the second batch goes through the whole chain.
	addReturns(afterCrash);
	await eventually(() => afterCrash.every(isImported), options.phaseTimeoutMs);
	receive(ids);
	await eventually(booked, options.phaseTimeoutMs);
	await progress('under faults, after the restart');

	// Faults off, then the nightly reconciliation once (on its shortened schedule): it imports what the
	// crash left behind, whose ASNs are then received too.
	for (const sim of sources) sim.faults.clear();
	const faultsInjected = sources.reduce((n, sim) => n + sim.requests.filter((r) => r.fault).length, 0);
	const requestsUnderFaults = sources.reduce((n, sim) => n + sim.requests.length, 0);
	await waitFor(() => n8n.executions(), settled, options.phaseTimeoutMs, 'executions to settle before the reconciliation');
	await n8n.publish(WF.reconcile);
	await n8n.waitForExecutions(WF.reconcile, (list) => list.some((e) => !['running', 'new'].includes(e.status)), options.phaseTimeoutMs);
	await n8n.api.unpublish(WF.reconcile);
	await progress('after the reconciliation');
	receive(ids);
	await eventually(booked, options.phaseTimeoutMs);
	const executions = await waitFor(() => n8n.executions(), settled, options.phaseTimeoutMs, 'executions to settle');

	const problems: string[] = [];
	for (const id of ids) {
		const r = importedReturn(sims.xoro, id);
		if (r.rmas === 0 || r.asns === 0) problems.push(`missing: Loop return ${id} has ${r.rmas} RMA, ${r.asns} ASN`);
	}
	for (const id of processed()) if (outcomeDocs(sims, id).length === 0) problems.push(`missing: the ${outcomeOf(sims, id)} of Loop return ${id} is not in Xoro`);
	const doubled = [...duplicates(sims.xoro)];
	const processedTwice = ids.filter((id) => sims.loop.processedEvents.filter((e) => e.returnId === id).length > 1);
	doubled.push(...processedTwice.map((id) => `Loop return ${id} processed twice`));
	problems.push(...doubled.map((d) => `duplicate: ${d}`));

	const failed = executions.filter((e) => e.status === 'error' || e.status === 'crashed');
	const table: ChaosTable = {
		returns: ids.length,
		rmas: ids.reduce((n, id) => n + importedReturn(sims.xoro, id).rmas, 0),
		asns: ids.reduce((n, id) => n + importedReturn(sims.xoro, id).asns, 0),
		memos: ids.filter((id) => outcomeOf(sims, id) !== 'exchange').reduce((n, id) => n + outcomeDocs(sims, id).length, 0),
		orders: ids.filter((id) => outcomeOf(sims, id) === 'exchange').reduce((n, id) => n + outcomeDocs(sims, id).length, 0),
		duplicates: doubled.length,
		missing: problems.filter((p) => p.startsWith('missing')).length,
		failedExecutions: failed.length,
	};
	log(`${options.name}: ${faultsInjected} faults injected in ${requestsUnderFaults} requests; failed executions: ${failed.map((e) => `${e.workflowId}#${e.id} ${e.status}: ${e.data?.resultData.error?.message ?? ''}`).join(' | ') || 'none'}`);
	log(formatTable(table));
	for (const p of problems) log(`${options.name}: ${p}`);
	return { table, problems, leaks: await secretLeaks(stack, executions), killedMidImport, faultsInjected, requestsUnderFaults };
}

/** The Xoro document a processed return's outcome became: credit memo, refunded memo or exchange order. */
function outcomeDocs(sims: Simulators, id: string): unknown[] {
	const store = sims.shopify.store;
	const outcome = outcomeOf(sims, id);
	if (outcome === 'credit') {
		const card = store.giftCards.find((g) => g.note?.includes(`Loop return ID: ${id}`));
		return card ? liveCreditMemos(sims.xoro, card.id) : [];
	}
	if (outcome === 'refund') {
		const refund = store.orders.flatMap((o) => o.refunds).find((r) => r.note === `Loop return ${id}`);
		return refund ? liveCreditMemos(sims.xoro, refund.id) : [];
	}
	const original = sims.scenario.orders.find((o) => o.id === sims.loop.getReturn(id)!.orderId)!;
	const exchange = store.orders.find((o) => o.sourceName === sims.scenario.loopApiClientId && o.tags.includes(original.name.replace(/^#/, '')));
	return exchange ? liveSalesOrders(sims.xoro, exchange.id) : [];
}

function outcomeOf(sims: Simulators, id: string): string {
	return sims.loop.getReturn(id)!.outcome;
}

export function formatTable(table: ChaosTable): string {
	const keys = Object.keys(table) as Array<keyof ChaosTable>;
	const widths = keys.map((k) => Math.max(k.length, String(table[k]).length));
	const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
	return [row(keys), row(widths.map((w) => '-'.repeat(w))), row(keys.map((k) => String(table[k])))].join('\n');
}

/**
 * Each secret, its base64 and base64(key:secret) (the Xoro Authorization header) in: every stored
 * execution (node outputs, error messages), n8n's logs, its database file, what the simulators hold
 * (notes written to Loop, documents in Xoro), and credential headers at the wrong simulator.
 */
async function secretLeaks(stack: Stack, executions: ExecutionSummary[]): Promise<string[]> {
	const { sims, n8n } = stack;
	const s = CHAOS_SECRETS;
	const b64 = (text: string) => Buffer.from(text).toString('base64');
	const forms = Object.values(s).flatMap((secret) => [secret, b64(secret)]);
	forms.push(b64(`${s.xoroApiKey}:${s.xoroApiSecret}`));
	const database = join(n8n.userFolder, '.n8n', 'database.sqlite');
	const places: Array<[string, string]> = [
		['stored executions', JSON.stringify(executions)],
		['n8n main log', n8n.log('main')],
		['n8n database', [database, `${database}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f).toString('latin1')).join('\n')],
		['Loop simulator state (notes included)', await (await fetch(`${sims.loop.url}/__sim/state`)).text()],
		['Xoro simulator state', JSON.stringify(sims.xoro.state)],
		['Shopify simulator store', JSON.stringify(sims.shopify.store)],
	];
	const leaks: string[] = [];
	for (const [where, text] of places) for (const form of forms) if (text.includes(form)) leaks.push(`${where} holds ${form.slice(0, 6)}…`);
	// A credential value that reached n8n's log was redacted as CREDENTIAL_MARK: finding the mark is finding a leak.
	if (n8n.log('main').includes(CREDENTIAL_MARK)) leaks.push('n8n main log printed a credential secret');
	const wrongHost: Array<[string, typeof sims.loop.requests, string[]]> = [
		['Loop simulator', sims.loop.requests, [s.xoroApiKey, s.xoroApiSecret, s.shopifyAccessToken]],
		['Xoro simulator', sims.xoro.requests, [s.loopApiKey, s.shopifyAccessToken]],
		['Shopify simulator', sims.shopify.requests, [s.loopApiKey, s.xoroApiKey, s.xoroApiSecret]],
	];
	for (const [where, requests, foreign] of wrongHost) {
		const headers = JSON.stringify(requests.map((r) => r.auth));
		const basic = where === 'Xoro simulator' ? [] : [b64(`${s.xoroApiKey}:${s.xoroApiSecret}`)];
		for (const form of [...foreign.flatMap((secret) => [secret, b64(secret)]), ...basic]) {
			if (headers.includes(form)) leaks.push(`${where} received ${form.slice(0, 6)}…`);
		}
		if (where !== 'Xoro simulator' && /"authorization":"Basic /i.test(headers)) leaks.push(`${where} received a Basic Authorization header`);
	}
	return [...new Set(leaks)];
}
