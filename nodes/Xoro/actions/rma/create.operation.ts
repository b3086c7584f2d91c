/**
 * RMA → Create from Loop Return. Input: a Loop return item as the Loop nodes output it.
 * Idempotent by ThirdPartyRefNo (= Loop return ID), which Xoro does not keep unique: search first,
 * create only when absent, and search again afterwards to detect a concurrent duplicate.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { LoopReturnItem } from '../../../mapping/contracts';
import { LoopToXoroError, loopReturnToRma, needsBarcodeLookup } from '../../../mapping/loopToXoro';
import { xoroEndpoint } from '../../endpoints';
import type { XoroRma } from '../../schemas';
import { xoroApiRequest } from '../../transport';
import { forEachItem } from '../items';
import { findRmasByRef, loadBarcodeIndex } from '../lookups';
import { rmaJson } from '../output';
import type { XoroOperation } from '../types';

const show = { resource: ['rma'], operation: ['createFromLoopReturn'] };

const description: INodeProperties[] = [
	{
		displayName: 'Store Code',
		name: 'storeCode',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'MAIN',
		description: 'Xoro store the RMA belongs to (StoreCode, mandatory in Xoro\'s RMA import)',
		displayOptions: { show },
	},
	{
		displayName: 'Customer Name',
		name: 'customerName',
		type: 'string',
		default: '',
		description: 'Xoro customer name. Leave empty to use the Loop customer\'s name, else their email.',
		displayOptions: { show },
	},
	{
		displayName: 'Item Mapping',
		name: 'itemMapping',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Mapping',
		default: {},
		description: 'Shopify variant ID, SKU or barcode → Xoro item number. Wins over the SKU; needed for items with neither SKU nor a barcode Xoro knows.',
		displayOptions: { show },
		options: [
			{
				displayName: 'Mapping',
				name: 'mappings',
				values: [
					{ displayName: 'Shopify Variant ID, SKU or Barcode', name: 'shopifyKey', type: 'string', default: '' },
					{ displayName: 'Xoro Item Number', name: 'itemNumber', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
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

function readLoopReturn(ctx: IExecuteFunctions, item: INodeExecutionData, itemIndex: number): LoopReturnItem {
	const json = item.json as unknown as Partial<LoopReturnItem>;
	for (const field of ['id', 'currency', 'createdAt'] as const) {
		if (typeof json[field] !== 'string' || !json[field]) {
			throw new NodeOperationError(ctx.getNode(), `Input item ${itemIndex} is not a Loop return: field "${field}" is missing`, {
				itemIndex,
				description: 'Connect this node to a Loop Returns node (its output items are Loop returns).',
			});
		}
	}
	if (!Array.isArray(json.lineItems)) {
		throw new NodeOperationError(ctx.getNode(), `Input item ${itemIndex} is not a Loop return: field "lineItems" is missing`, { itemIndex });
	}
	return json as LoopReturnItem;
}

async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	let barcodeIndex: Map<string, string> | undefined;
	const output = await forEachItem(this, items, async (itemIndex, item) => {
		const loopReturn = readLoopReturn(this, item, itemIndex);
		const source = ((this.getNodeParameter('options.thirdPartySource', itemIndex, 'Loop') as string) || 'Loop').trim();
		const mappings = this.getNodeParameter('itemMapping.mappings', itemIndex, []) as Array<{ shopifyKey: string; itemNumber: string }>;
		const itemMap = Object.fromEntries(mappings.filter((m) => m.shopifyKey && m.itemNumber).map((m) => [m.shopifyKey.trim(), m.itemNumber.trim()]));
		const ownRmas = async () => (await findRmasByRef(this, loopReturn.id, itemIndex)).filter((r) => !r.thirdPartySource || r.thirdPartySource === source);

		const existing = await ownRmas();
		if (existing.length) return result(existing[0], true, existing.slice(1).map((r) => r.rmaNumber));

		if (!barcodeIndex && needsBarcodeLookup(loopReturn, itemMap)) barcodeIndex = await loadBarcodeIndex(this, itemIndex);
		let payload;
		try {
			payload = loopReturnToRma(loopReturn, {
				storeCode: this.getNodeParameter('storeCode', itemIndex) as string,
				customerName: this.getNodeParameter('customerName', itemIndex, '') as string,
				thirdPartySource: source,
				invoiceNumber: (this.getNodeParameter('options.invoiceNumber', itemIndex, '') as string) || undefined,
				itemMap,
				itemsByBarcode: barcodeIndex,
			});
		} catch (error) {
			throw new NodeOperationError(this.getNode(), `Loop return ${loopReturn.id} cannot become a Xoro RMA: ${(error as Error).message}`, {
				itemIndex,
				description: error instanceof LoopToXoroError ? 'Fix the SKU in Shopify, or map the variant to a Xoro item under Item Mapping.' : undefined,
			});
		}

		const { method, path } = xoroEndpoint(this, 'rmaCreate', itemIndex);
		await xoroApiRequest.call(this, method, path, {
			body: payload as unknown as IDataObject,
			itemIndex,
			expectData: true,
			recheck: async () => ((await ownRmas())[0] ? true : undefined),
		});
		// Read back rather than trust the create answer: it also shows a duplicate made concurrently.
		const after = await ownRmas();
		if (!after.length) {
			throw new NodeOperationError(this.getNode(), `Xoro accepted the RMA for Loop return ${loopReturn.id} but does not find it by ThirdPartyRefNo`, {
				itemIndex,
				description: 'Check the RMA search endpoint under Advanced: Endpoint Paths.',
			});
		}
		return result(after[0], false, after.slice(1).map((r) => r.rmaNumber));
	});
	return [output];
}

function result(rma: XoroRma, alreadyExisted: boolean, duplicates: Array<string | null>): IDataObject {
	return {
		...rmaJson(rma),
		alreadyExisted,
		...(duplicates.length
			? {
					duplicateRmaNumbers: duplicates,
					warning: `Xoro holds ${duplicates.length + 1} RMAs for this Loop return (created concurrently); this is the oldest. Cancel the others in Xoro.`,
				}
			: {}),
	};
}

export const operation: XoroOperation = {
	option: { name: 'Create From Loop Return', value: 'createFromLoopReturn', action: 'Create an RMA from a Loop return', description: 'Idempotent: returns the existing RMA for the same Loop return' },
	description,
	execute,
};
