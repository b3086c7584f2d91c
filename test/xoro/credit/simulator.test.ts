/**
 * The Xoro simulator's credit routes over real HTTP: state changes, filters, paging, Xoro's quirks
 * and refusals.
 */
import { createScenario } from '../../simulators/scenario';
import { startXoroSimulator, type XoroSimulator } from '../../simulators/xoro';

let sim: XoroSimulator;

beforeEach(async () => {
	sim = await startXoroSimulator({ scenario: createScenario({ now: new Date('2026-11-20T12:00:00Z') }), pacePerSecond: 0 });
});
afterEach(() => sim.close());

async function call(method: 'GET' | 'POST', path: string, params: Record<string, string> | object = {}) {
	const auth = `Basic ${Buffer.from(`${sim.credentials.apiKey}:${sim.credentials.apiSecret}`).toString('base64')}`;
	const url = new URL(`${sim.baseUrl}/${path}`);
	if (method === 'GET') for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
	const res = await fetch(url, {
		method,
		headers: { authorization: auth, 'content-type': 'application/json' },
		body: method === 'POST' ? JSON.stringify(params) : undefined,
	});
	return (await res.json()) as { Result: boolean; ErrorCode: number; Message: string; Data: any; TotalPages?: number };
}

const memoBody = (refNo: string, extra: object = {}) => ({
	creditMemoHeader: {
		ThirdPartyRefNo: refNo, ThirdPartySource: 'Loop Returns', CustomerName: 'Ada Lovelace', CurrencyCode: 'USD',
		InvoiceNumber: 'MAIN-I001001', ThirdPartyTotalRefundAmount: 50, ThirdPartyAdjustTotalFlag: true, ThirdPartyAdjSku: 'STORE-CREDIT',
		...extra,
	},
	creditMemoItemLineArry: [{ ItemNumber: 'STORE-CREDIT', Description: 'Store credit', Qty: 1, UnitPrice: 50 }],
});

describe('credit memos', () => {
	it('imports with a generated number, finds it by third-party ref, and does not deduplicate', async () => {
		const first = await call('POST', 'creditmemo/import', memoBody('111'));
		expect(first).toMatchObject({ Result: true, ErrorCode: 0 });
		expect(first.Data.creditMemoHeader).toMatchObject({ CreditMemoNumber: 'MAIN-C000001', StatusName: 'Open', TotalAmount: 50, BalanceAmount: 50 });
		await call('POST', 'creditmemo/import', memoBody('111'));
		await call('POST', 'creditmemo/import', memoBody('222'));
		const found = await call('GET', 'creditmemo/getcreditmemo', { third_party_ref_no: '111' });
		expect(found.Data.map((m: any) => m.creditMemoHeader.CreditMemoNumber)).toEqual(['MAIN-C000001', 'MAIN-C000002']);
		const paged = await call('GET', 'creditmemo/getcreditmemo', { page: '2', per_page: '2' });
		expect(paged.TotalPages).toBe(2);
		expect(paged.Data.map((m: any) => m.creditMemoHeader.ThirdPartyRefNo)).toEqual(['222']);
	});

	it('books a refunded memo with nothing left to apply when the modeled marker is set', async () => {
		const res = await call('POST', 'creditmemo/import', memoBody('333', { RefundedFlag: true }));
		expect(res.Data.creditMemoHeader).toMatchObject({ StatusName: 'Refunded', BalanceAmount: 0 });
	});

	it('totals the lines when the total is not adjusted', async () => {
		const res = await call('POST', 'creditmemo/import', {
			...memoBody('444', { ThirdPartyAdjustTotalFlag: false }),
			creditMemoItemLineArry: [{ ItemNumber: 'TEE-PM-S', Qty: 2 }, { ItemNumber: 'CAP-NAVY', Qty: 1, UnitPrice: 10 }],
		});
		expect(res.Data.creditMemoHeader.TotalAmount).toBe(69.98);
	});

	it('refuses unknown customers, items and invoices with Result:false', async () => {
		for (const [body, message] of [
			[memoBody('1', { CustomerName: 'Nobody' }), 'Customer "Nobody" does not exist.'],
			[{ ...memoBody('1'), creditMemoItemLineArry: [{ ItemNumber: 'NOPE', Qty: 1 }] }, 'Item NOPE does not exist.'],
			[memoBody('1', { InvoiceNumber: 'MAIN-I999' }), 'Invoice MAIN-I999 does not exist.'],
		] as const) {
			const res = await call('POST', 'creditmemo/import', body);
			expect(res).toMatchObject({ Result: false, Message: message });
		}
		expect(sim.state.creditMemos).toHaveLength(0);
	});
});

