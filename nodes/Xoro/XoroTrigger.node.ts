/**
 * Xoro Trigger: starts a workflow when a return ASN is closed, so the Loop return can be processed
 * or flagged within a minute (n8n polls every minute by default).
 *
 * Why a polling trigger rather than Schedule + "ASN → Get Many": the cursor and the already-seen set
 * must survive between runs and be saved only when a poll succeeded; a trigger's static data does
 * exactly that, while a Schedule workflow would need the user to build and store that cursor
 * themselves, where a miss loses returns and a slip processes them twice.
 *
 * Which ASNs: by default only those of RMAs made from a Loop return (a purchase-order ASN has no Loop
 * return to process). Two ways to find them (trigger/asnFilters.ts says which, and why it is learned
 * from Xoro's answers; docs/apis.md §X4.4): one read of the ASNs closed in the window while getasn
 * honours its status and date filters (1 request per quiet poll, trigger/window.ts), else the RMAs
 * still awaiting receipt and one ASN read per such RMA (trigger/returnRmas.ts), so a poll's cost does
 * not grow with Xoro's ASN table either way. Each emitted item carries the ASN's lines (expected and
 * received), its receipt status, RMA and Loop return id: Receipt Status after it reads nothing again.
 * Times are on the tenant's clock (the credential's Time Zone).
 *
 * Rules (as for the Loop Trigger): first activation starts "now" (ASNs already closed are marked seen,
 * not emitted); every poll re-reads a lookback window before the cursor (Xoro's filter clock and time
 * zone are undocumented) and drops ASNs it has already emitted, so nothing is lost and nothing
 * repeats; the cursor only moves to closing times Xoro reported; a poll stops reading before n8n's poll
 * budget runs out and the next one resumes where it stopped; a manual run returns one sample and
 * leaves the cursor alone.
 */
import { DateTime } from 'luxon';
import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { receiptStatus } from './actions/asn/receiptStatus.operation';
import { findAsnsForRma, searchAsnsPage } from './actions/lookups';
import { asnJson } from './actions/output';
import { checkEndpointOverrides, endpointPathsProperty } from './endpoints';
import { toMillis, toXoroDateTime } from '../shared/dates';
import { pollDeadline } from '../shared/deadline';
import { xoroTimeZone } from './tenant';
import { isLastPage } from './transport';
import { chooseRead, credentialKey, windowPageLimit, type AsnRead, type AsnReadMemory } from './trigger/asnFilters';
import { closedWithin, skipReason, type Found } from './trigger/closed';
import { watchedRmas, type WatchedRma } from './trigger/returnRmas';
import { readWindow, type RmaCheck } from './trigger/window';

interface TriggerState {
	/** ISO time of the latest ASN closing emitted or seen */
	cursor?: string;
	/** AsnNumber@closedAt → closedAt (ISO or '') of ASNs already emitted, seen or reported */
	seen?: Record<string, string>;
	/** RMA number → its UpdatedDate when all its ASNs were closed (or cancelled) and emitted (per-RMA read) */
	settled?: Record<string, string>;
	/** Which read finds closed ASNs on this credential, as Xoro's answers showed (trigger/asnFilters.ts) */
	asnRead?: AsnReadMemory;
	/** A read that ran out of poll budget: the next tick goes on where it stopped */
	run?: PollRun;
}

interface PollRun {
	/** ISO start of the window being read */
	since: string;
	/** How this run finds closed ASNs; absent in runs saved before the window read existed (per RMA) */
	read?: AsnRead;
	/** Per RMA: Loop-return RMAs whose ASNs are still to be looked up in this run */
	pending: WatchedRma[];
	/** Per RMA: every Loop-return RMA number of the run (to tell return ASNs from others in the window read) */
	returnRmas: string[];
	/** Per RMA: RMA number → UpdatedDate of RMAs found settled in this run */
	settled: Record<string, string>;
	/** Next page of the window read (of every closed ASN, or per RMA of the others when they are emitted or reported) */
	page: number;
	/** Window: RMA number → what its check found */
	rmas: Record<string, RmaCheck>;
	/** Latest closing time seen in this run so far (ms); the cursor moves there once the run is read through */
	latestMs: number;
	/** First activation: mark what is there as seen, emit nothing */
	silent: boolean;
}

