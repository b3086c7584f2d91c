/**
 * Bulk operations: bulkOperationRunQuery validates the inner query, runs it in the background over
 * every node (no first/last, no cost limit) and writes JSONL: one line per node, nested connection
 * nodes on their own lines with __parentId. The result is served at an unauthenticated URL, like
 * Shopify's signed download links.
 */
import { execute, parse, validate, type DocumentNode } from 'graphql';
import { rootValue, type BulkOperations, type RequestContext } from './resolvers';
import { schema } from './schema';

interface BulkOperationState {
	id: string;
	status: 'RUNNING' | 'COMPLETED' | 'FAILED';
	errorCode: string | null;
	query: string;
	createdAt: string;
	completedAt: string | null;
	jsonl: string;
	objectCount: number;
	rootObjectCount: number;
}

type Json = Record<string, unknown>;

const isConnection = (v: unknown): v is { edges?: Array<{ node: Json }>; nodes?: Json[] } =>
	Boolean(v && typeof v === 'object' && !Array.isArray(v) && (Array.isArray((v as Json).edges) || Array.isArray((v as Json).nodes)));
const nodesOf = (c: { edges?: Array<{ node: Json }>; nodes?: Json[] }) => c.nodes ?? (c.edges ?? []).map((e) => e.node);

export class BulkRunner implements BulkOperations {
	private readonly operations: BulkOperationState[] = [];
	private nextId = 1;

	constructor(
		private readonly baseUrl: () => string,
		/** How long a bulk query "runs" before its file is ready */
		public delayMs = 200,
	) {}

	run(query: string, ctx: RequestContext) {
		let document: DocumentNode;
		try {
			document = parse(query);
		} catch (error) {
			return { bulkOperation: null, userErrors: [{ field: ['query'], message: `Invalid bulk query: ${(error as Error).message}` }] };
		}
		const invalid = validate(schema, document);
		if (invalid.length) return { bulkOperation: null, userErrors: [{ field: ['query'], message: `Invalid bulk query: ${invalid[0].message}` }] };
		if (!/\b(edges|nodes)\b/.test(query)) {
			return { bulkOperation: null, userErrors: [{ field: ['query'], message: 'Bulk queries must contain at least one connection.' }] };
		}
		const op: BulkOperationState = {
			id: `gid://shopify/BulkOperation/${this.nextId++}`, status: 'RUNNING', errorCode: null, query,
			createdAt: ctx.store.stamp(), completedAt: null, jsonl: '', objectCount: 0, rootObjectCount: 0,
		};
		this.operations.push(op);
		const bulkCtx: RequestContext = { ...ctx, bulk: true, searchWarnings: [] };
		setTimeout(() => this.complete(op, document, bulkCtx), this.delayMs).unref();
		return { bulkOperation: this.view(op), userErrors: [] };
	}

	get(id: string) {
		const op = this.operations.find((o) => o.id === id);
		return op ? this.view(op) : null;
	}

	current() {
		const op = this.operations.at(-1);
		return op ? this.view(op) : null;
	}

	/** The JSONL file of a completed operation, by the number at the end of its id. */
	file(number: string): string | undefined {
		return this.operations.find((o) => o.id.endsWith(`/${number}`) && o.status === 'COMPLETED')?.jsonl;
	}

	private async complete(op: BulkOperationState, document: DocumentNode, ctx: RequestContext): Promise<void> {
		const result = await execute({ schema, document, rootValue: rootValue(ctx), contextValue: ctx });
		op.completedAt = ctx.store.stamp();
		if (result.errors?.length || !result.data) {
			op.status = 'FAILED';
			op.errorCode = result.errors?.some((e) => e.extensions?.code === 'ACCESS_DENIED') ? 'ACCESS_DENIED' : 'INTERNAL_SERVER_ERROR';
			return;
		}
		const lines: Json[] = [];
		const emit = (node: Json, parentId?: string) => {
			const own: Json = parentId ? { __parentId: parentId } : {};
			const children: Array<Json> = [];
			for (const [key, value] of Object.entries(node)) {
				if (isConnection(value)) children.push(...nodesOf(value));
				else own[key] = value;
			}
			lines.push(own);
			for (const child of children) emit(child, String(node.id));
		};
		const roots = Object.values(result.data).filter(isConnection).flatMap(nodesOf);
		for (const root of roots) emit(root as Json);
		op.jsonl = lines.map((l) => JSON.stringify(l)).join('\n') + (lines.length ? '\n' : '');
		op.objectCount = lines.length;
		op.rootObjectCount = roots.length;
		op.status = 'COMPLETED';
	}

	private view(op: BulkOperationState) {
		const number = op.id.split('/').pop();
		const done = op.status === 'COMPLETED';
		return {
			id: op.id, status: op.status, errorCode: op.errorCode, query: op.query, createdAt: op.createdAt, completedAt: op.completedAt,
			objectCount: String(op.objectCount), rootObjectCount: String(op.rootObjectCount),
			fileSize: done ? String(Buffer.byteLength(op.jsonl)) : null,
			url: done && op.objectCount ? `${this.baseUrl()}/bulk-results/${number}.jsonl` : null,
			partialDataUrl: null,
		};
	}
}
