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
import { LoopToXoroError, loopReturnProblem, loopReturnToRma, needsBarcodeLookup, type DefaultedLine } from '../../../mapping/loopToXoro';
import { xoroRmaSchema, type XoroRma } from '../../schemas';
import { xoroCall } from '../../transport';
import { createOnceBatch, onceOutput, outcomeOf, parseCreated, planEach, type OnceBatchItem, type OnceBatchSearch, type OnceDocumentKind } from '../createOnce';
import { readText } from '../../../shared/params';
import { ITEM_MAPPING, mappingProperty, readMapping, REASON_CODES, STORE_BY_DESTINATION } from '../mappingParameter';
import { windowSince } from '../batchWindow';
import { forEachItem } from '../../../shared/items';
import { findRmasByRef, loadItemMaster, searchRmasOfRefsSince, type ItemMaster } from '../lookups';
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
		description: 'Xoro store the RMA belongs to (StoreCode, mandatory in Xoro\'s RMA import), unless its Loop destination is under Store by Loop Destination. Its ASN takes the RMA\'s store.',
	},
	{
		displayName: 'Customer Name',
		name: 'customerName',
		type: 'string',
		default: '',
		description: 'Xoro customer name. Leave empty to use the Loop customer\'s name, else their email.',
	},
	mappingProperty(
		ITEM_MAPPING,
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
				displayName: 'Default SKU',
				name: 'defaultSku',
				type: 'string',
				default: '',
				description:
					'Xoro item number for a line that maps to no Xoro item (no mapping, a SKU Xoro does not have, no barcode it knows); the output lists such lines under defaultedLines. Set, it reads Xoro\'s item master once per run. Empty: such a line fails the item, naming it.',
			},
			{
				displayName: 'Invoice Number',
				name: 'invoiceNumber',
				type: 'string',
				default: '',
				description: 'Xoro invoice the return is against, if known',
			},
			mappingProperty(REASON_CODES, 'Loop Return Reason', 'Loop return reason (as Loop shows it, any case) → Xoro reason code, written as the line\'s ReturnReason. A reason not listed is written as Loop\'s text.'),
			mappingProperty(STORE_BY_DESTINATION, 'Loop Destination ID', 'Loop destination ID (the return\'s destination_id) → Xoro store code. A return whose destination is not listed goes to the Store Code.'),
			{
				displayName: 'Third-Party Source',
				name: 'thirdPartySource',
				type: 'string',
				default: 'Loop',
				description: 'Written to ThirdPartySource; with the Loop return ID it identifies the RMA',
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

/** What the node's parameters say, read per item (an expression may differ between items). */
interface RmaSettings {
	source: string;
	header: { storeCode: string; customerName: string; invoiceNumber?: string };
	zone: string;
	itemMap: Record<string, string>;
	storeByDestination: Record<string, string>;
	reasonCodes: Record<string, string>;
	defaultSku: string;
	/** Xoro's item master, read once per execution and only when a line or the Default SKU needs it */
	itemMaster: { read?: ItemMaster };
}

async function buildRma(ctx: IExecuteFunctions, itemIndex: number, loopReturn: LoopReturnItem, settings: RmaSettings) {
	const { itemMaster, defaultSku } = settings;
	if (!itemMaster.read && (defaultSku || needsBarcodeLookup(loopReturn, settings.itemMap))) itemMaster.read = await loadItemMaster(ctx, itemIndex);
	try {
		return loopReturnToRma(loopReturn, {
			...settings.header,
			thirdPartySource: settings.source,
			timeZone: settings.zone,
			itemMap: settings.itemMap,
			storeByDestination: settings.storeByDestination,
			reasonCodes: settings.reasonCodes,
			defaultSku,
			itemsByBarcode: itemMaster.read?.byBarcode,
			// Only with a Default SKU: without one, a SKU goes to Xoro as it is and Xoro names it if unknown.
			knownItemNumbers: defaultSku ? itemMaster.read?.itemNumbers : undefined,
		});
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `Loop return ${loopReturn.id} cannot become a Xoro RMA: ${(error as Error).message}`, {
			itemIndex,
			// The SKU hint only where a line did not resolve to a Xoro item.
			description:
				error instanceof LoopToXoroError && error.problems.some((p) => p.field === 'sku')
					? 'Fix the SKU in Shopify, map the variant to a Xoro item under Item Mapping, or set a Default SKU.'
					: undefined,
		});
	}
}

/** One item, ready for createOnceBatch; `built`: the lines its RMA booked under the Default SKU, once built. */
interface RmaPlan {
	zone: string;
	loopReturn: LoopReturnItem;
	once: OnceBatchItem<XoroRma>;
	built: { defaultedLines?: DefaultedLine[] };
}

