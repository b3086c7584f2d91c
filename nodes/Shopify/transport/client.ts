/**
 * ShopifyGraphql: what an action holds for one item, connected once and handed to its helpers; each
 * method is one of the files beside this one, called with the item's session.
 */
import type { z } from 'zod';
import { bulkQuery } from './bulk';
import { connect, type ShopifyContext, type ShopifySession } from './connection';
import { nodesById, type NodesQuery } from './nodes';
import { paginate, type PageQuery } from './paging';
import { request } from './request';
import { grantedScopes, requireScopes } from './scopes';

export class ShopifyGraphql {
	private constructor(private readonly session: ShopifySession) {}

	static async connect(ctx: ShopifyContext, itemIndex?: number): Promise<ShopifyGraphql> {
		return new ShopifyGraphql(await connect(ctx, itemIndex));
	}

	get url(): string {
		return this.session.url;
	}

	/** One query; its data checked against `schema`. */
	async request<S extends z.ZodTypeAny>(document: string, variables: Record<string, unknown>, schema: S): Promise<z.infer<S>> {
		return await request(this.session, document, variables, schema);
	}

	/** Every node of a connection, page by page (paging.ts). */
	async paginate<S extends z.ZodTypeAny, T>(...query: PageQuery<S, T>): Promise<T[]> {
		return await paginate(this.session, ...query);
	}

	/** Objects by global id, in batches (nodes.ts). */
	async nodesById<S extends z.ZodTypeAny, T>(...query: NodesQuery<S, T>): Promise<Array<T | null>> {
		return await nodesById(this.session, ...query);
	}

	/** `query` as a bulk operation, its top-level nodes checked against `nodeSchema` (bulk.ts). */
	async bulkQuery<S extends z.ZodTypeAny>(query: string, nodeSchema: S): Promise<Array<z.infer<S>>> {
		return await bulkQuery(this.session, query, nodeSchema);
	}

	/** The app's access scopes, as Shopify reports them for this token. */
	async grantedScopes(): Promise<Set<string>> {
		return await grantedScopes(this.session);
	}

	/** Fails up front, naming the missing scopes, where Shopify would otherwise leave data out silently. */
	async requireScopes(scopes: string[], why: string): Promise<void> {
		await requireScopes(this.session, scopes, why);
	}
}
