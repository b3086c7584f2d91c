/**
 * Xoro RMA → Sales Order: Create Exchange Order and Get, against a simulator that (like Xoro) lists
 * no sales orders unless asked for a status.
 */
import { XoroRma } from '../../../nodes/Xoro/XoroRma.node';
import { runNode } from '../../harness/n8n';
import { useSim } from '../fixtures';
import { creditItem, exchangeItem } from './transactions';

const node = new XoroRma();

const xoro = useSim();

// The socks have no SKU in Shopify: the exchange maps their variant to Xoro's item.
const createExchange = {
	resource: 'salesOrder',
	operation: 'createExchange',
	itemMapping: { mappings: [{ shopifyKey: '41845504835735', itemNumber: 'SOCK-3PK' }] },
};
const creates = () => xoro.sim.requests.filter((r) => r.path.endsWith('/salesorder/create')).length;
const exchangeOrders = () => xoro.sim.state.salesOrders.filter((o) => o.SoEstimateHeader.ThirdPartyRefNo === '5000009001');

describe('Sales Order: Create Exchange Order', () => {
	it('creates the exchange order keyed by its Shopify order id', async () => {
		const [out] = await runNode(node, { parameters: createExchange, items: [exchangeItem(xoro.scenario) as never], credentials: xoro.credentials });
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(out[0].json).toMatchObject({
			alreadyExisted: false,
			orderNumber: 'MAIN-S000001',
			status: 'Open',
			thirdPartyRefNo: '5000009001',
			refNo: 'EXC-1003-1',
			customerName: 'Alan Turing',
			lines: [
				{ itemNumber: 'TEE-PM-M', qty: 1, unitPrice: 29.99 },
				{ itemNumber: 'SOCK-3PK', qty: 1, unitPrice: 12 },
			],
		});
		expect(exchangeOrders()).toHaveLength(1);
		expect(exchangeOrders()[0].SoEstimateHeader).toMatchObject({ ThirdPartySource: 'Loop Returns', CurrencyCode: 'USD', Memo: 'Exchange for #1003 (Loop return 25044703)' });
		// Every lookup named a status: Xoro answers nothing without one.
		const reads = xoro.sim.requests.filter((r) => r.path.endsWith('/salesorder/getsalesorder'));
		expect(reads.length).toBeGreaterThan(0);
		expect(reads.every((r) => new URLSearchParams(r.query).get('status'))).toBe(true);
	});

	it('is idempotent: a second run finds the order with alreadyExisted and creates nothing', async () => {
		const item = exchangeItem(xoro.scenario) as never;
		const [first] = await runNode(node, { parameters: createExchange, items: [item], credentials: xoro.credentials });
		const [second] = await runNode(node, { parameters: createExchange, items: [item], credentials: xoro.credentials });
		expect(second[0].json).toMatchObject({ alreadyExisted: true, orderNumber: first[0].json.orderNumber });
		expect(creates()).toBe(1);
		expect(exchangeOrders()).toHaveLength(1);
	});

	it('returns the order Xoro\'s Shopify app already imported for the EXC order instead of duplicating it', async () => {
		xoro.sim.importShopifyOrder({
			orderId: '5000009001', orderName: 'EXC-1003-1', customerEmail: 'alan@example.com', currency: 'USD', total: 41.99, createdAt: xoro.scenario.now,
			lines: [{ variantId: '41845504671895', sku: 'TEE-PM-M', title: 'T-shirt', quantity: 1, price: 29.99 }],
		});
		const [out] = await runNode(node, { parameters: createExchange, items: [exchangeItem(xoro.scenario) as never], credentials: xoro.credentials });
		expect(out[0].json).toMatchObject({ alreadyExisted: true, status: 'Released', thirdPartySource: xoro.scenario.shop.domain });
		expect(creates()).toBe(0);
	});

	it('misses an order whose status is not searched (a setting), and cancels the duplicate it made', async () => {
		await runNode(node, { parameters: createExchange, items: [exchangeItem(xoro.scenario) as never], credentials: xoro.credentials });
		const onlyShipped = { ...createExchange, options: { statuses: 'Shipped' } };
		const [out] = await runNode(node, { parameters: onlyShipped, items: [exchangeItem(xoro.scenario) as never], credentials: xoro.credentials });
		// Not found under "Shipped" → created again; the read-back under the new order's own status sees both.
		expect(exchangeOrders().map((o) => [o.SoEstimateHeader.OrderNumber, o.SoEstimateHeader.StatusName])).toEqual([
			['MAIN-S000001', 'Open'],
			['MAIN-S000002', 'Cancelled'],
		]);
		expect(out[0].json).toMatchObject({ alreadyExisted: true, orderNumber: 'MAIN-S000001', raceResolved: { cancelled: ['MAIN-S000002'] } });
		expect(out[0].json.warning).toBeUndefined();
	});

	it('fails a line with neither SKU nor mapping unless a Default SKU is set', async () => {
		const noMapping = { resource: 'salesOrder', operation: 'createExchange' };
		const error = await runNode(node, { parameters: noMapping, items: [exchangeItem(xoro.scenario) as never], credentials: xoro.credentials }).catch((e) => e);
		expect(error.message).toMatch(/^Input item 0: Line "Socks 3-pack" \(variant 41845504835735\) has no SKU/);
		expect(creates()).toBe(0);

		const withDefault = { ...noMapping, options: { fallbackItemNumber: 'SOCK-3PK' } };
		const [out] = await runNode(node, { parameters: withDefault, items: [exchangeItem(xoro.scenario) as never], credentials: xoro.credentials });
		expect((out[0].json.lines as Array<{ itemNumber: string }>).map((l) => l.itemNumber)).toEqual(['TEE-PM-M', 'SOCK-3PK']);
	});

	it('rejects a wrong kind per item with Continue On Fail and still creates the good one', async () => {
		const [out] = await runNode(node, {
			parameters: createExchange, items: [creditItem(xoro.scenario) as never, exchangeItem(xoro.scenario) as never], credentials: xoro.credentials, continueOnFail: true,
		});
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out[0].json.error).toBe('Input item 0: Expected a Shopify Transactions "exchange" item, got a "credit" item');
		expect(out[1].json.alreadyExisted).toBe(false);
	});

	it('surfaces Xoro\'s refusal (unknown item) as the node error', async () => {
		const params = { ...createExchange, itemMapping: { mappings: [{ shopifyKey: '41845504835735', itemNumber: 'NOT-IN-XORO' }] } };
		await expect(runNode(node, { parameters: params, items: [exchangeItem(xoro.scenario) as never], credentials: xoro.credentials })).rejects.toThrow(
			'Xoro: Item NOT-IN-XORO does not exist.',
		);
	});

	it('follows an endpoint path override from the Advanced section', async () => {
		const params = { ...createExchange, endpointPaths: { salesOrderCreate: 'POST salesorder/createorder' } };
		const error = await runNode(node, { parameters: params, items: [exchangeItem(xoro.scenario) as never], credentials: xoro.credentials }).catch((e) => e);
		expect(error.message).toMatch(/no POST salesorder\/createorder route \(HTTP 400\)/);
		expect(xoro.sim.requests.some((r) => r.path.endsWith('/salesorder/createorder'))).toBe(true);
	});
});

describe('Sales Order: Get', () => {
	it('finds an order by number across statuses, and by third-party reference', async () => {
		const [byNumber] = await runNode(node, { parameters: { resource: 'salesOrder', operation: 'get', findBy: 'order_number', value: 'MAIN-S001002' }, credentials: xoro.credentials });
		expect(byNumber.map((o) => o.json)).toEqual([expect.objectContaining({ orderNumber: 'MAIN-S001002', status: 'Invoiced', thirdPartyRefNo: '5000001002' })]);
		const [byRef] = await runNode(node, { parameters: { resource: 'salesOrder', operation: 'get', findBy: 'third_party_ref_no', value: '5000001003' }, credentials: xoro.credentials });
		expect(byRef[0].json).toMatchObject({ orderNumber: 'MAIN-S001003', orderDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
	});

	it('says so when nothing matches', async () => {
		await expect(
			runNode(node, { parameters: { resource: 'salesOrder', operation: 'get', findBy: 'order_number', value: 'MAIN-S999999' }, credentials: xoro.credentials }),
		).rejects.toThrow('Xoro has no sales order with number "MAIN-S999999" in the searched statuses');
	});
});
