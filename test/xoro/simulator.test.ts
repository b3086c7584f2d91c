/** The Xoro simulator itself: stateful answers, Xoro's routing/auth behaviour, paging, pace. */
import { createScenario } from '../simulators/scenario';
import { startXoroSimulator, XORO_SIM_KEY, XORO_SIM_KEY_WITHOUT_SCOPE, XORO_SIM_SECRET, type XoroSimulator } from '../simulators/xoro';

let sim: XoroSimulator;
afterEach(async () => sim?.close());

const basic = (key = XORO_SIM_KEY, secret = XORO_SIM_SECRET) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
async function xoro(method: string, path: string, body?: unknown, auth = basic()) {
	const res = await fetch(`${sim.baseUrl}/${path}`, {
		method,
		headers: { authorization: auth, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: res.status, body: (await res.json()) as Record<string, any> };
}
const rmaBody = (ref: string) => ({
	RmaHeader: { ThirdPartyRefNo: ref, CustomerName: 'Ada Lovelace', StoreCode: 'MAIN', CurrencyCode: 'USD' },
	RmaItemLineArr: [{ ItemNumber: 'TEE-PM-S', Qty: 2 }],
});

describe('Xoro simulator', () => {
	it('seeds items, customers, sales orders and invoices from the scenario', async () => {
		const scenario = createScenario();
		sim = await startXoroSimulator({ scenario, pacePerSecond: 0 });
		expect(sim.state.items.map((i) => i.ItemNumber)).toEqual(scenario.variants.map((v) => v.xoroItemNumber));
		expect(sim.state.items.find((i) => i.ItemNumber === 'SOCK-3PK')?.UPC).toBe('0810000000073');
		expect(sim.state.salesOrders.map((o) => o.SoEstimateHeader.OrderNumber)).toEqual(scenario.orders.map((o) => o.xoroSalesOrderNumber));
		expect(sim.state.invoices.map((i) => i.InvoiceHeader.InvoiceNumber)).toEqual(scenario.orders.map((o) => o.xoroInvoiceNumber));
		expect(sim.state.invoices[0].InvoiceHeader).toMatchObject({ ThirdPartyRefNo: scenario.orders[0].id, CustomerName: 'Ada Lovelace', TotalAmount: 79.48 });
	});

	it('imports a Shopify order as a sales order + invoice, once', async () => {
		sim = await startXoroSimulator({ scenario: createScenario(), pacePerSecond: 0 });
		const order = { orderId: '5000009999', orderName: 'EXC-1003-1', customerEmail: 'alan@example.com', currency: 'USD', total: 29.99, createdAt: '2026-11-20T10:00:00Z', lines: [{ variantId: '41845504671895', sku: 'TEE-PM-M', title: 'T-shirt M', quantity: 1, price: 29.99 }] };
		sim.importShopifyOrder(order);
		sim.importShopifyOrder(order);
		const imported = sim.state.salesOrders.filter((o) => o.SoEstimateHeader.ThirdPartyRefNo === '5000009999');
		expect(imported).toHaveLength(1);
		expect(imported[0].SoEstimateHeader).toMatchObject({ CustomerName: 'Alan Turing', RefNo: 'EXC-1003-1' });
		expect(sim.state.invoices.at(-1)?.InvoiceHeader).toMatchObject({ SoNumber: imported[0].SoEstimateHeader.OrderNumber, TotalAmount: 29.99 });
	});

	it('accepts duplicate ThirdPartyRefNo like Xoro, and finds both', async () => {
		sim = await startXoroSimulator({ scenario: createScenario(), pacePerSecond: 0 });
		await xoro('POST', 'rma/create', rmaBody('77'));
		await xoro('POST', 'rma/create', rmaBody('77'));
		const found = await xoro('GET', 'rma/getrma?third_party_ref_no=77');
		expect(found.body.Data.map((r: any) => r.RmaHeader.RmaNumber)).toEqual(['MAIN-R000001', 'MAIN-R000002']);
	});

	it('validates like Xoro: Result:false with a Message, nothing stored', async () => {
		sim = await startXoroSimulator({ scenario: createScenario(), pacePerSecond: 0 });
		const res = await xoro('POST', 'rma/create', { ...rmaBody('1'), RmaItemLineArr: [{ ItemNumber: 'NOPE', Qty: 1 }] });
		expect(res).toEqual({ status: 200, body: expect.objectContaining({ Result: false, Message: "Item 'NOPE' does not exist.", ErrorCode: 4 }) });
		expect(sim.state.rmas).toHaveLength(0);
	});

	it('generates the linked ASN with the RMA when configured', async () => {
		sim = await startXoroSimulator({ scenario: createScenario(), pacePerSecond: 0, asnWithRma: true });
		const created = await xoro('POST', 'rma/create', rmaBody('1'));
		expect(created.body.Data.RmaHeader.AsnNumber).toBe('MAIN-A000001');
		const asns = await xoro('GET', 'asn/getasn?rma_number=MAIN-R000001');
		expect(asns.body.Data[0]).toMatchObject({ AsnHeaderData: { StatusName: 'Open', ClosedDate: '01/01/0001' }, AsnDetailData: [{ ItemNumber: 'TEE-PM-S', BaseQtyToReceive: 2, BaseQtyReceived: 0 }] });
	});

	it('tracks partial receipts, closes short, refuses to close twice', async () => {
		sim = await startXoroSimulator({ scenario: createScenario(), pacePerSecond: 0, asnWithRma: true });
		await xoro('POST', 'rma/create', rmaBody('1'));
		const received = await xoro('POST', 'asn/receive', { AsnHeaderData: { AsnNumber: 'MAIN-A000001', CloseASN: false }, AsnDetailLocationData: [{ ItemNumber: 'TEE-PM-S', QtyReceived: 1 }] });
		expect(received.body.Data.AsnHeaderData.StatusName).toBe('Open');
		expect(received.body.Data.AsnDetailData[0].BaseQtyReceived).toBe(1);
		const closed = await xoro('POST', 'asn/close', { AsnHeaderData: { AsnNumber: 'MAIN-A000001' } });
		expect(closed.body.Data.AsnHeaderData.StatusName).toBe('Closed');
		expect(sim.state.rmas[0].RmaHeader.StatusName).toBe('Credited');
		const again = await xoro('POST', 'asn/close', { AsnHeaderData: { AsnNumber: 'MAIN-A000001' } });
		expect(again.body).toMatchObject({ Result: false, Message: "ASN 'MAIN-A000001' is already closed." });
	});

	it('cancels an RMA with its unreceived ASNs, lists it with its status, and refuses twice', async () => {
		sim = await startXoroSimulator({ scenario: createScenario(), pacePerSecond: 0, asnWithRma: true });
		await xoro('POST', 'rma/create', rmaBody('77'));
		await xoro('POST', 'rma/create', rmaBody('77'));
		const cancelled = await xoro('POST', 'rma/cancel', { RmaHeader: { RmaNumber: 'MAIN-R000002' } });
		expect(cancelled.body.Data.RmaHeader).toMatchObject({ RmaNumber: 'MAIN-R000002', StatusName: 'Cancelled' });
		expect(sim.state.asns.map((a) => a.AsnHeaderData.StatusName)).toEqual(['Open', 'Cancelled']);
		const found = await xoro('GET', 'rma/getrma?third_party_ref_no=77');
		expect(found.body.Data.map((r: any) => r.RmaHeader.StatusName)).toEqual(['Open', 'Cancelled']);
		expect((await xoro('POST', 'rma/cancel', { RmaNumber: 'MAIN-R000002' })).body).toMatchObject({ Result: false, Message: "RMA 'MAIN-R000002' is already cancelled." });
		// Goods received: no longer cancellable, and neither is its ASN.
		await xoro('POST', 'asn/receive', { AsnHeaderData: { AsnNumber: 'MAIN-A000001' }, AsnDetailLocationData: [{ ItemNumber: 'TEE-PM-S', QtyReceived: 1 }] });
		expect((await xoro('POST', 'rma/cancel', { RmaNumber: 'MAIN-R000001' })).body).toMatchObject({ Result: false, Message: "RMA 'MAIN-R000001' has received goods and cannot be cancelled." });
		expect((await xoro('POST', 'asn/cancel', { AsnHeaderData: { AsnNumber: 'MAIN-A000001' } })).body).toMatchObject({ Result: false, Message: "ASN 'MAIN-A000001' has receipts and cannot be cancelled." });
		expect((await xoro('POST', 'asn/receive', { AsnHeaderData: { AsnNumber: 'MAIN-A000002' }, AsnDetailLocationData: [{ ItemNumber: 'TEE-PM-S', QtyReceived: 1 }] })).body).toMatchObject({ Result: false, Message: "ASN 'MAIN-A000002' is cancelled." });
	});

	it('can leave cancelled documents out of reads unless the status filter asks for them', async () => {
		sim = await startXoroSimulator({ scenario: createScenario(), pacePerSecond: 0, listCancelled: false });
		await xoro('POST', 'rma/create', rmaBody('77'));
		await xoro('POST', 'rma/create', rmaBody('77'));
		await xoro('POST', 'rma/cancel', { RmaNumber: 'MAIN-R000001' });
		expect((await xoro('GET', 'rma/getrma?third_party_ref_no=77')).body.Data.map((r: any) => r.RmaHeader.RmaNumber)).toEqual(['MAIN-R000002']);
		expect((await xoro('GET', 'rma/getrma?third_party_ref_no=77&status=Cancelled')).body.Data.map((r: any) => r.RmaHeader.RmaNumber)).toEqual(['MAIN-R000001']);
	});

	it('holds requests until all the racers have arrived, then answers them in arrival order', async () => {
		sim = await startXoroSimulator({ scenario: createScenario(), pacePerSecond: 0 });
		const released = sim.holdUntil('/rma/create', 2);
		let firstAnswered = false;
		const first = xoro('POST', 'rma/create', rmaBody('77')).then((r) => ((firstAnswered = true), r));
		await new Promise((resolve) => setImmediate(resolve));
		await xoro('GET', 'rma/getrma');
		expect(firstAnswered).toBe(false);
		expect(sim.state.rmas).toHaveLength(0);
		const second = xoro('POST', 'rma/create', rmaBody('77'));
		await released;
		expect((await first).body.Data.RmaHeader.RmaNumber).toBe('MAIN-R000001');
		expect((await second).body.Data.RmaHeader.RmaNumber).toBe('MAIN-R000002');
	});

	it('answers auth and routing like Xoro', async () => {
		sim = await startXoroSimulator({ scenario: createScenario(), pacePerSecond: 0 });
		expect(await xoro('GET', 'asn/getasn', undefined, basic(XORO_SIM_KEY_WITHOUT_SCOPE))).toEqual({ status: 500, body: { Message: 'An error has occurred.' } });
		expect((await xoro('GET', 'asn/getasn', undefined, basic(XORO_SIM_KEY, 'x'))).status).toBe(401);
		expect((await xoro('GET', 'nomodule/get')).status).toBe(404);
		expect((await xoro('GET', 'asn/nothing')).status).toBe(400);
		expect((await xoro('GET', 'asn/close')).status).toBe(405);
	});

	it('pages with page/per_page and TotalPages', async () => {
		sim = await startXoroSimulator({ scenario: createScenario(), pacePerSecond: 0 });
		const page3 = await xoro('GET', 'product/item/getitem?page=3&per_page=3');
		expect(page3.body).toMatchObject({ Page: 3, TotalPages: 3 });
		expect(page3.body.Data.map((i: any) => i.ItemNumber)).toEqual(['SOCK-3PK']);
	});

	it('throttles a key that goes faster than its pace with Result:false and empty Data', async () => {
		sim = await startXoroSimulator({ scenario: createScenario(), pacePerSecond: 2 });
		const first = await xoro('GET', 'product/item/getitem');
		const second = await xoro('GET', 'product/item/getitem');
		expect(first.body.Result).toBe(true);
		expect(second.body).toMatchObject({ Result: false, ErrorCode: 0, Data: [] });
	});
});