interface TriggerOptions {
	lookbackMinutes?: number;
	includeOthers?: boolean;
	reportSkipped?: boolean;
	rmaSource?: string;
	findAsns?: string;
}

const MAX_UNDATED_SEEN = 5000;
const MANUAL_LOOKUPS = 10;

export class XoroTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Xoro Trigger',
		name: 'xoroTrigger',
		icon: { light: 'file:xoro.svg', dark: 'file:xoro.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when a Xoro ASN is closed',
		defaults: { name: 'Xoro Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'xoroApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'ASN Closed', value: 'asnClosed', description: 'A return ASN was closed (fully received or not)' }],
				default: 'asnClosed',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Find Closed ASNs',
						name: 'findAsns',
						type: 'options',
						default: 'auto',
						options: [
							{
								name: 'Auto',
								value: 'auto',
								description:
									'One read of the ASNs closed in the window (1 request per quiet poll) while Xoro shows it honours the ASN status and date filters; per RMA awaiting receipt once an answer shows otherwise (checked again daily)',
							},
							{
								name: 'Per RMA Awaiting Receipt',
								value: 'perRma',
								description: 'Always: three RMA reads plus one ASN read per Loop-return RMA awaiting receipt, per poll',
							},
						],
						description: 'How each poll finds closed ASNs. Either way its cost does not grow with the number of ASNs in Xoro.',
					},
					{
						displayName: 'Include Non-Return ASNs',
						name: 'includeOthers',
						type: 'boolean',
						default: false,
						description:
							'Whether to emit closed ASNs that do not belong to a Loop return too (purchase orders, RMAs made elsewhere). Read per RMA, this reads every ASN closed in the window: costly if Xoro ignores the ASN filters.',
					},
					{
						displayName: 'Lookback (Minutes)',
						name: 'lookbackMinutes',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 1440,
						description: 'How far before the cursor each poll re-reads; covers a Xoro clock in another time zone. Repeats are dropped.',
					},
					{
						displayName: 'Report Skipped ASNs',
						name: 'reportSkipped',
						type: 'boolean',
						default: false,
						description:
							'Whether to output an "asnSkipped" item, with the reason, for each closed ASN that is not a Loop return\'s (once each). Read per RMA, this reads every ASN closed in the window.',
					},
					{
						displayName: 'RMA Third-Party Source',
						name: 'rmaSource',
						type: 'string',
						default: 'Loop',
						description: "The Third-Party Source the RMA node writes on RMAs made from Loop returns (its option of that name); only those RMAs' ASNs are emitted",
					},
				],
			},
			endpointPathsProperty('xoroTrigger'),
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const state = this.getWorkflowStaticData('node') as TriggerState;
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const lookbackMinutes = options.lookbackMinutes || 1440;
		const source = options.rmaSource?.trim() || 'Loop';
		const zone = await xoroTimeZone(this);
		checkEndpointOverrides(this, 'xoroTrigger');
		const now = DateTime.utc();

		if (this.getMode() === 'manual') return await manualSample(this, now.minus({ days: 7 }).toMillis(), zone, source);

		const cursor = state.cursor ? DateTime.fromISO(state.cursor, { zone: 'utc' }) : now;
		const key = await credentialKey(this);
		// Copies: a poll that fails must leave the saved state as it was.
		let memory: AsnReadMemory | undefined = state.asnRead?.for === key ? { ...state.asnRead } : undefined;
		const start = async (read: AsnRead): Promise<PollRun> => {
			const started = await newRun(this, read, cursor, lookbackMinutes, zone, source, state.settled ?? {});
			// Three RMA listings and one ASN read per RMA: what the window is weighed against.
			if (read === 'perRma') memory = { ...(memory ?? { for: key, read }), perRmaCost: 3 + started.pending.length };
			return started;
		};
		let run: PollRun = state.run
			? { ...state.run, pending: [...state.run.pending], settled: { ...state.run.settled }, rmas: { ...state.run.rmas } }
			: await start(chooseRead(memory, key, options.findAsns, now.toMillis()));

		// Stop reading before n8n abandons the tick; the next tick resumes with what is left.
		const deadline = pollDeadline(this.getPollBudgetMs?.());
		const outOfTime = () => Date.now() >= deadline;
		const seen = { ...(state.seen ?? {}) };
		const found: Found[] = [];
		// Each tick reads at least one thing, so a run always moves on.
		let readAny = false;
		let complete = false;
		if (run.read === 'window') {
			const window = await readWindow(this, run, { zone, source, seen, pageLimit: windowPageLimit(memory, key), outOfTime });
			found.push(...window.found);
			readAny = true;
			complete = window.complete;
			if (window.fallback) {
				memory = { ...memory, for: key, read: 'perRma', reason: window.fallback, at: now.toISO() ?? undefined };
				run = await start('perRma');
			} else if (complete) {
				memory = { for: key, read: 'window', perRmaCost: memory?.perRmaCost };
			}
		}
		if (run.read !== 'window') complete = await readPerRma(this, run, found, { zone, readAny, outOfTime, readOthers: Boolean(options.includeOthers || options.reportSkipped) });

		const fresh: Found[] = [];
		for (const c of found) {
			if (seen[c.key] !== undefined) continue;
			seen[c.key] = c.closedAt ?? '';
			fresh.push(c);
		}
		fresh.sort((a, b) => a.closedAtMs - b.closedAtMs || a.asn.asnNumber.localeCompare(b.asn.asnNumber));
		run.latestMs = Math.max(run.latestMs, ...found.map((c) => c.closedAtMs).filter((ms) => Number.isFinite(ms)));
		const events: INodeExecutionData[] = [];
		for (const c of run.silent ? [] : fresh) {
			if (!c.skipped || options.includeOthers) events.push({ json: eventJson(c, zone) });
			else if (options.reportSkipped) events.push({ json: { event: 'asnSkipped', asnNumber: c.asn.asnNumber, rmaNumber: c.asn.rmaNumber, closedAt: c.closedAt, reason: c.skipped } });
		}

		// Commit the new state only now that every read succeeded. The cursor moves only when the run was
		// read through; until then the run (and its window) carries over to the next tick.
		if (complete) {
			const nextCursor = DateTime.fromMillis(run.latestMs, { zone: 'utc' });
			state.cursor = nextCursor.toISO({ suppressMilliseconds: true }) ?? undefined;
			state.seen = prune(seen, nextCursor.minus({ minutes: lookbackMinutes }).toMillis());
			// Settled RMAs belong to the per-RMA read; after a window run they would be out of date.
			if (run.read === 'window') delete state.settled;
			else state.settled = run.settled;
			delete state.run;
		} else {
			state.seen = prune(seen, DateTime.fromISO(run.since, { zone: 'utc' }).toMillis());
			state.run = run;
		}
		if (memory) state.asnRead = memory;
		return events.length ? [events] : null;
	}
}

