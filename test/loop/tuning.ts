import { loopTransportTuning } from '../../nodes/Loop/transport';

export const LOOP_KEY = 'loop-test-key';
export const NOSCOPE_KEY = 'loop-noscope-key';

/** Shrinks the transport's delays so retries and backoff take milliseconds; `reset` restores them. */
export function fastTuning(): { reset(): void } {
	const original = { ...loopTransportTuning };
	const fast = () =>
		Object.assign(loopTransportTuning, {
			backoffBaseMs: 5,
			backoffMaxMs: 50,
			retryBudgetMs: 120,
			requestTimeoutMs: 400,
			requestsPerMinute: 60_000,
			burst: 100,
		});
	fast();
	return {
		reset() {
			Object.assign(loopTransportTuning, original);
			fast();
		},
	};
}
