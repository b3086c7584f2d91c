/**
 * The bench's data on top of the shared scenario: more Shopify orders (each with its Xoro sales order
 * and invoice, as Xoro's Shopify app would have imported them) so every Loop outcome lands on an
 * order of its own, and the Loop outcomes as the Loop simulator would emit them.
 */
import type { LoopReturnProcessed, OutcomeLine } from '../simulators/events';
import { createScenario, variantById, type Scenario, type ScenarioOrder } from '../simulators/scenario';

/** Variants with a SKU: a bench return needs no item lookup by barcode. */
const WITH_SKU = ['41845504639127', '41845504704663', '41845504737431', '41845504770199', '41845504802967'];

/** The scenario with `extraOrders` more orders, #2001 on, of one unit each, placed three days ago. */
export function benchScenario(options: { extraReturns?: number; extraOrders?: number } = {}): Scenario {
	const scenario = createScenario({ extraReturns: options.extraReturns });
	const placed = new Date(Date.parse(scenario.now) - 3 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
	for (let i = 0; i < (options.extraOrders ?? 0); i++) {
		const n = 2001 + i;
		const order: ScenarioOrder = {
			id: String(5000000000 + n),
			name: `#${n}`,
			number: String(n),
			customerEmail: scenario.customers[i % scenario.customers.length].email,
			createdAt: placed,
			lines: [{ lineItemId: String(11500000000 + n * 10), variantId: WITH_SKU[i % WITH_SKU.length], quantity: 1 }],
			xoroSalesOrderNumber: `MAIN-S00${n}`,
			xoroInvoiceNumber: `MAIN-I00${n}`,
		};
		scenario.orders.push(order);
	}
	return scenario;
}

/** The orders benchScenario added, in order. */
export const extraOrders = (scenario: Scenario): ScenarioOrder[] => scenario.orders.filter((o) => Number(o.number) >= 2001);

/** Loop processed a return of the whole `order` with `outcome`; `returnId` is the Loop return's id. */
export function loopOutcome(scenario: Scenario, order: ScenarioOrder, outcome: LoopReturnProcessed['outcome'], returnId: string): LoopReturnProcessed {
	const outcomeLine = (variantId: string, quantity: number): OutcomeLine => {
		const v = variantById(scenario, variantId);
		return { variantId: v.variantId, sku: v.sku, title: v.title, quantity, price: v.price };
	};
	const returnedLines = order.lines.map((l) => outcomeLine(l.variantId, l.quantity));
	// Even exchanges (another size at the same price, else the same item): no refund of a difference, so
	// Shopify holds exactly one transaction per outcome.
	const swap = (l: OutcomeLine) =>
		scenario.variants.find((v) => v.sku && v.price === l.price && v.variantId !== l.variantId)?.variantId ?? l.variantId;
	const exchangeLines = outcome === 'exchange' ? returnedLines.map((l) => outcomeLine(swap(l), l.quantity)) : [];
	return {
		returnId,
		orderId: order.id,
		orderName: order.name,
		outcome,
		amount: Math.round(returnedLines.reduce((n, l) => n + l.price * l.quantity, 0) * 100) / 100,
		currency: scenario.shop.currency,
		customerEmail: order.customerEmail,
		returnedLines,
		exchangeLines,
		additionalDetails: outcome === 'exchange' ? { loop_return_id: returnId, original_order: order.name } : {},
		exchangeOrderName: outcome === 'exchange' ? `EXC-${order.number}-1` : null,
	};
}
