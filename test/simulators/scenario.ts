/**
 * One seeded store that the Loop, Xoro and Shopify simulators all start from, so that a Loop return
 * refers to a Shopify order that Xoro already has as a shipped sales order with an invoice.
 * Pure data: each simulator copies what it needs into its own state.
 */
import { DateTime } from 'luxon';

export interface ScenarioVariant {
	/** Shopify numeric ids, as strings */
	productId: string;
	variantId: string;
	/** Empty for the variant that tests the barcode fallback */
	sku: string;
	barcode: string;
	title: string;
	price: number;
	/** The Xoro item this variant is stocked as */
	xoroItemNumber: string;
}

export interface ScenarioCustomer {
	shopifyId: string;
	email: string;
	firstName: string;
	lastName: string;
	xoroCustomerName: string;
}

export interface ScenarioOrderLine {
	lineItemId: string;
	variantId: string;
	quantity: number;
}

export interface ScenarioOrder {
	/** Shopify numeric id */
	id: string;
	/** "#1001" */
	name: string;
	number: string;
	customerEmail: string;
	createdAt: string;
	lines: ScenarioOrderLine[];
	/** Xoro's sales order and invoice for it (Xoro's Shopify app imported and shipped it) */
	xoroSalesOrderNumber: string;
	xoroInvoiceNumber: string;
}

export type ScenarioOutcome = 'credit' | 'refund' | 'exchange';

export interface ScenarioReturnLine {
	/** Loop's per-unit line id */
	lineItemId: string;
	/** The Shopify order line this unit comes from */
	orderLineItemId: string;
	variantId: string;
	reason: string;
	/** For exchanges: the variant the customer gets instead */
	exchangeVariantId?: string;
}

export interface ScenarioReturn {
	id: string;
	orderId: string;
	state: 'open' | 'closed' | 'cancelled' | 'expired' | 'review';
	outcome: ScenarioOutcome;
	createdAt: string;
	updatedAt: string;
	lines: ScenarioReturnLine[];
}

export interface Scenario {
	now: string;
	shop: { domain: string; name: string; currency: string; plan: 'standard' | 'advanced' | 'plus' };
	xoro: { storeCode: string; storeName: string; returnLocation: string };
	/** Loop's Shopify api_client id, also the source_name of its exchange orders */
	loopApiClientId: string;
	variants: ScenarioVariant[];
	customers: ScenarioCustomer[];
	orders: ScenarioOrder[];
	returns: ScenarioReturn[];
}

export interface ScenarioOptions {
	/** Anchor of every date in the store; defaults to the current time */
	now?: Date;
	/** Extra open returns, for paging and benchmarks */
	extraReturns?: number;
}

const variants: ScenarioVariant[] = [
	v('7469735116951', '41845504639127', 'TEE-PM-S', '0810000000011', 'T-shirt: product managers - Small', 29.99),
	v('7469735116951', '41845504671895', 'TEE-PM-M', '0810000000028', 'T-shirt: product managers - Medium', 29.99),
	v('7469735116951', '41845504704663', 'TEE-PM-L', '0810000000035', 'T-shirt: product managers - Large', 29.99),
	v('7469735149719', '41845504737431', 'HOOD-GRY-M', '0810000000042', 'Hoodie grey - Medium', 64.0),
	v('7469735149719', '41845504770199', 'HOOD-GRY-L', '0810000000059', 'Hoodie grey - Large', 64.0),
	v('7469735182487', '41845504802967', 'CAP-NAVY', '0810000000066', 'Cap navy', 19.5),
	// Sold in Shopify without a SKU: only the barcode ties it to Xoro's item.
	{ ...v('7469735215255', '41845504835735', '', '0810000000073', 'Socks 3-pack', 12.0), xoroItemNumber: 'SOCK-3PK' },
];

function v(productId: string, variantId: string, sku: string, barcode: string, title: string, price: number): ScenarioVariant {
	return { productId, variantId, sku, barcode, title, price, xoroItemNumber: sku };
}

