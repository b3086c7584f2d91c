/**
 * RMA → Create from Loop Return. Input: a Loop return item as the Loop nodes output it.
 * Idempotent by ThirdPartyRefNo (= Loop return ID), which Xoro does not keep unique: createOnce
 * converges overlapping executions on one RMA (the oldest) and cancels the duplicates they made.
 * An execution's items are looked up, and read back after their creates, by one search for them all
 * (createOnceBatch, issue 11): the RMAs Xoro made since the batch's oldest return came to Loop.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { LoopReturnItem } from '../../../mapping/contracts';
import { LoopToXoroError, loopReturnProblem, loopReturnToRma, needsBarcodeLookup } from '../../../mapping/loopToXoro';
import { xoroRmaSchema, type XoroRma } from '../../schemas';
import { xoroCall } from '../../transport';
import { createOnceBatch, onceOutput, outcomeOf, parseCreated, planEach, type OnceBatchItem, type OnceBatchSearch, type OnceDocumentKind } from '../createOnce';
import { readText } from '../../../shared/params';
import { parseStamp, toXoroDateTime } from '../../../shared/dates';
import { itemMappingProperty, readItemMap } from '../itemMapping';
import { forEachItem } from '../../../shared/items';
import { findRmasByRef, loadBarcodeIndex, searchRmasOfRefsSince } from '../lookups';
import { rmaJson } from '../output';
import { xoroTimeZone } from '../../tenant';
import type { XoroOperation } from '../types';

const displayOptions = { show: { resource: ['rma'], operation: ['createFromLoopReturn'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Store Code',
		name: 'storeCode',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'MAIN',
		description: 'Xoro store the RMA belongs to (StoreCode, mandatory in Xoro\'s RMA import)',
	},
	{
		displayName: 'Customer Name',
		name: 'customerName',
		type: 'string',
		default: '',
		description: 'Xoro customer name. Leave empty to use the Loop customer\'s name, else their email.',
	},
	itemMappingProperty(
		'Shopify Variant ID, SKU or Barcode',
		'Shopify variant ID, SKU or barcode → Xoro item number. Wins over the SKU; needed for items with neither SKU nor a barcode Xoro knows.',
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Third-Party Source',
				name: 'thirdPartySource',
				type: 'string',
				default: 'Loop',
				description: 'Written to ThirdPartySource; with the Loop return ID it identifies the RMA',
			},
			{
				displayName: 'Invoice Number',
				name: 'invoiceNumber',
				type: 'string',
				default: '',
				description: 'Xoro invoice the return is against, if known',
			},
		],
	},
];

const description = updateDisplayOptions(displayOptions, properties);

function readLoopReturn(ctx: IExecuteFunctions, item: INodeExecutionData, itemIndex: number): LoopReturnItem {
	const problem = loopReturnProblem(item.json);
	if (problem) {
		throw new NodeOperationError(ctx.getNode(), `Input item ${itemIndex} is not a Loop return: field "${problem.field}" ${problem.message}`, {
			itemIndex,
			description: 'Connect this node to a Loop Returns node (its output items are Loop returns).',
		});
	}
	return item.json as unknown as LoopReturnItem;
}

interface RmaSettings {
	source: string;
	header: { storeCode: string; customerName: string; invoiceNumber?: string };
	zone: string;
	itemMap: Record<string, string>;
	/** Barcode → item number, read once per execution and only when a line needs it */
	barcodes: { index?: Map<string, string> };
}

async function buildRma(ctx: IExecuteFunctions, itemIndex: number, loopReturn: LoopReturnItem, settings: RmaSettings) {
	if (!settings.barcodes.index && needsBarcodeLookup(loopReturn, settings.itemMap)) settings.barcodes.index = await loadBarcodeIndex(ctx, itemIndex);
	try {
		return loopReturnToRma(loopReturn, {
			...settings.header,
			thirdPartySource: settings.source,
			timeZone: settings.zone,
			itemMap: settings.itemMap,
			itemsByBarcode: settings.barcodes.index,
		});
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `Loop return ${loopReturn.id} cannot become a Xoro RMA: ${(error as Error).message}`, {
			itemIndex,
			// The SKU hint only where a line did not resolve to a Xoro item.
			description:
				error instanceof LoopToXoroError && error.problems.some((p) => p.field === 'sku')
					? 'Fix the SKU in Shopify, or map the variant to a Xoro item under Item Mapping.'
					: undefined,
		});
	}
}

/** One item, ready for createOnceBatch. */
interface RmaPlan {
	zone: string;
	loopReturn: LoopReturnItem;
	once: OnceBatchItem<XoroRma>;
}

