/**
 * The Shopify side of a merchant's ordinary day (issue 8 §5–§7), as steps of the chain story: template
 * 05 (outcomes → Xoro) with its node defaults, asserted on the simulators' state.
 *   - a customer-service refund the merchant makes in Shopify: not booked;
 *   - even, upsell and down-sell exchanges (native, on the original order): each sales order in Xoro
 *     totals what Shopify charged; the down-sell's left-over credit is a refunded memo;
 *   - an order with 50 Loop refunds: all 50 booked, each once.
 */
import type { LoopReturnProcessed, OutcomeLine } from '../../simulators/events';
import { variantById, type Scenario } from '../../simulators/scenario';
import { nodeOutput, type ExecutionSummary } from '../n8n/api';
import { waitFor } from '../n8n/instance';
import type { Stack } from '../stack';
import { WF } from './templates';
import { duplicates, liveCreditMemos, liveSalesOrders } from './xoroDocs';

const STEP_TIMEOUT_MS = 6 * 60_000;

const settled = (list: ExecutionSummary[]) => list.every((e) => !['running', 'new', 'waiting'].includes(e.status));

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
	 * One scheduled run of template 05 over what `apply` puts in Shopify. Template 05 polls every 10 s
	 * in the story, and a run that books dozens of documents at Xoro's 2 requests/s takes longer than
	 * that: overlapping runs would each book the same items. So the schedule is paused, `apply` runs,
	 * and the workflow is published for exactly one run, then paused until that run has finished.
	 */
	const oneRun = async (apply: () => void): Promise<ExecutionSummary> => {
		const { n8n } = stackOf();
		await n8n.api.unpublish(WF.outcomes);
		const before = new Set((await n8n.waitForExecutions(WF.outcomes, settled, 240_000)).map((e) => e.id));
		apply();
		await n8n.publish(WF.outcomes);
		const fresh = async () => (await n8n.executions(WF.outcomes)).filter((e) => !before.has(e.id));
		await waitFor(fresh, (list) => list.length > 0, 60_000, 'the next scheduled run of template 05');
		await n8n.api.unpublish(WF.outcomes);
		await n8n.waitForExecutions(WF.outcomes, settled, 240_000);
		const runs = await fresh();
		await n8n.publish(WF.outcomes);
		expect(runs.map((e) => e.status)).toEqual(['success']);
		return runs[0];
	};

	it(
		"books even, upsell and down-sell exchanges at what Shopify charged, and not the merchant's own refund",
		async () => {
			const { sims } = stackOf();
			const store = sims.shopify.store;
			let goodwill: { id: string } | undefined;
			let exchanges: Array<{ kind: string; charged: number; returnId: string; shopifyCharged: number }> = [];
			const started = Date.now();
			const run = await oneRun(() => {
				goodwill = store.merchantRefund(orderOf(1001).id, 15, 'Customer service: late delivery');
				exchanges = [
					// #1005's tee M (29.99) for a tee S; #1006's cap (19.50) for a hoodie M (64.00); #1004's hoodie L (64.00) for a tee L (29.99).
					{ kind: 'even', n: 1005, back: '41845504671895', wanted: '41845504639127', charged: 0 },
					{ kind: 'upsell', n: 1006, back: '41845504802967', wanted: '41845504737431', charged: 44.5 },
					{ kind: 'down-sell', n: 1004, back: '41845504770199', wanted: '41845504704663', charged: 0 },
				].map((x, i) => {
					const at = store.stamp();
					sims.shopify.applyLoopOutcome(processed(String(25044801 + i), x.n, 'exchange', x.back, x.wanted), { native: true });
					const order = store.order(orderOf(x.n).id)!;
					const paid = order.transactions.filter((t) => t.kind === 'SALE' && t.createdAt >= at).reduce((sum, t) => sum + t.amount, 0);
					return { kind: x.kind, charged: x.charged, returnId: order.returns.at(-1)!.id, shopifyCharged: Math.round(paid * 100) / 100 };
				});
			});
			timings.exchangesBooked = Date.now() - started;
			const leftover = store.order(orderOf(1004).id)!.refunds.at(-1)!;
			const read = nodeOutput(run.data, 'New Shopify transactions');
			expect(read.map((t) => t.id)).not.toContain(`gid://shopify/Refund/${goodwill!.id}`);

			const totals = exchanges.map((x) => {
				const orders = liveSalesOrders(sims.xoro, x.returnId);
				return { kind: x.kind, orders: orders.length, xoroTotal: orders[0]?.SoEstimateHeader.TotalAmount, shopifyCharged: x.shopifyCharged };
			});
			console.log(`exchange totals (Xoro vs Shopify): ${JSON.stringify(totals)}`);
			expect(totals).toEqual(exchanges.map((x) => ({ kind: x.kind, orders: 1, xoroTotal: x.charged, shopifyCharged: x.charged })));
			const leftoverMemos = liveCreditMemos(sims.xoro, leftover.id);
			expect(leftoverMemos.map((m) => [m.creditMemoHeader.TotalAmount, m.creditMemoHeader.StatusName])).toEqual([[34.01, 'Refunded']]);
			console.log(`non-Loop refund ${goodwill!.id} (15.00 on #1001): ${liveCreditMemos(sims.xoro, goodwill!.id).length} credit memos`);
			expect(liveCreditMemos(sims.xoro, goodwill!.id)).toEqual([]);
			expect(duplicates(sims.xoro)).toEqual([]);
		},
		STEP_TIMEOUT_MS,
	);

	it(
		'books all 50 refunds Loop made on one order, each once',
		async () => {
			const { sims } = stackOf();
			const order = sims.shopify.store.order(orderOf(1003).id)!;
			const before = order.refunds.length;
			const started = Date.now();
			const run = await oneRun(() => {
				for (let i = 0; i < 50; i++) sims.shopify.applyLoopOutcome(processed(String(25044900 + i), 1003, 'refund', '41845504704663'));
			});
			timings.fiftyRefundsBooked = Date.now() - started;
			const refunds = order.refunds.slice(before);
			expect(refunds).toHaveLength(50);
			const read = nodeOutput(run.data, 'New Shopify transactions').filter((t) => t.kind === 'refund').map((t) => String(t.id));
			const counts = refunds.map((r) => liveCreditMemos(sims.xoro, r.id).length);
			console.log(
				`50 refunds on #1003: ${new Set(read).size} read in one run, ${counts.filter((n) => n === 1).length} booked once, ${counts.filter((n) => n !== 1).length} otherwise, in ${timings.fiftyRefundsBooked} ms`,
			);
			expect(refunds.map((r) => read.filter((id) => id === `gid://shopify/Refund/${r.id}`).length)).toEqual(refunds.map(() => 1));
			expect(counts).toEqual(refunds.map(() => 1));
			expect(duplicates(sims.xoro)).toEqual([]);
		},
		STEP_TIMEOUT_MS,
	);
}
