/**
 * Loop's response bodies, read tolerantly: Loop documents placeholders only and its public examples
 * disagree (ids as strings or numbers, money as strings, "N/A" for missing label data, reasons wrapped
 * in literal quotes, notes bare or wrapped). Unknown fields stay in `raw`; Loop adds fields without notice.
 */
import { z } from 'zod';
import type { LoopExchange, LoopReturnItem, LoopReturnLine } from '../mapping/contracts';

const MISSING = new Set(['', 'n/a', 'null']);

/*
 * A return body is read field by field by hand rather than through a zod object schema: Get Many
 * normalises tens of thousands of bodies, and zod's parse (a copy of every body, a context and often
 * an error per field) left more garbage behind than the returns themselves weigh. What cannot be read
 * is collected as zod issues, path and message, and thrown as one ZodError, as a schema would.
 */

type Path = Array<string | number>;

class BodyReader {
	readonly issues: z.ZodIssue[] = [];

	private fail(path: Path, message: string): void {
		this.issues.push({ code: z.ZodIssueCode.custom, path, message });
	}

	private refuse(path: Path, expected: string, value: unknown): void {
		const received = value === undefined ? 'undefined' : value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
		this.fail(path, value === undefined ? 'Required' : `Expected ${expected}, received ${received}`);
	}

	private static textOf(value: unknown): string | undefined {
		return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
	}

	/** A JSON object, or undefined (reported) when the value is not one. */
	object(value: unknown, path: Path): Record<string, unknown> | undefined {
		if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
		this.refuse(path, 'object', value);
		return undefined;
	}

	/** Text that must be there (`state`, `created_at`). */
	string(value: unknown, path: Path): string {
		if (typeof value === 'string') return value;
		this.refuse(path, 'string', value);
		return '';
	}

	/** A string or number id. */
	requiredId(value: unknown, path: Path): string {
		const text = BodyReader.textOf(value);
		if (text !== undefined && text !== '') return text;
		this.refuse(path, 'an id (text or a number)', value);
		return '';
	}

	/** A string or number id; "" and "N/A" become null. */
	optionalId(value: unknown, path: Path): string | null {
		if (value === null || value === undefined) return null;
		const text = BodyReader.textOf(value);
		if (text === undefined) {
			this.refuse(path, 'an id (text or a number)', value);
			return null;
		}
		return MISSING.has(text.trim().toLowerCase()) ? null : text;
	}

	/** Free text; "", "N/A" and null become null. */
	text(value: unknown, path: Path): string | null {
		if (value === null || value === undefined) return null;
		const text = BodyReader.textOf(value);
		if (text === undefined) {
			this.refuse(path, 'text', value);
			return null;
		}
		const trimmed = text.trim();
		return MISSING.has(trimmed.toLowerCase()) ? null : trimmed;
	}

	/** Loop writes some reasons and comments as '"Item was too big"': the literal quotes go. */
	quotedText(value: unknown, path: Path): string | null {
		const text = this.text(value, path);
		if (text === null) return null;
		const unquoted = text.replace(/^"+|"+$/g, '').trim();
		return unquoted === '' ? null : unquoted;
	}

	/** Money arrives as "29.99" (sometimes a number); missing or "N/A" counts as 0. */
	money(value: unknown, path: Path): number {
		if (value === null || value === undefined) return 0;
		if (typeof value === 'number') return value;
		if (typeof value !== 'string') {
			this.refuse(path, 'an amount', value);
			return 0;
		}
		const text = value.trim().replace(/,/g, '');
		if (MISSING.has(text.toLowerCase())) return 0;
		const amount = Number(text);
		if (!Number.isFinite(amount)) this.fail(path, `"${value}" is not an amount`);
		return amount;
	}

