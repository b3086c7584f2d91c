/**
 * Chain steps for a merchant's ordinary day (issue 8 §3–4), run inside the chain story after the
 * gift card was first spent:
 *   - a return Loop processed on its own before its ASN closed: 04 succeeds with `alreadyProcessed`;
 *   - a return a person flagged, closing in one batch with another: the flagged one gets a note with
 *     Loop's reason (once), the other is processed, the execution succeeds;
 *   - a gift card spent on an order Xoro invoices only when it ships: 06 reports it pending on
 *     several runs, then applies it once the invoice exists, exactly once;
 *   - a return whose processing failed (Loop answered 500) stays open with its ASN closed: the
 *     nightly reconciliation (08, run by the story's last step) processes it; `sweptReturnStep`
 *     checks that after it.
 */
import type { ScenarioOrder, ScenarioReturnLine } from '../../simulators/scenario';
import type { ExecutionData, ExecutionSummary } from '../n8n/api';
import { waitFor } from '../n8n/instance';
import type { Stack } from '../stack';
import { WF } from './templates';
import { importedReturn, liveApplications, liveCreditMemos } from './xoroDocs';

export interface StoryContext {
	stack: Stack;
	orderOf(orderNumber: number): ScenarioOrder;
	unitLines(orderNumber: number, lineIndex: number, units: number, base: number): ScenarioReturnLine[];
	timings: Record<string, number>;
	/** The Loop return whose gift card the story booked as a credit memo */
	creditReturnId: string;
}

const STEP_TIMEOUT_MS = 4 * 60_000;
const PROCESSED_BY_LOOP = '25044721';
const FLAGGED_BY_PERSON = '25044722';
const SAME_BATCH = '25044723';
const STUCK = '25044724';

const settled = (list: ExecutionSummary[]) => list.every((e) => !['running', 'new', 'waiting'].includes(e.status));

/** Every item a node put on `output`, over all its runs in one execution. */
function outputs(data: ExecutionData | undefined, nodeName: string, output = 0): Array<Record<string, unknown>> {
	return (data?.resultData.runData[nodeName] ?? []).flatMap((run) => (run.data?.main?.[output] ?? []).map((item) => item.json));
}

