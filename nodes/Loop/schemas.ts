/**
 * Loop's response bodies, read tolerantly: Loop documents placeholders only and its public examples
 * disagree (ids as strings or numbers, money as strings, "N/A" for missing label data, reasons wrapped
 * in literal quotes, notes bare or wrapped). Unknown fields pass through; Loop adds fields without notice.
 */
import { z } from 'zod';
import type { LoopExchange, LoopReturnItem, LoopReturnLine } from '../mapping/contracts';

const MISSING = new Set(['', 'n/a', 'null']);

/** A string or number id; "" and "N/A" become null. */
const optionalId = z
	.union([z.string(), z.number(), z.null(), z.undefined()])
	.transform((value) => (value === null || value === undefined || MISSING.has(String(value).trim().toLowerCase()) ? null : String(value)));

const requiredId = z.union([z.string().min(1), z.number()]).transform(String);

/** Free text; "", "N/A" and null become null. */
const optionalText = z
	.union([z.string(), z.number(), z.null(), z.undefined()])
	.transform((value) => {
		if (value === null || value === undefined) return null;
		const text = String(value).trim();
		return MISSING.has(text.toLowerCase()) ? null : text;
	});

/** Loop writes some reasons and comments as '"Item was too big"': the literal quotes go. */
const quotedText = optionalText.transform((text) => {
	if (text === null) return null;
	const unquoted = text.replace(/^"+|"+$/g, '').trim();
	return unquoted === '' ? null : unquoted;
});

/** Money arrives as "29.99" (sometimes a number); missing or "N/A" counts as 0. */
const money = z
	.union([z.string(), z.number(), z.null(), z.undefined()])
	.transform((value, ctx) => {
		if (value === null || value === undefined) return 0;
		if (typeof value === 'number') return value;
		const text = value.trim().replace(/,/g, '');
		if (MISSING.has(text.toLowerCase())) return 0;
		const amount = Number(text);
		if (!Number.isFinite(amount)) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${value}" is not an amount` });
			return z.NEVER;
		}
		return amount;
	});

export const lineItemSchema = z
	.object({
		line_item_id: requiredId,
		provider_line_item_id: optionalId,
		product_id: optionalId,
		variant_id: optionalId,
		sku: optionalText,
		barcode: optionalText,
		title: optionalText,
		price: money,
		discount: money,
		tax: money,
		refund: money,
		return_reason: quotedText,
		parent_return_reason: quotedText,
		return_comment: quotedText,
		outcome: optionalText,
		exchange_variant: optionalId,
	})
	.passthrough();

export const exchangeSchema = z
	.object({
		exchange_id: requiredId,
		exchange_order_id: optionalId,
		exchange_order_name: optionalText,
		product_id: optionalId,
		variant_id: optionalId,
		sku: optionalText,
		title: optionalText,
		price: money,
		total: money,
	})
	.passthrough();

export const returnSchema = z
	.object({
		id: requiredId,
		state: z.string(),
		created_at: z.string(),
		updated_at: optionalText,
		order_id: optionalId,
		order_name: optionalText,
		provider_order_id: optionalId,
		order_number: optionalId,
		customer: optionalText,
		customer_detail: z.object({ email: optionalText }).passthrough().nullish(),
		currency: optionalText,
		outcome: optionalText,
		total: money,
		return_product_total: money,
		return_discount_total: money,
		return_tax_total: money,
		return_total: money,
		return_credit_total: money,
		exchange_total: money,
		gift_card: money,
		refund: money,
		handling_fee: money,
		upsell: money,
		line_items: z.array(lineItemSchema).nullish(),
		exchanges: z.array(exchangeSchema).nullish(),
		carrier: optionalText,
		tracking_number: optionalText,
		label_status: optionalText,
		status_page_url: optionalText,
	})
	.passthrough();

export const noteSchema = z
	.object({ id: optionalId, content: z.string(), created_at: optionalText })
	.passthrough();

/** Notes come as a bare array or as {notes: [...]}. */
export const notesBodySchema = z
	.union([z.array(noteSchema), z.object({ notes: z.array(noteSchema) }).passthrough()])
	.transform((body) => (Array.isArray(body) ? body : body.notes));

/** The list is a bare array without paginate=true, {returns, nextPageUrl} with it. */
export const listBodySchema = z
	.union([
		z.array(z.record(z.unknown())),
		z.object({ returns: z.array(z.record(z.unknown())).nullish(), nextPageUrl: z.string().nullish() }).passthrough(),
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

function toLine(line: z.infer<typeof lineItemSchema>): LoopReturnLine {
	return {
		lineItemId: line.line_item_id,
		providerLineItemId: line.provider_line_item_id,
		productId: line.product_id,
		variantId: line.variant_id,
		sku: line.sku,
		barcode: line.barcode,
		title: line.title ?? '',
		price: Math.abs(line.price),
		discount: line.discount,
		tax: line.tax,
		refund: line.refund,
		returnReason: line.return_reason,
		parentReturnReason: line.parent_return_reason,
		returnComment: line.return_comment,
		outcome: line.outcome,
		exchangeVariantId: line.exchange_variant,
	};
}

function toExchange(exchange: z.infer<typeof exchangeSchema>): LoopExchange {
	return {
		exchangeId: exchange.exchange_id,
		exchangeOrderId: exchange.exchange_order_id,
		exchangeOrderName: exchange.exchange_order_name,
		productId: exchange.product_id,
		variantId: exchange.variant_id,
		sku: exchange.sku,
		title: exchange.title ?? '',
		price: exchange.price,
		total: exchange.total,
	};
}

/** Describes why a body is not a Loop return, naming the fields. */
export function describeSchemaError(error: z.ZodError): string {
	return error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');
}

/** Normalises one Loop return (list item, details or webhook body); throws a ZodError if it is not one. */
export function toLoopReturnItem(body: unknown): LoopReturnItem {
	const loop = returnSchema.parse(body);
	return {
		id: loop.id,
		state: loop.state,
		createdAt: loop.created_at,
		updatedAt: loop.updated_at,
		orderId: loop.order_id,
		orderName: loop.order_name,
		providerOrderId: loop.provider_order_id,
		orderNumber: loop.order_number,
		customerEmail: loop.customer ?? loop.customer_detail?.email ?? null,
		currency: loop.currency ?? 'USD',
		outcome: loop.outcome,
		totals: {
			returnProduct: loop.return_product_total,
			returnDiscount: loop.return_discount_total,
			returnTax: loop.return_tax_total,
			returnTotal: loop.return_total,
			returnCredit: loop.return_credit_total,
			exchangeTotal: loop.exchange_total,
			giftCard: loop.gift_card,
			refund: loop.refund,
			handlingFee: loop.handling_fee,
			upsell: loop.upsell,
			total: loop.total,
		},
		lineItems: (loop.line_items ?? []).map(toLine),
		exchanges: (loop.exchanges ?? []).map(toExchange),
		carrier: loop.carrier,
		trackingNumber: loop.tracking_number,
		labelStatus: loop.label_status,
		statusPageUrl: loop.status_page_url,
		raw: body as Record<string, unknown>,
	};
}
