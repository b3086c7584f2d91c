/**
 * Credit Memo → Apply to Invoice. Input: a Shopify Transactions "redemption" item (a Loop gift card
 * spent on a later order). Applies the card's credit memo to that order's invoice, as Xoro's Shopify
 * app does. The application endpoint is modeled (not public). Idempotent per redemption transaction:
 * its id is the application's ThirdPartyRefNo, looked for on the memo before and after applying;
 * createOnce reverses (creditmemo/unapply) a duplicate application that overlapping runs made.
 * An order Xoro has not invoiced yet (it invoices on shipment) makes the redemption pending, not failed.
 */
import { DateTime } from 'luxon';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { ShopifyRedemption } from '../../../mapping/contracts';
import { toMillis } from '../../../shared/dates';
import { readNonNegative } from '../../../shared/params';
import { dropPending, keepPending } from '../../../shared/pendingRedemptions';
import { redeemedCardRefNo, redemptionRefNo, redemptionToCreditApplication, type XoroCreditApplication } from '../../../mapping/shopifyToXoro';
import { xoroCreditApplicationSchema, type XoroCreditApplicationRecord, type XoroCreditMemo, type XoroInvoice } from '../../schemas';
import { xoroCall } from '../../transport';
import { createOnce, isLive, onceOutput, parseCreated } from '../createOnce';
import { asNodeError, forEachItem } from '../../../shared/items';
import { same } from '../lookups';
import type { XoroOperation } from '../types';
import { mapped, readTransaction } from './documentSettings';
import { checkSameCurrency } from './importCreditMemo';
import { creditMemoJson, invoiceJson } from '../output';
import { findCreditMemosByRef, findInvoicesForOrder, searchInvoices } from './lookups';
import { xoroTimeZone } from '../../tenant';

/** One application of a memo to an invoice, with the memo it was read from (none when only answered). */
interface Application {
	memo: XoroCreditMemo | null;
	application: XoroCreditApplicationRecord;
	/** Xoro confirmed it but its memo read does not list applications */
	unlisted?: boolean;
}

const UNLISTED_WARNING =
	'Xoro accepted the application, but its credit memo read lists no application with this ThirdPartyRefNo, so a rerun cannot detect it and could apply the credit again.';

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

/** No open invoice for the order yet: the item waits instead of failing (see execute). */
class InvoiceNotYet extends NodeOperationError {}

/** The redemption waits for its invoice, or, past the wait, fails with the reason it waited. */
function pendingOrFailed(ctx: IExecuteFunctions, redemption: ShopifyRedemption, refNo: string, missing: InvoiceNotYet, itemIndex: number): IDataObject {
	const waitDays = readNonNegative(ctx, 'invoiceWaitDays', 'Wait for Invoice (Days)', itemIndex, 60);
	const now = DateTime.utc();
	const spentAt = toMillis(redemption.occurredAt);
	const giveUpAt = (Number.isFinite(spentAt) ? spentAt : now.toMillis()) + waitDays * DAY_MS;
	if (now.toMillis() >= giveUpAt) {
		dropPending(ctx, redemption.id);
		throw new NodeOperationError(ctx.getNode(), `${missing.message}, ${waitDays} days after the gift card was spent`, {
			itemIndex,
			description: `${missing.description ?? ''} Apply to Invoice waited ${waitDays} days (Wait for Invoice) and no longer tries.`.trim(),
		});
	}
	const since = keepPending(ctx, redemption, now.toISO()!, waitDays + 1);
	return {
		pending: true,
		thirdPartyRefNo: refNo,
		order: redemption.order as unknown as IDataObject,
		amount: redemption.amount,
		reason: missing.message,
		pendingSince: since,
		giveUpAt: DateTime.fromMillis(giveUpAt, { zone: 'utc' }).toISO(),
	};
}

async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const output = await forEachItem(this, items, async (itemIndex, item) => {
		const redemption = readTransaction(this, item.json, 'redemption', itemIndex);
		try {
			const applied = await applyOnce.call(this, redemption, itemIndex);
			dropPending(this, redemption.id);
			return applied;
		} catch (error) {
			if (!(error instanceof InvoiceNotYet)) throw asNodeError(this, error, itemIndex);
			return pendingOrFailed(this, redemption, redemptionRefNo(redemption), error, itemIndex);
		}
	});
	return [output];
}

