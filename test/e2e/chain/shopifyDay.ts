/**
 * The Shopify side of a merchant's ordinary day (issue 8 §5–§7), as steps of the chain story: template
 * 05 (outcomes → Xoro) with its node defaults, asserted on the simulators' state.
 *   - a customer-service refund the merchant makes in Shopify: not booked;
 *   - even, upsell and down-sell exchanges (native, on the original order): each sales order in Xoro
 *     totals what Shopify charged; the down-sell's left-over credit is a refunded memo.
 *   - an order with 50 Loop refunds (the changed-orders query asks for 20 a page, issue 8 §7): each
 *     booked once, while the 10-s polls overlap the run that books them, with and without an RMA process.
 */
import type { LoopReturnProcessed, OutcomeLine } from '../../simulators/events';
import { variantById, type Scenario } from '../../simulators/scenario';
import type { ExecutionSummary } from '../n8n/api';
import { waitFor } from '../n8n/instance';
import type { Stack } from '../stack';
import { EXCEPTION_LOG } from '../../../scripts/templates/parts/exceptionLog';
import { WF } from './templates';
import { duplicates, liveCreditMemos, liveSalesOrders } from './xoroDocs';

const STEP_TIMEOUT_MS = 4 * 60_000;

/** Two polls of template 05 and some slack: time to book anything twice. */
const TWO_POLLS_MS = 25_000;

