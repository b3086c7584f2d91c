import { LoopToXoroError, loopReturnToRma, needsBarcodeLookup, resolveItemNumber, storeCodeFor } from '../../nodes/mapping/loopToXoro';
import { createScenario } from '../simulators/scenario';
import { loopReturnItem } from '../xoro/fixtures';

const scenario = createScenario({ now: new Date('2026-11-20T10:00:00Z') });

describe('loopReturnToRma', () => {
	it('maps the header: Loop id as ThirdPartyRefNo, source Loop, order ref, customer, store, currency, date', () => {
		const payload = loopReturnToRma(loopReturnItem(scenario, '25044701'), { storeCode: 'MAIN' }).rma;
		expect(payload.RmaHeader).toEqual({
			ThirdPartyRefNo: '25044701',
			ThirdPartySource: 'Loop',
			ThirdPartyDisplayName: 'Loop Returns',
			ThirdPartyRefName: '#1001',
			ThirdPartyNotes: 'Loop return 25044701 (credit)',
			RefNo: '1001',
			CustomerName: 'Ada Lovelace',
			StoreCode: 'MAIN',
			CurrencyCode: 'USD',
			TxnDate: '11/19/2026',
		});
	});

	it('sums Loop\'s one-unit lines per SKU and joins distinct reasons', () => {
		const ret = loopReturnItem(scenario, '25044701');
		ret.lineItems[1].returnReason = 'Too tight';
		const { RmaItemLineArr } = loopReturnToRma(ret, { storeCode: 'MAIN' }).rma;
		expect(RmaItemLineArr).toEqual([
			{ ItemNumber: 'TEE-PM-S', Description: 'T-shirt: product managers - Small', Qty: 2, UnitPrice: 29.99, ReturnReason: 'Too small; Too tight', ThirdPartyRefNo2: `${ret.lineItems[0].lineItemId},${ret.lineItems[1].lineItemId}` },
			{ ItemNumber: 'CAP-NAVY', Description: 'Cap navy', Qty: 1, UnitPrice: 19.5, ReturnReason: 'Changed my mind', ThirdPartyRefNo2: ret.lineItems[2].lineItemId },
		]);
	});

	it('averages unit prices of units with different prices and makes Loop\'s negative prices positive', () => {
		const ret = loopReturnItem(scenario, '25044701');
		ret.lineItems[0].price = -20;
		ret.lineItems[1].price = 30;
		expect(loopReturnToRma(ret, { storeCode: 'MAIN' }).rma.RmaItemLineArr[0].UnitPrice).toBe(25);
	});

	it('resolves a line without SKU by barcode from Xoro\'s items, and by a user mapping first', () => {
		const ret = loopReturnItem(scenario, '25044703');
		expect(needsBarcodeLookup(ret)).toBe(true);
		const byBarcode = loopReturnToRma(ret, { storeCode: 'MAIN', itemsByBarcode: new Map([['0810000000073', 'SOCK-3PK']]) }).rma;
		expect(byBarcode.RmaItemLineArr.map((l) => l.ItemNumber)).toEqual(['TEE-PM-L', 'SOCK-3PK']);
		const mapped = { '41845504835735': 'SOCK-MAPPED' };
		expect(needsBarcodeLookup(ret, mapped)).toBe(false);
		expect(loopReturnToRma(ret, { storeCode: 'MAIN', itemMap: mapped }).rma.RmaItemLineArr.map((l) => l.ItemNumber)).toEqual(['TEE-PM-L', 'SOCK-MAPPED']);
		// A user mapping also wins over a SKU.
		expect(resolveItemNumber(ret.lineItems[0], { itemMap: { 'TEE-PM-L': 'TEE-OLD-L' } })).toBe('TEE-OLD-L');
	});

	it('names every line it cannot resolve', () => {
		const ret = loopReturnItem(scenario, '25044703');
		ret.lineItems[1].barcode = null;
		expect(() => loopReturnToRma(ret, { storeCode: 'MAIN' })).toThrow(LoopToXoroError);
		try {
			loopReturnToRma(ret, { storeCode: 'MAIN' });
		} catch (error) {
			expect((error as LoopToXoroError).problems).toEqual([
				{ lineItemId: ret.lineItems[1].lineItemId, field: 'sku', message: '"Socks 3-pack" has no SKU and no barcode; add variant 41845504835735 to the Item Mapping' },
			]);
		}
	});

	it('falls back to the customer email, uses a given customer name and source, and rejects empty store or lines', () => {
		const ret = loopReturnItem(scenario, '25044702');
		ret.raw = {};
		expect(loopReturnToRma(ret, { storeCode: 'MAIN' }).rma.RmaHeader.CustomerName).toBe('grace@example.com');
		const custom = loopReturnToRma(ret, { storeCode: ' MAIN ', customerName: 'G. Hopper', thirdPartySource: 'Loop EU', invoiceNumber: 'MAIN-I001002' }).rma;
		expect(custom.RmaHeader).toMatchObject({ CustomerName: 'G. Hopper', ThirdPartySource: 'Loop EU', StoreCode: 'MAIN', InvoiceNumber: 'MAIN-I001002' });
		expect(() => loopReturnToRma({ ...ret, lineItems: [] }, { storeCode: '' })).toThrow('Store Code is empty; the Loop return has no line items');
	});
});

