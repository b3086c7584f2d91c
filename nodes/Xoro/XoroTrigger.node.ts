/**
 * Xoro Trigger: starts a workflow when a return ASN is closed, so the Loop return can be processed
 * or flagged within a minute (n8n polls every minute by default).
 *
 * Why a polling trigger rather than Schedule + "ASN → Get Many": the cursor and the already-seen set
 * must survive between runs and be saved only when a poll succeeded; a trigger's static data does
 * exactly that, while a Schedule workflow would need the user to build and store that cursor
 * themselves, where a miss loses returns and a slip processes them twice.
 *
 * Rules (as for the Loop Trigger): first activation starts "now" (ASNs already closed are marked seen,
 * not emitted); every poll re-reads a lookback window before the cursor (Xoro's filter clock and time
 * zone are undocumented) and drops ASNs it has already emitted, so nothing is lost and nothing
 * repeats; the cursor only moves to closing times Xoro reported; a poll stops paging before n8n's poll
 * budget runs out and the next one resumes where it stopped; a manual run returns one sample and
 * leaves the cursor alone.
 */
import { DateTime } from 'luxon';
import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { receiptStatus } from './actions/asn/receiptStatus.operation';
import { getKnownRma, searchAsns, searchAsnsPage } from './actions/lookups';
import { asnJson } from './actions/output';
import { endpointPathsProperty } from './endpoints';
import type { XoroAsn } from './schemas';
import { parseXoroDate, toXoroDateTime } from '../shared/dates';
import { pollDeadline } from '../shared/deadline';

interface TriggerState {
	/** ISO time of the latest ASN closing emitted or seen */
	cursor?: string;
	/** AsnNumber@closedAt → closedAt (ISO or '') of ASNs already emitted or seen */
	seen?: Record<string, string>;
	/** A read that ran out of poll budget: the next tick goes on where it stopped */
	run?: PollRun;
}

interface PollRun {
	/** ISO start of the window being read (updated_at_min) */
	since: string;
	/** Next page to read */
	page: number;
	/** Latest closing time seen in this run so far (ms); the cursor moves there once the run is read through */
	latestMs: number;
	/** First activation: mark what is there as seen, emit nothing */
	silent: boolean;
}

const MAX_UNDATED_SEEN = 5000;

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
						displayName: 'Lookback (Minutes)',
						name: 'lookbackMinutes',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 1440,
						description: 'How far before the cursor each poll re-reads; covers a Xoro clock in another time zone. Repeats are dropped.',
					},
				],
			},
			endpointPathsProperty('xoroTrigger'),
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const state = this.getWorkflowStaticData('node') as TriggerState;
		const lookbackMinutes = (this.getNodeParameter('options.lookbackMinutes', 1440) as number) || 1440;
		const now = DateTime.utc();

		if (this.getMode() === 'manual') {
			const recent = closedWithin(await searchAsns(this, { status: 'Closed', updated_at_min: toXoroDateTime(now.minus({ days: 7 })) }, 0), null);
			const latest = recent.sort((a, b) => b.closedAtMs - a.closedAtMs)[0];
			return latest ? [[{ json: await eventJson(this, latest.asn) }]] : null;
		}

		const cursor = state.cursor ? DateTime.fromISO(state.cursor, { zone: 'utc' }) : now;
		// A copy: a poll that fails must leave the saved run as it was.
		const run: PollRun = state.run
			? { ...state.run }
			: { since: cursor.minus({ minutes: lookbackMinutes }).toISO() ?? '', page: 1, latestMs: cursor.toMillis(), silent: !state.cursor };
		const since = DateTime.fromISO(run.since, { zone: 'utc' });

		// Stop paging before n8n abandons the tick; the next tick resumes at the page after the last one read.
		const deadline = pollDeadline(this.getPollBudgetMs?.());
		const closed: ClosedAsn[] = [];
		let complete = false;
		for (;;) {
			const { asns, totalPages } = await searchAsnsPage(this, { status: 'Closed', updated_at_min: toXoroDateTime(since) }, run.page);
			closed.push(...closedWithin(asns, since.toMillis()));
			if (asns.length === 0 || run.page >= totalPages) {
				complete = true;
				break;
			}
			run.page += 1;
			if (Date.now() >= deadline) break;
		}

		const seen = { ...(state.seen ?? {}) };
		const fresh = closed.filter((c) => seen[c.key] === undefined).sort((a, b) => a.closedAtMs - b.closedAtMs || a.asn.asnNumber.localeCompare(b.asn.asnNumber));
		for (const c of fresh) seen[c.key] = c.closedAt ?? '';
		run.latestMs = Math.max(run.latestMs, ...closed.map((c) => c.closedAtMs).filter((ms) => Number.isFinite(ms)));
		const events: INodeExecutionData[] = [];
		if (!run.silent) for (const c of fresh) events.push({ json: await eventJson(this, c.asn) });

		// Commit the new state only now that every read succeeded. The cursor moves only when the window
		// was read through; until then the run (and its window) carries over to the next tick.
		if (complete) {
			const nextCursor = DateTime.fromMillis(run.latestMs, { zone: 'utc' });
			state.cursor = nextCursor.toISO({ suppressMilliseconds: true }) ?? undefined;
			state.seen = prune(seen, nextCursor.minus({ minutes: lookbackMinutes }).toMillis());
			delete state.run;
		} else {
			state.seen = prune(seen, since.toMillis());
			state.run = run;
		}
		return events.length ? [events] : null;
	}
}

interface ClosedAsn {
	asn: XoroAsn;
	key: string;
	closedAt: string | null;
	closedAtMs: number;
}

/** Closed ASNs, with the closing time (or last update when Xoro gives none) at or after `sinceMs`. */
function closedWithin(asns: XoroAsn[], sinceMs: number | null): ClosedAsn[] {
	return asns
		.filter((asn) => asn.status?.toLowerCase() === 'closed')
		.map((asn) => {
			const closedAt = parseXoroDate(asn.closedDate) ?? parseXoroDate(asn.updatedDate);
			const closedAtMs = closedAt ? DateTime.fromISO(closedAt).toMillis() : Number.NaN;
			return { asn, key: `${asn.asnNumber}@${closedAt ?? ''}`, closedAt, closedAtMs };
		})
		.filter((c) => sinceMs === null || !Number.isFinite(c.closedAtMs) || c.closedAtMs >= sinceMs);
}

/** Drops seen keys that the next poll's window can no longer return; undated keys are capped. */
function prune(seen: Record<string, string>, windowStartMs: number): Record<string, string> {
	const dated = Object.entries(seen).filter(([, at]) => at && DateTime.fromISO(at).toMillis() >= windowStartMs);
	const undated = Object.entries(seen).filter(([, at]) => !at).slice(-MAX_UNDATED_SEEN);
	return Object.fromEntries([...dated, ...undated]);
}

/** The closed ASN with its receipt status and the Loop return it belongs to (from the RMA if the ASN lacks it). */
async function eventJson(ctx: IPollFunctions, asn: XoroAsn): Promise<IDataObject> {
	const loopReturnId = asn.thirdPartyRefNo ?? (asn.rmaNumber ? ((await getKnownRma(ctx, asn.rmaNumber, 0))?.thirdPartyRefNo ?? null) : null);
	return { event: 'asnClosed', ...asnJson(asn), loopReturnId, ...receiptStatus(asn) };
}
