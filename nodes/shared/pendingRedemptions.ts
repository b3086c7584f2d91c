/**
 * Gift card redemptions whose order Xoro has not invoiced yet (Xoro invoices an order when it ships,
 * hours or days after the card was spent). They wait in the workflow's static data, where two nodes
 * of the same workflow meet: Credit Memo → Apply to Invoice adds one when the invoice is missing and
 * removes it once applied (or given up); Shopify Transactions (Since Last Run) hands every waiting
 * one out again on each run, so it is tried until its invoice exists.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { ShopifyRedemption } from '../mapping/contracts';

const KEY = 'pendingRedemptions';

interface Pending extends IDataObject {
	/** The Shopify Transactions item as it first came */
	redemption: IDataObject;
	/** When Apply to Invoice first found no invoice for it (UTC ISO) */
	since: string;
}

function store(ctx: IExecuteFunctions): Record<string, Pending> {
	const data = ctx.getWorkflowStaticData('global');
	return (data[KEY] ??= {}) as Record<string, Pending>;
}

/** The redemptions waiting for their invoice, oldest first. */
export function pendingRedemptions(ctx: IExecuteFunctions): ShopifyRedemption[] {
	return Object.values(store(ctx))
		.sort((a, b) => a.since.localeCompare(b.since))
		.map((p) => p.redemption as unknown as ShopifyRedemption);
}

/**
 * Keeps a redemption for the next runs; the first `since` stays. Returns that `since`. Entries kept
 * longer than `keepDays` are dropped on the way (a workflow that never hands them out again, e.g. a
 * reconciliation over a fixed range, does not grow its static data forever).
 */
export function keepPending(ctx: IExecuteFunctions, redemption: ShopifyRedemption, now: string, keepDays: number): string {
	const pending = store(ctx);
	const oldest = Date.parse(now) - keepDays * 86_400_000;
	for (const [id, entry] of Object.entries(pending)) if (Date.parse(entry.since) < oldest) delete pending[id];
	pending[redemption.id] ??= { redemption: { ...redemption } as unknown as IDataObject, since: now };
	return pending[redemption.id].since;
}

/** Forgets a redemption: applied, or given up. */
export function dropPending(ctx: IExecuteFunctions, redemptionId: string): void {
	const pending = store(ctx);
	if (pending[redemptionId]) delete pending[redemptionId];
}