describe('applying credit to invoices', () => {
	it('moves both balances, lists the application on the memo, and refuses over-application', async () => {
		const memo = (await call('POST', 'creditmemo/import', memoBody('555'))).Data.creditMemoHeader.CreditMemoNumber;
		const applied = await call('POST', 'creditmemo/applytoinvoice', {
			CreditMemoNumber: memo, InvoiceNumber: 'MAIN-I001002', Amount: 30, ThirdPartyRefNo: 'tx-1',
		});
		expect(applied).toMatchObject({ Result: true, Data: { InvoiceNumber: 'MAIN-I001002', Amount: 30, ThirdPartyRefNo: 'tx-1' } });
		const invoice = (await call('GET', 'invoice/getinvoice', { invoice_number: 'MAIN-I001002' })).Data[0].InvoiceHeader;
		expect(invoice).toMatchObject({ BalanceAmount: 34, StatusName: 'Partially Paid' });
		const read = (await call('GET', 'creditmemo/getcreditmemo', { credit_memo_number: memo })).Data[0];
		expect(read.creditMemoHeader).toMatchObject({ BalanceAmount: 20, StatusName: 'Partially Applied' });
		expect(read.creditMemoApplicationArr).toEqual([expect.objectContaining({ InvoiceNumber: 'MAIN-I001002', Amount: 30, ThirdPartyRefNo: 'tx-1' })]);

		const over = await call('POST', 'creditmemo/applytoinvoice', { CreditMemoNumber: memo, InvoiceNumber: 'MAIN-I001002', Amount: 25 });
		expect(over).toMatchObject({ Result: false, Message: `Amount 25 exceeds the remaining credit 20 of credit memo ${memo}.` });
		const overInvoice = await call('POST', 'creditmemo/applytoinvoice', { CreditMemoNumber: memo, InvoiceNumber: 'MAIN-I001006', Amount: 20 });
		expect(overInvoice.Result).toBe(true);
		expect(sim.state.creditApplications).toHaveLength(2);
	});

	it('refuses to apply a refunded memo', async () => {
		const memo = (await call('POST', 'creditmemo/import', memoBody('666', { RefundedFlag: true }))).Data.creditMemoHeader.CreditMemoNumber;
		const res = await call('POST', 'creditmemo/applytoinvoice', { CreditMemoNumber: memo, InvoiceNumber: 'MAIN-I001002', Amount: 1 });
		expect(res).toMatchObject({ Result: false, Message: expect.stringContaining('was refunded') });
	});
});

describe('invoices and sales orders', () => {
	it('finds invoices by third-party ref, SO number and invoice number', async () => {
		const byRef = await call('GET', 'invoice/getinvoice', { third_party_ref_no: '5000001003' });
		expect(byRef.Data.map((i: any) => i.InvoiceHeader.InvoiceNumber)).toEqual(['MAIN-I001003']);
		const bySo = await call('GET', 'invoice/getinvoice', { so_number: 'MAIN-S001004' });
		expect(bySo.Data.map((i: any) => i.InvoiceHeader.InvoiceNumber)).toEqual(['MAIN-I001004']);
	});

	it('creates sales orders and needs a status to list them, like Xoro', async () => {
		const created = await call('POST', 'salesorder/create', {
			SoEstimateHeader: { ThirdPartyRefNo: '9001', CustomerName: 'Alan Turing', CurrencyCode: 'USD', OrderDate: '11/20/2026' },
			SoEstimateItemLineArr: [{ ItemNumber: 'TEE-PM-M', Qty: 1, UnitPrice: 29.99 }],
		});
		expect(created.Data.SoEstimateHeader).toMatchObject({ OrderNumber: 'MAIN-S000001', StatusName: 'Open' });
		expect(await call('GET', 'salesorder/getsalesorder', { third_party_ref_no: '9001' })).toMatchObject({ Result: true, Data: [] });
		const found = await call('GET', 'salesorder/getsalesorder', { third_party_ref_no: '9001', status: 'Open' });
		expect(found.Data.map((o: any) => o.SoEstimateHeader.OrderNumber)).toEqual(['MAIN-S000001']);
		const invoiced = await call('GET', 'salesorder/getsalesorder', { status: 'Invoiced', per_page: '4' });
		expect(invoiced).toMatchObject({ TotalPages: 2 });
		expect(invoiced.Data).toHaveLength(4);
	});

	it('refuses a sales order with a bad date or unknown item', async () => {
		const header = { CustomerName: 'Alan Turing', CurrencyCode: 'USD', OrderDate: '2026-11-20' };
		expect(await call('POST', 'salesorder/create', { SoEstimateHeader: header, SoEstimateItemLineArr: [{ ItemNumber: 'TEE-PM-M', Qty: 1 }] }))
			.toMatchObject({ Result: false, Message: 'OrderDate "2026-11-20" is not MM/dd/yyyy.' });
		expect(await call('POST', 'salesorder/create', { SoEstimateHeader: { ...header, OrderDate: '11/20/2026' }, SoEstimateItemLineArr: [{ ItemNumber: 'X', Qty: 1 }] }))
			.toMatchObject({ Result: false, Message: 'Item X does not exist.' });
	});
});