/** A new run over the window before the cursor; read per RMA, it starts with the Loop-return RMAs to check (settled ones that did not change are left out). */
async function newRun(
	ctx: IPollFunctions,
	read: AsnRead,
	cursor: DateTime,
	lookbackMinutes: number,
	zone: string,
	source: string,
	settled: Record<string, string>,
): Promise<PollRun> {
	const since = cursor.minus({ minutes: lookbackMinutes });
	const run: PollRun = {
		since: since.toISO() ?? '',
		read,
		pending: [],
		returnRmas: [],
		settled: {},
		page: 1,
		rmas: {},
		latestMs: cursor.toMillis(),
		silent: !(ctx.getWorkflowStaticData('node') as TriggerState).cursor,
	};
	if (read === 'window') return run;
	const rmas = await watchedRmas(ctx, since.toMillis(), zone, source);
	const keep = rmas.filter((rma) => settled[rma.rmaNumber] !== undefined && settled[rma.rmaNumber] === rma.updated);
	return {
		...run,
		pending: rmas.filter((rma) => !keep.includes(rma)),
		returnRmas: rmas.map((rma) => rma.rmaNumber),
		// Settled RMAs no longer listed are forgotten: they cannot come back unchanged.
		settled: Object.fromEntries(keep.map((rma) => [rma.rmaNumber, rma.updated])),
	};
}