describe('loopReturnToRma: the merchant\'s tables (issue 9 §2)', () => {
	const withDestination = (destinationId: unknown) => {
		const ret = loopReturnItem(scenario, '25044701');
		ret.raw = { ...ret.raw, destination_id: destinationId };
		return ret;
	};

	it('books a return whose Loop destination is in the table to that destination\'s store', () => {
		const storeByDestination = { '7295': 'EAST' };
		expect(loopReturnToRma(withDestination(7295), { storeCode: 'MAIN', storeByDestination }).rma.RmaHeader.StoreCode).toBe('EAST');
		expect(storeCodeFor(withDestination(' 7295 '), { storeCode: 'MAIN', storeByDestination })).toBe('EAST');
	});

	it('books a return whose destination is not in the table, or that has none, to the Store Code', () => {
		const storeByDestination = { '7295': 'EAST' };
		expect(loopReturnToRma(withDestination(8000), { storeCode: 'MAIN', storeByDestination }).rma.RmaHeader.StoreCode).toBe('MAIN');
		expect(loopReturnToRma(withDestination(null), { storeCode: 'MAIN', storeByDestination }).rma.RmaHeader.StoreCode).toBe('MAIN');
		expect(loopReturnToRma(withDestination({ id: 7295 }), { storeCode: 'MAIN', storeByDestination }).rma.RmaHeader.StoreCode).toBe('MAIN');
	});

	it('writes the Xoro code of a mapped reason (matched ignoring case), of the parent reason next, and Loop\'s text for the rest', () => {
		const ret = loopReturnItem(scenario, '25044701');
		ret.lineItems[1].returnReason = 'Too tight';
		ret.lineItems[2].returnReason = null;
		ret.lineItems[2].parentReturnReason = 'Changed my mind';
		const { RmaItemLineArr } = loopReturnToRma(ret, { storeCode: 'MAIN', reasonCodes: { ' too SMALL ': 'FIT', 'changed my mind': 'NOWANT' } }).rma;
		expect(RmaItemLineArr.map((l) => l.ReturnReason)).toEqual(['FIT; Too tight', 'NOWANT']);
	});

	it('without reason codes, writes the reasons as before', () => {
		const ret = loopReturnItem(scenario, '25044701');
		expect(loopReturnToRma(ret, { storeCode: 'MAIN', reasonCodes: { 'Damaged': 'DMG' } }).rma.RmaItemLineArr.map((l) => l.ReturnReason)).toEqual(['Too small', 'Changed my mind']);
	});

	it('with a Default SKU, books a line that resolves to no item under it and lists it', () => {
		const ret = loopReturnItem(scenario, '25044703');
		ret.lineItems[1].barcode = null;
		const { rma, defaultedLines } = loopReturnToRma(ret, { storeCode: 'MAIN', defaultSku: ' RETURN-MISC ' });
		expect(rma.RmaItemLineArr.map((l) => [l.ItemNumber, l.Qty])).toEqual([['TEE-PM-L', 1], ['RETURN-MISC', 1]]);
		expect(defaultedLines).toEqual([
			{ lineItemId: ret.lineItems[1].lineItemId, sku: null, variantId: '41845504835735', title: 'Socks 3-pack', itemNumber: 'RETURN-MISC', reason: 'no SKU, Item Mapping or barcode Xoro knows' },
		]);
	});

	it('with a Default SKU and Xoro\'s item numbers, books a SKU Xoro does not have under it; a known one (any case) stays', () => {
		const ret = loopReturnItem(scenario, '25044701');
		const { rma, defaultedLines } = loopReturnToRma(ret, { storeCode: 'MAIN', defaultSku: 'RETURN-MISC', knownItemNumbers: new Set(['tee-pm-s']) });
		expect(rma.RmaItemLineArr.map((l) => [l.ItemNumber, l.Qty])).toEqual([['TEE-PM-S', 2], ['RETURN-MISC', 1]]);
		expect(defaultedLines).toEqual([expect.objectContaining({ lineItemId: ret.lineItems[2].lineItemId, sku: 'CAP-NAVY', reason: 'Xoro has no item CAP-NAVY' })]);
	});

	it('without a Default SKU, an unresolved line still fails and a SKU goes to Xoro as it is', () => {
		const ret = loopReturnItem(scenario, '25044703');
		ret.lineItems[1].barcode = null;
		expect(() => loopReturnToRma(ret, { storeCode: 'MAIN', defaultSku: '  ' })).toThrow(`line ${ret.lineItems[1].lineItemId}: "Socks 3-pack" has no SKU and no barcode`);
		const known = loopReturnToRma(loopReturnItem(scenario, '25044701'), { storeCode: 'MAIN', knownItemNumbers: new Set() });
		expect(known.rma.RmaItemLineArr.map((l) => l.ItemNumber)).toEqual(['TEE-PM-S', 'CAP-NAVY']);
		expect(known.defaultedLines).toEqual([]);
	});
});
