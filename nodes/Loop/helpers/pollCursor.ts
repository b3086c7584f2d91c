/**
 * The Loop Trigger's memory between polls, kept in workflow static data: a cursor on the date field,
 * the versions already emitted (id → stamp) near the cursor, and, when a poll ran out of time, where
 * its listing stopped. The cursor moves only to stamps that were actually emitted, and only once a
 * listing is complete (Loop documents no order within a window, so a partial listing proves nothing).
 */
import { toMillis } from '../../shared/dates';
import type { LoopListPosition } from '../transport';

export interface PollRun {
	from: string;
	to: string;
	next: LoopListPosition;
	/** Highest stamp emitted so far in this run */
	maxStamp: string;
}

export interface PollMemory {
	field?: string;
	cursor?: string;
	/** Where the trigger was told to start: the overlap never reaches behind it */
	floor?: string;
	emitted?: Record<string, string>;
	run?: PollRun;
}

const isoBefore = (iso: string, ms: number): string => new Date(toMillis(iso) - ms).toISOString();

/** Starts a run from the cursor minus the overlap, or resumes the saved one. */
export function startRun(memory: PollMemory, now: Date, overlapMs: number): PollRun {
	if (memory.run) return memory.run;
	const cursor = memory.cursor ?? now.toISOString();
	const behind = isoBefore(cursor, overlapMs);
	return {
		from: memory.floor && memory.floor > behind ? memory.floor : behind,
		to: now.toISOString(),
		next: { window: 0, pass: 0 },
		maxStamp: cursor,
	};
}

/** True when this version of the return (its stamp as a UTC ISO string) has not been emitted yet; records it. */
export function admit(memory: PollMemory, run: PollRun, id: string, iso: string, newOnly: boolean): boolean {
	const emitted = (memory.emitted ??= {});
	if (newOnly ? id in emitted : emitted[id] === iso) return false;
	emitted[id] = iso;
	if (iso > run.maxStamp) run.maxStamp = iso;
	return true;
}

/** Ends a complete run: the cursor moves to what was emitted; memory older than the overlap goes. */
export function finishRun(memory: PollMemory, run: PollRun, overlapMs: number): void {
	memory.run = undefined;
	if (!memory.cursor || run.maxStamp > memory.cursor) memory.cursor = run.maxStamp;
	const keepFrom = isoBefore(memory.cursor, overlapMs);
	for (const [id, stamp] of Object.entries(memory.emitted ?? {})) {
		if (stamp < keepFrom) delete memory.emitted![id];
	}
}