const settled = (list: ExecutionSummary[]) => list.every((e) => !['running', 'new', 'waiting'].includes(e.status));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function shopifyDaySteps(stackOf: () => Stack, scenario: Scenario, timings: Record<string, number>): void {
	const orderOf = (n: number) => scenario.orders.find((o) => o.number === String(n))!;
	const line = (variantId: string): OutcomeLine => {
		const v = variantById(scenario, variantId);
		return { variantId, sku: v.sku, title: v.title, quantity: 1, price: v.price };
	};
	/** What the Loop simulator emits for a processed return on order `n` (one unit back). */
	const processed = (returnId: string, n: number, outcome: LoopReturnProcessed['outcome'], back: string, wanted?: string): LoopReturnProcessed => ({
		returnId,
		orderId: orderOf(n).id,
		orderName: orderOf(n).name,
		outcome,
		amount: line(back).price,
		currency: scenario.shop.currency,
		customerEmail: orderOf(n).customerEmail,
		returnedLines: [line(back)],
		exchangeLines: wanted ? [line(wanted)] : [],
		additionalDetails: {},
		exchangeOrderName: null,
	});
	/**
	 * Puts one outcome in Shopify and waits until template 05 (every 10 s in the story) booked what it
	 * must. One at a time: each run then books one document and ends before the next poll.
	 */
	const bookedAfter = async <T>(apply: () => T, booked: (applied: T) => boolean, what: string): Promise<T> => {
		const applied = apply();
		await waitFor(async () => booked(applied), Boolean, 120_000, what);
		return applied;
	};

	it(
		"books even, upsell and down-sell exchanges at what Shopify charged, and not the merchant's own refund",
		async () => {
			const { sims, n8n } = stackOf();
			const store = sims.shopify.store;
			const started = Date.now();
			const goodwill = store.merchantRefund(orderOf(1001).id, 15, 'Customer service: late delivery');
			const exchanges = [];
			// #1005's tee M (29.99) for a tee S; #1006's cap (19.50) for a hoodie M (64.00); #1004's hoodie L (64.00) for a tee L (29.99).
			for (const [i, x] of [
				{ kind: 'even', n: 1005, back: '41845504671895', wanted: '41845504639127', charged: 0 },
				{ kind: 'upsell', n: 1006, back: '41845504802967', wanted: '41845504737431', charged: 44.5 },
				{ kind: 'down-sell', n: 1004, back: '41845504770199', wanted: '41845504704663', charged: 0 },
			].entries()) {
				exchanges.push(
					await bookedAfter(
						() => {
							const at = store.stamp();
							sims.shopify.applyLoopOutcome(processed(String(25044801 + i), x.n, 'exchange', x.back, x.wanted), { native: true });
							const order = store.order(orderOf(x.n).id)!;
							const paid = order.transactions.filter((t) => t.kind === 'SALE' && t.createdAt >= at).reduce((sum, t) => sum + t.amount, 0);
							const refunds = order.refunds.filter((r) => r.createdAt >= at).map((r) => r.id);
							return { kind: x.kind, charged: x.charged, returnId: order.returns.at(-1)!.id, shopifyCharged: Math.round(paid * 100) / 100, refunds };
						},
						(e) => liveSalesOrders(sims.xoro, e.returnId).length > 0 && e.refunds.every((id) => liveCreditMemos(sims.xoro, id).length > 0),
						`the ${x.kind} exchange booked in Xoro`,
					),
				);
			}
			timings.exchangesBooked = Date.now() - started;
			await sleep(TWO_POLLS_MS);
			await n8n.waitForExecutions(WF.outcomes, settled);
			const leftover = exchanges[2].refunds;
			expect(leftover).toHaveLength(1);

			const totals = exchanges.map((x) => {
				const orders = liveSalesOrders(sims.xoro, x.returnId);
				return { kind: x.kind, orders: orders.length, xoroTotal: orders[0]?.SoEstimateHeader.TotalAmount, shopifyCharged: x.shopifyCharged };
			});
			console.log(`exchange totals (Xoro vs Shopify): ${JSON.stringify(totals)}`);
			expect(totals).toEqual(exchanges.map((x) => ({ kind: x.kind, orders: 1, xoroTotal: x.charged, shopifyCharged: x.charged })));
			const leftoverMemos = liveCreditMemos(sims.xoro, leftover[0]);
			expect(leftoverMemos.map((m) => [m.creditMemoHeader.TotalAmount, m.creditMemoHeader.StatusName])).toEqual([[34.01, 'Refunded']]);
			console.log(`non-Loop refund ${goodwill.id} (15.00 on #1001): ${liveCreditMemos(sims.xoro, goodwill.id).length} credit memos`);
			expect(liveCreditMemos(sims.xoro, goodwill.id)).toEqual([]);
			expect(duplicates(sims.xoro)).toEqual([]);
		},
		STEP_TIMEOUT_MS,
	);

	it(
		'books all 50 refunds of one order, each once',
		async () => {
			const { sims, n8n } = stackOf();
			const started = Date.now();
			const refundIds = new Set(sims.shopify.store.order(orderOf(1003).id)!.refunds.map((r) => r.id));
			// Loop returns 26100000–26100049 on #1003, one small refund each: 50 refunds on one order.
			for (let n = 0; n < 50; n++) {
				sims.shopify.applyLoopOutcome({ ...processed(String(26100000 + n), 1003, 'refund', orderOf(1003).lines[0].variantId), amount: 1 + n / 100 });
			}
			const refunds = sims.shopify.store.order(orderOf(1003).id)!.refunds.filter((r) => !refundIds.has(r.id));
			expect(refunds).toHaveLength(50);
			const booked = () => refunds.filter((r) => liveCreditMemos(sims.xoro, r.id).length > 0).length;
			await waitFor(async () => booked(), (n) => n === 50, STEP_TIMEOUT_MS - TWO_POLLS_MS - 30_000, 'all 50 refunds of #1003 booked');
			timings.fiftyRefundsBooked = Date.now() - started;
			await sleep(TWO_POLLS_MS);
			// The last Shopify step: no run of 05 starts after this, and those running finish before the count.
			await n8n.api.unpublish(WF.outcomes);
			const stopped = Date.now();
			await n8n.waitUntilNoneRunning(WF.outcomes, 90_000);
			const memos = refunds.map((r) => liveCreditMemos(sims.xoro, r.id));
			const ours = new Set(refunds.map((r) => r.id));
			const voided = sims.xoro.state.creditMemos.filter((m) => ours.has(String(m.creditMemoHeader.ThirdPartyRefNo)) && /void/i.test(m.creditMemoHeader.StatusName));
			const runs = (await n8n.executions(WF.outcomes)).filter((e) => e.stoppedAt && Date.parse(e.startedAt) >= started);
			const seconds = runs.map((e) => (Date.parse(e.stoppedAt!) - Date.parse(e.startedAt)) / 1000).sort((a, b) => a - b);
			console.log(
				`50 refunds on #1003: ${memos.filter((m) => m.length === 1).length} booked once, in ${Math.round(timings.fiftyRefundsBooked / 1000)} s; ` +
					`duplicates from overlapping runs voided: ${voided.length}; runs of 05 since: ${runs.length}, ` +
					`median ${seconds[Math.floor(seconds.length / 2)] ?? 0} s, longest ${seconds.at(-1) ?? 0} s; the last finished ${Math.round((Date.now() - stopped) / 1000)} s after 05 was unpublished`,
			);
			const twice = memos.filter((m) => m.length > 1).map((m) => m.map((x) => `${x.creditMemoHeader.CreditMemoNumber} ${x.creditMemoHeader.CreatedDate ?? ''}`));
			if (twice.length) {
				const logged = (await n8n.api.dataTableRows(EXCEPTION_LOG)).filter((row) => String(row.returnId).startsWith('261000'));
				console.log(`refunds with more than one live memo: ${JSON.stringify(twice)}; exception log: ${JSON.stringify(logged)}`);
			}
			expect(memos.map((m) => m.length)).toEqual(refunds.map(() => 1));
			const cents = (amount: number) => Math.round(amount * 100);
			expect(memos.map((m) => cents(m[0].creditMemoHeader.TotalAmount))).toEqual(refunds.map((_, n) => 100 + n));
			expect(duplicates(sims.xoro)).toEqual([]);
		},
		STEP_TIMEOUT_MS + 90_000,
	);
}
