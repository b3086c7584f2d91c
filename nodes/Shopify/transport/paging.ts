/** Cursor paging over a connection (first ≤ 250, after = endCursor), halving a page Shopify finds too costly. */
import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { z } from 'zod';
import type { Connection } from '../schemas';
import type { ShopifySession } from './connection';
import { QueryTooCostly, shopifyError } from './errors';
import { send } from './request';
import { shopifyTransportTuning } from './tuning';

/** What `paginate` pages: the document and its variables, the page's schema, where its connection is, the page size. */
export type PageQuery<S extends z.ZodTypeAny, T> = [
	document: string,
	variables: Record<string, unknown>,
	schema: S,
	pick: (data: z.infer<S>) => Connection<T>,
	options: { pageSize: number },
];

/**
 * Every node of a connection, page by page (first ≤ 250, after = endCursor). A page Shopify finds
 * too costly is asked for again at half the size.
 */
export async function paginate<S extends z.ZodTypeAny, T>(
	session: ShopifySession,
	...[document, variables, schema, pick, options]: PageQuery<S, T>
): Promise<T[]> {
	let first = Math.max(1, Math.min(options.pageSize, shopifyTransportTuning.maxPageSize));
	let after: string | null = null;
	const all: T[] = [];
	for (;;) {
		let data: z.infer<S>;
		try {
			data = await send(session, document, { ...variables, first, after }, schema);
		} catch (error) {
			if (error instanceof QueryTooCostly) {
				if (first === 1) throw shopifyError(session, error.shopifyMessage, '200');
				first = Math.max(1, Math.floor(first / 2));
				continue;
			}
			throw new NodeApiError(session.ctx.getNode(), error as JsonObject);
		}
		const page = pick(data);
		all.push(...page.nodes);
		if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
		after = page.pageInfo.endCursor;
	}
	return all;
}
