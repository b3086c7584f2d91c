import { parseList, xoroAsnSchema, xoroEnvelopeSchema, xoroItemSchema, xoroRmaSchema } from '../../nodes/Xoro/schemas';

describe('Xoro schemas tolerate both readings of unconfirmed fields', () => {
	it('envelope: numbers and booleans as strings, missing ErrorCode = 0; Result is required', () => {
		expect(xoroEnvelopeSchema.parse({ Result: 'True', ErrorCode: '0', Data: [], TotalPages: '3' })).toMatchObject({ Result: true, ErrorCode: 0, TotalPages: 3 });
		expect(xoroEnvelopeSchema.parse({ Result: false, Data: null })).toMatchObject({ Result: false, ErrorCode: 0 });
		expect(xoroEnvelopeSchema.safeParse({ Message: 'An error has occurred.' }).success).toBe(false);
	});

	it('RMA: alternative header and line keys, string quantities', () => {
		const rma = xoroRmaSchema.parse({
			RMAHeader: { RMANumber: 'MAIN-R1', Status: 'Approved', ThirdPartyRefNo: 25044701, StoreName: 'MAIN' },
			RmaItemLineArry: [{ ItemNumber: 'CAP-NAVY', Qty: '2', Price: '19.50', ReturnNotes: 'Damaged' }],
		});
		expect(rma).toMatchObject({ rmaNumber: 'MAIN-R1', status: 'Approved', thirdPartyRefNo: '25044701', storeCode: 'MAIN' });
		expect(rma.lines).toEqual([{ itemNumber: 'CAP-NAVY', qty: 2, unitPrice: 19.5, returnReason: 'Damaged' }]);
		expect(xoroRmaSchema.safeParse({ Something: {} }).success).toBe(false);
	});

	it.each([['BaseQtyReceived'], ['QtyReceived'], ['ReceivedQty'], ['QtyRecvd']])('ASN: received qty named %s', (field) => {
		const asn = xoroAsnSchema.parse({
			AsnHeaderData: { AsnNumber: 'MAIN-A000330', StatusName: 'Closed', CloseDate: '03/16/2026 12:44:27 PM' },
			AsnDetailData: [{ ItemNumber: 'BC', BaseQtyToReceive: '10', [field]: 7 }],
		});
		expect(asn.lines).toEqual([{ itemNumber: 'BC', expected: 10, received: 7 }]);
		expect(asn.closedDate).toBe('03/16/2026 12:44:27 PM');
	});

	it('ASN without a number or header is rejected, naming the row', () => {
		expect(() => parseList(xoroAsnSchema, [{ AsnHeaderData: { AsnNumber: 'A1' } }, { AsnHeaderData: {} }], 'ASN')).toThrow(
			'Xoro returned an unexpected ASN (row 2): ASN without AsnNumber',
		);
		expect(() => parseList(xoroAsnSchema, [{ nope: 1 }], 'ASN')).toThrow('ASN without AsnHeaderData');
	});

	it('items: every plausible barcode field', () => {
		expect(xoroItemSchema.parse({ ItemNumber: 'SOCK-3PK', UPC: '0810000000073', EAN: '123' }).barcodes).toEqual(['0810000000073', '123']);
		expect(xoroItemSchema.parse({ ItemNumber: 'X', UpcCode: '9' }).barcodes).toEqual(['9']);
	});

	it('parseList accepts a single object where a list was expected', () => {
		expect(parseList(xoroItemSchema, { ItemNumber: 'X' }, 'item')).toHaveLength(1);
		expect(parseList(xoroItemSchema, null, 'item')).toEqual([]);
	});
});
