/**
 * What Create and Create Refunded share: parameters for credit memo headers, and the idempotent import
 * (createOnce by ThirdPartyRefNo: one live memo per reference, duplicates from overlapping runs voided).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { ShopifyOrderRef } from '../../../mapping/contracts';
import type { CreditMemoSettings, XoroCreditMemoImport } from '../../../mapping/shopifyToXoro';
import { xoroEndpoint } from '../../endpoints';
import { xoroCreditMemoSchema, type XoroCreditMemo, type XoroInvoice } from '../../schemas';
import { xoroApiRequest } from '../../transport';
import { createOnce, onceOutput, parseCreated } from '../createOnce';
import type { Show } from '../types';
import { documentProperties, mapped, readDocumentSettings } from './documentSettings';
import { creditMemoJson, findCreditMemosByRef, findInvoicesForOrder } from './lookups';

export function creditMemoProperties(show: Show, moreOptions: INodeProperties[] = []): INodeProperties[] {
	return [
		{
			displayName: 'Adjustment SKU',
			name: 'adjustmentSku',
			type: 'string',
			default: 'STORE-CREDIT',
			description:
				'Xoro item for store credit and for the difference between the returned items and the amount refunded in Shopify (ThirdPartyAdjSku). It must exist in Xoro.',
			displayOptions: { show },
		},
		...documentProperties(show, {
			fallbackLabel: 'Return SKU',
			moreOptions: [
				{
					displayName: 'Find Original Invoice',
					name: 'findInvoice',
					type: 'boolean',
					default: true,
					description: "Whether to look up the original order's invoice in Xoro and credit it (InvoiceNumber); without one the memo is a customer credit",
				},
				{
					displayName: 'Post Difference to Adjustment SKU',
					name: 'adjustTotal',
					type: 'boolean',
					default: true,
					description: 'Whether Xoro books the difference between the lines and the Shopify amount to the adjustment SKU (ThirdPartyAdjustTotalFlag)',
				},
				...moreOptions,
			],
		}),
	];
}

export function readCreditMemoSettings(ctx: IExecuteFunctions, itemIndex: number): Omit<CreditMemoSettings, 'invoiceNumber'> {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		...readDocumentSettings(ctx, itemIndex),
		adjustmentSku: String(ctx.getNodeParameter('adjustmentSku', itemIndex, '')).trim(),
		adjustTotal: options.adjustTotal !== false,
		returnLocation: typeof options.returnLocation === 'string' ? options.returnLocation.trim() : '',
	};
}

/** A memo credits an invoice only in the invoice's currency (an EUR memo on a USD invoice is refused). */
export function checkSameCurrency(ctx: IExecuteFunctions, itemIndex: number, currency: string, invoice: XoroInvoice | undefined): void {
	if (!invoice?.currencyCode || invoice.currencyCode.toUpperCase() === currency.toUpperCase()) return;
	throw new NodeOperationError(
		ctx.getNode(),
		`Input item ${itemIndex}: field "currency" is ${currency} but Xoro invoice ${invoice.invoiceNumber ?? ''} is in ${invoice.currencyCode}`,
		{ itemIndex, description: 'A credit can only settle an invoice in the same currency; nothing was written.' },
	);
}

/** Imports the memo `build` makes unless Xoro already holds a live one for `thirdPartyRefNo`. */
export async function importCreditMemoOnce(
	ctx: IExecuteFunctions,
	itemIndex: number,
	thirdPartyRefNo: string,
	originalOrder: ShopifyOrderRef | null,
	build: (invoiceNumber: string | null) => XoroCreditMemoImport,
): Promise<IDataObject> {
	const result = await createOnce<XoroCreditMemo>(ctx, itemIndex, {
		what: 'credit memo',
		undo: 'void',
		reference: `ThirdPartyRefNo ${thirdPartyRefNo}`,
		numberOf: (m) => m.creditMemoNumber,
		statusOf: (m) => m.status,
		find: () => findCreditMemosByRef(ctx, thirdPartyRefNo, itemIndex),
		create: async (recheck) => {
			const findInvoice = (ctx.getNodeParameter('options.findInvoice', itemIndex, true) as boolean) !== false;
			const invoice = findInvoice ? (await findInvoicesForOrder(ctx, originalOrder, itemIndex))[0] : undefined;
			const body = mapped(ctx, itemIndex, () => build(invoice?.invoiceNumber ?? null));
			checkSameCurrency(ctx, itemIndex, body.creditMemoHeader.CurrencyCode, invoice);
			const { method, path } = xoroEndpoint(ctx, 'creditMemoImport', itemIndex);
			return xoroApiRequest.call(ctx, method, path, { body: body as unknown as IDataObject, itemIndex, expectData: true, recheck });
		},
		parseCreated: (data) => parseCreated(xoroCreditMemoSchema, data),
		cancel: async (creditMemoNumber, recheck) => {
			const { method, path } = xoroEndpoint(ctx, 'creditMemoVoid', itemIndex);
			return xoroApiRequest.call(ctx, method, path, { body: { creditMemoHeader: { CreditMemoNumber: creditMemoNumber } }, itemIndex, recheck });
		},
	});
	return onceOutput(result, creditMemoJson);
}
