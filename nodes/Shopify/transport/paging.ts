/**
 * Cursor paging over a connection (first ≤ 250, after = endCursor), pages sized to the cost budget
 * when the caller says what one node costs, and halved when Shopify still finds one too costly.
 */
import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { z } from 'zod';
import type { Connection } from '../schemas';
import type { ShopifySession } from './connection';
import { QueryTooCostly, shopifyError } from './errors';
import { costBudget } from './pacing';
import { send } from './request';
import { shopifyTransportTuning } from './tuning';

/** What a top-level connection costs besides its nodes (Shopify: 2 + first × node). */
const CONNECTION_COST = 2;

export interface PageOptions {
	/** Nodes per page, at most; Shopify's 250 when left out. */
	pageSize?: number;
	/**
	 * What one node costs (docs/apis.md §S3), for a top-level connection: pages are then as large as
	 * the cost budget allows, and the bucket is waited for before the first page is sent.
	 */
	nodeCost?: number;
}

/** What `paginate` pages: the document and its variables, the page's schema, where its connection is, the page size. */
export type PageQuery<S extends z.ZodTypeAny, T> = [
	document: string,
	variables: Record<string, unknown>,
	schema: S,
	pick: (data: z.infer<S>) => Connection<T>,
	options: PageOptions,
];

/**
 * Every node of a connection, page by page (first ≤ 250, after = endCursor). A page Shopify finds
 * too costly is asked for again at half the size.
 */
export async function paginate<S extends z.ZodTypeAny, T>(
	session: ShopifySession,
	...[document, variables, schema, pick, options]: PageQuery<S, T>
): Promise<T[]> {
	const { nodeCost } = options;
	const fitting = (size: number) =>
		Math.max(1, nodeCost ? Math.min(size, Math.floor((costBudget(session.bucketKey) - CONNECTION_COST) / nodeCost)) : size);
	let first = Math.min(options.pageSize ?? shopifyTransportTuning.maxPageSize, shopifyTransportTuning.maxPageSize);
	let after: string | null = null;
	const all: T[] = [];
	for (;;) {
		first = fitting(first);
		let data: z.infer<S>;
		try {
			data = await send(session, document, { ...variables, first, after }, schema, nodeCost ? CONNECTION_COST + first * nodeCost : 0);
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
