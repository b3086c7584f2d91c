/**
 * Which credential a Shopify query signs with (its `authenticate` and pre-authentication), and what
 * it yields: a session holding the shop's GraphQL URL and the key of its cost bucket.
 */
import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { ServiceContext } from '../../shared/context';
import { graphqlUrl, type ShopifyConnectionSettings } from '../helpers/shop';

export const SHOPIFY_CREDENTIAL = 'shopifyAdminGraphqlApi';

export type ShopifyContext = ServiceContext;

/** One item's session with the shop: every query of that item goes through it. */
export interface ShopifySession {
	readonly ctx: ShopifyContext;
	readonly url: string;
	/** Shop and credential: the cost bucket Shopify keeps for them. */
	readonly bucketKey: string;
	readonly itemIndex?: number;
}

export async function connect(ctx: ShopifyContext, itemIndex?: number): Promise<ShopifySession> {
	const credentials = await ctx.getCredentials(SHOPIFY_CREDENTIAL, itemIndex);
	let url: string;
	try {
		url = graphqlUrl(credentials as unknown as ShopifyConnectionSettings);
	} catch (error) {
		throw new NodeApiError(ctx.getNode(), { message: (error as Error).message } as JsonObject, {
			message: (error as Error).message,
			itemIndex,
		});
	}
	const credentialId = ctx.getNode().credentials?.[SHOPIFY_CREDENTIAL]?.id ?? '';
	return { ctx, url, bucketKey: `${url}#${credentialId}`, itemIndex };
}
