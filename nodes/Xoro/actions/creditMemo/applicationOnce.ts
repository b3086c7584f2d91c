/**
 * Apply to Invoice's document for createOnceBatch: the application of a gift card's credit memo to an
 * invoice, keyed by the redemption's id, numbered by ApplicationId; a duplicate from overlapping runs
 * is reversed (creditmemo/unapply) rather than cancelled. Each item's look-up is its plan's read of
 * the card's memos (which the choice of memo needs anyway); the batch's search stands for the
 * read-backs.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { ShopifyRedemption } from '../../../mapping/contracts';
import { parseXoroDate } from '../../../shared/dates';
import { redeemedCardRefNo, redemptionRefNo, redemptionToCreditApplication, type XoroCreditApplication } from '../../../mapping/shopifyToXoro';
import { xoroCreditApplicationSchema, type XoroCreditApplicationRecord, type XoroCreditMemo, type XoroInvoice } from '../../schemas';
import { xoroCall } from '../../transport';
import { isLive, onceOutput, parseCreated, type OnceBatchItem, type OnceBatchSearch, type OnceDocumentKind, type OnceResult } from '../createOnce';
import { windowSince } from '../batchWindow';
import { creditMemoJson, invoiceJson } from '../output';
import { mapped, readTransaction } from './documentSettings';
import { checkSameCurrency } from './importCreditMemo';
import { findCreditMemosByRef, searchCreditMemosOfRefsSince } from './lookups';

/** One application of a memo to an invoice, with the memo it was read from (none when only answered). */
export interface Application {
	memo: XoroCreditMemo | null;
	application: XoroCreditApplicationRecord;
	/** Xoro confirmed it but its memo read does not list applications */
	unlisted?: boolean;
}

const UNLISTED_WARNING =
	'Xoro accepted the application, but its credit memo read lists no application with this ThirdPartyRefNo, so a rerun cannot detect it and could apply the credit again.';

/** One redemption, planned: its card's memos (its look-up), then the open invoice it applies to. */
export interface ApplyPlan {
	redemption: ShopifyRedemption;
	refNo: string;
	zone: string;
	memos: XoroCreditMemo[];
	/** A live application for the redemption was among the memos: nothing to apply, no invoice needed */
	applied: boolean;
	invoice?: XoroInvoice;
	/** The application sent, once it was */
	body?: XoroCreditApplication;
	once: OnceBatchItem<Application>;
}

/** The applications among `memos` made for any of the redemptions `refNos` (lower case), each with its memo. */
function applicationsOf(memos: XoroCreditMemo[], refNos: Set<string>): Application[] {
	return memos.flatMap((memo) =>
		memo.applications.filter((application) => refNos.has((application.thirdPartyRefNo ?? '').toLowerCase())).map((application) => ({ memo, application })),
	);
}