	/** A list of objects, each read by `read`; missing or null is an empty list. */
	list<T>(value: unknown, path: Path, read: (item: Record<string, unknown>, path: Path) => T): T[] {
		if (value === null || value === undefined) return [];
		if (!Array.isArray(value)) {
			this.refuse(path, 'array', value);
			return [];
		}
		const items: T[] = [];
		for (const [index, entry] of value.entries()) {
			const item = this.object(entry, [...path, index]);
			if (item) items.push(read(item, [...path, index]));
		}
		return items;
	}
}

function readLine(r: BodyReader, line: Record<string, unknown>, path: Path): LoopReturnLine {
	const at = (key: string): Path => [...path, key];
	return {
		lineItemId: r.requiredId(line.line_item_id, at('line_item_id')),
		providerLineItemId: r.optionalId(line.provider_line_item_id, at('provider_line_item_id')),
		productId: r.optionalId(line.product_id, at('product_id')),
		variantId: r.optionalId(line.variant_id, at('variant_id')),
		sku: r.text(line.sku, at('sku')),
		barcode: r.text(line.barcode, at('barcode')),
		title: r.text(line.title, at('title')) ?? '',
		// Exchange lines come with a negative price.
		price: Math.abs(r.money(line.price, at('price'))),
		discount: r.money(line.discount, at('discount')),
		tax: r.money(line.tax, at('tax')),
		refund: r.money(line.refund, at('refund')),
		returnReason: r.quotedText(line.return_reason, at('return_reason')),
		parentReturnReason: r.quotedText(line.parent_return_reason, at('parent_return_reason')),
		returnComment: r.quotedText(line.return_comment, at('return_comment')),
		outcome: r.text(line.outcome, at('outcome')),
		exchangeVariantId: r.optionalId(line.exchange_variant, at('exchange_variant')),
	};
}

function readExchange(r: BodyReader, exchange: Record<string, unknown>, path: Path): LoopExchange {
	const at = (key: string): Path => [...path, key];
	return {
		exchangeId: r.requiredId(exchange.exchange_id, at('exchange_id')),
		exchangeOrderId: r.optionalId(exchange.exchange_order_id, at('exchange_order_id')),
		exchangeOrderName: r.text(exchange.exchange_order_name, at('exchange_order_name')),
		productId: r.optionalId(exchange.product_id, at('product_id')),
		variantId: r.optionalId(exchange.variant_id, at('variant_id')),
		sku: r.text(exchange.sku, at('sku')),
		title: r.text(exchange.title, at('title')) ?? '',
		price: r.money(exchange.price, at('price')),
		total: r.money(exchange.total, at('total')),
	};
}

/** For notes, a string or number id; "" and "N/A" become null. */
const optionalId = z
	.union([z.string(), z.number(), z.null(), z.undefined()])
	.transform((value) => (value === null || value === undefined || MISSING.has(String(value).trim().toLowerCase()) ? null : String(value)));

/** For notes, free text; "", "N/A" and null become null. */
const optionalText = z
	.union([z.string(), z.number(), z.null(), z.undefined()])
	.transform((value) => {
		if (value === null || value === undefined) return null;
		const text = String(value).trim();
		return MISSING.has(text.toLowerCase()) ? null : text;
	});

export const noteSchema = z
	.object({ id: optionalId, content: z.string(), created_at: optionalText })
	.passthrough();

/** Notes come as a bare array or as {notes: [...]}. */
export const notesBodySchema = z
	.union([z.array(noteSchema), z.object({ notes: z.array(noteSchema) }).passthrough()])
	.transform((body) => (Array.isArray(body) ? body : body.notes));

/** A JSON object, checked without copying it: each return is read once, by `toLoopReturnItem`. */
const jsonObject = z.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value));

/** The list is a bare array without paginate=true, {returns, nextPageUrl} with it. */
export const listBodySchema = z
	.union([
		z.array(jsonObject),
		z.object({ returns: z.array(jsonObject).nullish(), nextPageUrl: z.string().nullish() }).passthrough(),
	])
	.transform((body) =>
		Array.isArray(body)
			? { returns: body, nextPageUrl: null }
			: { returns: body.returns ?? [], nextPageUrl: body.nextPageUrl ?? null },
	);