async function applyOnce(this: IExecuteFunctions, redemption: ShopifyRedemption, itemIndex: number): Promise<IDataObject> {
	const refNo = mapped(this, itemIndex, () => redemptionRefNo(redemption));
	const cardRef = mapped(this, itemIndex, () => redeemedCardRefNo(redemption));
	const memosOfCard = () => findCreditMemosByRef(this, cardRef, itemIndex);

	const memos = await memosOfCard();
	if (!memos.some((m) => isLive(m.status))) {
		throw new NodeOperationError(this.getNode(), `Input item ${itemIndex}: Xoro has no credit memo for gift card ${cardRef}`, {
			itemIndex,
			description: 'Book the gift card first: Credit Memo → Create with the Shopify Transactions credit item of that card.',
		});
	}
	let invoice: XoroInvoice | undefined;
	let body: XoroCreditApplication | undefined;

	// The application is the document here: keyed by the redemption's id, numbered by ApplicationId,
	// and a duplicate from overlapping runs is reversed (unapplied) rather than cancelled.
	const result = await createOnce<Application>(this, itemIndex, {
		what: 'credit application',
		undo: 'reverse',
		reference: `redemption ${refNo}`,
		numberOf: (a) => a.application.applicationId,
		statusOf: (a) => a.application.status,
		find: async () =>
			(await memosOfCard()).flatMap((memo) =>
				memo.applications.filter((application) => same(application.thirdPartyRefNo, refNo)).map((application) => ({ memo, application })),
			),
		create: async (recheck) => {
			invoice = (await findInvoicesForOrder(this, redemption.order, itemIndex)).find((i) => (i.balanceDue ?? 0) > 0);
			if (!invoice?.invoiceNumber) {
				throw new InvoiceNotYet(
					this.getNode(),
					`Input item ${itemIndex}: Xoro has no open invoice for order ${redemption.order?.name ?? redemption.order?.id ?? '(unknown)'} yet`,
					{ itemIndex, description: 'Xoro invoices an order when it ships. Run this again once the order is invoiced in Xoro.' },
				);
			}
			const live = memos.filter((m) => isLive(m.status));
			const memo = live.find((m) => (m.remainingAmount ?? 0) >= redemption.amount) ?? live[0];
			checkSameCurrency(this, itemIndex, memo.currencyCode ?? redemption.currency, invoice);
			const target = { creditMemoNumber: memo.creditMemoNumber ?? '', invoiceNumber: invoice.invoiceNumber };
			const zone = await xoroTimeZone(this, itemIndex);
			body = mapped(this, itemIndex, () => redemptionToCreditApplication(redemption, target, zone));
			// Not `expectData`: what this modeled endpoint answers is unknown, and retrying a success that
			// came without data could apply the credit twice where Xoro lists no applications.
			return xoroCall(this, 'creditApply', { body: body as unknown as IDataObject, itemIndex, recheck });
		},
		parseCreated: (data) => {
			const application = parseCreated(xoroCreditApplicationSchema, data);
			return application ? { memo: null, application } : undefined;
		},
		cancel: async (applicationId, recheck) => {
			const id = /^\d+$/.test(applicationId) ? Number(applicationId) : applicationId;
			return xoroCall(this, 'creditUnapply', { body: { ApplicationId: id, ThirdPartyRefNo: refNo }, itemIndex, recheck });
		},
		unlisted: () => ({
			memo: null,
			unlisted: true,
			application: { applicationId: null, status: null, invoiceNumber: body?.InvoiceNumber ?? null, amount: body?.Amount ?? null, thirdPartyRefNo: refNo, txnDate: body?.TxnDate ?? null },
		}),
	});

	const { memo, application, unlisted } = result.document;
	const invoiceNumber = application.invoiceNumber;
	const invoiceAfter = invoiceNumber ? (await searchInvoices(this, { invoice_number: invoiceNumber }, itemIndex)).find((i) => same(i.invoiceNumber, invoiceNumber)) : undefined;
	const invoiceNow = invoiceAfter ?? invoice;
	return onceOutput(result, () => ({
		thirdPartyRefNo: refNo,
		applicationId: application.applicationId,
		creditMemoNumber: memo?.creditMemoNumber ?? body?.CreditMemoNumber ?? null,
		invoiceNumber,
		amount: application.amount,
		...(memo ? { creditMemo: creditMemoJson(memo) } : {}),
		...(invoiceNow && !result.alreadyExisted ? { invoice: invoiceJson(invoiceNow) } : {}),
		...(unlisted ? { warning: UNLISTED_WARNING } : {}),
	}));
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
