/**
 * The tenant's RMA process, set on the Xoro credential (README, "Xoro's RMA process"): Xoro creates a
 * return ASN only from an approved RMA, and in its old process only from the credit memo the RMA was
 * converted to. ASN → Create for RMA runs these steps before it posts the ASN, each once per RMA however
 * often it runs: an approved RMA is not approved again, a converted one not converted again.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { xoroCreditMemoSchema, type XoroCreditMemo, type XoroRma } from '../schemas';
import { readTenantRmaSettings } from '../tenant';
import { xoroCall } from '../transport';
import { findCreditMemosForRma } from './creditMemo/lookups';
import { createOnce, isLive, parseCreated } from './createOnce';
import { asNodeError } from '../../shared/items';
import { getRma } from './lookups';

/** What the steps before the ASN did: the RMA approved by this run; the memo the ASN is made from (old process). */
export interface RmaReadyForAsn {
	approvedNow: boolean;
	creditMemoNumber: string | null;
}

export async function prepareRmaForAsn(ctx: IExecuteFunctions, rma: XoroRma, itemIndex: number): Promise<RmaReadyForAsn> {
	const tenant = await readTenantRmaSettings(ctx);
	const approvedNow = tenant.approvalBeforeAsn ? await approveRmaOnce(ctx, rma, itemIndex) : false;
	if (tenant.process !== 'old') return { approvedNow, creditMemoNumber: null };
	const { document } = await convertRmaOnce(ctx, rma, itemIndex);
	return { approvedNow, creditMemoNumber: document.creditMemoNumber };
}

/** Xoro's RMA statuses: Open → (Mark as Approved) Approved → Credited. Only an Open RMA awaits approval. */
function awaitsApproval(status: string | null): boolean {
	return /^\s*open\s*$/i.test(status ?? '');
}

/** Marks the RMA approved unless it already is; true when this call approved it. */
async function approveRmaOnce(ctx: IExecuteFunctions, rma: XoroRma, itemIndex: number): Promise<boolean> {
	const rmaNumber = rma.rmaNumber ?? '';
	if (!awaitsApproval(rma.status)) return false;
	const approvedMeanwhile = async () => {
		const status = (await getRma(ctx, rmaNumber, itemIndex))?.status ?? null;
		return status !== null && !awaitsApproval(status) && isLive(status);
	};
	try {
		await xoroCall(ctx, 'rmaApprove', {
			body: { RmaHeader: { RmaNumber: rmaNumber } },
			itemIndex,
			recheck: async () => ((await approvedMeanwhile()) ? true : undefined),
		});
	} catch (error) {
		// A concurrent execution may have approved it first: what matters is that it is approved.
		if (await approvedMeanwhile().catch(() => false)) return false;
		throw asNodeError(ctx, error, itemIndex);
	}
	return true;
}

/** Old process: the RMA's credit memo, converting the RMA once (createOnce voids a racer's duplicate). */
function convertRmaOnce(ctx: IExecuteFunctions, rma: XoroRma, itemIndex: number) {
	const rmaNumber = rma.rmaNumber ?? '';
	return createOnce<XoroCreditMemo>(ctx, itemIndex, {
		what: 'credit memo',
		undo: 'void',
		reference: `RMA ${rmaNumber}`,
		numberOf: (m) => m.creditMemoNumber,
		statusOf: (m) => m.status,
		// Read the RMA again: the link to its memo appears once converted.
		find: async () => findCreditMemosForRma(ctx, (await getRma(ctx, rmaNumber, itemIndex)) ?? rma, itemIndex),
		create: async (recheck) => {
			return xoroCall(ctx, 'rmaConvert', { body: { RmaHeader: { RmaNumber: rmaNumber } }, itemIndex, expectData: true, recheck });
		},
		parseCreated: (data) => parseCreated(xoroCreditMemoSchema, data),
		cancel: (creditMemoNumber, recheck) => xoroCall(ctx, 'creditMemoVoid', { body: { creditMemoHeader: { CreditMemoNumber: creditMemoNumber } }, itemIndex, recheck }),
	});
}
