/**
 * Never two credit memos for one return. Under Xoro's new RMA process Xoro credits the RMA itself when
 * the return ASN is received, and under the old one the RMA was converted to a credit memo before its
 * ASN (README, "Xoro's RMA process"). Importing the Loop gift card or refund as a further memo would
 * credit the customer twice, so the Loop outcome is recorded on the RMA's memo instead (modeled endpoint
 * creditmemo/update): its ThirdPartyRefNo becomes the Shopify transaction's, which is how a re-run,
 * Apply to Invoice and createOnce's look-ups find it, and a refund marks it refunded.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { XoroCreditMemoImport } from '../../../mapping/shopifyToXoro';
import type { XoroCreditMemo, XoroRma } from '../../schemas';
import { xoroCall } from '../../transport';
import { isLive } from '../createOnce';
import { findRmasByRef, same } from '../lookups';
import type { RmaProcess } from '../../tenant';
import { findCreditMemosForRma } from './lookups';

export interface RmaCreditMemo {
	rma: XoroRma;
	memo: XoroCreditMemo;
}

const NOT_CREDITED_YET: Record<Exclude<RmaProcess, 'none'>, string> = {
	new: 'Under the new RMA process Xoro makes the credit memo when the return ASN is received. Run this again once it is: importing one now would credit the customer twice.',
	old: 'Under the old RMA process the RMA is converted to a credit memo before its ASN is made (Xoro ASN → Create for RMA). Run this again once it is: importing one now would credit the customer twice.',
};

/**
 * The memo Xoro holds for the Loop return's RMA; undefined when Xoro has no RMA for the return (nothing
 * can be credited twice then, so the caller imports). An RMA not credited yet fails the item.
 */
export async function findRmaCreditMemo(
	ctx: IExecuteFunctions,
	loopReturnId: string | null,
	process: Exclude<RmaProcess, 'none'>,
	itemIndex: number,
): Promise<RmaCreditMemo | undefined> {
	if (!loopReturnId) return undefined;
	const [rma] = (await findRmasByRef(ctx, loopReturnId, itemIndex)).filter((r) => isLive(r.status));
	if (!rma?.rmaNumber) return undefined;
	const [memo] = (await findCreditMemosForRma(ctx, rma, itemIndex)).filter((m) => isLive(m.status));
	if (!memo) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Input item ${itemIndex}: Xoro has no credit memo for RMA ${rma.rmaNumber} of Loop return ${loopReturnId} yet (RMA status ${rma.status ?? 'unknown'})`,
			{ itemIndex, description: NOT_CREDITED_YET[process] },
		);
	}
	return { rma, memo };
}

/** Header fields that are the memo's own (Xoro set them from the RMA); the rest is the Loop outcome. */
const MEMO_IDENTITY = ['TxnDate', 'CustomerName', 'CurrencyCode', 'RefNo', 'InvoiceNumber', 'StoreName', 'SaleStoreName'];

/** Records the outcome `body` describes on the RMA's memo; resolves to Data, or to what `recheck` found. */
export async function recordOutcome(
	ctx: IExecuteFunctions,
	{ rma, memo }: RmaCreditMemo,
	body: XoroCreditMemoImport,
	itemIndex: number,
	recheck: () => Promise<unknown>,
): Promise<unknown> {
	const refNo = body.creditMemoHeader.ThirdPartyRefNo;
	const recorded = memo.thirdPartyRefNo;
	// One memo can carry one outcome: a second Shopify transaction for the same return (a return Loop
	// split between a refund and a gift card) is not booked as a second credit.
	if (recorded && !same(recorded, refNo) && !same(recorded, rma.thirdPartyRefNo ?? '')) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Input item ${itemIndex}: credit memo ${memo.creditMemoNumber} of RMA ${rma.rmaNumber} already records Shopify transaction ${recorded}`,
			{ itemIndex, description: 'Xoro credited this return once; a second Loop outcome for it must be settled on that memo in Xoro by hand.' },
		);
	}
	const outcome = Object.fromEntries(Object.entries(body.creditMemoHeader).filter(([field]) => !MEMO_IDENTITY.includes(field)));
	const header: IDataObject = { CreditMemoNumber: memo.creditMemoNumber, ...(outcome as IDataObject) };
	return xoroCall(ctx, 'creditMemoUpdate', { body: { creditMemoHeader: header }, itemIndex, expectData: true, recheck });
}
