import { ZodError } from 'zod';
import { listBodySchema, toLoopNotes, toLoopReturnItem } from '../../nodes/Loop/schemas';
import { returnIdFrom } from '../../nodes/Loop/helpers/returnId';
import { dateWindows } from '../../nodes/Loop/helpers/windows';

/** Loop's list item as in the public Gladly fixture (docs/apis.md §L3.3), quirks and all. */
const gladly = () => ({
	id: '25044777',
	state: 'closed',
	created_at: '2022-11-02T00:13:08+00:00',
	updated_at: '2022-11-02T00:20:00+00:00',
	total: '0.00',
	order_id: '50265228',
	order_name: '#1086',
	provider_order_id: '4803021602967',
	order_number: '86',
	outcome: 'credit',
	customer: 'primary@email.com',
	currency: 'USD',
	return_product_total: '29.99',
	return_discount_total: '0.00',
	return_tax_total: '0.00',
	return_total: '29.99',
	return_credit_total: '29.99',
	exchange_total: '29.99',
	gift_card: '0.00',
	handling_fee: '0.00',
	refund: '0.00',
	upsell: '0.00',
	line_items: [
		{
			line_item_id: '123194218',
			provider_line_item_id: '11520238092439',
			product_id: '7469735116951',
			variant_id: '41845504639127',
			sku: '',
			title: 't-shirt (short):  product managers - Small',
			price: '-29.99',
			discount: '0.00',
			tax: '0.00',
			refund: '0.00',
			exchange_variant: '41845504671895',
			return_reason: '"Item was too big"',
			parent_return_reason: '"Item didn\'t fit"',
			return_comment: '"This is a comment with extra quotations"',
			barcode: 'N/A',
			outcome: 'default',
		},
	],
	exchanges: [
		{
			exchange_id: '11801246',
			exchange_order_id: 4804378558615,
			exchange_order_name: 'EXC-1086-1',
			product_id: '7469735116951',
			variant_id: '41845504671895',
			sku: '',
			title: 'Medium',
			price: '29.99',
			total: '29.99',
			out_of_stock: false,
		},
	],
	carrier: 'N/A',
	tracking_number: 'N/A',
	label_status: 'N/A',
	status_page_url: 'https://company.loopreturns.com/#/return/3e9b7d03',
	destination_id: 7295,
	brand_new_field: { anything: true },
});

