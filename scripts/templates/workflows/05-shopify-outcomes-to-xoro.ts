import { SHOPIFY, XORO } from '../parts/accounts';
import { kindRule, logTransactionFailures } from '../parts/shopifyOutcomes';
import { shopifyTransactions, xoroRma } from '../ourNodes';
import { base } from '../stockNodes';
import { Workflow } from '../workflow';
import { itemMappingFromTable, readSettings, setting } from '../parts/settings';
import { failTheRunOnFailures } from '../parts/exceptionLog';

export function shopifyOutcomesToXoro(): Workflow {
	const w = new Workflow(
		'05-shopify-outcomes-to-xoro.json',
		'LoopXoroShopOutc',
		'Shopify → Xoro: credits, refunds and exchanges from processed returns',
		'Every 15 minutes, reads what processed Loop returns created in Shopify and records it in Xoro.',
	);
	w.sticky(
		'About this workflow',
		'## Loop outcomes in Shopify → Xoro\nWhen Loop processes a return it creates, in Shopify, a **gift card** (store credit), a **refund**, or an **exchange order**. Every 15 minutes this workflow picks up the new ones and records each once in Xoro:\n' +
			'- gift card → **credit memo**\n- refund → **refunded credit memo**\n- exchange → **sales order** (picked, packed and shipped as usual)\n\n' +
			'Gift cards spent later are handled by *Shopify → Xoro: apply store credit when a gift card is spent*.\n\n' +
			'**Settings** (*Data tables*, see *Loop ↔ Xoro: set up*): exchange order prefixes, adjustment SKU and third-party source come from *Loop Xoro settings*, item numbers from *Loop Xoro item mapping*. **You may change:** the schedule.',
		[-120, -820],
		520,
		380,
	);
	const schedule = w.node(
		'Every 15 minutes',
		base.scheduleTrigger,
		{ rule: { interval: [{ field: 'minutes', minutesInterval: 15 }] } },
		[0, 0],
	);
	const transactions = w.node(
		'New Shopify transactions',
		shopifyTransactions,
		{
			operation: 'getAll',
			windowMode: 'cursor',
			lookbackHours: 24,
			overlapMinutes: 10,
			exchangePrefixes: setting('exchangePrefixes'),
			includeNativeExchanges: true,
			onlyLoopGiftCards: true,
		},
		[240, 0],
		{ credentials: SHOPIFY },
	);
	const byKind = w.node(
		'By kind',
		base.switch,
		{ rules: { values: [kindRule('credit'), kindRule('refund'), kindRule('exchange')] }, options: {} },
		[480, 0],
	);
	const creditMemo = w.node(
		'Credit memo for the gift card',
		xoroRma,
		{ resource: 'creditMemo', operation: 'create', adjustmentSku: setting('adjustmentSku'), thirdPartySource: setting('thirdPartySource'), itemMapping: itemMappingFromTable, options: {} },
		[760, -180],
		{ credentials: XORO },
	);
	const refunded = w.node(
		'Refunded credit memo',
		xoroRma,
		{ resource: 'creditMemo', operation: 'createRefunded', adjustmentSku: setting('adjustmentSku'), thirdPartySource: setting('thirdPartySource'), itemMapping: itemMappingFromTable, options: {} },
		[760, 0],
		{ credentials: XORO },
	);
	const exchange = w.node(
		'Exchange sales order',
		xoroRma,
		{ resource: 'salesOrder', operation: 'createExchange', thirdPartySource: setting('thirdPartySource'), itemMapping: itemMappingFromTable, options: {} },
		[760, 180],
		{ credentials: XORO },
	);
	readSettings(w, schedule, [240, -400]);
	w.chain(schedule, transactions, byKind);
	w.link(byKind, creditMemo, 0);
	w.link(byKind, refunded, 1);
	w.link(byKind, exchange, 2);
	logTransactionFailures(w, transactions, [creditMemo, refunded, exchange], [1040, 0]);
	failTheRunOnFailures(w, schedule, [760, 400]);
	return w;
}
