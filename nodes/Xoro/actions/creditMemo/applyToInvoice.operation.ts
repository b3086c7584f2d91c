/**
 * Credit Memo → Apply to Invoice. Input: a Shopify Transactions "redemption" item (a Loop gift card
 * spent on a later order). Applies the card's credit memo to that order's invoice, as Xoro's Shopify
 * app does. The application endpoint is modeled (not public). Idempotent per redemption transaction:
 * its id is the application's ThirdPartyRefNo, looked for on the memo before and after applying.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { redeemedCardRefNo, redemptionRefNo, redemptionToCreditApplication } from '../../../mapping/shopifyToXoro';
import { xoroEndpoint } from '../../endpoints';
import type { XoroCreditMemo } from '../../schemas';
import { xoroApiRequest } from '../../transport';
import { forEachItem } from '../items';
import type { XoroOperation } from '../types';
import { mapped, readTransaction } from './documentSettings';
import { creditMemoJson, findCreditMemosByRef, findInvoicesForOrder, invoiceJson, same, searchInvoices } from './lookups';

/** The memo among `memos` that carries the application for `refNo`, with that application. */
function applied(memos: XoroCreditMemo[], refNo: string) {
	for (const memo of memos) {
		const application = memo.applications.find((a) => same(a.thirdPartyRefNo, refNo));
		if (application) return { memo, application };
	}
	return undefined;
}

async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const output = await forEachItem(this, items, async (itemIndex, item) => {
		const redemption = readTransaction(this, item.json, 'redemption', itemIndex);
		const refNo = mapped(this, itemIndex, () => redemptionRefNo(redemption));
		const cardRef = mapped(this, itemIndex, () => redeemedCardRefNo(redemption));
		const memosOfCard = () => findCreditMemosByRef(this, cardRef, itemIndex);
		const result = (found: NonNullable<ReturnType<typeof applied>>, alreadyExisted: boolean): IDataObject => ({
			alreadyExisted,
			thirdPartyRefNo: refNo,
			creditMemoNumber: found.memo.creditMemoNumber,
			invoiceNumber: found.application.invoiceNumber,
			amount: found.application.amount,
			creditMemo: creditMemoJson(found.memo),
		});

		const memos = await memosOfCard();
		if (!memos.length) {
			throw new NodeOperationError(this.getNode(), `Input item ${itemIndex}: Xoro has no credit memo for gift card ${cardRef}`, {
				itemIndex,
				description: 'Book the gift card first: Credit Memo → Create with the Shopify Transactions credit item of that card.',
			});
		}
		const before = applied(memos, refNo);
		if (before) return result(before, true);

		const invoice = (await findInvoicesForOrder(this, redemption.order, itemIndex)).find((i) => (i.balanceDue ?? 0) > 0);
		if (!invoice?.invoiceNumber) {
			throw new NodeOperationError(
				this.getNode(),
				`Input item ${itemIndex}: Xoro has no open invoice for order ${redemption.order?.name ?? redemption.order?.id ?? '(unknown)'} yet`,
				{ itemIndex, description: 'Xoro invoices an order when it ships. Run this again once the order is invoiced in Xoro.' },
			);
		}
		const memo = memos.find((m) => (m.remainingAmount ?? 0) >= redemption.amount) ?? memos[0];
		const body = mapped(this, itemIndex, () =>
			redemptionToCreditApplication(redemption, { creditMemoNumber: memo.creditMemoNumber ?? '', invoiceNumber: invoice.invoiceNumber! }),
		);
		const { method, path } = xoroEndpoint(this, 'creditApply', itemIndex);
		// Not `expectData`: what this modeled endpoint answers is unknown, and retrying a success that
		// came without data could apply the credit twice where Xoro lists no applications.
		await xoroApiRequest.call(this, method, path, {
			body: body as unknown as IDataObject,
			itemIndex,
			recheck: async () => (applied(await memosOfCard(), refNo) ? true : undefined),
		});
		const after = applied(await memosOfCard(), refNo);
		const invoiceNumber = invoice.invoiceNumber;
		const invoiceAfter = (await searchInvoices(this, { invoice_number: invoiceNumber }, itemIndex)).find((i) => same(i.invoiceNumber, invoiceNumber));
		if (after) return { ...result(after, false), invoice: invoiceJson(invoiceAfter ?? invoice) };
		return {
			alreadyExisted: false,
			thirdPartyRefNo: refNo,
			creditMemoNumber: body.CreditMemoNumber,
			invoiceNumber: body.InvoiceNumber,
			amount: body.Amount,
			invoice: invoiceJson(invoiceAfter ?? invoice),
			warning:
				'Xoro accepted the application, but its credit memo read lists no application with this ThirdPartyRefNo, so a rerun cannot detect it and could apply the credit again.',
		};
	});
	return [output];
}

export const operation: XoroOperation = {
	option: {
		name: 'Apply to Invoice',
		value: 'applyToInvoice',
		action: 'Apply a gift card credit memo to an invoice',
		description: "Applies the gift card's credit memo to the invoice of the order it paid for; once per redemption",
	},
	description: [],
	execute,
};
