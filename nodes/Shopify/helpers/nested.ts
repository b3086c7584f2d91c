/**
 * Lists nested inside what a query reads (an order's refunds, a refund's lines, a return's items)
 * come back cut at the query's `first`. These read the rest, so nothing is dropped silently: a
 * connection is paged by its parent's id; a plain list (Order.refunds, Order.transactions: Shopify
 * cannot page them) that filled its slot is read again alone at the largest size, and an error
 * names the order when even that is full.
 */
import type { z } from 'zod';
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';
import type { Connection } from '../schemas';
import type { ShopifyGraphql } from '../transport';
import { PLAIN_LIST_MAX } from '../queries';

/** Every node of `first`, a connection's first page: the rest come from `document`, paged by `id`. */
export async function allNodes<S extends z.ZodTypeAny, T>(
	ctx: IExecuteFunctions,
	shopify: ShopifyGraphql,
	first: Connection<T>,
	page: {
		document: string;
		id: string;
		schema: S;
		pick: (data: z.infer<S>) => Connection<T> | null | undefined;
		what: string;
		/** Nodes per page; the transport halves it when Shopify finds the page too costly. */
		pageSize?: number;
	},
): Promise<T[]> {
	if (!first.pageInfo.hasNextPage) return first.nodes;
	return shopify.paginate(
		page.document,
		{ id: page.id },
		page.schema,
		(data) => {
			const connection = page.pick(data);
			if (!connection) throw new NodeOperationError(ctx.getNode(), `Shopify no longer returns ${page.what} (${page.id}) while its list was read`);
			return connection;
		},
		{ pageSize: page.pageSize ?? 50 },
	);
}

/** The whole plain list of an order: `list` as its page gave it, or read again when it filled `slot`. */
export async function wholeList<S extends z.ZodTypeAny, T>(
	ctx: IExecuteFunctions,
	shopify: ShopifyGraphql,
	list: T[],
	slot: number,
	again: { document: string; order: { id: string; name: string }; schema: S; pick: (data: z.infer<S>) => T[] | null | undefined; what: string },
): Promise<T[]> {
	if (list.length < slot) return list;
	const full = again.pick(await shopify.request(again.document, { id: again.order.id }, again.schema));
	if (!full) throw new NodeOperationError(ctx.getNode(), `Shopify no longer returns order ${again.order.name} while its ${again.what} were read`);
	if (full.length >= PLAIN_LIST_MAX) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Order ${again.order.name} has ${PLAIN_LIST_MAX} or more ${again.what}: Shopify cannot list more on one order, so none of them were taken. Book this order's ${again.what} by hand.`,
		);
	}
	return full;
}
