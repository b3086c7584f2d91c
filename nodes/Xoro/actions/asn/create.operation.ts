/**
 * ASN → Create for RMA. Idempotent by RMA number: a live ASN already linked to the RMA is returned
 * (alreadyExisted), and createOnce cancels the duplicates overlapping executions make. With "Xoro
 * Generates the ASN With the RMA" (Xoro's own Loop flow) it never creates: it waits briefly for
 * Xoro's ASN and returns it. Before it posts an ASN it runs the steps the tenant's RMA process needs
 * (Xoro credential: approval, the old process's conversion to a credit memo; ../rmaProcess.ts).
 *
 * Fed by the RMA node (its output item carries Xoro's RMA), it spends no request on what that item
 * already says (issue 11): an RMA that links its ASN is answered from the link (linkedFromRma, the ASN
 * not read), and the ASN of any other is made from the item's lines without reading the RMA. Those
 * ASNs are looked up and read back once for the batch (createOnceBatch), by one search of the ASNs
 * made since the batch's oldest RMA. What the link costs: a duplicate ASN that a failed cancel left
 * live (its item failed, naming both) is not looked for again by a run that takes the link; ASN →
 * Get Many by RMA number, or this node without the RMA's item, finds and settles it.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { xoroAsnSchema, xoroRmaSchema, type XoroAsn, type XoroRma } from '../../schemas';
import { dateProblem } from '../../../shared/checks';
import { parseXoroDate, toXoroDate } from '../../../shared/dates';
import { parameterError, readText } from '../../../shared/params';
import { readUntil } from '../../../shared/retry';
import { xoroCall, xoroRetryPolicy } from '../../transport';
import { createOnceBatch, isLive, onceOutput, outcomeOf, parseCreated, planEach, type OnceBatchItem, type OnceBatchSearch, type OnceDocumentKind } from '../createOnce';
import { forEachItem } from '../../../shared/items';
import { findAsnsForRma, getKnownRma, same, searchAsnsOfRmasSince } from '../lookups';
import { asnJson } from '../output';
import { prepareRmaForAsn, type RmaReadyForAsn } from '../rmaProcess';
import { windowSince } from '../batchWindow';
import { xoroTimeZone } from '../../tenant';
import type { XoroOperation } from '../types';

const displayOptions = { show: { resource: ['asn'], operation: ['createForRma'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'RMA Number',
		name: 'rmaNumber',
		type: 'string',
		required: true,
		default: '={{ $json.rmaNumber }}',
		placeholder: 'MAIN-R000123',
	},
	{
		displayName: 'Xoro Generates the ASN With the RMA',
		name: 'xoroGeneratesAsn',
		type: 'boolean',
		default: false,
		description: 'Whether Xoro creates the linked ASN itself (as its Shopify app does for Loop RMAs); then this finds and returns that ASN instead of creating one',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { xoroGeneratesAsn: [false] } },
		options: [{ displayName: 'Delivery Date', name: 'deliveryDate', type: 'dateTime', default: '', description: 'Expected arrival; default today' }],
	},
];

const description = updateDisplayOptions(displayOptions, properties);

/** An item Xoro makes the ASN for (Xoro Generates the ASN With the RMA): found, never created. */
interface GeneratedPlan {
	mode: 'generated';
	zone: string;
	rmaNumber: string;
}

/** An item whose input RMA already links its ASN: answered from the link, without a request. */
interface LinkedPlan {
	mode: 'linked';
	rma: XoroRma;
}

/** An item for createOnceBatch; `steps.ready`: what the steps before the ASN did, once it was created. */
interface CreatePlan {
	mode: 'create';
	zone: string;
	rma: XoroRma | undefined;
	once: OnceBatchItem<XoroAsn>;
	steps: { ready?: RmaReadyForAsn };
}

type AsnPlan = GeneratedPlan | LinkedPlan | CreatePlan;

/**
 * The RMA in the input item when it is the RMA node's output for this RMA number: its `raw` is Xoro's
 * RMA as that node read it (lines, store, creation, linked ASN), so the ASN is made from it without
 * reading the RMA again (issue 11). An RMA changed in Xoro between the two nodes gets the lines the RMA
 * node read; any other input makes this node read the RMA itself.
 */
function inputRma(item: INodeExecutionData, rmaNumber: string): XoroRma | undefined {
	const parsed = xoroRmaSchema.safeParse(item.json.raw);
	return parsed.success && same(parsed.data.rmaNumber, rmaNumber) ? parsed.data : undefined;
}

