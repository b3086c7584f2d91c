/**
 * Shopify's query cost and leaky bucket. Requested cost, computed from the document before it runs:
 * scalars and enums 0, an object 1, a connection 2 + first×(cost of one node), a plain list of
 * objects first×(cost of one), `nodes(ids:)` one object per id. Actual cost counts the objects really returned. The bucket must hold
 * the requested cost; the surplus over the actual cost is refunded afterwards.
 */
import {
	getNamedType,
	isCompositeType,
	isListType,
	getNullableType,
	Kind,
	type DocumentNode,
	type FieldNode,
	type FragmentDefinitionNode,
	type GraphQLCompositeType,
	type GraphQLObjectType,
	type GraphQLSchema,
	type OperationDefinitionNode,
	type SelectionSetNode,
	type ValueNode,
	isObjectType,
	isInterfaceType,
} from 'graphql';

/** A plain list without `first` is priced as this many objects. */
const UNBOUNDED_LIST_SIZE = 10;

export function requestedCost(
	schema: GraphQLSchema,
	document: DocumentNode,
	operation: OperationDefinitionNode,
	variables: Record<string, unknown>,
): number {
	const fragments = new Map<string, FragmentDefinitionNode>();
	for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
	const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
	if (!root) return 0;
	const base = operation.operation === 'mutation' ? 10 : 0;
	return base + selectionCost(schema, root, operation.selectionSet, fragments, variables);
}

function selectionCost(
	schema: GraphQLSchema,
	parent: GraphQLCompositeType,
	set: SelectionSetNode,
	fragments: Map<string, FragmentDefinitionNode>,
	variables: Record<string, unknown>,
): number {
	let total = 0;
	for (const sel of set.selections) {
		if (sel.kind === Kind.FIELD) total += fieldCost(schema, parent, sel, fragments, variables);
		else {
			const frag = sel.kind === Kind.INLINE_FRAGMENT ? sel : fragments.get(sel.name.value);
			if (!frag) continue;
			const typeName = frag.typeCondition?.name.value;
			const type = typeName ? (schema.getType(typeName) as GraphQLCompositeType) : parent;
			total += selectionCost(schema, type, frag.selectionSet, fragments, variables);
		}
	}
	return total;
}

function fieldCost(
	schema: GraphQLSchema,
	parent: GraphQLCompositeType,
	field: FieldNode,
	fragments: Map<string, FragmentDefinitionNode>,
	variables: Record<string, unknown>,
): number {
	if (!isObjectType(parent) && !isInterfaceType(parent)) return 0;
	const def = parent.getFields()[field.name.value];
	if (!def || !field.selectionSet) return 0;
	const named = getNamedType(def.type);
	if (!isCompositeType(named)) return 0;
	const size = pageSize(field, variables);
	if (named.name.endsWith('Connection') && isObjectType(named)) {
		return 2 + (size ?? UNBOUNDED_LIST_SIZE) * connectionNodeCost(schema, named, field.selectionSet, fragments, variables);
	}
	const children = selectionCost(schema, named, field.selectionSet, fragments, variables);
	if (isListType(getNullableType(def.type))) return (size ?? UNBOUNDED_LIST_SIZE) * (1 + children);
	return 1 + children;
}

/** The cost of one node of a connection, whether selected through `nodes` or `edges { node }`. */
function connectionNodeCost(
	schema: GraphQLSchema,
	connection: GraphQLObjectType,
	set: SelectionSetNode,
	fragments: Map<string, FragmentDefinitionNode>,
	variables: Record<string, unknown>,
): number {
	const nodeType = getNamedType(connection.getFields().nodes?.type) as GraphQLCompositeType | undefined;
	if (!nodeType) return 1;
	let cost = 1;
	for (const sel of set.selections) {
		if (sel.kind !== Kind.FIELD || !sel.selectionSet) continue;
		if (sel.name.value === 'nodes') cost = Math.max(cost, 1 + selectionCost(schema, nodeType, sel.selectionSet, fragments, variables));
		if (sel.name.value === 'edges') {
			for (const inner of sel.selectionSet.selections) {
				if (inner.kind === Kind.FIELD && inner.name.value === 'node' && inner.selectionSet) {
					cost = Math.max(cost, 1 + selectionCost(schema, nodeType, inner.selectionSet, fragments, variables));
				}
			}
		}
	}
	return cost;
}

function pageSize(field: FieldNode, variables: Record<string, unknown>): number | undefined {
	const arg = field.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last');
	if (arg) {
		const value = literal(arg.value, variables);
		return typeof value === 'number' ? value : undefined;
	}
	// nodes(ids:): as many objects as ids asked for.
	const ids = field.arguments?.find((a) => a.name.value === 'ids');
	if (!ids) return undefined;
	if (ids.value.kind === Kind.LIST) return ids.value.values.length;
	const value = literal(ids.value, variables);
	return Array.isArray(value) ? value.length : undefined;
}

function literal(node: ValueNode, variables: Record<string, unknown>): unknown {
	if (node.kind === Kind.VARIABLE) return variables[node.name.value];
	if (node.kind === Kind.INT) return Number(node.value);
	return undefined;
}

/** Counts the objects a response really contains (pageInfo is free): the actual cost. */
export function actualCost(data: unknown): number {
	if (Array.isArray(data)) return data.reduce((n: number, x) => n + actualCost(x), 0);
	if (!data || typeof data !== 'object') return 0;
	let n = 0;
	for (const [key, value] of Object.entries(data)) {
		if (key === 'pageInfo' || !value || typeof value !== 'object') continue;
		n += (Array.isArray(value) ? 0 : 1) + actualCost(value);
	}
	return n;
}

export interface ThrottleStatus {
	maximumAvailable: number;
	currentlyAvailable: number;
	restoreRate: number;
}

/** One leaky bucket per app + shop: refills at restoreRate points per second up to maximumAvailable. */
export class CostBucket {
	maximumAvailable: number;
	restoreRate: number;
	private available: number;
	private at: number;

	constructor(maximumAvailable: number, restoreRate: number, private readonly clock: () => number = Date.now) {
		this.maximumAvailable = maximumAvailable;
		this.restoreRate = restoreRate;
		this.available = maximumAvailable;
		this.at = clock();
	}

	status(): ThrottleStatus {
		this.refill();
		return {
			maximumAvailable: this.maximumAvailable,
			currentlyAvailable: Math.floor(this.available),
			restoreRate: this.restoreRate,
		};
	}

	/** Takes `cost` points if they are there; false when the query must be throttled. */
	take(cost: number): boolean {
		this.refill();
		if (cost > this.available) return false;
		this.available -= cost;
		return true;
	}

	refund(points: number): void {
		this.refill();
		this.available = Math.min(this.maximumAvailable, this.available + points);
	}

	set(options: Partial<ThrottleStatus>): void {
		this.refill();
		if (options.maximumAvailable !== undefined) this.maximumAvailable = options.maximumAvailable;
		if (options.restoreRate !== undefined) this.restoreRate = options.restoreRate;
		this.available = Math.min(this.maximumAvailable, options.currentlyAvailable ?? this.available);
	}

	private refill(): void {
		const now = this.clock();
		this.available = Math.min(this.maximumAvailable, this.available + ((now - this.at) / 1000) * this.restoreRate);
		this.at = now;
	}
}
