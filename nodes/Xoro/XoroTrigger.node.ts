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
 * return to process). They are found from the RMAs still awaiting receipt (trigger/returnRmas.ts), one
 * ASN read per such RMA, so a poll's cost does not grow with Xoro's ASN table even if getasn ignores
 * its filters. Other closed ASNs are read from the window only when asked to emit or report them.
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
import type { XoroAsn } from './schemas';
import { parseXoroDate, toMillis, toXoroDateTime } from '../shared/dates';
import { pollDeadline } from '../shared/deadline';
import { xoroTimeZone } from './tenant';
import { watchedRmas, type WatchedRma } from './trigger/returnRmas';

interface TriggerState {
	/** ISO time of the latest ASN closing emitted or seen */
	cursor?: string;
	/** AsnNumber@closedAt → closedAt (ISO or '') of ASNs already emitted, seen or reported */
	seen?: Record<string, string>;
	/** RMA number → its UpdatedDate when all its ASNs were closed (or cancelled) and emitted */
	settled?: Record<string, string>;
	/** A read that ran out of poll budget: the next tick goes on where it stopped */
	run?: PollRun;
}

interface PollRun {
	/** ISO start of the window being read */
	since: string;
	/** Loop-return RMAs whose ASNs are still to be looked up in this run */
	pending: WatchedRma[];
	/** Every Loop-return RMA number of the run (to tell return ASNs from others in the window read) */
	returnRmas: string[];
	/** RMA number → UpdatedDate of RMAs found settled in this run */
	settled: Record<string, string>;
	/** Next page of the window read of other ASNs (only when they are emitted or reported) */
	page: number;
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
						displayName: 'Include Non-Return ASNs',
						name: 'includeOthers',
						type: 'boolean',
						default: false,
						description:
							'Whether to emit closed ASNs that do not belong to a Loop return too (purchase orders, RMAs made elsewhere). Reads every ASN closed in the window: costly if Xoro ignores the ASN filters.',
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
							'Whether to output an "asnSkipped" item, with the reason, for each closed ASN that is not a Loop return\'s (once each). Reads every ASN closed in the window.',
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
		const readOthers = Boolean(options.includeOthers || options.reportSkipped);
		const zone = await xoroTimeZone(this);
		checkEndpointOverrides(this, 'xoroTrigger');
		const now = DateTime.utc();

		if (this.getMode() === 'manual') return await manualSample(this, now.minus({ days: 7 }).toMillis(), zone, source);

		const cursor = state.cursor ? DateTime.fromISO(state.cursor, { zone: 'utc' }) : now;
		// A copy: a poll that fails must leave the saved run as it was.
		const run: PollRun = state.run
			? { ...state.run, pending: [...state.run.pending], settled: { ...state.run.settled } }
			: await newRun(this, cursor, lookbackMinutes, zone, source, state.settled ?? {});
		const since = DateTime.fromISO(run.since, { zone: 'utc' });

		// Stop reading before n8n abandons the tick; the next tick resumes with what is left.
		const deadline = pollDeadline(this.getPollBudgetMs?.());
		const outOfTime = () => Date.now() >= deadline;
		const found: Found[] = [];
		// Each tick reads at least one thing, so a run always moves on.
		let readAny = false;
		while (run.pending.length && !(readAny && outOfTime())) {
			const rma = run.pending[0];
			const asns = await findAsnsForRma(this, rma.rmaNumber, 0);
			found.push(...closedWithin(asns, since.toMillis(), zone).map((c) => ({ ...c, loopReturnId: rma.loopReturnId })));
			if (asns.length && asns.every((a) => /^(closed|cancel)/i.test(a.status ?? ''))) run.settled[rma.rmaNumber] = rma.updated;
			run.pending.shift();
			readAny = true;
		}
		let complete = run.pending.length === 0;
		if (complete && readOthers) {
			complete = false;
			while (!(readAny && outOfTime())) {
				const { asns, totalPages } = await searchAsnsPage(this, { status: 'Closed', updated_at_min: toXoroDateTime(since, zone) }, run.page);
				readAny = true;
				const others = closedWithin(asns, since.toMillis(), zone).filter((c) => !run.returnRmas.includes(c.asn.rmaNumber ?? ''));
				found.push(...others.map((c) => ({ ...c, loopReturnId: null, skipped: skipReason(c.asn) })));
				if (asns.length === 0 || run.page >= totalPages) {
					complete = true;
					break;
				}
				run.page += 1;
			}
		}

