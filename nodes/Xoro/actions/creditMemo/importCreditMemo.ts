/**
 * What Create and Create Refunded share: parameters for credit memo headers, and the idempotent import
 * (createOnceBatch by ThirdPartyRefNo: one live memo per reference, duplicates from overlapping runs
 * voided; one look-up and one read-back per execution, issue 11).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { ShopifyTransaction } from '../../../mapping/contracts';
import type { CreditMemoSettings, XoroCreditMemoImport } from '../../../mapping/shopifyToXoro';
import { xoroCreditMemoSchema, type XoroCreditMemo, type XoroInvoice } from '../../schemas';
import { xoroCall } from '../../transport';
import { createOnceBatch, onceOutput, outcomeOf, parseCreated, planEach, type OnceBatchItem, type OnceBatchSearch, type OnceDocumentKind } from '../createOnce';
import { readTenantRmaSettings, xoroTimeZone, type RmaProcess } from '../../tenant';
import { forEachItem } from '../../../shared/items';
import { windowSince } from '../batchWindow';
import { documentProperties, mapped, readDocumentSettings } from './documentSettings';
import { creditMemoJson } from '../output';
import { findCreditMemosByRef, findInvoicesForOrder, searchCreditMemosOfRefsSince } from './lookups';
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

/** What an operation reads from one input item: the memo's reference, its transaction, and its body. */
export interface CreditMemoInput {
	thirdPartyRefNo: string;
	transaction: Pick<ShopifyTransaction, 'originalOrder' | 'loopReturnId' | 'occurredAt'>;
	build(invoiceNumber: string | null): XoroCreditMemoImport;
}

/** One item, ready for createOnceBatch. */
interface CreditMemoPlan {
	occurredAt: string;
	zone: string;
	/** How this execution wrote the memo, once it did */
	written: { source?: CreditMemoSource };
	once: OnceBatchItem<XoroCreditMemo>;
}

/**
 * Books, for each item, the memo its input's `build` makes unless Xoro already holds a live one for
 * the item's ThirdPartyRefNo (createOnceBatch: one look-up and one read-back for the whole execution,
 * two each under an RMA process).
 * Under the tenant's new or old RMA process it records the outcome on the memo Xoro made for the
 * return's RMA, and imports only when there is none; `creditMemoSource` says which.
 */
export async function importCreditMemos(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	read: (itemIndex: number, item: INodeExecutionData, zone: string) => CreditMemoInput,
): Promise<INodeExecutionData[]> {
	const { process } = await readTenantRmaSettings(ctx);
	const planned = await planEach(ctx, items, async (itemIndex, item) => {
		const zone = await xoroTimeZone(ctx, itemIndex);
		return planCreditMemo(ctx, itemIndex, read(itemIndex, item, zone), zone, process);
	});
	const plans = planned.filter((p): p is CreditMemoPlan => !(p instanceof Error));
	const outcomes = await createOnceBatch(ctx, plans.map((p) => p.once), creditMemoBatchSearch(ctx, plans, process));
	return forEachItem(ctx, items, async (itemIndex) => {
		const plan = planned[itemIndex];
		if (plan instanceof Error) throw plan;
		const result = outcomeOf(ctx, outcomes, itemIndex);
		// A re-run finds the memo by its ThirdPartyRefNo: one that names an RMA is the RMA's own.
		const creditMemoSource: CreditMemoSource = plan.written.source ?? (result.document.rmaNumber ? 'recordedOnRmaMemo' : 'imported');
		return { ...onceOutput(result, creditMemoJson), creditMemoSource };
	});
}

function planCreditMemo(ctx: IExecuteFunctions, itemIndex: number, input: CreditMemoInput, zone: string, process: RmaProcess): CreditMemoPlan {
	const { thirdPartyRefNo, transaction, build } = input;
	const written: CreditMemoPlan['written'] = {};
	const kind: OnceDocumentKind<XoroCreditMemo> = {
		what: 'credit memo',
		undo: 'void',
		reference: `ThirdPartyRefNo ${thirdPartyRefNo}`,
		numberOf: (m) => m.creditMemoNumber,
		statusOf: (m) => m.status,
		find: () => findCreditMemosByRef(ctx, thirdPartyRefNo, itemIndex),
		create: async (recheck) => {
			const rmaMemo = process === 'none' ? undefined : await findRmaCreditMemo(ctx, transaction.loopReturnId, process, itemIndex);
			if (rmaMemo) {
				written.source = 'recordedOnRmaMemo';
				const body = mapped(ctx, itemIndex, () => build(rmaMemo.memo.invoiceNumber));
				return recordOutcome(ctx, rmaMemo, body, itemIndex, recheck);
			}
			written.source = 'imported';
			const findInvoice = (ctx.getNodeParameter('options.findInvoice', itemIndex, true) as boolean) !== false;
			const invoice = findInvoice ? (await findInvoicesForOrder(ctx, transaction.originalOrder, itemIndex))[0] : undefined;
			const body = mapped(ctx, itemIndex, () => build(invoice?.invoiceNumber ?? null));
			checkSameCurrency(ctx, itemIndex, body.creditMemoHeader.CurrencyCode, invoice);
			return xoroCall(ctx, 'creditMemoImport', { body: body as unknown as IDataObject, itemIndex, expectData: true, recheck });
		},
		parseCreated: (data) => parseCreated(xoroCreditMemoSchema, data),
		cancel: (creditMemoNumber, recheck) => xoroCall(ctx, 'creditMemoVoid', { body: { creditMemoHeader: { CreditMemoNumber: creditMemoNumber } }, itemIndex, recheck }),
	};
	return { occurredAt: transaction.occurredAt, zone, written, once: { itemIndex, kind, reference: thirdPartyRefNo } };
}

/**
 * The batch's search (createOnceBatch): the memos Xoro made since the oldest transaction of the batch,
 * kept by ThirdPartyRefNo. Such a memo, ours or one Xoro's Shopify app imported, is made after its
 * transaction. Under the new or old RMA process the transaction's reference may instead be recorded on
 * the memo Xoro made for the RMA (rmaCreditMemo.ts), made before the transaction but changed after it:
 * there a second search lists the memos changed since then, each search on half the pages. Not the
 * second alone: whether Xoro stamps a new memo's UpdatedDate is not known (docs/apis.md §X5.3).
 */
function creditMemoBatchSearch(ctx: IExecuteFunctions, plans: CreditMemoPlan[], process: RmaProcess): OnceBatchSearch<XoroCreditMemo> {
	return {
		read: async (maxPages) => {
			const since = windowSince(plans.map((p) => p.occurredAt), plans[0]?.zone ?? '');
			if (!since) return undefined;
			const search = (stamp: 'created' | 'updated', pages: number) =>
				searchCreditMemosOfRefsSince(ctx, plans.map((p) => p.once.reference), since, pages, plans[0].once.itemIndex, stamp);
			if (process === 'none') return search('created', maxPages);
			const made = await search('created', Math.floor(maxPages / 2));
			const changed = made && (await search('updated', Math.floor(maxPages / 2)));
			return made && changed ? [...made, ...changed] : undefined;
		},
		referenceOf: (m) => m.thirdPartyRefNo,
	};
}

/** Whether the Loop outcome went onto the memo Xoro made for the RMA, or into a memo imported from Shopify. */
type CreditMemoSource = 'recordedOnRmaMemo' | 'imported';
