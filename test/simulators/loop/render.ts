/**
 * Turns the simulator's return state into Loop's JSON, quirks included: ids as strings in the list
 * and integers in details, money as strings, "N/A" label fields, empty SKUs, quoted reasons,
 * negative prices on exchange lines.
 */
import { customerByEmail, orderById, variantById, type Scenario, type ScenarioOutcome, type ScenarioReturnLine } from '../scenario';
import type { OutcomeLine } from '../events';

export type SimState = 'open' | 'closed' | 'cancelled' | 'expired' | 'review';

export interface SimNote {
	id: number;
	content: string;
	created_at: string;
}

export interface SimReturn {
	id: string;
	/** Shopify order id */
	orderId: string;
	state: SimState;
	outcome: ScenarioOutcome;
	createdAt: string;
	updatedAt: string;
	lines: ScenarioReturnLine[];
	notes: SimNote[];
	/** Set while a Process call is queued: when it closes */
	closesAt?: number;
	additionalDetails?: Record<string, string>;
}

const money = (n: number) => n.toFixed(2);

/** Loop's timestamps: seconds, +00:00; or, as Loop writes some, UTC without an offset (`2026-11-26 23:30:00`). */
export function loopTime(at: Date | string, offsetless = false): string {
	const iso = new Date(at).toISOString();
	return offsetless ? iso.replace('T', ' ').slice(0, 19) : iso.replace(/\.\d{3}Z$/, '+00:00');
}

export function lineValue(scenario: Scenario, ret: SimReturn): number {
	return ret.lines.reduce((sum, line) => sum + variantById(scenario, line.variantId).price, 0);
}

export function exchangeValue(scenario: Scenario, ret: SimReturn): number {
	if (ret.outcome !== 'exchange') return 0;
	return ret.lines.reduce((sum, line) => sum + (line.exchangeVariantId ? variantById(scenario, line.exchangeVariantId).price : 0), 0);
}

export function exchangeOrderName(scenario: Scenario, ret: SimReturn): string | null {
	return ret.outcome === 'exchange' ? `EXC-${orderById(scenario, ret.orderId).number}-1` : null;
}

/** Lines grouped by variant: Loop has one line per unit. */
export function outcomeLines(scenario: Scenario, variantIds: string[]): OutcomeLine[] {
	const byVariant = new Map<string, OutcomeLine>();
	for (const variantId of variantIds) {
		const variant = variantById(scenario, variantId);
		const known = byVariant.get(variantId);
		if (known) known.quantity += 1;
		else byVariant.set(variantId, { variantId, sku: variant.sku, title: variant.title, quantity: 1, price: variant.price });
	}
	return [...byVariant.values()];
}

function renderLine(scenario: Scenario, ret: SimReturn, line: ScenarioReturnLine) {
	const variant = variantById(scenario, line.variantId);
	const exchange = ret.outcome === 'exchange';
	return {
		line_item_id: line.lineItemId,
		provider_line_item_id: line.orderLineItemId,
		product_id: variant.productId,
		variant_id: variant.variantId,
		sku: variant.sku,
		barcode: variant.barcode || 'N/A',
		title: variant.title,
		price: money(exchange ? -variant.price : variant.price),
		discount: '0.00',
		tax: '0.00',
		refund: money(ret.outcome === 'refund' ? variant.price : 0),
		returned_at: ret.createdAt.replace('T', ' ').replace(/(\+00:00|Z)$/, ''),
		exchange_variant: line.exchangeVariantId ?? null,
		return_reason: `"${line.reason}"`,
		parent_return_reason: `"${line.reason}"`,
		return_comment: null,
		outcome: 'default',
	};
}

function renderExchanges(scenario: Scenario, ret: SimReturn) {
	if (ret.outcome !== 'exchange') return [];
	const order = orderById(scenario, ret.orderId);
	return ret.lines
		.filter((line) => line.exchangeVariantId)
		.map((line, i) => {
			const variant = variantById(scenario, line.exchangeVariantId!);
			return {
				exchange_id: String(11800000 + Number(line.lineItemId) % 100000),
				exchange_order_id: ret.state === 'closed' ? 4804378000000 + Number(order.number) : null,
				exchange_order_name: `EXC-${order.number}-${i + 1}`,
				product_id: variant.productId,
				variant_id: variant.variantId,
				sku: variant.sku,
				type: 'exchange',
				title: variant.title,
				price: money(variant.price),
				discount: '0.00',
				tax: '0.00',
				total: money(variant.price),
				out_of_stock: false,
				out_of_stock_resolution: null,
			};
		});
}

export function renderReturn(scenario: Scenario, ret: SimReturn, shape: 'list' | 'details', offsetless = false): Record<string, unknown> {
	const order = orderById(scenario, ret.orderId);
	const customer = customerByEmail(scenario, order.customerEmail);
	const value = lineValue(scenario, ret);
	const exchange = exchangeValue(scenario, ret);
	const credit = ret.outcome === 'credit' ? value : 0;
	const refund = ret.outcome === 'refund' ? value : 0;
	const body: Record<string, unknown> = {
		id: shape === 'details' ? Number(ret.id) : ret.id,
		state: ret.state,
		created_at: loopTime(ret.createdAt, offsetless),
		updated_at: loopTime(ret.updatedAt, offsetless),
		edited_at: null,
		total: money(value - exchange),
		order_id: shape === 'details' ? 50000000 + Number(order.number) : String(50000000 + Number(order.number)),
		order_name: order.name,
		provider_order_id: shape === 'details' ? Number(order.id) : order.id,
		provider_order_number: order.number,
		order_number: order.number,
		customer: customer.email,
		multi_currency: false,
		currency: scenario.shop.currency,
		return_product_total: money(value),
		return_discount_total: '0.00',
		return_tax_total: '0.00',
		return_total: money(value),
		return_credit_total: money(credit),
		exchange_product_total: money(exchange),
		exchange_discount_total: '0.00',
		exchange_tax_total: '0.00',
		exchange_total: money(exchange),
		exchange_credit_total: money(exchange),
		gift_card: money(credit),
		gift_card_order_name: null,
		gift_card_order_id: null,
		handling_fee: '0.00',
		refund: money(refund),
		upsell: '0.00',
		line_items: ret.lines.map((line) => renderLine(scenario, ret, line)),
		exchanges: renderExchanges(scenario, ret),
		carrier: 'N/A',
		tracking_number: 'N/A',
		label_status: 'N/A',
		label_updated_at: 'N/A',
		status_page_url: `https://loop-xoro-demo.loopreturns.com/#/return/${ret.id}`,
		destination_id: 7295,
		return_method: null,
	};
	if (shape === 'list') {
		body.outcome = ret.outcome;
		body.origin_country = 'United States';
		body.origin_country_code = 'US';
	} else {
		body.exchange_order_name = exchangeOrderName(scenario, ret);
		body.refunds = refund ? [{ gateway: 'shopify_payments', amount: money(refund), currency: scenario.shop.currency }] : [];
	}
	return body;
}
