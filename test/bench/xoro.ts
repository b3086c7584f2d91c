/**
 * Xoro's figures, counted from the Xoro simulator's request log, each from one execution of our real
 * node over N items (requests ÷ N):
 *   - the return side: Loop returns read by the Loop node → RMA → ASN (new, then re-run), the Xoro
 *     Trigger's quiet poll with those returns awaiting receipt, and Receipt Status on the trigger's items
 *     once the warehouse has received and closed every ASN;
 *   - the credit side: Shopify Transactions items (CreditWorld) → credit memo (new, then re-run),
 *     refunded memo, native exchange sales order, apply to invoice.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { LoopReturn } from '../../nodes/Loop/LoopReturn.node';
import { XoroAsn } from '../../nodes/Xoro/XoroAsn.node';
import { XoroRma } from '../../nodes/Xoro/XoroRma.node';
import { XoroTrigger } from '../../nodes/Xoro/XoroTrigger.node';
import { runNode, runPoll } from '../harness/n8n';
import { startSimulators } from '../simulators';
import { XORO_API_PREFIX } from '../simulators/xoro';
import { counted, perItem, type Counted } from './count';
import { benchScenario } from './seed';
import { hoursMinutes, measureRows, thousands, type Row } from './table';
import type { CreditWorld } from './world';

/** Issue 11: a backfill of this many returns at Xoro's pace */
const BACKFILL_RETURNS = 10_000;
const XORO_PACE = 2;

const items = (out: INodeExecutionData[]): INodeExecutionData[] => out.map((i) => ({ json: i.json }));

/** "3 per return (60 / 20)" */
const per = (run: Counted<unknown>, n: number, unit: string): string => `${perItem(run.requests, n)} per ${unit} (${run.requests} / ${n})`;

/** What the step made of its items, then where its requests went. */
function detail(run: Counted<INodeExecutionData[][]>): string {
	const out = run.result.flat();
	const existed = out.filter((i) => i.json.alreadyExisted === true).length;
	const made = out.length - existed;
	return `${made} new, ${existed} already existed; ${run.breakdown}${run.notOk ? `; ${run.notOk} not HTTP 200` : ''}; ${Math.round(run.ms)} ms`;
}

export async function xoroReturnRows(n: number, pace: number): Promise<Row[]> {
	const scenario = benchScenario({ extraReturns: n });
	// The Xoro simulator does not throttle: the credential's pace keeps requests apart.
	const sims = await startSimulators({ scenario, xoroPacePerSecond: 0 });
	const credentials = { xoroApi: { ...sims.xoro.credentials, requestsPerSecond: pace } };
	const step = <T>(run: () => Promise<T>) => counted(sims.xoro, run, XORO_API_PREFIX);
	const rmaNode = new XoroRma();
	const asnNode = new XoroAsn();
	const trigger = new XoroTrigger();
	const createRmas = (input: INodeExecutionData[]) =>
		runNode(rmaNode, { parameters: { resource: 'rma', operation: 'createFromLoopReturn', storeCode: 'MAIN' }, items: input, credentials });
	const createAsns = (rmaOutput: INodeExecutionData[]) =>
		runNode(asnNode, { parameters: { resource: 'asn', operation: 'createForRma', rmaNumber: '={{ $json.rmaNumber }}' }, items: items(rmaOutput), credentials });
	const poll = (staticData: IDataObject) => runPoll(trigger, { parameters: { event: 'asnClosed' }, credentials, staticData });
	const backfillFloor = 2 * BACKFILL_RETURNS;
	const backfillTarget = 2.2 * BACKFILL_RETURNS;

	try {
		return await measureRows(
			{
				rma: { operation: 'Xoro RMA: Create From Loop Return (new return)', floor: '1', target: '—' },
				asn: { operation: 'Xoro ASN: Create For RMA (new, input item from the RMA node)', floor: '1', target: '—' },
				both: { operation: 'one new return, RMA + ASN', floor: '2', target: '≤ 2.2' },
				rerun: { operation: 'one re-run of an already-imported return, RMA + ASN', floor: '—', target: '≤ 0.05' },
				backfill: {
					operation: `backfill of ${thousands(BACKFILL_RETURNS)} returns at ${XORO_PACE}/s (from the per-return figure)`,
					floor: `${thousands(backfillFloor)} requests, ${hoursMinutes(backfillFloor / XORO_PACE)}`,
					target: `≤ ${thousands(backfillTarget)} requests, ${hoursMinutes(backfillTarget / XORO_PACE)}`,
				},
				receipt: { operation: 'Xoro ASN: Receipt Status after the Xoro Trigger', floor: '0 (the trigger\'s item has the lines)', target: '0' },
				quietPoll: { operation: `Xoro Trigger: one quiet poll (nothing new; ${n} returns awaiting receipt)`, floor: '1', target: '—' },
			},
			async (put) => {
				// The returns as the Loop node outputs them: the scenario's last n, all open, every line with a SKU.
				const benchIds = new Set(scenario.returns.slice(-n).map((r) => r.id));
				const [loopOut] = await runNode(new LoopReturn(), {
					parameters: { operation: 'getMany', from: new Date(Date.now() - 30 * 86_400_000).toISOString(), to: new Date().toISOString(), states: ['open'], returnAll: true },
					credentials: { loopReturnsApi: { apiKey: 'loop-test-key', baseUrl: sims.loop.baseUrl } },
				});
				const returns = items(loopOut.filter((i) => benchIds.has(String(i.json.id))));
				if (returns.length !== n) throw new Error(`the Loop node read ${returns.length} of the ${n} bench returns`);

				const rma = await step(() => createRmas(returns));
				put('rma', { measured: per(rma, n, 'return'), detail: detail(rma) });
				const asn = await step(() => createAsns(rma.result[0]));
				put('asn', { measured: per(asn, n, 'return'), detail: detail(asn) });
				const perReturn = (rma.requests + asn.requests) / n;
				put('both', { measured: `${perItem(rma.requests + asn.requests, n)} per return (${rma.requests + asn.requests} / ${n})` });
				const backfill = perReturn * BACKFILL_RETURNS;
				put('backfill', { measured: `${thousands(backfill)} requests, ${hoursMinutes(backfill / XORO_PACE)}` });

				const rmaAgain = await step(() => createRmas(returns));
				const asnAgain = await step(() => createAsns(rmaAgain.result[0]));
				put('rerun', {
					measured: `${perItem(rmaAgain.requests + asnAgain.requests, n)} per return (${rmaAgain.requests + asnAgain.requests} / ${n})`,
					detail: `RMA: ${detail(rmaAgain)}. ASN: ${detail(asnAgain)}`,
				});

				// The trigger is activated (its first poll marks what is there as seen), then polls with nothing new.
				const staticData: IDataObject = {};
				await poll(staticData);
				const quiet = await step(() => poll(staticData));
				put('quietPoll', {
					measured: `${quiet.requests} requests`,
					detail: `emitted ${quiet.result.output?.[0].length ?? 0}; ${quiet.breakdown}; ${Math.round(quiet.ms)} ms`,
				});

				// The warehouse receives every ASN in full and closes it; the next poll emits them.
				const asnNumbers = asn.result[0].map((i) => String(i.json.asnNumber));
				for (const number of asnNumbers) {
					const record = sims.xoro.state.asns.find((a) => a.AsnHeaderData.AsnNumber === number)!;
					sims.xoro.receiveAsn(number, record.AsnDetailData.map((l) => ({ ItemNumber: l.ItemNumber, QtyReceived: l.BaseQtyToReceive })), true);
				}
				const emitting = await step(() => poll(staticData));
				const events = emitting.result.output?.[0] ?? [];
				const status = await step(() =>
					runNode(asnNode, { parameters: { resource: 'asn', operation: 'receiptStatus', asnNumber: '={{ $json.asnNumber }}' }, items: items(events), credentials }),
				);
				put('receipt', {
					measured: events.length ? per(status, events.length, 'ASN') : 'not measured: the trigger emitted no closed ASN',
					detail:
						`${status.result[0].length} fully received, ${status.result[1]?.length ?? 0} not; ${status.breakdown}; ` +
						`the trigger's poll that emitted the ${events.length} ASNs: ${emitting.requests} requests (${emitting.breakdown})`,
				});
			},
		);
	} finally {
		await sims.close();
	}
}

