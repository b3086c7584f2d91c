/**
 * Whether a Shopify refund or native exchange is Loop's doing. The merchant's own refunds (customer
 * service, cancellations) and exchanges made in the Shopify admin must not be booked as Loop
 * outcomes. Loop leaves: its return id in the refund note, Additional Details (a Loop return id) on
 * the order, its tags on the original order (`Refund`, `Loop Exchange`, `LE:Exchange`), and the
 * Shopify Return it opens (Loop works through Shopify's Return API, so its refunds hang on a Return).
 * Pure functions.
 */
import type { INodeProperties } from 'n8n-workflow';
import { loopReturnIdFromAttributes, parseLoopNote } from './loopNotes';

export const DEFAULT_LOOP_ORDER_TAGS = 'Refund,Loop Exchange,LE:Exchange';

export const loopOriginProperties: INodeProperties[] = [
	{
		displayName: 'Include Refunds and Exchanges Not Made by Loop',
		name: 'includeNonLoop',
		type: 'boolean',
		default: false,
		description:
			"Whether to also output the merchant's own refunds (customer service, cancellations) and native exchanges made in Shopify. Off: only those that belong to a Loop return.",
	},
	{
		displayName: 'Loop Order Tags',
		name: 'loopOrderTags',
		type: 'string',
		default: DEFAULT_LOOP_ORDER_TAGS,
		displayOptions: { show: { includeNonLoop: [false] } },
		description:
			'Comma-separated tags Loop puts on the original order. A refund on a Shopify return, or a native exchange, counts as Loop\'s when its order has one of them (or a Loop return ID in its Additional Details); a refund whose note names a Loop return always counts.',
	},
];

interface OrderMarks {
	tags?: string[];
	customAttributes?: Array<{ key: string; value: string | null }>;
}

export function parseTags(text: string): string[] {
	return text
		.split(',')
		.map((t) => t.trim().toLowerCase())
		.filter(Boolean);
}

/** The order carries one of Loop's tags, or Loop's Additional Details. */
export function orderMarkedByLoop(order: OrderMarks, loopTags: string[]): boolean {
	if (loopReturnIdFromAttributes(order.customAttributes)) return true;
	return (order.tags ?? []).some((t) => loopTags.includes(t.trim().toLowerCase()));
}

/** A refund Loop made: its note names a Loop return, or it hangs on a Shopify Return of an order Loop marked. */
export function isLoopRefund(refund: { note?: string | null; return?: { id: string } | null; order: OrderMarks }, loopTags: string[]): boolean {
	if (parseLoopNote(refund.note).loopReturnId) return true;
	return Boolean(refund.return) && orderMarkedByLoop(refund.order, loopTags);
}