describe('Loop schemas', () => {
	it('normalises the documented example: money to numbers, N/A and empty SKU to null, quotes stripped', () => {
		const item = toLoopReturnItem(gladly());
		expect(item).toMatchObject({
			id: '25044777',
			orderName: '#1086',
			providerOrderId: '4803021602967',
			customerEmail: 'primary@email.com',
			carrier: null,
			trackingNumber: null,
			labelStatus: null,
		});
		expect(item.totals).toMatchObject({ returnTotal: 29.99, returnCredit: 29.99, exchangeTotal: 29.99, total: 0, refund: 0 });
		expect(item.lineItems[0]).toMatchObject({
			sku: null,
			barcode: null,
			price: 29.99,
			returnReason: 'Item was too big',
			parentReturnReason: "Item didn't fit",
			returnComment: 'This is a comment with extra quotations',
			exchangeVariantId: '41845504671895',
		});
		expect(item.exchanges[0]).toMatchObject({ exchangeOrderId: '4804378558615', sku: null, price: 29.99 });
	});

	it('keeps Loop’s body, unknown fields included, as raw', () => {
		const body = gladly();
		const item = toLoopReturnItem(body);
		expect(item.raw).toBe(body);
		expect(item.raw.brand_new_field).toEqual({ anything: true });
	});

	it('with raw: false keeps only customer_detail of the body, which the Xoro nodes read the name from', () => {
		expect(toLoopReturnItem(gladly(), { raw: false }).raw).toEqual({});
		const detail = { email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace' };
		const item = toLoopReturnItem({ ...gladly(), customer_detail: detail }, { raw: false });
		expect(item.raw).toEqual({ customer_detail: detail });
		expect({ ...item, raw: undefined }).toEqual({ ...toLoopReturnItem({ ...gladly(), customer_detail: detail }), raw: undefined });
	});

	it('names every field it cannot read, as a ZodError', () => {
		const body = { ...gladly(), id: undefined, state: 7, line_items: [{ line_item_id: '1', price: 'lots' }, 'x'], exchanges: {} };
		const error = (() => {
			try {
				toLoopReturnItem(body);
			} catch (e) {
				return e as ZodError;
			}
			throw new Error('not refused');
		})();
		expect(error).toBeInstanceOf(ZodError);
		expect(error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
			['id', 'Required'],
			['state', 'Expected string, received number'],
			['line_items.0.price', '"lots" is not an amount'],
			['line_items.1', 'Expected object, received string'],
			['exchanges', 'Expected array, received object'],
		]);
	});

	it('accepts numeric ids (details, webhooks) and numbers for money', () => {
		const body = { ...gladly(), id: 123, order_id: 50265228, provider_order_id: 4803021602967, total: 12.5 };
		const item = toLoopReturnItem(body);
		expect(item.id).toBe('123');
		expect(item.orderId).toBe('50265228');
		expect(item.providerOrderId).toBe('4803021602967');
		expect(item.totals.total).toBe(12.5);
	});

	it('tolerates missing line items, exchanges and totals, and webhook customer_detail', () => {
		const body: Record<string, unknown> = { ...gladly(), customer_detail: { email: 'ada@example.com' } };
		for (const field of ['line_items', 'exchanges', 'customer', 'return_total']) delete body[field];
		const item = toLoopReturnItem(body);
		expect(item.lineItems).toEqual([]);
		expect(item.exchanges).toEqual([]);
		expect(item.totals.returnTotal).toBe(0);
		expect(item.customerEmail).toBe('ada@example.com');
	});

	it('rejects a body that is not a return, naming the field', () => {
		expect(() => toLoopReturnItem({ state: 'open' })).toThrow(ZodError);
		expect(() => toLoopReturnItem({ ...gladly(), return_total: 'twelve' })).toThrow(/not an amount/);
	});

	it('reads notes bare (Gladly) or wrapped (spec)', () => {
		const note = { id: 2825514, content: 'Note 2', created_at: '2023-04-17 22:56:54' };
		const expected = [{ id: '2825514', content: 'Note 2', createdAt: '2023-04-17 22:56:54' }];
		expect(toLoopNotes([note])).toEqual(expected);
		expect(toLoopNotes({ notes: [note] })).toEqual(expected);
		expect(toLoopNotes([])).toEqual([]);
		expect(() => toLoopNotes({ message: 'x' })).toThrow(ZodError);
	});

	it('reads list bodies paginated or bare', () => {
		expect(listBodySchema.parse([{ id: 1 }])).toEqual({ returns: [{ id: 1 }], nextPageUrl: null });
		expect(listBodySchema.parse({ returns: [{ id: 1 }], nextPageUrl: 'u' })).toEqual({ returns: [{ id: 1 }], nextPageUrl: 'u' });
		expect(listBodySchema.parse({ returns: [], nextPageUrl: null, previousPageUrl: null })).toEqual({ returns: [], nextPageUrl: null });
	});
});

describe('Loop helpers', () => {
	it('takes the return id from a Loop Admin URL, as the user guide tells people to copy it', () => {
		expect(returnIdFrom('https://admin.loopreturns.com/returns/52393555')).toBe('52393555');
		expect(returnIdFrom('https://admin.loopreturns.com/returns/52393555?tab=notes')).toBe('52393555');
		expect(returnIdFrom(' 52393555 ')).toBe('52393555');
		expect(returnIdFrom('https://example.com/returns/52393555')).toBeUndefined();
		expect(returnIdFrom('#1086')).toBeUndefined();
	});

	it('splits a range into windows of at most the given days, covering it exactly', () => {
		const windows = dateWindows('2026-01-01T00:00:00.000Z', '2026-09-01T00:00:00.000Z', 120);
		expect(windows).toHaveLength(3);
		expect(windows[0].from).toBe('2026-01-01T00:00:00.000Z');
		expect(windows.at(-1)!.to).toBe('2026-09-01T00:00:00.000Z');
		for (let i = 1; i < windows.length; i++) expect(windows[i].from).toBe(windows[i - 1].to);
		for (const w of windows) expect(Date.parse(w.to) - Date.parse(w.from)).toBeLessThanOrEqual(120 * 86_400_000);
		expect(dateWindows('2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 120)).toHaveLength(1);
	});
});