function planRma(ctx: IExecuteFunctions, itemIndex: number, item: INodeExecutionData, zone: string, barcodes: RmaSettings['barcodes']): RmaPlan {
	const loopReturn = readLoopReturn(ctx, item, itemIndex);
	const source = readText(ctx, 'options.thirdPartySource', 'Third-Party Source', itemIndex) || 'Loop';
	const itemMap = readItemMap(ctx, itemIndex);
	const header = {
		storeCode: readText(ctx, 'storeCode', 'Store Code', itemIndex, true),
		customerName: readText(ctx, 'customerName', 'Customer Name', itemIndex),
		invoiceNumber: readText(ctx, 'options.invoiceNumber', 'Invoice Number', itemIndex) || undefined,
	};
	const notOtherSource = (r: XoroRma) => !r.thirdPartySource || r.thirdPartySource === source;
	const kind: OnceDocumentKind<XoroRma> = {
		what: 'RMA',
		undo: 'cancel',
		reference: `Loop return ${loopReturn.id}`,
		numberOf: (r) => r.rmaNumber,
		statusOf: (r) => r.status,
		find: async () => (await findRmasByRef(ctx, loopReturn.id, itemIndex)).filter(notOtherSource),
		create: async (recheck) => {
			const payload = await buildRma(ctx, itemIndex, loopReturn, { source, header, zone, itemMap, barcodes });
			return xoroCall(ctx, 'rmaCreate', { body: payload as unknown as IDataObject, itemIndex, expectData: true, recheck });
		},
		parseCreated: (data) => parseCreated(xoroRmaSchema, data),
		cancel: async (rmaNumber, recheck) => {
			return xoroCall(ctx, 'rmaCancel', { body: { RmaHeader: { RmaNumber: rmaNumber } }, itemIndex, recheck });
		},
	};
	return { zone, loopReturn, once: { itemIndex, kind, reference: loopReturn.id, key: `${loopReturn.id.toLowerCase()} ${source}`, owns: notOtherSource } };
}

/**
 * How far before a batch's oldest Loop return its RMAs' window starts. An RMA is made after its return
 * (by this node or Xoro's own Loop sync, docs/apis.md §X7), stamped on the tenant's clock; the Loop
 * time is put on that clock by the credential's Time Zone, which is a setting (§X3.3) and may be wrong
 * by up to 26 hours (UTC−12 to UTC+14). Starting that much earlier keeps every RMA of the batch inside
 * the window however the zone is set, at the cost of a day's more RMAs listed.
 */
const RMA_WINDOW_LEAD_MS = 26 * 3_600_000;

/**
 * The batch's one search (createOnceBatch): the RMAs Xoro made since its oldest return came to Loop,
 * kept by Loop return id. None when a return's creation is not a date (then each item looks up alone).
 */
function rmaBatchSearch(ctx: IExecuteFunctions, plans: RmaPlan[]): OnceBatchSearch<XoroRma> {
	return {
		read: async (maxPages) => {
			const created = plans.map((p) => parseStamp(p.loopReturn.createdAt)?.toMillis() ?? Number.NaN);
			if (!plans.length || created.some(Number.isNaN)) return undefined;
			const since = toXoroDateTime(new Date(Math.min(...created) - RMA_WINDOW_LEAD_MS), plans[0].zone);
			return searchRmasOfRefsSince(ctx, plans.map((p) => p.loopReturn.id), since, maxPages, plans[0].once.itemIndex);
		},
		referenceOf: (r) => r.thirdPartyRefNo,
	};
}

async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const barcodes: RmaSettings['barcodes'] = {};
	const planned = await planEach(this, items, async (itemIndex, item) => planRma(this, itemIndex, item, await xoroTimeZone(this, itemIndex), barcodes));
	const plans = planned.filter((p): p is RmaPlan => !(p instanceof Error));
	const outcomes = await createOnceBatch(this, plans.map((p) => p.once), rmaBatchSearch(this, plans));
	const output = await forEachItem(this, items, async (itemIndex) => {
		const plan = planned[itemIndex];
		if (plan instanceof Error) throw plan;
		return onceOutput(outcomeOf(this, outcomes, itemIndex), (doc) => rmaJson(doc, plan.zone));
	});
	return [output];
}

export const operation: XoroOperation = {
	option: { name: 'Create From Loop Return', value: 'createFromLoopReturn', action: 'Create an RMA from a Loop return', description: 'Idempotent: returns the existing RMA for the same Loop return' },
	description,
	execute,
};
