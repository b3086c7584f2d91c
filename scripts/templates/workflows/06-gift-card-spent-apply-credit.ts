import { SHOPIFY, XORO } from '../parts/accounts';
import { logTransactionFailures } from '../parts/shopifyOutcomes';
import { shopifyTransactions, xoroRma } from '../ourNodes';
import { base } from '../stockNodes';
import { Workflow } from '../workflow';
import { failTheRunOnFailures } from '../parts/exceptionLog';

export function giftCardSpentApplyCredit(): Workflow {
	const w = new Workflow(
		'06-gift-card-spent-apply-credit.json',
		'LoopXoroGiftSpnt',
		'Shopify → Xoro: apply store credit when a gift card is spent',
		"Every 15 minutes, finds orders paid with a Loop gift card and applies the matching Xoro credit memo to the order's invoice.",
	);
	w.sticky(
		'About this workflow',
		"## A Loop gift card is spent\nWhen a customer pays a new order with the gift card Loop issued, the credit memo Xoro holds for that card is **applied to the new order's invoice**, once per payment.\n\n" +
			'Xoro invoices an order when it ships, often hours or days later: until then the payment comes out of *Apply credit memo to invoice* with `pending: true` and is tried again on every run, and applied once the invoice exists. After 60 days (*Wait for Invoice* on that node) it is reported as failed. A missing credit memo is reported at once.',
		[-120, -340],
		460,
		300,
	);
	const schedule = w.node(
		'Every 15 minutes',
		base.scheduleTrigger,
		{ rule: { interval: [{ field: 'minutes', minutesInterval: 15 }] } },
		[0, 0],
	);
	const payments = w.node(
		'Gift card payments',
		shopifyTransactions,
		{ operation: 'getGiftCardRedemptions', windowMode: 'cursor', lookbackHours: 24, overlapMinutes: 10, onlyLoopGiftCards: true },
		[240, 0],
		{ credentials: SHOPIFY },
	);
	const apply = w.node(
		'Apply credit memo to invoice',
		xoroRma,
		{ resource: 'creditMemo', operation: 'applyToInvoice' },
		[480, 0],
		{ credentials: XORO },
	);
	w.chain(schedule, payments, apply);
	logTransactionFailures(w, payments, [apply], [760, 0]);
	failTheRunOnFailures(w, schedule, [480, 400]);
	return w;
}
