/**
 * How a Shopify query fails: one NodeApiError shape (never with a token or secret in it), Shopify's
 * error lists and HTTP refusals read into messages, and the too-costly signal paging answers.
 */
import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { GraphqlError } from '../schemas';
import type { ShopifySession } from './connection';

/** Thrown for every Shopify failure. */
export function shopifyError(session: ShopifySession, message: string, httpCode: string | undefined, description?: string): NodeApiError {
	return new NodeApiError(session.ctx.getNode(), { message, ...(httpCode ? { httpCode } : {}) } as JsonObject, {
		message,
		description,
		httpCode,
		itemIndex: session.itemIndex,
	});
}

/** Raised inside the transport when a page costs more than Shopify allows; paging halves the page. */
export class QueryTooCostly extends Error {
	constructor(readonly shopifyMessage: string) {
		super(shopifyMessage);
	}
}

export const STATUS_MESSAGES: Record<number, string> = {
	400: 'Shopify refused the request as malformed (400)',
	401: 'Shopify rejected the credentials (401): check the access token, or the client ID and secret',
	402: 'The shop is frozen: its bill is unpaid (402)',
	403: 'The app is not allowed to do this (403): check its access scopes',
	404: 'No such shop or API version (404): check the shop and the API version in the credential',
	423: 'The shop is locked (423)',
};

/** A GraphQL answer's `errors`, whatever shape Shopify sent them in. */
export function errorList(errors: unknown): GraphqlError[] {
	if (Array.isArray(errors)) return errors as GraphqlError[];
	if (typeof errors === 'string') return [{ message: errors }];
	if (errors && typeof errors === 'object') {
		return Object.entries(errors).map(([key, value]) => ({ message: `${key}: ${String(value)}` }));
	}
	return [];
}

/** Mutation payloads carry refusals in `userErrors` instead of top-level `errors`. */
export function findUserErrors(data: unknown): string[] {
	if (!data || typeof data !== 'object') return [];
	const found: string[] = [];
	for (const value of Object.values(data as Record<string, unknown>)) {
		const userErrors = (value as { userErrors?: Array<{ field?: string[] | null; message: string }> } | null)?.userErrors;
		if (Array.isArray(userErrors)) {
			for (const e of userErrors) found.push(e.field?.length ? `${e.field.join('.')}: ${e.message}` : e.message);
		}
	}
	return found;
}