const customers: ScenarioCustomer[] = [
	{ shopifyId: '7001', email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', xoroCustomerName: 'Ada Lovelace' },
	{ shopifyId: '7002', email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper', xoroCustomerName: 'Grace Hopper' },
	{ shopifyId: '7003', email: 'alan@example.com', firstName: 'Alan', lastName: 'Turing', xoroCustomerName: 'Alan Turing' },
];

export function createScenario(options: ScenarioOptions = {}): Scenario {
	const now = DateTime.fromJSDate(options.now ?? new Date()).toUTC().startOf('second');
	const at = (hoursAgo: number) => now.minus({ hours: hoursAgo }).toISO({ suppressMilliseconds: true })!;

	const order = (n: number, email: string, daysAgo: number, lines: Array<[string, number]>): ScenarioOrder => ({
		id: String(5000000000 + n),
		name: `#${n}`,
		number: String(n),
		customerEmail: email,
		createdAt: at(daysAgo * 24),
		lines: lines.map(([variantId, quantity], i) => ({ lineItemId: String(11500000000 + n * 10 + i), variantId, quantity })),
		xoroSalesOrderNumber: `MAIN-S00${n}`,
		xoroInvoiceNumber: `MAIN-I00${n}`,
	});

	const orders = [
		order(1001, 'ada@example.com', 9, [['41845504639127', 2], ['41845504802967', 1]]),
		order(1002, 'grace@example.com', 8, [['41845504737431', 1]]),
		order(1003, 'alan@example.com', 7, [['41845504704663', 1], ['41845504835735', 2]]),
		order(1004, 'ada@example.com', 6, [['41845504770199', 1]]),
		order(1005, 'grace@example.com', 5, [['41845504671895', 1]]),
		order(1006, 'alan@example.com', 4, [['41845504802967', 2]]),
	];

	const line = (o: ScenarioOrder, idx: number, unit: number, reason: string, exchangeVariantId?: string): ScenarioReturnLine => ({
		lineItemId: String(123194000 + Number(o.number) * 10 + idx * 3 + unit),
		orderLineItemId: o.lines[idx].lineItemId,
		variantId: o.lines[idx].variantId,
		reason,
		exchangeVariantId,
	});
	const [o1, o2, o3, o4, o5, o6] = orders;

	const returns: ScenarioReturn[] = [
		// Two units of the same SKU (two Loop lines) plus a cap, for store credit.
		{ id: '25044701', orderId: o1.id, state: 'open', outcome: 'credit', createdAt: at(30), updatedAt: at(30),
			lines: [line(o1, 0, 0, 'Too small'), line(o1, 0, 1, 'Too small'), line(o1, 1, 0, 'Changed my mind')] },
		{ id: '25044702', orderId: o2.id, state: 'open', outcome: 'refund', createdAt: at(20), updatedAt: at(20),
			lines: [line(o2, 0, 0, 'Damaged')] },
		// The socks have no SKU in Shopify: the barcode fallback applies.
		{ id: '25044703', orderId: o3.id, state: 'open', outcome: 'exchange', createdAt: at(10), updatedAt: at(10),
			lines: [line(o3, 0, 0, 'Too big', '41845504671895'), line(o3, 1, 0, 'Wrong colour', '41845504835735')] },
		{ id: '25044704', orderId: o4.id, state: 'review', outcome: 'refund', createdAt: at(50), updatedAt: at(5),
			lines: [line(o4, 0, 0, 'Not as described')] },
		{ id: '25044705', orderId: o5.id, state: 'cancelled', outcome: 'credit', createdAt: at(60), updatedAt: at(40),
			lines: [line(o5, 0, 0, 'Ordered by mistake')] },
		{ id: '25044706', orderId: o6.id, state: 'closed', outcome: 'credit', createdAt: at(90), updatedAt: at(70),
			lines: [line(o6, 0, 0, 'Too small')] },
	];

	for (let i = 0; i < (options.extraReturns ?? 0); i++) {
		const o = orders[i % orders.length];
		returns.push({
			id: String(26000000 + i), orderId: o.id, state: 'open', outcome: 'credit',
			createdAt: at(100 - (i % 90)), updatedAt: at(100 - (i % 90)),
			lines: [{ ...line(o, 0, 0, 'Bulk'), lineItemId: String(130000000 + i) }],
		});
	}

	return {
		now: now.toISO({ suppressMilliseconds: true })!,
		shop: { domain: 'loop-xoro-demo.myshopify.com', name: 'Loop Xoro Demo', currency: 'USD', plan: 'standard' },
		xoro: { storeCode: 'MAIN', storeName: 'Main Store', returnLocation: 'RETURNS' },
		loopApiClientId: '1662707',
		variants,
		customers,
		orders,
		returns,
	};
}

export function variantById(scenario: Scenario, variantId: string): ScenarioVariant {
	const found = scenario.variants.find((x) => x.variantId === variantId);
	if (!found) throw new Error(`scenario has no variant ${variantId}`);
	return found;
}

export function orderById(scenario: Scenario, orderId: string): ScenarioOrder {
	const found = scenario.orders.find((x) => x.id === orderId);
	if (!found) throw new Error(`scenario has no order ${orderId}`);
	return found;
}

export function customerByEmail(scenario: Scenario, email: string): ScenarioCustomer {
	const found = scenario.customers.find((x) => x.email === email);
	if (!found) throw new Error(`scenario has no customer ${email}`);
	return found;
}