export function returnsAndInvoiceSteps(story: () => StoryContext): void {
	/** Creates Loop returns (one unit each) and waits until 01 imported each as RMA + ASN. */
	async function importedReturns(returns: Array<[string, number]>): Promise<void> {
		const { stack, orderOf, unitLines } = story();
		for (const [i, [id, orderNumber]] of returns.entries()) {
			stack.sims.loop.addReturn({ id, orderId: orderOf(orderNumber).id, outcome: 'credit', lines: unitLines(orderNumber, 0, 1, 123400000 + i * 10) });
		}
		await waitFor(async () => returns.map(([id]) => importedReturn(stack.sims.xoro, id)), (all) => all.every((r) => r.rmas === 1 && r.asns === 1), 90_000, 'RMA + ASN');
	}

	function closeReceived(id: string): string {
		const { sims } = story().stack;
		const asn = importedReturn(sims.xoro, id).asn!;
		sims.xoro.receiveAsn(asn.AsnHeaderData.AsnNumber, asn.AsnDetailData.map((l) => ({ ItemNumber: l.ItemNumber, QtyReceived: l.BaseQtyToReceive })), true);
		return asn.AsnHeaderData.AsnNumber;
	}

	it(
		'counts a return Loop already processed before its ASN closed as done: alreadyProcessed, nothing twice',
		async () => {
			const { stack } = story();
			const { sims, n8n } = stack;
			await importedReturns([[PROCESSED_BY_LOOP, 1005]]);
			// Loop processes it on its own (a carrier scan), before the warehouse closes the ASN.
			sims.loop.loopProcesses(PROCESSED_BY_LOOP);
			await waitFor(async () => sims.loop.getReturn(PROCESSED_BY_LOOP)!.state, (s) => s === 'closed', 30_000, 'Loop closing the return');
			closeReceived(PROCESSED_BY_LOOP);
			const runs = await n8n.waitForExecutions(
				WF.asnClosed,
				(list) => settled(list) && list.some((e) => outputs(e.data, 'Process the Loop return').some((r) => r.returnId === PROCESSED_BY_LOOP)),
				90_000,
			);
			const run = runs.find((e) => outputs(e.data, 'Process the Loop return').some((r) => r.returnId === PROCESSED_BY_LOOP))!;
			const result = outputs(run.data, 'Process the Loop return').find((r) => r.returnId === PROCESSED_BY_LOOP);
			console.log(`return processed by Loop first: execution ${run.id} ${run.status}, ${JSON.stringify(result)}`);
			expect(run.status).toBe('success');
			expect(result).toMatchObject({ alreadyProcessed: true, status: 'closed' });
			expect(sims.loop.processedEvents.filter((e) => e.returnId === PROCESSED_BY_LOOP)).toHaveLength(1);
			expect(sims.loop.notes(PROCESSED_BY_LOOP)).toEqual([]);
		},
		STEP_TIMEOUT_MS,
	);

	it(
		'reports a return a person flagged with a note giving Loop’s reason, once, and processes the rest of the batch',
		async () => {
			const { stack } = story();
			const { sims, n8n } = stack;
			await importedReturns([
				[FLAGGED_BY_PERSON, 1003],
				[SAME_BATCH, 1001],
			]);
			sims.loop.updateReturn(FLAGGED_BY_PERSON, { state: 'review' });
			// Both ASNs close in the same instant: one poll, one batch.
			const flaggedAsn = closeReceived(FLAGGED_BY_PERSON);
			closeReceived(SAME_BATCH);
			await waitFor(
				async () => ({ notes: sims.loop.notes(FLAGGED_BY_PERSON), processed: sims.loop.processedEvents.some((e) => e.returnId === SAME_BATCH) }),
				(s) => s.notes.length > 0 && s.processed,
				90_000,
				'the flagged return noted and the other processed',
			);
			// Later polls and overlapping runs add nothing.
			await new Promise((resolve) => setTimeout(resolve, 25_000));
			const runs = await n8n.waitForExecutions(WF.asnClosed, settled);
			const batch = runs.find((e) => outputs(e.data, 'Process the Loop return', 1).length > 0);
			const notes = sims.loop.notes(FLAGGED_BY_PERSON).map((n) => n.content);
			console.log(`flagged return in a batch: execution ${batch?.id} ${batch?.status}; notes ${JSON.stringify(notes)}; processed in that run ${JSON.stringify(outputs(batch?.data, 'Process the Loop return').map((r) => r.returnId))}`);
			expect(batch?.status).toBe('success');
			expect(outputs(batch?.data, 'Process the Loop return').map((r) => r.returnId)).toContain(SAME_BATCH);
			expect(notes).toEqual([
				`n8n: Xoro ASN ${flaggedAsn} closed; Loop refused to process return ${FLAGGED_BY_PERSON}: Return is open and therefore cannot be processed. [UNPROCESSABLE_FLAGGED_RETURN]`,
			]);
			expect(sims.loop.getReturn(FLAGGED_BY_PERSON)!.state).toBe('review');
			expect(sims.loop.processedEvents.filter((e) => e.returnId === FLAGGED_BY_PERSON)).toEqual([]);
			expect(sims.loop.processedEvents.filter((e) => e.returnId === SAME_BATCH)).toHaveLength(1);
		},
		STEP_TIMEOUT_MS,
	);

	it(
		'keeps a gift card payment pending until Xoro invoices the order, then applies it once',
		async () => {
			const { stack, timings, creditReturnId } = story();
			const { sims, n8n } = stack;
			const card = sims.shopify.store.giftCards.find((g) => g.note?.includes(`Loop return ID: ${creditReturnId}`))!;
			const memo = liveCreditMemos(sims.xoro, card.id)[0].creditMemoHeader;
			const order = sims.shopify.spendGiftCard({ giftCardId: card.id, amount: 10, customerEmail: 'ada@example.com' });
			// Xoro has the order but invoices it only when it ships.
			sims.xoro.holdInvoice(order.id);
			const spentAt = Date.now();
			const pendingRuns = (list: ExecutionSummary[]) =>
				list.filter((e) => outputs(e.data, 'Apply credit memo to invoice').some((r) => r.pending === true && (r.order as { legacyId?: string })?.legacyId === order.id));
			// Pending on at least two runs: the second one got it from the pending list, not from Shopify's window.
			const runs = await n8n.waitForExecutions(WF.giftSpent, (list) => pendingRuns(list).length >= 2, 120_000);
			expect(pendingRuns(runs).every((e) => e.status === 'success')).toBe(true);
			const invoiceOf = () => sims.xoro.state.invoices.find((i) => i.InvoiceHeader.ThirdPartyRefNo === order.id)?.InvoiceHeader;
			expect(invoiceOf()).toBeUndefined();

			sims.xoro.shipOrder(order.id);
			const shippedAt = Date.now();
			const applied = () => liveApplications(sims.xoro).filter((a) => a.InvoiceNumber === invoiceOf()?.InvoiceNumber);
			await waitFor(async () => applied(), (list) => list.length > 0, 90_000, 'the credit applied once the invoice exists');
			timings.shippedToApplied = Date.now() - shippedAt;
			await new Promise((resolve) => setTimeout(resolve, 25_000));
			const after = await n8n.waitForExecutions(WF.giftSpent, settled);
			console.log(
				`pending redemption: ${pendingRuns(after).length} pending runs over ${shippedAt - spentAt} ms, applied ${timings.shippedToApplied} ms after the invoice appeared; applications ${JSON.stringify(applied())}`,
			);
			expect(applied()).toHaveLength(1);
			expect(applied()[0]).toMatchObject({ CreditMemoNumber: memo.CreditMemoNumber, Amount: 10 });
			expect(invoiceOf()!.BalanceAmount).toBeCloseTo(invoiceOf()!.TotalAmount - 10, 2);
			// Applied, it leaves the pending list. A run that overlapped (queue mode: static data is read
			// when a run starts) may hand it out once more: then it is found applied, never applied again.
			const last = after.filter((e) => Date.parse(e.startedAt) > shippedAt + timings.shippedToApplied + 12_000);
			expect(last.length).toBeGreaterThan(0);
			expect(pendingRuns(last)).toEqual([]);
			const refNo = applied()[0].ThirdPartyRefNo;
			const again = last.flatMap((e) => outputs(e.data, 'Apply credit memo to invoice').filter((r) => r.thirdPartyRefNo === refNo));
			console.log(`pending redemption handed out again after it was applied: ${again.length} time(s)`);
			expect(again.every((r) => r.alreadyExisted === true)).toBe(true);
		},
		STEP_TIMEOUT_MS,
	);

	it(
		'leaves a return whose processing failed open, noted once, for the reconciliation to pick up',
		async () => {
			const { sims, n8n } = story().stack;
			await importedReturns([[STUCK, 1002]]);
			// Loop fails this return's processing (HTTP 500 on every retry) while its ASN closes.
			sims.loop.faults.add({ kind: 'serverError', path: `/warehouse/return/${STUCK}/process` });
			const asnNumber = closeReceived(STUCK);
			await waitFor(async () => sims.loop.notes(STUCK), (notes) => notes.length > 0, 120_000, 'the failure noted on the return');
			sims.loop.faults.clear();
			await new Promise((resolve) => setTimeout(resolve, 15_000));
			await n8n.waitForExecutions(WF.asnClosed, settled);
			const notes = sims.loop.notes(STUCK).map((n) => n.content);
			console.log(`stuck return ${STUCK}: notes ${JSON.stringify(notes)}`);
			expect(notes).toHaveLength(1);
			expect(notes[0]).toMatch(new RegExp(`^n8n: Xoro ASN ${asnNumber} closed; Loop failed on POST /warehouse/return/${STUCK}/process \\(HTTP 500\\)`));
			expect(sims.loop.getReturn(STUCK)!.state).toBe('open');
			expect(sims.loop.processedEvents.filter((e) => e.returnId === STUCK)).toEqual([]);
		},
		STEP_TIMEOUT_MS,
	);
}