export type LoopNote = { id: string | null; content: string; createdAt: string | null };

export function toLoopNotes(body: unknown): LoopNote[] {
	return notesBodySchema.parse(body).map((note) => ({ id: note.id, content: note.content, createdAt: note.created_at }));
}

/** Describes why a body is not a Loop return, naming the fields. */
export function describeSchemaError(error: z.ZodError): string {
	return error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');
}

/**
 * What of Loop's body the package itself reads from `raw`: the customer's name (`customer_detail`,
 * nodes/mapping/loopToXoro.ts), kept when the rest of the body is left out.
 */
const RAW_FIELDS_READ = ['customer_detail'];

/**
 * Normalises one Loop return (list item, details or webhook body); throws a ZodError, naming every
 * field it could not read, if it is not one. With `raw: false` the item keeps only RAW_FIELDS_READ of
 * Loop's body under `raw`, not all of it.
 */
export function toLoopReturnItem(body: unknown, options: { raw?: boolean } = {}): LoopReturnItem {
	const r = new BodyReader();
	const loop = r.object(body, []);
	if (!loop) throw new z.ZodError(r.issues);
	const detail = loop.customer_detail === null || loop.customer_detail === undefined ? undefined : r.object(loop.customer_detail, ['customer_detail']);
	const item: LoopReturnItem = {
		id: r.requiredId(loop.id, ['id']),
		state: r.string(loop.state, ['state']),
		createdAt: r.string(loop.created_at, ['created_at']),
		updatedAt: r.text(loop.updated_at, ['updated_at']),
		orderId: r.optionalId(loop.order_id, ['order_id']),
		orderName: r.text(loop.order_name, ['order_name']),
		providerOrderId: r.optionalId(loop.provider_order_id, ['provider_order_id']),
		orderNumber: r.optionalId(loop.order_number, ['order_number']),
		customerEmail: r.text(loop.customer, ['customer']) ?? (detail ? r.text(detail.email, ['customer_detail', 'email']) : null) ?? null,
		currency: r.text(loop.currency, ['currency']) ?? 'USD',
		outcome: r.text(loop.outcome, ['outcome']),
		totals: {
			returnProduct: r.money(loop.return_product_total, ['return_product_total']),
			returnDiscount: r.money(loop.return_discount_total, ['return_discount_total']),
			returnTax: r.money(loop.return_tax_total, ['return_tax_total']),
			returnTotal: r.money(loop.return_total, ['return_total']),
			returnCredit: r.money(loop.return_credit_total, ['return_credit_total']),
			exchangeTotal: r.money(loop.exchange_total, ['exchange_total']),
			giftCard: r.money(loop.gift_card, ['gift_card']),
			refund: r.money(loop.refund, ['refund']),
			handlingFee: r.money(loop.handling_fee, ['handling_fee']),
			upsell: r.money(loop.upsell, ['upsell']),
			total: r.money(loop.total, ['total']),
		},
		lineItems: r.list(loop.line_items, ['line_items'], (line, path) => readLine(r, line, path)),
		exchanges: r.list(loop.exchanges, ['exchanges'], (exchange, path) => readExchange(r, exchange, path)),
		carrier: r.text(loop.carrier, ['carrier']),
		trackingNumber: r.text(loop.tracking_number, ['tracking_number']),
		labelStatus: r.text(loop.label_status, ['label_status']),
		statusPageUrl: r.text(loop.status_page_url, ['status_page_url']),
		raw: options.raw === false ? Object.fromEntries(RAW_FIELDS_READ.filter((key) => loop[key] !== undefined).map((key) => [key, loop[key]])) : loop,
	};
	if (r.issues.length) throw new z.ZodError(r.issues);
	return item;
}