function readSettings(ctx: IExecuteFunctions, itemIndex: number, zone: string, itemMaster: RmaSettings['itemMaster']): RmaSettings {
	return {
		source: readText(ctx, 'options.thirdPartySource', 'Third-Party Source', itemIndex) || 'Loop',
		header: {
			storeCode: readText(ctx, 'storeCode', 'Store Code', itemIndex, true),
			customerName: readText(ctx, 'customerName', 'Customer Name', itemIndex),
			invoiceNumber: readText(ctx, 'options.invoiceNumber', 'Invoice Number', itemIndex) || undefined,
		},
		zone,
		itemMap: readMapping(ctx, ITEM_MAPPING, 'itemMapping', itemIndex),
		storeByDestination: readMapping(ctx, STORE_BY_DESTINATION, 'options.storeByDestination', itemIndex),
		reasonCodes: readMapping(ctx, REASON_CODES, 'options.reasonCodes', itemIndex),
		defaultSku: readText(ctx, 'options.defaultSku', 'Default SKU', itemIndex),
		itemMaster,
	};
}

function planRma(ctx: IExecuteFunctions, itemIndex: number, item: INodeExecutionData, zone: string, itemMaster: RmaSettings['itemMaster']): RmaPlan {
	const loopReturn = readLoopReturn(ctx, item, itemIndex);
	const settings = readSettings(ctx, itemIndex, zone, itemMaster);
	const { source } = settings;
	const built: RmaPlan['built'] = {};
	const notOtherSource = (r: XoroRma) => !r.thirdPartySource || r.thirdPartySource === source;
	const kind: OnceDocumentKind<XoroRma> = {
		what: 'RMA',
		undo: 'cancel',
		reference: `Loop return ${loopReturn.id}`,
		numberOf: (r) => r.rmaNumber,
		statusOf: (r) => r.status,
		find: async () => (await findRmasByRef(ctx, loopReturn.id, itemIndex)).filter(notOtherSource),
		create: async (recheck) => {
			const { rma, defaultedLines } = await buildRma(ctx, itemIndex, loopReturn, settings);
			built.defaultedLines = defaultedLines;
			return xoroCall(ctx, 'rmaCreate', { body: rma as unknown as IDataObject, itemIndex, expectData: true, recheck });
		},
		parseCreated: (data) => parseCreated(xoroRmaSchema, data),
		cancel: async (rmaNumber, recheck) => {
			return xoroCall(ctx, 'rmaCancel', { body: { RmaHeader: { RmaNumber: rmaNumber } }, itemIndex, recheck });
		},
	};
	return { zone, loopReturn, built, once: { itemIndex, kind, reference: loopReturn.id, key: `${loopReturn.id.toLowerCase()} ${source}`, owns: notOtherSource } };
}

/**
 * The batch's one search (createOnceBatch): the RMAs Xoro made since its oldest return came to Loop,
 * kept by Loop return id. None when a return's creation is not a date (then each item looks up alone).
 */
function rmaBatchSearch(ctx: IExecuteFunctions, plans: RmaPlan[]): OnceBatchSearch<XoroRma> {
	return {
		read: async (maxPages) => {
			// An RMA is made after its return, by this node or Xoro's own Loop sync (docs/apis.md §X7).
			const since = windowSince(plans.map((p) => p.loopReturn.createdAt), plans[0]?.zone ?? '');
			if (!since) return undefined;
			return searchRmasOfRefsSince(ctx, plans.map((p) => p.loopReturn.id), since, maxPages, plans[0].once.itemIndex);
		},
		referenceOf: (r) => r.thirdPartyRefNo,
	};
}

async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const itemMaster: RmaSettings['itemMaster'] = {};
	const planned = await planEach(this, items, async (itemIndex, item) => planRma(this, itemIndex, item, await xoroTimeZone(this, itemIndex), itemMaster));
	const plans = planned.filter((p): p is RmaPlan => !(p instanceof Error));
	const outcomes = await createOnceBatch(this, plans.map((p) => p.once), rmaBatchSearch(this, plans));
	const output = await forEachItem(this, items, async (itemIndex) => {
		const plan = planned[itemIndex];
		if (plan instanceof Error) throw plan;
		const { defaultedLines } = plan.built;
		return {
			...onceOutput(outcomeOf(this, outcomes, itemIndex), (doc) => rmaJson(doc, plan.zone)),
			...(defaultedLines?.length ? { defaultedLines: defaultedLines as unknown as IDataObject[] } : {}),
		};
	});
	return [output];
}

export const operation: XoroOperation = {
	option: { name: 'Create From Loop Return', value: 'createFromLoopReturn', action: 'Create an RMA from a Loop return', description: 'Idempotent: returns the existing RMA for the same Loop return' },
	description,
	execute,
};
