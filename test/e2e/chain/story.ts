/**
 * The seed's whole story in a real n8n, asserted on the simulators' state. One function, run
 * single-process (SQLite) and in queue mode (main + workers on PostgreSQL + Redis):
 *   1. new Loop returns → the scheduled import (01) makes one RMA + one linked ASN each; the by-ID
 *      form (03) and the date-range form (02) over them change nothing;
 *   2. ASN received in full and closed → 04 processes the Loop return (timed); short → flagged + note;
 *   3. Loop's outcomes in Shopify → 05 books one credit memo / refunded memo / exchange order each;
 *   4. the gift card spent → 06 applies the credit memo to the new order's invoice, once;
 *      (a mode with `rmaProcess: 'new'` runs against a tenant on Xoro's new RMA process: the RMA is
 *      approved before its ASN, Xoro credits it on receipt, and 05 records the outcome on that memo);
 *   5. Xoro down while returns arrive → 07 notes the failure on the return; 01's cursor moved on;
 *      after recovery the nightly reconciliation (08) imports them, nothing twice.
 * Each mode runs n8n under a non-UTC TZ with Loop writing offset-less stamps; timeSteps.ts adds a
 * purchase-order ASN closing (ignored) and 20,000 of them with getasn ignoring its filters.
 */
import { createScenario, orderById, type ScenarioReturnLine } from '../../simulators/scenario';
import type { XoroRmaProcess } from '../../simulators/xoro/rmaProcess';
import type { ExecutionSummary } from '../n8n/api';
import { nodeOutput } from '../n8n/api';
import { waitFor } from '../n8n/instance';
import { SETUP_TIMEOUT_MS, startStack, TEARDOWN_TIMEOUT_MS, type Stack } from '../stack';
import { shopifyDaySteps } from './shopifyDay';
import { EXCEPTION_LOG } from '../../../scripts/templates/parts/exceptionLog';
import { importTemplates, WF } from './templates';
import { creditDocuments, duplicates, importedReturn, liveApplications, liveCreditMemos, liveSalesOrders } from './xoroDocs';
import { returnsAndInvoiceSteps, sweptReturnStep } from './returnsAndInvoices';
import { timeSteps } from './timeSteps';

const STEP_TIMEOUT_MS = 4 * 60_000;
/**
 * The story runs the templates' 15-minute schedules every 10 s, 90 times as often, and each run re-checks
 * what its look-back overlaps: at Xoro's real 2 requests/s that alone kept the simulator saturated
 * (60 requests every 30 s, observed in queue mode) and left the day's work queued. The story gives Xoro
 * 3× the pace, still far below the schedules' 90×; the pace itself is held in test/xoro/sharedPace.test.ts
 * and below, where the simulator counts what it throttled.
 */
const XORO_PACE = 6;
/** The seeded open returns the story drives; they appear in Loop once the import is live. */
const STORY = { credit: '25044701', refund: '25044702', exchange: '25044703' } as const;
const SHORT = '25044709';
const OUTAGE = ['25044711', '25044712'];

export interface ChainMode {
	label: string;
	name: string;
	workers?: number;
	/** The Xoro tenant's RMA process (and approval before the ASN when not 'none'); default 'none' */
	rmaProcess?: XoroRmaProcess;
	/** The n8n processes' TZ (users run n8n with their own); Loop then writes offset-less stamps */
	tz?: string;
}

const settled = (list: ExecutionSummary[]) => list.every((e) => e.status !== 'running' && e.status !== 'new' && e.status !== 'waiting');

async function until<T>(what: string, probe: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 90_000): Promise<T> {
	return waitFor(async () => probe(), done, timeoutMs, what);
}

