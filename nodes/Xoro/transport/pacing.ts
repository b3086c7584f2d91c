/**
 * Xoro's pace, per credential: within this process requests run one at a time, `1000/pace` ms apart
 * (this module owns the lanes); in queue mode the start is booked in the queue's Redis instead, so
 * the main and every worker share one pace.
 */
import { sleep } from 'n8n-workflow';
import { queueMode } from '../../shared/queueRedis';
import { reserveShared } from '../../shared/sharedPace';
import type { XoroContext } from './connection';

interface PaceLane {
	tail: Promise<void>;
	lastStartedAt: number;
}
const lanes = new Map<string, PaceLane>();

/** Runs `run` in the lane `laneKey`, after the requests queued before it and at the lane's pace. */
export async function inLane<T>(ctx: XoroContext, laneKey: string, requestsPerSecond: number, run: () => Promise<T>): Promise<T> {
	const lane = lanes.get(laneKey) ?? { tail: Promise.resolve(), lastStartedAt: 0 };
	lanes.set(laneKey, lane);
	const previous = lane.tail;
	let release!: () => void;
	lane.tail = new Promise<void>((resolve) => (release = resolve));
	await previous;
	try {
		const gapMs = requestsPerSecond > 0 ? 1000 / requestsPerSecond : 0;
		const sharedWaitMs = gapMs > 0 && queueMode() ? await bookInRedis(ctx, laneKey, gapMs) : undefined;
		const waitMs = sharedWaitMs ?? lane.lastStartedAt + gapMs - Date.now();
		if (waitMs > 0) await sleep(waitMs);
		lane.lastStartedAt = Date.now();
		return await run();
	} finally {
		release();
	}
}

let redisFailureLogged = false;

/** The wait Redis booked; undefined when Redis fails, so this request paces locally (a Xoro call never fails for Redis). */
async function bookInRedis(ctx: XoroContext, laneKey: string, gapMs: number): Promise<number | undefined> {
	try {
		return await reserveShared(laneKey, gapMs);
	} catch (error) {
		if (!redisFailureLogged) {
			redisFailureLogged = true;
			ctx.logger?.warn(
				`Xoro pace: queue mode, but ${(error as Error).message}. Each process paces its own Xoro requests while Redis fails, so Xoro may throttle.`,
			);
		}
		return undefined;
	}
}