describe('undoing documents (modeled)', () => {
	it('voids an unapplied memo, refuses an applied one, and reverses an application', async () => {
		await call('POST', 'creditmemo/import', memoBody('111'));
		await call('POST', 'creditmemo/import', memoBody('222'));
		const voided = await call('POST', 'creditmemo/void', { creditMemoHeader: { CreditMemoNumber: 'MAIN-C000001' } });
		expect(voided.Data.creditMemoHeader).toMatchObject({ StatusName: 'Voided', BalanceAmount: 0 });
		expect(await call('POST', 'creditmemo/void', { CreditMemoNumber: 'MAIN-C000001' })).toMatchObject({ Result: false, Message: 'Credit memo MAIN-C000001 is already voided.' });
		expect((await call('GET', 'creditmemo/getcreditmemo', { third_party_ref_no: '111' })).Data[0].creditMemoHeader.StatusName).toBe('Voided');

		const applied = await call('POST', 'creditmemo/applytoinvoice', { CreditMemoNumber: 'MAIN-C000002', InvoiceNumber: 'MAIN-I001001', Amount: 20, ThirdPartyRefNo: '9' });
		expect(await call('POST', 'creditmemo/void', { CreditMemoNumber: 'MAIN-C000002' })).toMatchObject({
			Result: false,
			Message: 'Credit memo MAIN-C000002 has been applied to an invoice and cannot be voided.',
		});
		const invoice = sim.state.invoices.find((i) => i.InvoiceHeader.InvoiceNumber === 'MAIN-I001001')!;
		const balance = invoice.InvoiceHeader.BalanceAmount;
		const reversed = await call('POST', 'creditmemo/unapply', { ApplicationId: applied.Data.ApplicationId });
		expect(reversed.Data).toMatchObject({ Status: 'Reversed' });
		expect(invoice.InvoiceHeader.BalanceAmount).toBeCloseTo(balance + 20, 2);
		expect(sim.state.creditMemos[1].creditMemoHeader).toMatchObject({ BalanceAmount: 50, StatusName: 'Open' });
		expect(await call('POST', 'creditmemo/unapply', { ApplicationId: applied.Data.ApplicationId })).toMatchObject({ Result: false, ErrorCode: 5 });
		expect((await call('POST', 'creditmemo/void', { CreditMemoNumber: 'MAIN-C000002' })).Data.creditMemoHeader.StatusName).toBe('Voided');
	});

	it('cancels an open sales order but not an invoiced one', async () => {
		const invoiced = sim.state.salesOrders[0].SoEstimateHeader.OrderNumber;
		expect(await call('POST', 'salesorder/cancel', { SoEstimateHeader: { OrderNumber: invoiced } })).toMatchObject({
			Result: false,
			Message: `Sales order ${invoiced} is Invoiced and cannot be cancelled.`,
		});
		const created = await call('POST', 'salesorder/create', {
			SoEstimateHeader: { CustomerName: 'Ada Lovelace', CurrencyCode: 'USD', OrderDate: '11/20/2026', ThirdPartyRefNo: '5' },
			SoEstimateItemLineArr: [{ ItemNumber: 'TEE-PM-S', Qty: 1 }],
		});
		const number = created.Data.SoEstimateHeader.OrderNumber;
		expect((await call('POST', 'salesorder/cancel', { OrderNumber: number })).Data.SoEstimateHeader.StatusName).toBe('Cancelled');
		expect((await call('GET', 'salesorder/getsalesorder', { third_party_ref_no: '5', status: 'Cancelled' })).Data).toHaveLength(1);
		expect((await call('GET', 'salesorder/getsalesorder', { third_party_ref_no: '5', status: 'Open' })).Data).toHaveLength(0);
	});
});