/** After the reconciliation ran: the return left open is processed, once, and noted no more. */
export function sweptReturnStep(story: () => StoryContext): void {
	it(
		'the nightly reconciliation processed the return left open with its ASN closed, once',
		async () => {
			const { sims, n8n } = story().stack;
			const nightly = await n8n.executions(WF.reconcile);
			console.log(
				`nightly runs: ${JSON.stringify(nightly.map((e) => [
					e.id,
					e.status,
					e.data?.resultData.lastNodeExecuted,
					e.data?.resultData.error?.message,
					Object.entries(e.data?.resultData.runData ?? {}).flatMap(([node, runs]) => runs.filter((r) => r.error).map((r) => `${node}: ${r.error?.message}`)),
				]))}`,
			);
			await waitFor(async () => sims.loop.getReturn(STUCK)!.state, (s) => s === 'closed', 30_000, 'the stuck return closed');
			const by = (await n8n.executions())
				.filter((e) => outputs(e.data, 'Recheck: Process the Loop return').some((r) => r.returnId === STUCK))
				.map((e) => `${e.workflowId}#${e.id} ${e.status}`);
			// Only the reconciliation's recheck processes it (04 saw its ASN close once). Which run did is
			// logged, not asserted: in SQLite mode the reconciliation's runs do not finish in the test's time
			// (a known open point of the outage step), so they are not listed yet.
			console.log(`stuck return ${STUCK} processed by ${JSON.stringify(by)}; notes ${sims.loop.notes(STUCK).length}`);
			expect(sims.loop.processedEvents.filter((e) => e.returnId === STUCK)).toHaveLength(1);
			expect(sims.loop.notes(STUCK)).toHaveLength(1);
		},
		STEP_TIMEOUT_MS,
	);
}
