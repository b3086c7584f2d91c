/**
 * Xoro RMA → Credit Memo: Create (store credit) and Create Refunded, run through n8n's real execution
 * context against the stateful Xoro simulator.
 */
import { XoroRma } from '../../../nodes/Xoro/XoroRma.node';
import { runNode } from '../../harness/n8n';
import { useSim } from '../fixtures';
import { creditItem, refundItem } from './transactions';

const node = new XoroRma();

const xoro = useSim();

const create = { resource: 'creditMemo', operation: 'create' };
const createRefunded = { resource: 'creditMemo', operation: 'createRefunded' };
const posts = (action: string) => xoro.sim.requests.filter((r) => r.method === 'POST' && r.path.endsWith(action)).length;

describe('Credit Memo: Create (store credit)', () => {
	it('books the gift card as a memo on the original invoice, keyed by the card number', async () => {
		const [out] = await runNode(node, { parameters: create, items: [creditItem(xoro.scenario) as never], credentials: xoro.credentials });
		expect(out).toHaveLength(1);
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(out[0].json).toMatchObject({
			alreadyExisted: false,
			creditMemoNumber: 'MAIN-C000001',
			thirdPartyRefNo: '539685323008',
			invoiceNumber: 'MAIN-I001001',
			customerName: 'Ada Lovelace',
			status: 'Open',
			totalAmount: 79.48,
			remainingAmount: 79.48,
		});
		expect(xoro.sim.state.creditMemos).toHaveLength(1);
		expect(xoro.sim.state.creditMemos[0].creditMemoHeader).toMatchObject({
			ThirdPartySource: 'Loop Returns', RefNo: '1001', ThirdPartyAdjSku: 'STORE-CREDIT', ThirdPartyAdjustTotalFlag: true, CurrencyCode: 'USD',
		});
	});

	it('is idempotent: a second run returns the memo with alreadyExisted and imports nothing', async () => {
		const item = creditItem(xoro.scenario) as never;
		await runNode(node, { parameters: create, items: [item], credentials: xoro.credentials });
		const [second] = await runNode(node, { parameters: create, items: [item, item], credentials: xoro.credentials });
		expect(second.map((o) => o.json.alreadyExisted)).toEqual([true, true]);
		expect(second.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(xoro.sim.state.creditMemos).toHaveLength(1);
		expect(posts('/creditmemo/import')).toBe(1);
	});

	it('finds a memo Xoro\'s own Shopify app already made for the card, whatever its source', async () => {
		xoro.sim.state.creditMemos.push({
			creditMemoHeader: { CreditMemoNumber: 'MAIN-C000777', ThirdPartyRefNo: '539685323008', ThirdPartySource: 'https://loop-xoro-demo.myshopify.com', StatusName: 'Open', TotalAmount: 79.48, BalanceAmount: 79.48 },
			creditMemoItemLineArry: [],
		});
		const [out] = await runNode(node, { parameters: create, items: [creditItem(xoro.scenario) as never], credentials: xoro.credentials });
		expect(out[0].json).toMatchObject({ alreadyExisted: true, creditMemoNumber: 'MAIN-C000777' });
		expect(posts('/creditmemo/import')).toBe(0);
	});

	it('leaves the invoice out when asked not to look it up', async () => {
		const [out] = await runNode(node, { parameters: { ...create, options: { findInvoice: false } }, items: [creditItem(xoro.scenario) as never], credentials: xoro.credentials });
		expect(out[0].json.invoiceNumber).toBeNull();
		expect(xoro.sim.requests.some((r) => r.path.endsWith('/invoice/getinvoice'))).toBe(false);
	});

	it('voids the duplicate a missed lookup made and returns the first memo', async () => {
		await runNode(node, { parameters: create, items: [creditItem(xoro.scenario) as never], credentials: xoro.credentials });
		// The next lookup sees Xoro's "Result:true, Data:[]" once, as if the memo were not there yet.
		xoro.sim.faults.add({ kind: 'empty', path: '/creditmemo/getcreditmemo', times: 1 });
		const [out] = await runNode(node, { parameters: create, items: [creditItem(xoro.scenario) as never], credentials: xoro.credentials });
		expect(xoro.sim.state.creditMemos.map((m) => [m.creditMemoHeader.CreditMemoNumber, m.creditMemoHeader.StatusName])).toEqual([
			['MAIN-C000001', 'Open'],
			['MAIN-C000002', 'Voided'],
		]);
		expect(out[0].json).toMatchObject({ alreadyExisted: true, creditMemoNumber: 'MAIN-C000001', raceResolved: { cancelled: ['MAIN-C000002'] } });
		expect(out[0].json.warning).toBeUndefined();
		// A third run finds the one live memo and changes nothing.
		const [third] = await runNode(node, { parameters: create, items: [creditItem(xoro.scenario) as never], credentials: xoro.credentials });
		expect(third[0].json).toMatchObject({ alreadyExisted: true, creditMemoNumber: 'MAIN-C000001' });
		expect(third[0].json.raceResolved).toBeUndefined();
		expect(xoro.sim.state.creditMemos).toHaveLength(2);
	});

	it('retries Xoro\'s HTTP 500 and throttling and still books exactly one memo', async () => {
		xoro.sim.faults.add([
			{ kind: 'serverError', path: '/creditmemo/import', times: 1 },
			{ kind: 'rateLimit', path: '/creditmemo/getcreditmemo', times: 1 },
		]);
		const [out] = await runNode(node, { parameters: create, items: [creditItem(xoro.scenario) as never], credentials: xoro.credentials });
		expect(out[0].json.alreadyExisted).toBe(false);
		expect(xoro.sim.state.creditMemos).toHaveLength(1);
		expect(xoro.sim.requests.filter((r) => r.fault).length).toBe(2);
	});

	it('names the item when a wrong kind arrives, and carries on past it with Continue On Fail', async () => {
		const items = [refundItem(xoro.scenario) as never, creditItem(xoro.scenario) as never];
		await expect(runNode(node, { parameters: create, items, credentials: xoro.credentials })).rejects.toThrow(
			'Input item 0: Expected a Shopify Transactions "credit" item, got a "refund" item',
		);
		expect(xoro.sim.state.creditMemos).toHaveLength(0);

		const [out] = await runNode(node, { parameters: create, items, credentials: xoro.credentials, continueOnFail: true });
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out[0].json.error).toMatch(/got a "refund" item/);
		expect(out[1].json).toMatchObject({ alreadyExisted: false, creditMemoNumber: 'MAIN-C000001' });
	});

	it('surfaces Xoro\'s Result:false message without leaking the API secret', async () => {
		const params = { ...create, options: { customerName: 'Nobody Known' } };
		const error = await runNode(node, { parameters: params, items: [creditItem(xoro.scenario) as never], credentials: xoro.credentials }).catch((e) => e);
		expect(error.message).toContain('Customer "Nobody Known" does not exist.');
		const [out] = await runNode(node, { parameters: params, items: [creditItem(xoro.scenario) as never], credentials: xoro.credentials, continueOnFail: true });
		expect(out[0].json.error).toContain('does not exist');
		const seen = JSON.stringify([error.message, error.description, out]);
		expect(seen).not.toContain(xoro.sim.credentials.apiSecret);
		expect(seen).not.toMatch(/Basic [A-Za-z0-9+/=]{8,}/);
	});

	it('fails clearly on a key without the credit memo scope (Xoro: HTTP 500)', async () => {
		const noScope = { xoroApi: { ...xoro.credentials.xoroApi, apiKey: 'xoro-key-noscope' } };
		const error = await runNode(node, { parameters: create, items: [creditItem(xoro.scenario) as never], credentials: noScope }).catch((e) => e);
		expect(error.message).toMatch(/HTTP 500.*after \d+ retries/);
		expect(error.description).toMatch(/scope/);
	});
});