/**
 * The per-RMA read: one ASN read per pending RMA, then (only to emit or report them) the other ASNs
 * closed in the window. Adds what it finds to `found`; true once the run is read through.
 */
async function readPerRma(
	ctx: IPollFunctions,
	run: PollRun,
	found: Found[],
	options: { zone: string; readAny: boolean; outOfTime: () => boolean; readOthers: boolean },
): Promise<boolean> {
	const { zone, outOfTime } = options;
	const sinceMs = DateTime.fromISO(run.since, { zone: 'utc' }).toMillis();
	let readAny = options.readAny;
	while (run.pending.length && !(readAny && outOfTime())) {
		const rma = run.pending[0];
		const asns = await findAsnsForRma(ctx, rma.rmaNumber, 0);
		found.push(...closedWithin(asns, sinceMs, zone).map((c) => ({ ...c, loopReturnId: rma.loopReturnId })));
		if (asns.length && asns.every((a) => /^(closed|cancel)/i.test(a.status ?? ''))) run.settled[rma.rmaNumber] = rma.updated;
		run.pending.shift();
		readAny = true;
	}
	if (run.pending.length) return false;
	if (!options.readOthers) return true;
	const qs = { status: 'Closed', updated_at_min: toXoroDateTime(new Date(sinceMs), zone) };
	while (!(readAny && outOfTime())) {
		const { asns, totalPages } = await searchAsnsPage(ctx, qs, run.page);
		readAny = true;
		const others = closedWithin(asns, sinceMs, zone).filter((c) => !run.returnRmas.includes(c.asn.rmaNumber ?? ''));
		found.push(...others.map((c) => ({ ...c, loopReturnId: null, skipped: skipReason(c.asn) })));
		if (isLastPage(run.page, { rows: asns, totalPages })) return true;
		run.page += 1;
	}
	return false;
}

/** Drops seen keys that the next poll's window can no longer return; undated keys are capped. */
function prune(seen: Record<string, string>, windowStartMs: number): Record<string, string> {
	const dated = Object.entries(seen).filter(([, at]) => at && toMillis(at) >= windowStartMs);
	const undated = Object.entries(seen).filter(([, at]) => !at).slice(-MAX_UNDATED_SEEN);
	return Object.fromEntries([...dated, ...undated]);
}

/** The closed ASN with its lines, receipt status and the Loop return its RMA was made from (null for others). */
function eventJson(c: Found, zone: string): IDataObject {
	return { event: 'asnClosed', ...asnJson(c.asn, zone), loopReturnId: c.loopReturnId, ...receiptStatus(c.asn) };
}

/** A test run: the latest closed return ASN among recently changed Loop-return RMAs; the cursor is left alone. */
async function manualSample(ctx: IPollFunctions, sinceMs: number, zone: string, source: string): Promise<INodeExecutionData[][] | null> {
	const rmas = await watchedRmas(ctx, sinceMs, zone, source);
	for (const rma of rmas.slice(-MANUAL_LOOKUPS).reverse()) {
		const latest = closedWithin(await findAsnsForRma(ctx, rma.rmaNumber, 0), null, zone).sort((a, b) => b.closedAtMs - a.closedAtMs)[0];
		if (latest) return [[{ json: eventJson({ ...latest, loopReturnId: rma.loopReturnId }, zone) }]];
	}
	return null;
}