function planAsn(ctx: IExecuteFunctions, itemIndex: number, item: INodeExecutionData, zone: string): AsnPlan {
	const rmaNumber = readText(ctx, 'rmaNumber', 'RMA Number', itemIndex, true);
	const xoroGenerates = ctx.getNodeParameter('xoroGeneratesAsn', itemIndex) as boolean;
	const deliveryDate = ctx.getNodeParameter('options.deliveryDate', itemIndex, '') as string;
	// Checked before any request: "Invalid DateTime" must never reach an ASN.
	if (deliveryDate && dateProblem(deliveryDate)) throw parameterError(ctx, 'Delivery Date', itemIndex, dateProblem(deliveryDate)!);
	if (xoroGenerates) return { mode: 'generated', zone, rmaNumber };
	const input = inputRma(item, rmaNumber);
	// The RMA read links its ASN (AsnNumber; Xoro links an ASN to each Loop RMA, docs/apis.md §X7; the
	// RMA read is modeled, §X5.2): the RMA node's search already answered "does it exist" for this item.
	if (input?.asnNumber) return { mode: 'linked', rma: input };

	const steps: CreatePlan['steps'] = {};
	const kind: OnceDocumentKind<XoroAsn> = {
		what: 'ASN',
		undo: 'cancel',
		reference: `RMA ${rmaNumber}`,
		numberOf: (a) => a.asnNumber,
		statusOf: (a) => a.status,
		find: () => findAsnsForRma(ctx, rmaNumber, itemIndex),
		create: async (recheck) => {
			const rma = input ?? (await getKnownRma(ctx, rmaNumber, itemIndex));
			if (!rma) throw new NodeOperationError(ctx.getNode(), `Xoro has no RMA ${rmaNumber}`, { itemIndex });
			// A failed step throws before the ASN is posted: no ASN for an RMA Xoro would not accept.
			const ready = await prepareRmaForAsn(ctx, rma, itemIndex);
			steps.ready = ready;
			const body = {
				AsnHeaderData: {
					RmaNumber: rmaNumber,
					...(ready.creditMemoNumber ? { CreditMemoNumber: ready.creditMemoNumber } : {}),
					ThirdPartyRefNo: rma.thirdPartyRefNo,
					StoreCode: rma.storeCode,
					DeliveryDate: toXoroDate(deliveryDate || new Date(), zone, ctx.getTimezone()),
				},
				AsnDetailData: rma.lines.map((line) => ({ ItemNumber: line.itemNumber, BaseQtyToReceive: line.qty })),
			};
			return xoroCall(ctx, 'asnCreate', { body, itemIndex, expectData: true, recheck });
		},
		parseCreated: (data) => parseCreated(xoroAsnSchema, data),
		cancel: async (asnNumber, recheck) => {
			return xoroCall(ctx, 'asnCancel', { body: { AsnHeaderData: { AsnNumber: asnNumber } }, itemIndex, recheck });
		},
	};
	return { mode: 'create', zone, rma: input, steps, once: { itemIndex, kind, reference: rmaNumber } };
}

/**
 * How far before the batch's oldest RMA its ASNs' window starts. An ASN is made from its RMA (§X6), so
 * after it, both stamped by Xoro on the tenant's clock: the window is read and written on that clock
 * (the zone only converts and converts back), and the lead covers stamps cut to the second or to the
 * day and an ASN Xoro makes together with its RMA.
 */
const ASN_WINDOW_LEAD_MS = 3_600_000;

/**
 * The batch's one search (createOnceBatch): the ASNs Xoro made since the oldest RMA of the batch, kept
 * by RMA number. None unless every item brought its RMA's creation (then each item looks up alone).
 */
function asnBatchSearch(ctx: IExecuteFunctions, plans: CreatePlan[]): OnceBatchSearch<XoroAsn> {
	return {
		read: async (maxPages) => {
			const since = windowSince(plans.map((p) => parseXoroDate(p.rma?.createdDate, p.zone)), plans[0]?.zone ?? '', ASN_WINDOW_LEAD_MS);
			if (!since) return undefined;
			return searchAsnsOfRmasSince(ctx, plans.map((p) => p.once.reference), since, maxPages, plans[0].once.itemIndex);
		},
		referenceOf: (a) => a.rmaNumber,
	};
}

async function findGenerated(ctx: IExecuteFunctions, itemIndex: number, { zone, rmaNumber }: GeneratedPlan): Promise<IDataObject> {
	// Xoro may link the ASN a moment after the RMA: look again within the retry budget.
	const liveAsns = async () => (await findAsnsForRma(ctx, rmaNumber, itemIndex)).filter((a) => isLive(a.status));
	const asns = await readUntil(liveAsns, (found) => found.length > 0, xoroRetryPolicy);
	if (asns.length) return { ...asnJson(asns[0], zone), alreadyExisted: true, generatedByXoro: true };
	throw new NodeOperationError(ctx.getNode(), `Xoro has not generated an ASN for RMA ${rmaNumber}`, {
		itemIndex,
		description: 'Turn off "Xoro Generates the ASN With the RMA" if your Xoro does not create return ASNs itself.',
	});
}

async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const planned = await planEach(this, items, async (itemIndex, item) => planAsn(this, itemIndex, item, await xoroTimeZone(this, itemIndex)));
	const creates = planned.filter((p): p is CreatePlan => !(p instanceof Error) && p.mode === 'create');
	const outcomes = await createOnceBatch(this, creates.map((p) => p.once), asnBatchSearch(this, creates));
	return [
		await forEachItem(this, items, async (itemIndex) => {
			const plan = planned[itemIndex];
			if (plan instanceof Error) throw plan;
			if (plan?.mode === 'generated') return await findGenerated(this, itemIndex, plan);
			if (plan?.mode === 'linked') {
				// Not read: what the RMA says of its ASN (ASN → Get reads the rest).
				return { asnNumber: plan.rma.asnNumber, rmaNumber: plan.rma.rmaNumber, thirdPartyRefNo: plan.rma.thirdPartyRefNo, alreadyExisted: true, linkedFromRma: true };
			}
			const result = outcomeOf(this, outcomes, itemIndex);
			return {
				...onceOutput(result, (doc) => asnJson(doc, plan.zone)),
				...(plan.steps.ready?.approvedNow ? { rmaApproved: true } : {}),
				...(plan.steps.ready?.creditMemoNumber ? { creditMemoNumber: plan.steps.ready.creditMemoNumber } : {}),
			};
		}),
	];
}

export const operation: XoroOperation = {
	option: { name: 'Create for RMA', value: 'createForRma', action: 'Create an ASN for an RMA', description: 'Idempotent: returns the ASN already linked to the RMA' },
	description,
	execute,
};
