/**
 * The time window an operation reads: a fixed range (since / until), or a cursor kept in the
 * workflow's static data so a scheduled workflow neither misses nor repeats a transaction: each run
 * starts an overlap before the last run's end and drops the ids it already returned.
 */
import { DateTime } from 'luxon';
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { ShopifyTransaction } from '../../mapping/contracts';
import { checkRange, readDate, readNonNegative } from '../../shared/params';
import { parseStamp, toMillis } from '../../shared/dates';

export interface TimeWindow {
	/** ISO instants, UTC */
	since: string;
	until: string;
}

export const windowProperties: INodeProperties[] = [
	{
		displayName: 'Window',
		name: 'windowMode',
		type: 'options',
		options: [
			{
				name: 'Time Range',
				value: 'range',
				description: 'Transactions between Since and Until',
			},
			{
				name: 'Since Last Run (Cursor)',
				value: 'cursor',
				description: 'For scheduled workflows: continues where the previous execution stopped, without gaps or repeats',
			},
		],
		default: 'range',
	},
	{
		displayName: 'Since',
		name: 'since',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: { show: { windowMode: ['range'] } },
		description: 'Start of the window (inclusive)',
	},
	{
		displayName: 'Until',
		name: 'until',
		type: 'dateTime',
		default: '',
		displayOptions: { show: { windowMode: ['range'] } },
		description: 'End of the window (inclusive). Empty: now.',
	},
	{
		displayName: 'First Run Lookback (Hours)',
		name: 'lookbackHours',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 24,
		displayOptions: { show: { windowMode: ['cursor'] } },
		description: 'How far back the very first run reads',
	},
	{
		displayName: 'Overlap (Minutes)',
		name: 'overlapMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 10,
		displayOptions: { show: { windowMode: ['cursor'] } },
		description: "Each run re-reads this much before the previous run's end, for late-indexed changes; repeats are dropped by Shopify ID",
	},
];

interface CursorState extends IDataObject {
	windowEnd: string;
	/** Shopify id → occurredAt of what the overlap may return again */
	seen: IDataObject;
}

const iso = (dt: DateTime) => dt.toUTC().toISO({ suppressMilliseconds: true }) as string;

export interface WindowRun {
	window: TimeWindow;
	/** Drops what an earlier run returned and moves the cursor; the identity in range mode. */
	finish(transactions: ShopifyTransaction[]): ShopifyTransaction[];
}

export function openWindow(ctx: IExecuteFunctions, itemIndex: number, cursorKey: string): WindowRun {
	const mode = ctx.getNodeParameter('windowMode', itemIndex, 'range') as string;
	const now = DateTime.utc().startOf('second');
	if (mode !== 'cursor') {
		const since = readDate(ctx, 'since', 'Since', itemIndex);
		if (!since) throw new NodeOperationError(ctx.getNode(), '"Since" is required for a time range', { itemIndex });
		const until = readDate(ctx, 'until', 'Until', itemIndex) ?? now;
		if (until < since) throw new NodeOperationError(ctx.getNode(), '"Until" is before "Since"', { itemIndex });
		checkRange(ctx, { from: since, to: until, fromLabel: 'Since', toLabel: 'Until' }, itemIndex);
		return { window: { since: iso(since), until: iso(until) }, finish: (transactions) => transactions };
	}

	// Negative values would reverse the window and still move the cursor.
	const lookbackHours = readNonNegative(ctx, 'lookbackHours', 'First Run Lookback (Hours)', itemIndex, 24);
	const overlapMinutes = readNonNegative(ctx, 'overlapMinutes', 'Overlap (Minutes)', itemIndex, 10);
	const staticData = ctx.getWorkflowStaticData('node');
	const cursors = (staticData.shopifyCursors ??= {}) as IDataObject;
	const state = cursors[cursorKey] as CursorState | undefined;
	const windowEnd = parseStamp(state?.windowEnd);
	const since = windowEnd ? windowEnd.minus({ minutes: overlapMinutes }) : now.minus({ hours: lookbackHours });
	const window = { since: iso(since), until: iso(now) };
	return {
		window,
		finish(transactions) {
			const seen = state?.seen ?? {};
			const fresh = transactions.filter((t) => seen[t.id] === undefined);
			// Remember only what the next run's overlap can return again.
			const keepFrom = now.minus({ minutes: overlapMinutes }).toMillis();
			const nextSeen: IDataObject = {};
			for (const [id, at] of Object.entries(seen)) if (toMillis(at) >= keepFrom) nextSeen[id] = at;
			for (const t of transactions) if (toMillis(t.occurredAt) >= keepFrom) nextSeen[t.id] = t.occurredAt;
			cursors[cursorKey] = { windowEnd: window.until, seen: nextSeen } satisfies CursorState;
			return fresh;
		},
	};
}

/** `created_at:>='…' AND created_at:<='…'` for Shopify's search syntax. */
export function searchRange(field: string, window: TimeWindow, upperBound = true): string {
	const from = `${field}:>='${window.since}'`;
	return upperBound ? `${from} AND ${field}:<='${window.until}'` : from;
}

export function inWindow(at: string | null | undefined, window: TimeWindow): boolean {
	if (!at) return false;
	const t = toMillis(at);
	return t >= toMillis(window.since) && t <= toMillis(window.until);
}
