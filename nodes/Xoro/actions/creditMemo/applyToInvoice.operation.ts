/**
 * Credit Memo → Apply to Invoice. Input: a Shopify Transactions "redemption" item (a Loop gift card
 * spent on a later order). Applies the card's credit memo to that order's invoice, as Xoro's Shopify
 * app does. The application endpoint is modeled (not public). Idempotent per redemption transaction:
 * its id is the application's ThirdPartyRefNo, looked for on the memo before and after applying;
 * createOnce reverses (creditmemo/unapply) a duplicate application that overlapping runs made
 * (applicationOnce.ts).
 * An order Xoro has not invoiced yet (it invoices on shipment) makes the redemption pending, not failed.
 */
import { DateTime } from 'luxon';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { ShopifyRedemption } from '../../../mapping/contracts';
import { toMillis } from '../../../shared/dates';
import { readNonNegative } from '../../../shared/params';
import { dropPending, keepPending } from '../../../shared/pendingRedemptions';
import { createOnceBatch, outcomeOf, planEach } from '../createOnce';
import { forEachItem } from '../../../shared/items';
import type { XoroOperation } from '../types';
import { applicationBatchSearch, applicationOutput, planApply, type ApplyPlan } from './applicationOnce';
import { invoiceListing, invoiceNumbered, openInvoiceFinder } from './batchInvoices';
import { xoroTimeZone } from '../../tenant';

const DAY_MS = 86_400_000;

const displayOptions = { show: { resource: ['creditMemo'], operation: ['applyToInvoice'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Wait for Invoice (Days)',
		name: 'invoiceWaitDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 60,
		description:
			'Xoro invoices an order when it ships. Until then the redemption comes out with pending: true and is tried again on every run (Shopify Transactions, Since Last Run, hands it out again); this many days after the card was spent it fails instead. 0: fail at once.',
	},
];

const description = updateDisplayOptions(displayOptions, properties);

/**
 * The redemption waits for its order's invoice (Xoro has no open one yet), or, past the wait, fails
 * with the reason it waited.
 */
function pendingOrFailed(ctx: IExecuteFunctions, redemption: ShopifyRedemption, refNo: string, itemIndex: number): IDataObject {
	const reason = `Input item ${itemIndex}: Xoro has no open invoice for order ${redemption.order?.name ?? redemption.order?.id ?? '(unknown)'} yet`;
	const waitDays = readNonNegative(ctx, 'invoiceWaitDays', 'Wait for Invoice (Days)', itemIndex, 60);
	const now = DateTime.utc();
	const spentAt = toMillis(redemption.occurredAt);
	const giveUpAt = (Number.isFinite(spentAt) ? spentAt : now.toMillis()) + waitDays * DAY_MS;
	if (now.toMillis() >= giveUpAt) {
		dropPending(ctx, redemption.id);
		throw new NodeOperationError(ctx.getNode(), `${reason}, ${waitDays} days after the gift card was spent`, {
			itemIndex,
			description: `Xoro invoices an order when it ships. Run this again once the order is invoiced in Xoro. Apply to Invoice waited ${waitDays} days (Wait for Invoice) and no longer tries.`,
		});
	}
	const since = keepPending(ctx, redemption, now.toISO()!, waitDays + 1);
	return {
		pending: true,
		thirdPartyRefNo: refNo,
		order: redemption.order as unknown as IDataObject,
		amount: redemption.amount,
		reason,
		pendingSince: since,
		giveUpAt: DateTime.fromMillis(giveUpAt, { zone: 'utc' }).toISO(),
	};
}

/**
 * The batch (issue 11): each card's memos are read per item (its look-up), the orders' open invoices
 * come from one listing (batchInvoices.ts), the applications go through createOnceBatch with one
 * read-back, and one more listing gives the balances they left.
 */
async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const planned = await planEach(this, items, async (itemIndex, item) => planApply(this, itemIndex, item, await xoroTimeZone(this, itemIndex)));
	const plans = planned.filter((p): p is ApplyPlan => !(p instanceof Error));
	// Only a redemption not applied yet needs its order's open invoice; without one it waits (pending).
	const unapplied = plans.filter((p) => !p.applied);
	const listed = unapplied.length ? await invoiceListing(this, unapplied) : undefined;
	const openInvoiceOf = openInvoiceFinder(this, listed);
	const ready = await planEach(this, items, async (itemIndex) => {
		const plan = planned[itemIndex];
		if (plan instanceof Error) throw plan;
		if (plan && !plan.applied) plan.invoice = await openInvoiceOf(plan.redemption.order, itemIndex);
		return plan;
	});
	const waiting = (plan: ApplyPlan) => !plan.applied && !plan.invoice;
	const toRun = ready.filter((p): p is ApplyPlan => p !== undefined && !(p instanceof Error) && !waiting(p));
	const outcomes = await createOnceBatch(this, toRun.map((p) => p.once), applicationBatchSearch(this, toRun));
	// The balances the applications left, for the output of those this execution made.
	const made = toRun.filter((p) => {
		const outcome = outcomes.get(p.once.itemIndex);
		return outcome && !(outcome instanceof Error) && !outcome.alreadyExisted;
	});
	const after = made.length ? await invoiceListing(this, made) : undefined;

	const output = await forEachItem(this, items, async (itemIndex) => {
		const plan = ready[itemIndex];
		if (plan instanceof Error) throw plan;
		if (plan && waiting(plan)) return pendingOrFailed(this, plan.redemption, plan.refNo, itemIndex);
		const result = outcomeOf(this, outcomes, itemIndex);
		dropPending(this, plan.redemption.id);
		const invoiceNumber = result.document.application.invoiceNumber;
		const invoice = !result.alreadyExisted && invoiceNumber ? ((await invoiceNumbered(this, after, invoiceNumber, itemIndex)) ?? plan.invoice) : undefined;
		return applicationOutput(result, plan, invoice);
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
	description,
	execute,
};
