/**
 * Chain steps for issue 8 §1–§2 (the story runs its n8n under a non-UTC TZ, see chain.e2e.test.ts):
 * a purchase-order ASN closing is ignored (no Loop call, no execution), and with getasn ignoring its
 * filters and 20,000 purchase-order ASNs in Xoro, the Xoro Trigger's requests per poll stay small.
 */
import type { LoggedRequest } from '../../simulators/http';
import { waitFor } from '../n8n/instance';
import type { Stack } from '../stack';
import { WF } from './templates';

const STEP_TIMEOUT_MS = 5 * 60_000;

/** The Xoro Trigger's own reads: RMA listings by status / update time, and ASN look-ups by RMA. */
const triggerRead = (r: LoggedRequest) => {
	const q = new URLSearchParams(r.query);
	return (r.path.endsWith('/rma/getrma') && (q.has('status') || q.has('updated_at_min'))) || (r.path.endsWith('/asn/getasn') && !q.has('asn_number'));
};
const pollStart = (r: LoggedRequest) => r.path.endsWith('/rma/getrma') && new URLSearchParams(r.query).get('status') === 'Open';

export function timeSteps(stack: () => Stack, mode: { name: string }): void {
	it(
		'ignores a purchase-order ASN closing, and polls at a small cost with 20,000 purchase-order ASNs and getasn ignoring its filters',
		async () => {
			const { sims, n8n } = stack();
			const runsBefore = new Set((await n8n.executions(WF.asnClosed)).map((e) => e.id));
			// The simulators keep their last 5,000 requests: select by time, not by index.
			const since = Date.now();
			const asnsBefore = sims.xoro.state.asns.length;
			sims.xoro.options.asnFiltersIgnored = true;
			sims.xoro.addPurchaseOrderAsns(10_000, true);
			sims.xoro.addPurchaseOrderAsns(10_000, false);
			try {
				// Two whole polls after the table grew: the requests from one poll's start to the next one's.
				const starts = await waitFor(
					async () => sims.xoro.requests.filter((r) => r.at >= since && pollStart(r)).map((r) => r.at),
					(s) => s.length >= 3,
					200_000,
					'three Xoro Trigger polls',
				);
				const perPoll = [0, 1].map((p) => sims.xoro.requests.filter((r) => r.at >= starts[p] && r.at < starts[p + 1] && triggerRead(r)).length);
				const awaiting = sims.xoro.state.rmas.filter((r) => ['Open', 'Approved'].includes(r.RmaHeader.StatusName)).length;
				// The trigger also re-checks RMAs updated within its look-back: at most one look-up per RMA.
				const rmas = sims.xoro.state.rmas.length;
				console.log(
					`${mode.name}: Xoro Trigger requests per poll with ${sims.xoro.state.asns.length} ASNs in Xoro (20,000 purchase-order ASNs, getasn ignoring its filters), ${awaiting} RMAs awaiting receipt: ${perPoll.join(', ')}`,
				);
				// Three RMA listings and at most one ASN look-up per RMA: bounded by the returns, not by the
				// 20,000 ASNs (read whole, they would be 200 pages a poll). The poll that finds getasn ignoring
				// its filters also spent one request on the window's first page (seen: 7 single-process, 8 in
				// queue mode, with 4 RMAs). A poll can also stop early and go on at the next one (seen once
				// single-process: 1, then 7), so the lower bound is on both polls together: they did read.
				expect(perPoll[0] + perPoll[1]).toBeGreaterThanOrEqual(3);
				for (const n of perPoll) expect(n).toBeLessThanOrEqual(4 + rmas);
				// The 10,000 closed purchase-order ASNs reached no workflow and Loop heard nothing of them.
				// No new execution of 04 at all: none started by an ASN, no failed poll.
				const newRuns = (await n8n.executions(WF.asnClosed)).filter((e) => !runsBefore.has(e.id));
				expect(newRuns.map((e) => [e.id, e.status])).toEqual([]);
				expect(sims.loop.requests.filter((r) => r.at >= since && r.method === 'POST')).toEqual([]);
			} finally {
				// The later steps run against the store as it was: no purchase-order ASNs, filters honoured.
				sims.xoro.options.asnFiltersIgnored = false;
				sims.xoro.state.asns.splice(asnsBefore);
			}
		},
		STEP_TIMEOUT_MS,
	);
}
