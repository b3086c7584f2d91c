/**
 * Editor parameters and their reading, shared by the operations that turn a Shopify Transactions
 * item into a Xoro document (credit memos here, the exchange sales order in ../salesOrder).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { ShopifyTransaction, ShopifyTransactionKind } from '../../../mapping/contracts';
import { expectKind, ShopifyToXoroError, type ItemNumberRules, type XoroDocumentSettings } from '../../../mapping/shopifyToXoro';
import { ITEM_MAPPING, mappingProperty, readMapping } from '../mappingParameter';

/** Which optional parameters an operation shows. */
interface DocumentParameters {
	/** Label of the fallback item: Xoro's Shopify app calls it "Return SKU" (returns) or "Default SKU" (orders) */
	fallbackLabel: 'Return SKU' | 'Default SKU';
	/** Extra entries of the Options collection */
	moreOptions?: INodeProperties[];
}

export function documentProperties(parameters: DocumentParameters): INodeProperties[] {
	return [
		{
			displayName: 'Third-Party Source',
			name: 'thirdPartySource',
			type: 'string',
			default: 'Loop Returns',
			description: 'Written to ThirdPartySource. The Shopify transaction ID is the ThirdPartyRefNo that makes the write idempotent.',
		},
		mappingProperty(ITEM_MAPPING, 'Shopify Variant ID or SKU', 'Shopify variant ID or SKU → Xoro item number. Wins over the SKU itself.'),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Customer Name',
					name: 'customerName',
					type: 'string',
					default: '',
					description: "Xoro customer name. Leave empty to use the Shopify customer's name, else their email (Xoro matches customers by name).",
				},
				{
					displayName: parameters.fallbackLabel,
					name: 'fallbackItemNumber',
					type: 'string',
					default: '',
					description:
						'Xoro item number for a line that has no SKU and no mapping, like the Xoro Shopify app setting of that name. Empty: such a line fails the item.',
				},
				{
					displayName: 'Sale Store Name',
					name: 'saleStoreName',
					type: 'string',
					default: '',
					description: 'Xoro SaleStoreName, if your tenant needs it',
				},
				{
					displayName: 'Store Name',
					name: 'storeName',
					type: 'string',
					default: '',
					description: 'Xoro StoreName, if your tenant needs it',
				},
				...(parameters.moreOptions ?? []),
			],
		},
	];
}

export function readDocumentSettings(ctx: IExecuteFunctions, itemIndex: number): XoroDocumentSettings & ItemNumberRules {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		thirdPartySource: String(ctx.getNodeParameter('thirdPartySource', itemIndex, 'Loop Returns')).trim() || 'Loop Returns',
		customerName: text(options.customerName),
		storeName: text(options.storeName),
		saleStoreName: text(options.saleStoreName),
		fallbackItemNumber: text(options.fallbackItemNumber),
		itemMap: readMapping(ctx, ITEM_MAPPING, 'itemMapping', itemIndex),
	};
}

/** The input item as a Shopify transaction of `kind`, or an error naming the item. */
export function readTransaction<K extends ShopifyTransactionKind>(
	ctx: IExecuteFunctions,
	json: IDataObject,
	kind: K,
	itemIndex: number,
): Extract<ShopifyTransaction, { kind: K }> {
	return mapped(ctx, itemIndex, () => expectKind(json, kind));
}

/** Runs a mapping step; a mapping failure becomes an error that names the item and the field. */
export function mapped<T>(ctx: IExecuteFunctions, itemIndex: number, map: () => T): T {
	try {
		return map();
	} catch (error) {
		if (!(error instanceof ShopifyToXoroError)) throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
		throw new NodeOperationError(ctx.getNode(), `Input item ${itemIndex}: ${error.message}`, {
			itemIndex,
			description: `Field: ${error.field}. This operation takes the items of the Shopify Transactions node as they are.`,
		});
	}
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}