		const seen = { ...(state.seen ?? {}) };
		const fresh = found.filter((c) => seen[c.key] === undefined).sort((a, b) => a.closedAtMs - b.closedAtMs || a.asn.asnNumber.localeCompare(b.asn.asnNumber));
		for (const c of fresh) seen[c.key] = c.closedAt ?? '';
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
			state.settled = run.settled;
			delete state.run;
		} else {
			state.seen = prune(seen, since.toMillis());
			state.run = run;
		}
		return events.length ? [events] : null;
	}
}

/** A run starts by listing the Loop-return RMAs to check; settled ones that did not change are left out. */
async function newRun(ctx: IPollFunctions, cursor: DateTime, lookbackMinutes: number, zone: string, source: string, settled: Record<string, string>): Promise<PollRun> {
	const since = cursor.minus({ minutes: lookbackMinutes });
	const rmas = await watchedRmas(ctx, since.toMillis(), zone, source);
	const keep = rmas.filter((rma) => settled[rma.rmaNumber] !== undefined && settled[rma.rmaNumber] === rma.updated);
	return {
		since: since.toISO() ?? '',
		pending: rmas.filter((rma) => !keep.includes(rma)),
		returnRmas: rmas.map((rma) => rma.rmaNumber),
		// Settled RMAs no longer listed are forgotten: they cannot come back unchanged.
		settled: Object.fromEntries(keep.map((rma) => [rma.rmaNumber, rma.updated])),
		page: 1,
		latestMs: cursor.toMillis(),
		silent: !(ctx.getWorkflowStaticData('node') as TriggerState).cursor,
	};
}

interface ClosedAsn {
	asn: XoroAsn;
	key: string;
	closedAt: string | null;
	closedAtMs: number;
}

interface Found extends ClosedAsn {
	loopReturnId: string | null;
	/** Why an ASN that is not a Loop return's is not emitted */
	skipped?: string;
}

/** Closed ASNs, with the closing time (or last update when Xoro gives none, on the tenant's clock) at or after `sinceMs`. */
function closedWithin(asns: XoroAsn[], sinceMs: number | null, zone: string): ClosedAsn[] {
	return asns
		.filter((asn) => asn.status?.toLowerCase() === 'closed')
		.map((asn) => {
			const closedAt = parseXoroDate(asn.closedDate, zone) ?? parseXoroDate(asn.updatedDate, zone);
			return { asn, key: `${asn.asnNumber}@${closedAt ?? ''}`, closedAt, closedAtMs: toMillis(closedAt) };
		})
		.filter((c) => sinceMs === null || !Number.isFinite(c.closedAtMs) || c.closedAtMs >= sinceMs);
}

function skipReason(asn: XoroAsn): string {
	return asn.rmaNumber
		? `RMA ${asn.rmaNumber} was not made from a Loop return (or is not awaiting receipt)`
		: 'Not a return ASN: it has no RMA (e.g. a purchase-order ASN)';
}

/** Drops seen keys that the next poll's window can no longer return; undated keys are capped. */
function prune(seen: Record<string, string>, windowStartMs: number): Record<string, string> {
	const dated = Object.entries(seen).filter(([, at]) => at && toMillis(at) >= windowStartMs);
	const undated = Object.entries(seen).filter(([, at]) => !at).slice(-MAX_UNDATED_SEEN);
	return Object.fromEntries([...dated, ...undated]);
}

/** The closed ASN with its receipt status and the Loop return its RMA was made from (null for others). */
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