export async function xoroCreditRows(world: CreditWorld, shopifyItems: INodeExecutionData[], n: number): Promise<Row[]> {
	const node = new XoroRma();
	const step = (parameters: IDataObject, input: INodeExecutionData[]) =>
		counted(world.sims.xoro, () => runNode(node, { parameters: parameters as never, items: input, credentials: world.xoroCredentials as never }), XORO_API_PREFIX);
	const ofKind = (kind: string) => shopifyItems.filter((i) => i.json.kind === kind);
	const row = (run: Counted<INodeExecutionData[][]>, count: number) => ({ measured: per(run, count, 'item'), detail: detail(run) });

	return await measureRows(
		{
			credit: { operation: 'Xoro Credit Memo: Create (new store credit)', floor: '2', target: '≤ 2.2' },
			creditRerun: { operation: 'Xoro Credit Memo: Create, re-run of already-booked credits', floor: '—', target: '≤ 0.05' },
			refunded: { operation: 'Xoro Credit Memo: Create Refunded (new refund)', floor: '2', target: '≤ 2.2' },
			exchange: { operation: 'Xoro Sales Order: Create Exchange, native exchange (new)', floor: '1', target: '≤ 2' },
			apply: { operation: 'Xoro Credit Memo: Apply to Invoice (new redemption)', floor: '3', target: '≤ 3' },
		},
		async (put) => {
			const credits = ofKind('credit').slice(0, n);
			const credit = await step({ resource: 'creditMemo', operation: 'create' }, credits);
			put('credit', row(credit, credits.length));
			const creditAgain = await step({ resource: 'creditMemo', operation: 'create' }, credits);
			put('creditRerun', row(creditAgain, credits.length));

			const refunds = ofKind('refund').slice(0, n);
			const refunded = await step({ resource: 'creditMemo', operation: 'createRefunded' }, refunds);
			put('refunded', row(refunded, refunds.length));

			// The redemptions of the cards whose memos were just made.
			const cards = new Set(credits.map((i) => String(i.json.id)));
			const redemptions = ofKind('redemption').filter((i) => cards.has(String(i.json.giftCardId)));
			const apply = await step({ resource: 'creditMemo', operation: 'applyToInvoice' }, redemptions);
			put('apply', row(apply, redemptions.length));

			world.addNativeExchanges(n);
			const natives = (await world.readShopify({ operation: 'getExchangeOrders' })).filter((i) => i.json.mode === 'native');
			const exchange = await step({ resource: 'salesOrder', operation: 'createExchange' }, natives);
			put('exchange', row(exchange, natives.length));
		},
	);
}