export async function planApply(ctx: IExecuteFunctions, itemIndex: number, item: INodeExecutionData, zone: string): Promise<ApplyPlan> {
	const redemption = readTransaction(ctx, item.json, 'redemption', itemIndex);
	const refNo = mapped(ctx, itemIndex, () => redemptionRefNo(redemption));
	const cardRef = mapped(ctx, itemIndex, () => redeemedCardRefNo(redemption));
	const memosOfCard = () => findCreditMemosByRef(ctx, cardRef, itemIndex);
	const memos = await memosOfCard();
	if (!memos.some((m) => isLive(m.status))) {
		throw new NodeOperationError(ctx.getNode(), `Input item ${itemIndex}: Xoro has no credit memo for gift card ${cardRef}`, {
			itemIndex,
			description: 'Book the gift card first: Credit Memo → Create with the Shopify Transactions credit item of that card.',
		});
	}
	const ours = new Set([refNo.toLowerCase()]);
	// The application is the document here: keyed by the redemption's id, numbered by ApplicationId,
	// and a duplicate from overlapping runs is reversed (unapplied) rather than cancelled.
	const kind: OnceDocumentKind<Application> = {
		what: 'credit application',
		undo: 'reverse',
		reference: `redemption ${refNo}`,
		numberOf: (a) => a.application.applicationId,
		statusOf: (a) => a.application.status,
		// The look-up is the plan's read of the card's memos; a complete read reads them again.
		find: async (complete) => applicationsOf(complete ? await memosOfCard() : memos, ours),
		create: async (recheck) => {
			const invoice = plan.invoice!;
			const live = memos.filter((m) => isLive(m.status));
			const memo = live.find((m) => (m.remainingAmount ?? 0) >= redemption.amount) ?? live[0];
			checkSameCurrency(ctx, itemIndex, memo.currencyCode ?? redemption.currency, invoice);
			const target = { creditMemoNumber: memo.creditMemoNumber ?? '', invoiceNumber: invoice.invoiceNumber ?? '' };
			const body = mapped(ctx, itemIndex, () => redemptionToCreditApplication(redemption, target, zone));
			plan.body = body;
			// Not `expectData`: what this modeled endpoint answers is unknown, and retrying a success that
			// came without data could apply the credit twice where Xoro lists no applications.
			return xoroCall(ctx, 'creditApply', { body: body as unknown as IDataObject, itemIndex, recheck });
		},
		parseCreated: (data) => {
			const application = parseCreated(xoroCreditApplicationSchema, data);
			return application ? { memo: null, application } : undefined;
		},
		cancel: async (applicationId, recheck) => {
			const id = /^\d+$/.test(applicationId) ? Number(applicationId) : applicationId;
			return xoroCall(ctx, 'creditUnapply', { body: { ApplicationId: id, ThirdPartyRefNo: refNo }, itemIndex, recheck });
		},
		unlisted: () => ({
			memo: null,
			unlisted: true,
			application: {
				applicationId: null,
				status: null,
				invoiceNumber: plan.body?.InvoiceNumber ?? null,
				amount: plan.body?.Amount ?? null,
				thirdPartyRefNo: refNo,
				txnDate: plan.body?.TxnDate ?? null,
			},
		}),
	};
	const applied = applicationsOf(memos, ours).some((a) => isLive(a.application.status));
	const plan: ApplyPlan = { redemption, refNo, zone, memos, applied, once: { itemIndex, kind, reference: refNo } };
	return plan;
}

/** The memos' own stamps start the window, on the clock that filters it; an hour covers a wall clock repeating one (daylight saving's end). */
const MEMO_WINDOW_LEAD_MS = 3_600_000;

/**
 * The batch's read-back (createOnceBatch; each item's look-up is its plan's read): the memos of the
 * batch's cards made since the oldest of them, with their applications, kept by the redemption's id.
 * A racer applies one of the card's live memos, which the plan listed or Xoro made later, so the
 * window holds every application of the batch. None when a memo has no creation date.
 */
export function applicationBatchSearch(ctx: IExecuteFunctions, plans: ApplyPlan[]): OnceBatchSearch<Application> {
	return {
		readsBackOnly: true,
		read: async (maxPages) => {
			const created = plans.flatMap((p) => p.memos.map((m) => parseXoroDate(m.createdDate, p.zone)));
			const since = windowSince(created, plans[0]?.zone ?? '', MEMO_WINDOW_LEAD_MS);
			if (!since) return undefined;
			const cards = plans.map((p) => redeemedCardRefNo(p.redemption));
			const memos = await searchCreditMemosOfRefsSince(ctx, cards, since, maxPages, plans[0].once.itemIndex);
			return memos && applicationsOf(memos, new Set(plans.map((p) => p.refNo.toLowerCase())));
		},
		referenceOf: (a) => a.application.thirdPartyRefNo,
	};
}

export function applicationOutput(result: OnceResult<Application>, plan: ApplyPlan, invoice: XoroInvoice | undefined): IDataObject {
	const { memo, application, unlisted } = result.document;
	return onceOutput(result, () => ({
		thirdPartyRefNo: plan.refNo,
		applicationId: application.applicationId,
		creditMemoNumber: memo?.creditMemoNumber ?? plan.body?.CreditMemoNumber ?? null,
		invoiceNumber: application.invoiceNumber,
		amount: application.amount,
		...(memo ? { creditMemo: creditMemoJson(memo) } : {}),
		...(invoice ? { invoice: invoiceJson(invoice) } : {}),
		...(unlisted ? { warning: UNLISTED_WARNING } : {}),
	}));
}