describe('Credit Memo: Create Refunded', () => {
	it('books the refunded lines with the modeled refund marker and restocks to the return location', async () => {
		const params = { ...createRefunded, options: { returnLocation: 'RETURNS' } };
		const [out] = await runNode(node, { parameters: params, items: [refundItem(xoro.scenario) as never], credentials: xoro.credentials });
		expect(out[0].json).toMatchObject({
			alreadyExisted: false, thirdPartyRefNo: '990001', invoiceNumber: 'MAIN-I001002', status: 'Refunded', remainingAmount: 0, totalAmount: 64,
		});
		const stored = xoro.sim.state.creditMemos[0];
		expect(stored.creditMemoHeader).toMatchObject({ RefundedFlag: true, RefNo: '1002', CustomerName: 'Grace Hopper' });
		expect(stored.creditMemoItemLineArry).toEqual([
			expect.objectContaining({ ItemNumber: 'HOOD-GRY-M', Qty: 1, UnitPrice: 64, InventoryLocChangeList: [{ LocationName: 'RETURNS', DeltaQty: 1 }] }),
		]);
	});

	it('is idempotent per refund', async () => {
		const item = refundItem(xoro.scenario) as never;
		await runNode(node, { parameters: createRefunded, items: [item], credentials: xoro.credentials });
		const [second] = await runNode(node, { parameters: createRefunded, items: [item], credentials: xoro.credentials });
		expect(second[0].json.alreadyExisted).toBe(true);
		expect(xoro.sim.state.creditMemos).toHaveLength(1);
	});

	it('sends the marker the user configures instead of the modeled one', async () => {
		const params = { ...createRefunded, refundMarker: '{"PaymentMethodName": "Refund", "RefundFlag": 1}' };
		await runNode(node, { parameters: params, items: [refundItem(xoro.scenario) as never], credentials: xoro.credentials });
		const header = xoro.sim.state.creditMemos[0].creditMemoHeader;
		expect(header).toMatchObject({ PaymentMethodName: 'Refund', RefundFlag: 1 });
		expect(header).not.toHaveProperty('RefundedFlag');
		// The simulator only knows our modeled marker, so it books plain store credit: the marker matters.
		expect(header.StatusName).toBe('Open');
	});

	it('rejects a marker that is not a JSON object', async () => {
		const params = { ...createRefunded, refundMarker: '[1, 2]' };
		await expect(runNode(node, { parameters: params, items: [refundItem(xoro.scenario) as never], credentials: xoro.credentials })).rejects.toThrow(/Refunded Marker must be a JSON object/);
	});

	it('needs a SKU, a mapping or the Return SKU for every line, and names the failing line', async () => {
		const item = { ...refundItem(xoro.scenario), lines: [{ sku: null, variantId: 'gid://shopify/ProductVariant/41845504835735', title: 'Socks 3-pack', quantity: 2, unitPrice: 12 }] };
		const error = await runNode(node, { parameters: createRefunded, items: [item as never], credentials: xoro.credentials }).catch((e) => e);
		expect(error.message).toMatch(/^Input item 0: Line "Socks 3-pack" \(variant 41845504835735\) has no SKU/);
		expect(error.description).toContain('lines[0].sku');

		const mapped = { ...createRefunded, itemMapping: { mappings: [{ shopifyKey: '41845504835735', itemNumber: 'SOCK-3PK' }] } };
		await runNode(node, { parameters: mapped, items: [item as never], credentials: xoro.credentials });
		expect(xoro.sim.state.creditMemos[0].creditMemoItemLineArry).toEqual([expect.objectContaining({ ItemNumber: 'SOCK-3PK', Qty: 2 })]);
	});
});
