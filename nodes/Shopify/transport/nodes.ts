/**
 * Objects by global id, many to a query: Shopify's `nodes(ids:)`
 * (https://shopify.dev/docs/api/admin-graphql/latest/queries/nodes; input lists hold at most 250),
 * instead of one query per refund, return or gift card. Batches are as large as the cost budget
 * allows for what one object costs, and halved when Shopify still finds one too costly.
 */
import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { z } from 'zod';
import type { ShopifySession } from './connection';
import { QueryTooCostly, shopifyError } from './errors';
import { costBudget } from './pacing';
import { send } from './request';
import { shopifyTransportTuning } from './tuning';

/** What `nodesById` reads: a document taking `$ids: [ID!]!`, its schema, where the list is, what one object costs. */
export type NodesQuery<S extends z.ZodTypeAny, T> = [
	document: string,
	ids: string[],
	schema: S,
	pick: (data: z.infer<S>) => Array<T | null>,
	options: { nodeCost: number },
];

/** The objects of `ids`, in their order; null where Shopify has none (deleted, or never there). */
export async function nodesById<S extends z.ZodTypeAny, T>(
	session: ShopifySession,
	...[document, ids, schema, pick, { nodeCost }]: NodesQuery<S, T>
): Promise<Array<T | null>> {
	const found: Array<T | null> = [];
	let size = shopifyTransportTuning.maxPageSize;
	while (found.length < ids.length) {
		size = Math.max(1, Math.min(size, Math.floor(costBudget(session.bucketKey) / nodeCost)));
		const batch = ids.slice(found.length, found.length + size);
		let data: z.infer<S>;
		try {
			data = await send(session, document, { ids: batch }, schema, batch.length * nodeCost);
		} catch (error) {
			if (error instanceof QueryTooCostly) {
				if (batch.length === 1) throw shopifyError(session, error.shopifyMessage, '200');
				size = Math.floor(batch.length / 2);
				continue;
			}
			throw new NodeApiError(session.ctx.getNode(), error as JsonObject);
		}
		const objects = pick(data);
		if (objects.length !== batch.length) {
			throw shopifyError(session, `Shopify answered ${objects.length} objects for ${batch.length} ids`, '200');
		}
		found.push(...objects);
	}
	return found;
}
