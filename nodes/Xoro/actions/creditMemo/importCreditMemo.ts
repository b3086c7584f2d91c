/**
 * What Create and Create Refunded share: parameters for credit memo headers, and the idempotent import
 * (createOnce by ThirdPartyRefNo: one live memo per reference, duplicates from overlapping runs voided).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { ShopifyTransaction } from '../../../mapping/contracts';
import type { CreditMemoSettings, XoroCreditMemoImport } from '../../../mapping/shopifyToXoro';
import { xoroCreditMemoSchema, type XoroCreditMemo, type XoroInvoice } from '../../schemas';
import { xoroCall } from '../../transport';
import { createOnce, onceOutput, parseCreated } from '../createOnce';
import { readTenantRmaSettings } from '../../tenant';
import { documentProperties, mapped, readDocumentSettings } from './documentSettings';
import { creditMemoJson } from '../output';
import { findCreditMemosByRef, findInvoicesForOrder } from './lookups';
import { findRmaCreditMemo, recordOutcome } from './rmaCreditMemo';

export function creditMemoProperties(moreOptions: INodeProperties[] = []): INodeProperties[] {
	return [
		{
			displayName: 'Adjustment SKU',
			name: 'adjustmentSku',
			type: 'string',
			default: 'STORE-CREDIT',
			description:
				'Xoro item for store credit and for the difference between the returned items and the amount refunded in Shopify (ThirdPartyAdjSku). It must exist in Xoro.',
		},
		...documentProperties({
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

/**
 * Books the memo `build` makes unless Xoro already holds a live one for `thirdPartyRefNo`. Under the
 * tenant's new or old RMA process it records the outcome on the memo Xoro made for the return's RMA,
 * and imports only when there is none; `creditMemoSource` says which.
 */
export async function importCreditMemoOnce(
	ctx: IExecuteFunctions,
	itemIndex: number,
	thirdPartyRefNo: string,
	transaction: Pick<ShopifyTransaction, 'originalOrder' | 'loopReturnId'>,
	build: (invoiceNumber: string | null) => XoroCreditMemoImport,
): Promise<IDataObject> {
	const { process } = await readTenantRmaSettings(ctx);
	let source: CreditMemoSource | undefined;
	const result = await createOnce<XoroCreditMemo>(ctx, itemIndex, {
		what: 'credit memo',
		undo: 'void',
		reference: `ThirdPartyRefNo ${thirdPartyRefNo}`,
		numberOf: (m) => m.creditMemoNumber,
		statusOf: (m) => m.status,
		find: () => findCreditMemosByRef(ctx, thirdPartyRefNo, itemIndex),
		create: async (recheck) => {
			const rmaMemo = process === 'none' ? undefined : await findRmaCreditMemo(ctx, transaction.loopReturnId, process, itemIndex);
			if (rmaMemo) {
				source = 'recordedOnRmaMemo';
				const body = mapped(ctx, itemIndex, () => build(rmaMemo.memo.invoiceNumber));
				return recordOutcome(ctx, rmaMemo, body, itemIndex, recheck);
			}
			source = 'imported';
			const findInvoice = (ctx.getNodeParameter('options.findInvoice', itemIndex, true) as boolean) !== false;
			const invoice = findInvoice ? (await findInvoicesForOrder(ctx, transaction.originalOrder, itemIndex))[0] : undefined;
			const body = mapped(ctx, itemIndex, () => build(invoice?.invoiceNumber ?? null));
			checkSameCurrency(ctx, itemIndex, body.creditMemoHeader.CurrencyCode, invoice);
			return xoroCall(ctx, 'creditMemoImport', { body: body as unknown as IDataObject, itemIndex, expectData: true, recheck });
		},
		parseCreated: (data) => parseCreated(xoroCreditMemoSchema, data),
		cancel: (creditMemoNumber, recheck) => xoroCall(ctx, 'creditMemoVoid', { body: { creditMemoHeader: { CreditMemoNumber: creditMemoNumber } }, itemIndex, recheck }),
	});
	// A re-run finds the memo by its ThirdPartyRefNo: one that names an RMA is the RMA's own.
	const creditMemoSource: CreditMemoSource = source ?? (result.document.rmaNumber ? 'recordedOnRmaMemo' : 'imported');
	return { ...onceOutput(result, creditMemoJson), creditMemoSource };
}

/** Whether the Loop outcome went onto the memo Xoro made for the RMA, or into a memo imported from Shopify. */
type CreditMemoSource = 'recordedOnRmaMemo' | 'imported';