export function chainStory(mode: ChainMode): void {
	describe(`the chain in a real n8n 2.41.0: ${mode.label}`, () => {
		let stack: Stack;
		const scenario = createScenario();
		const seeded = new Map(scenario.returns.map((r) => [r.id, r]));
		// The story's returns are created in Loop after the scheduled import went live (a new trigger
		// starts from now), with the seed's orders, lines and outcomes.
		scenario.returns = scenario.returns.filter((r) => !Object.values(STORY).includes(r.id as never));
		const orderOf = (n: number) => scenario.orders.find((o) => o.number === String(n))!;
		const unitLines = (orderNumber: number, lineIndex: number, units: number, base: number): ScenarioReturnLine[] =>
			Array.from({ length: units }, (_, u) => ({
				lineItemId: String(base + u),
				orderLineItemId: orderOf(orderNumber).lines[lineIndex].lineItemId,
				variantId: orderOf(orderNumber).lines[lineIndex].variantId,
				reason: 'Too small',
			}));
		const timings: Record<string, number> = {};

		beforeAll(async () => {
			const process = mode.rmaProcess ?? 'none';
			const xoroTenant = { rmaProcess: process, rmaApprovalRequired: process !== 'none' };
			stack = await startStack({
				name: mode.name,
				workers: mode.workers,
				simulators: { scenario, xoroTenant, offsetlessLoopStamps: Boolean(mode.tz), xoroPacePerSecond: XORO_PACE },
				env: mode.tz ? { TZ: mode.tz } : undefined,
			});
			const started = Date.now();
			const templates = await importTemplates(stack.n8n);
			expect(templates.map((t) => t.id).sort()).toEqual(Object.values(WF).sort());
			// The two forms have a production URL only while published, as for a user.
			for (const id of [WF.errors, WF.scheduled, WF.asnClosed, WF.outcomes, WF.giftSpent, WF.one, WF.range]) await stack.n8n.publish(id);
			timings.importAndPublish = Date.now() - started;
			console.log(`${mode.name} setup (ms): ${JSON.stringify({ ...stack.timings, ...timings })}`);
		}, SETUP_TIMEOUT_MS);

		afterAll(async () => {
			console.log(`${mode.name} timings (ms): ${JSON.stringify(timings)}`);
			await stack?.stop();
		}, TEARDOWN_TIMEOUT_MS);

		it(
			'imports each new Loop return once (RMA + linked ASN), and again by ID and by date range without a duplicate',
			async () => {
				const { sims, n8n } = stack;
				for (const id of Object.values(STORY)) {
					const seed = seeded.get(id)!;
					sims.loop.addReturn({ id, orderId: seed.orderId, outcome: seed.outcome, lines: seed.lines });
				}
				// Two caps of order #1006 come back; only one will arrive at the warehouse.
				sims.loop.addReturn({ id: SHORT, orderId: orderOf(1006).id, outcome: 'credit', lines: unitLines(1006, 0, 2, 123199000) });
				const ids = [...Object.values(STORY), SHORT];
				const started = Date.now();
				await until('RMA + ASN for every new return', () => ids.map((id) => importedReturn(sims.xoro, id)), (all) => all.every((r) => r.rmas >= 1 && r.asns >= 1));
				timings.returnToRmaAndAsn = Date.now() - started;
				await n8n.waitForExecutions(WF.scheduled, (list) => list.length > 0 && settled(list));
				for (const id of ids) expect({ id, ...counts(importedReturn(sims.xoro, id)) }).toEqual({ id, rmas: 1, asns: 1 });
				const rma = importedReturn(sims.xoro, STORY.credit).rma!;
				expect(rma.RmaItemLineArr.map((l) => [l.ItemNumber, l.Qty])).toEqual(
					expect.arrayContaining([
						['TEE-PM-S', 2],
						['CAP-NAVY', 1],
					]),
				);

				// 03: the form, posted as the browser posts it (multipart, fields field-0 …): an ID, then an admin URL.
				for (const value of [STORY.credit, `https://admin.loopreturns.com/returns/${STORY.refund}`]) {
					expect(await submitForm(n8n.url, 'loop-xoro-import-one', { 'field-0': value })).toBe(200);
				}
				const byId = await n8n.waitForExecutions(WF.one, (list) => list.length === 2 && settled(list), 120_000);
				expect(byId.map((e) => e.status)).toEqual(['success', 'success']);
				const rmasAgain = byId.flatMap((e) => nodeOutput(e.data, 'Create Xoro RMA'));
				expect(rmasAgain.map((r) => [r.loopReturnId, r.alreadyExisted]).sort()).toEqual([
					[STORY.credit, true],
					[STORY.refund, true],
				]);
				expect(byId.flatMap((e) => nodeOutput(e.data, 'Create linked ASN')).map((a) => a.alreadyExisted)).toEqual([true, true]);

				// 02: from yesterday to today (UTC dates, as the form's date fields send them).
				const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
				expect(await submitForm(n8n.url, 'loop-xoro-import-range', { 'field-0': day(-1), 'field-1': day(0) })).toBe(200);
				const [range] = await n8n.waitForExecutions(WF.range, (list) => list.length === 1 && settled(list), 120_000);
				expect(range.status).toBe('success');
				const ranged = nodeOutput(range.data, 'Create Xoro RMA');
				for (const id of ids) expect(ranged.find((r) => r.loopReturnId === id)).toMatchObject({ alreadyExisted: true });
				for (const id of ids) expect({ id, ...counts(importedReturn(sims.xoro, id)) }).toEqual({ id, rmas: 1, asns: 1 });
				expect(duplicates(sims.xoro)).toEqual([]);
			},
			STEP_TIMEOUT_MS,
		);

		it(
			'processes a fully received return within 60 s of its ASN closing, and flags a short one with a note',
			async () => {
				const { sims } = stack;
				const closedAt = new Map<string, number>();
				for (const id of Object.values(STORY)) {
					const asn = importedReturn(sims.xoro, id).asn!;
					sims.xoro.receiveAsn(
						asn.AsnHeaderData.AsnNumber,
						asn.AsnDetailData.map((l) => ({ ItemNumber: l.ItemNumber, QtyReceived: l.BaseQtyToReceive })),
						true,
					);
					closedAt.set(id, Date.now());
				}
				const short = importedReturn(sims.xoro, SHORT).asn!;
				sims.xoro.receiveAsn(short.AsnHeaderData.AsnNumber, [{ ItemNumber: 'CAP-NAVY', QtyReceived: 1 }], true);
				const shortClosedAt = Date.now();

				const processedAt = new Map<string, number>();
				await until(
					'every fully received return processed in Loop',
					() => {
						for (const e of sims.loop.processedEvents) if (!processedAt.has(e.returnId)) processedAt.set(e.returnId, Date.now());
						return Object.values(STORY).filter((id) => processedAt.has(id));
					},
					(done) => done.length === 3,
					75_000,
				);
				for (const id of Object.values(STORY)) {
					const ms = processedAt.get(id)! - closedAt.get(id)!;
					timings[`asnCloseToProcessed_${id}`] = ms;
					console.log(`${mode.name}: ASN closed → Loop return ${id} processed in ${ms} ms`);
					expect(ms).toBeLessThan(60_000);
					expect(sims.loop.getReturn(id)!.state).toBe('closed');
					expect(sims.loop.processedEvents.filter((e) => e.returnId === id)).toHaveLength(1);
				}
				// The RMA and ASN numbers went along as Additional Details.
				const event = sims.loop.processedEvents.find((e) => e.returnId === STORY.credit)!;
				const { rma, asn } = importedReturn(sims.xoro, STORY.credit);
				expect(event.additionalDetails).toMatchObject({ xoro_rma: rma!.RmaHeader.RmaNumber, xoro_asn: asn!.AsnHeaderData.AsnNumber });

				await until('the short return flagged', () => sims.loop.getReturn(SHORT)!.state, (s) => s === 'review', 75_000);
				timings.asnCloseToFlagged = Date.now() - shortClosedAt;
				console.log(`${mode.name}: ASN closed short → Loop return ${SHORT} flagged in ${timings.asnCloseToFlagged} ms`);
				const notes = sims.loop.notes(SHORT).map((n) => n.content);
				expect(notes).toHaveLength(1);
				expect(notes[0]).toContain(short.AsnHeaderData.AsnNumber);
				expect(notes[0]).toMatch(/CAP-NAVY 1\/2/);
				expect(sims.loop.processedEvents.some((e) => e.returnId === SHORT)).toBe(false);
			},
			STEP_TIMEOUT_MS,
		);

		timeSteps(() => stack, mode);

		it(
			"books each outcome Loop created in Shopify once in Xoro: credit memo, refunded credit memo, exchange sales order",
			async () => {
				const { sims } = stack;
				const store = sims.shopify.store;
				const card = store.giftCards.find((g) => g.note?.includes(`Loop return ID: ${STORY.credit}`));
				expect(card).toBeDefined();
				const refundOrder = store.orders.find((o) => o.id === seeded.get(STORY.refund)!.orderId)!;
				const refund = refundOrder.refunds.find((r) => r.note === `Loop return ${STORY.refund}`);
				expect(refund).toBeDefined();
				const exchangeFor = orderById(scenario, seeded.get(STORY.exchange)!.orderId).name.replace(/^#/, '');
				const exchangeOrder = store.orders.find((o) => o.sourceName === scenario.loopApiClientId && o.tags.includes(exchangeFor));
				expect(exchangeOrder).toBeDefined();

				const started = Date.now();
				await until(
					'credit memo, refunded credit memo and exchange sales order in Xoro',
					() => ({
						credit: liveCreditMemos(sims.xoro, card!.id),
						refunded: liveCreditMemos(sims.xoro, refund!.id),
						exchange: liveSalesOrders(sims.xoro, exchangeOrder!.id),
					}),
					(s) => s.credit.length > 0 && s.refunded.length > 0 && s.exchange.length > 0,
					90_000,
				);
				timings.processedToBookedInXoro = Date.now() - started;
				// Give the next polls a chance to book anything twice.
				await sleep(2 * 10_000 + 5_000);
				await stack.n8n.waitForExecutions(WF.outcomes, settled);
				const credit = liveCreditMemos(sims.xoro, card!.id);
				const refunded = liveCreditMemos(sims.xoro, refund!.id);
				expect(credit).toHaveLength(1);
				expect(credit[0].creditMemoHeader.TotalAmount).toBeCloseTo(card!.initialValue, 2);
				expect(refunded).toHaveLength(1);
				expect(refunded[0].creditMemoHeader.StatusName).toBe('Refunded');
				expect(liveSalesOrders(sims.xoro, exchangeOrder!.id)).toHaveLength(1);
				expect(duplicates(sims.xoro)).toEqual([]);
				// One credit document per outcome: under the new process it is the memo Xoro made for the RMA.
				for (const [id, refNo] of [[STORY.credit, card!.id], [STORY.refund, refund!.id]]) {
					const rmaNumber = importedReturn(sims.xoro, id).rma!.RmaHeader.RmaNumber;
					const documents = creditDocuments(sims.xoro, rmaNumber, refNo);
					expect({ id, documents: documents.length }).toEqual({ id, documents: 1 });
					expect(documents[0].creditMemoHeader.RmaNumber).toBe(mode.rmaProcess === 'new' ? rmaNumber : undefined);
				}
				const failed = (await stack.n8n.executions(WF.outcomes)).filter((e) => e.status === 'error');
				expect(failed.map((e) => e.data?.resultData.error?.message)).toEqual([]);
			},
			STEP_TIMEOUT_MS,
		);

		it(
			'applies the credit memo to the invoice of the order the gift card paid for, once',
			async () => {
				const { sims } = stack;
				const card = sims.shopify.store.giftCards.find((g) => g.note?.includes(`Loop return ID: ${STORY.credit}`))!;
				const memo = liveCreditMemos(sims.xoro, card.id)[0].creditMemoHeader;
				const order = sims.shopify.spendGiftCard({ giftCardId: card.id, amount: 20, customerEmail: 'ada@example.com' });
				const invoiceOf = () => sims.xoro.state.invoices.find((i) => i.InvoiceHeader.ThirdPartyRefNo === order.id)?.InvoiceHeader;
				expect(invoiceOf()).toBeDefined();
				const applied = () => liveApplications(sims.xoro).filter((a) => a.InvoiceNumber === invoiceOf()!.InvoiceNumber);
				const started = Date.now();
				await until('the credit applied to the new invoice', applied, (list) => list.length > 0, 90_000);
				timings.spentToApplied = Date.now() - started;
				await sleep(2 * 10_000 + 5_000);
				await stack.n8n.waitForExecutions(WF.giftSpent, settled);
				expect(applied()).toHaveLength(1);
				expect(applied()[0]).toMatchObject({ CreditMemoNumber: memo.CreditMemoNumber, Amount: 20 });
				expect(sims.xoro.state.creditMemos.find((m) => m.creditMemoHeader.CreditMemoNumber === memo.CreditMemoNumber)!.creditMemoHeader.BalanceAmount).toBeCloseTo(
					memo.TotalAmount - 20,
					2,
				);
				expect(invoiceOf()!.BalanceAmount).toBeCloseTo(invoiceOf()!.TotalAmount - 20, 2);
				expect(duplicates(sims.xoro)).toEqual([]);
			},
			STEP_TIMEOUT_MS,
		);

		const story = () => ({ stack, orderOf, unitLines, timings, creditReturnId: STORY.credit });
		returnsAndInvoiceSteps(story);

		it(
			'reports imports that fail while Xoro is down on the Loop return, and the nightly reconciliation catches up without duplicates',
			async () => {
				const { sims, n8n } = stack;
				sims.xoro.faults.add({ kind: 'serverError' });
				const downAt = Date.now();
				const orders = [orderOf(1002), orderOf(1004)];
				try {
					// One at a time, so each lands in its own (failing) import run and gets its own note. A run
					// fails only once its Xoro reads have spent their retry budget (a minute each).
					for (const [i, id] of OUTAGE.entries()) {
						sims.loop.addReturn({ id, orderId: orders[i].id, outcome: 'refund', lines: unitLines(Number(orders[i].number), 0, 1, 123300000 + i * 10) });
						await until(`a failure note on Loop return ${id}`, () => sims.loop.notes(id), (notes) => notes.length > 0, 240_000);
						const note = sims.loop.notes(id)[0].content;
						expect(note).toMatch(/^n8n: Loop → Xoro: import new returns every 15 minutes failed at /);
						expect(note).toContain(`Loop return ${id}`);
						expect(note).not.toContain(sims.xoro.credentials.apiSecret);
					}
					timings.outage = Date.now() - downAt;
					const failedRuns = (await n8n.executions(WF.scheduled)).filter((e) => e.status === 'error');
					expect(failedRuns.length).toBeGreaterThanOrEqual(2);
					const errorReports = await n8n.executions(WF.errors);
					expect(errorReports.filter((e) => e.status === 'success').length).toBeGreaterThanOrEqual(2);
				} finally {
					// Whatever happened above, the later steps run with Xoro up.
					sims.xoro.faults.clear();
				}
				const recoveredAt = Date.now();
				// The trigger's cursor moved past them: more polls after the recovery do not bring them back.
				await sleep(2 * 10_000 + 5_000);
				await n8n.waitForExecutions(WF.scheduled, settled);
				for (const id of OUTAGE) expect({ id, ...counts(importedReturn(sims.xoro, id)) }).toEqual({ id, rmas: 0, asns: 0 });
				// Each is in the exception log, without an error workflow's help: one row per return and step.
				const logged = await n8n.api.dataTableRows(EXCEPTION_LOG);
				for (const id of OUTAGE) {
					const rows = logged.filter((r) => r.returnId === id);
					expect(rows).toEqual([
						expect.objectContaining({ step: 'import', state: 'failing', node: 'Create Xoro RMA', workflow: 'Loop → Xoro: import new returns every 15 minutes' }),
					]);
					expect(rows[0].attempts).toBeGreaterThanOrEqual(1);
					expect(String(rows[0].error)).not.toContain(sims.xoro.credentials.apiSecret);
				}

				// 08 runs on its (shortened) schedule once: it is unpublished as soon as a run has started, since
				// one run paces every Xoro read and outlasts the 10-s test schedule (runs piling up on one
				// Xoro pace never finished). n8n's public API lists running executions only when asked.
				const started = Date.now();
				await n8n.publish(WF.reconcile);
				const reconcileRuns = async () => [
					...(await n8n.api.executions({ workflowId: WF.reconcile, status: 'running' })),
					...(await n8n.executions(WF.reconcile)),
				];
				await until('a reconciliation run', reconcileRuns, (list) => list.length > 0, 120_000);
				await n8n.api.unpublish(WF.reconcile);
				await until('the reconciliation runs to finish', reconcileRuns, (list) => list.length > 0 && list.every((e) => e.status !== 'running' && e.status !== 'new'), 300_000);
				timings.reconciliation = Date.now() - started;
				const runs = await n8n.waitForExecutions(WF.reconcile, settled);
				// A run fails when any of its steps failed, and each failure is in the exception log. The one
				// failure expected: on Xoro's new RMA process, a gift card Loop issued for a return it processed
				// before the ASN closed has no credit memo until Xoro receives the return (seen: 'Xoro has no
				// credit memo for RMA MAIN-R000012 of Loop return 25044706 yet (RMA status Approved)').
				const nightFailures = (await n8n.api.dataTableRows(EXCEPTION_LOG)).filter((r) => runs.some((e) => e.id === String(r.execution)));
				expect(nightFailures.map((r) => r.error)).toEqual(nightFailures.map(() => expect.stringMatching(/Xoro has no credit memo for RMA \S+ of Loop return \d+ yet/)));
				for (const e of runs) expect({ run: e.id, status: e.status }).toEqual({ run: e.id, status: nightFailures.some((r) => String(r.execution) === e.id) ? 'error' : 'success' });
				// "What was missing" runs once per branch that reaches it (RMA/ASN, and each Shopify kind).
				const missing = runs.flatMap((e) => allOutputs(e.data, 'What was missing'));
				console.log(
					`${mode.name}: reconciliation runs ${runs.map((e) => `${e.id}:${e.status}`).join(', ')}; what was missing: ${JSON.stringify(
						missing.map((m) => [m.rmaNumber ?? m.thirdPartyRefNo ?? m.id, m.asnNumber ?? m.creditMemoNumber ?? m.orderNumber, m.alreadyExisted]),
					)}; outage RMAs ${JSON.stringify(OUTAGE.map((id) => importedReturn(sims.xoro, id).rma?.RmaHeader.RmaNumber))}`,
				);
				// Every return Loop lists in the reconciled states has its RMA and ASN, none twice.
				const reconciled = [...Object.values(STORY), SHORT, ...OUTAGE];
				for (const id of reconciled) expect({ id, ...counts(importedReturn(sims.xoro, id)) }).toEqual({ id, rmas: 1, asns: 1 });
				const known = [...scenario.returns.map((r) => r.id), ...reconciled];
				const listed = known
					.map((id) => sims.loop.getReturn(id)!)
					.filter((r) => ['open', 'review', 'closed'].includes(r.state) && Date.parse(r.updatedAt) > Date.now() - 3 * 86_400_000);
				expect(listed.map((r) => r.id)).toEqual(expect.arrayContaining(['25044704', ...reconciled]));
				for (const r of listed) expect({ id: r.id, ...counts(importedReturn(sims.xoro, r.id)) }).toEqual({ id: r.id, rmas: 1, asns: 1 });
				// Imported at last, their rows are gone from the exception log.
				expect((await n8n.api.dataTableRows(EXCEPTION_LOG)).filter((r) => OUTAGE.includes(String(r.returnId)))).toEqual([]);
				expect(duplicates(sims.xoro)).toEqual([]);
				// Which execution created each outage return's RMA (any workflow, any status): exactly one.
				const everyRun = await n8n.executions();
				const createdBy = OUTAGE.map((id) => ({
					id,
					rmaNumber: importedReturn(sims.xoro, id).rma?.RmaHeader.RmaNumber,
					rmaCreated: importedReturn(sims.xoro, id).rma?.RmaHeader.CreatedDate,
					by: everyRun
						.filter((e) =>
							['Create Xoro RMA', 'Ensure RMA'].some((node) => allOutputs(e.data, node).some((r) => r.loopReturnId === id && r.alreadyExisted === false)),
						)
						.map((e) => `${e.workflowId}#${e.id} ${e.status} ${e.startedAt}`),
				}));
				console.log(`${mode.name}: Xoro recovered at ${new Date(recoveredAt).toISOString()}; outage returns created by ${JSON.stringify(createdBy)}`);
				// No two executions both claim to have created one. Which one did is logged, not asserted: the
				// RMAs appear while the reconciliation runs, yet its stored output does not always list them
				// as created (open question, see the chain report).
				for (const c of createdBy) expect(c.by.length).toBeLessThanOrEqual(1);

				// Nothing Loop did twice either.
				const processed = sims.loop.processedEvents.map((e) => e.returnId);
				expect(new Set(processed).size).toBe(processed.length);
			},
			3 * STEP_TIMEOUT_MS,
		);

		sweptReturnStep(story);
		shopifyDaySteps(() => stack, scenario, timings);

		it(`kept Xoro at the credential's pace (${XORO_PACE}/s) across every n8n process: it throttled under 10 % of the day's requests`, () => {
			const { xoro } = stack.sims;
			const starts = xoro.requests.map((r) => r.at);
			const busiest = Math.max(...starts.map((at) => starts.filter((t) => t >= at && t < at + 10_000).length));
			const minutes = (starts[starts.length - 1] - starts[0]) / 60_000;
			console.log(
				`${mode.name} Xoro: ${starts.length} requests over ${minutes.toFixed(1)} min, busiest 10 s: ${busiest}, throttled: ${xoro.paceThrottled()}`,
			);
			// Each process pacing on its own (before the shared pace) had 35-45 % throttled in queue mode at
			// 2/s; what remains is timer jitter between processes (the simulator allows 15 % of a gap).
			expect(xoro.paceThrottled()).toBeLessThan(starts.length * 0.1);
			expect(busiest).toBeLessThanOrEqual(XORO_PACE * 10 * 1.2);
		});
	});
}

function allOutputs(data: ExecutionSummary['data'], nodeName: string): Array<Record<string, unknown>> {
	return (data?.resultData.runData[nodeName] ?? []).flatMap((run) => (run.data?.main?.[0] ?? []).map((item) => item.json));
}

function counts(r: { rmas: number; asns: number }) {
	return { rmas: r.rmas, asns: r.asns };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a browser sends when the form is submitted: multipart form-data, one part per field. */
async function submitForm(baseUrl: string, path: string, fields: Record<string, string>): Promise<number> {
	const body = new FormData();
	for (const [k, v] of Object.entries(fields)) body.append(k, v);
	const res = await fetch(`${baseUrl}/form/${path}`, { method: 'POST', body });
	await res.text();
	return res.status;
}
