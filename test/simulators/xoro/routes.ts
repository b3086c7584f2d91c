/**
 * The Xoro simulator's route table: `module/action` → handler. Each route file calls
 * `defineRoutes({...})` at import time; index.ts imports every route file once. To add routes,
 * write a file that calls defineRoutes and add one `import './thatFile';` line in index.ts.
 *
 * A route serves an endpoint of nodes/Xoro/endpoints.ts, named by its key there: its path, method and
 * status (confirmed or modeled) are the endpoint's, said once. A route the package does not call
 * (defineOtherRoute) says its own status. The README's endpoint table is checked against both.
 *
 * A handler returns `ok(data, totalPages?)` or throws `XoroFailure` (Result:false with a Message and
 * an ErrorCode, as Xoro reports validation errors).
 */
import { XORO_ENDPOINTS, type XoroEndpointKey } from '../../../nodes/Xoro/endpoints';
import type { SimRequest } from '../http';
import type { SimRoute } from '../routeTable';
import type { XoroRmaProcess } from './rmaProcess';
import type { XoroState } from './state';

export interface RouteContext {
	state: XoroState;
	req: SimRequest;
	query: URLSearchParams;
	/** Parsed JSON body (POST), or {} */
	body: Record<string, unknown>;
	/** Simulator options the routes honour */
	options: XoroRouteOptions;
}

export interface XoroRouteOptions {
	/** Xoro generates the ASN together with the RMA (its Shopify-app Loop flow) */
	asnWithRma: boolean;
	/** The field name ASN lines carry the received quantity under (UNCONFIRMED in Xoro) */
	receivedQtyField: string;
	/**
	 * Whether reads list cancelled/voided documents (with their status) when no status filter asks for
	 * them. Unknown for Xoro, so the nodes must work either way.
	 */
	listCancelled: boolean;
	/** asn/create refuses an RMA that is not approved (rmaProcess.ts) */
	rmaApprovalRequired: boolean;
	/** How the tenant credits a return (rmaProcess.ts) */
	rmaProcess: XoroRmaProcess;
	/** getasn ignores its status and created/updated date filters (UNCONFIRMED whether Xoro honours them) */
	asnFiltersIgnored: boolean;
	/** Query parameters every read (GET) ignores: some tenants ignore filters (docs/apis.md §X4.3) */
	ignoredFilters: string[];
}

export interface RouteResult {
	data: unknown;
	totalPages?: number;
	page?: number;
	message?: string;
}

export interface RouteHandler {
	handle(ctx: RouteContext): RouteResult;
}

export interface XoroRoute extends SimRoute, RouteHandler {
	/** The endpoint of nodes/Xoro/endpoints.ts it serves; none for a route the package does not call */
	endpoint?: XoroEndpointKey;
}

/** module → action → route; the module may contain a slash ("product/item"). */
const table = new Map<string, Map<string, XoroRoute>>();

function register(route: XoroRoute): void {
	const cut = route.path.lastIndexOf('/');
	const moduleName = route.path.slice(0, cut).toLowerCase();
	const action = route.path.slice(cut + 1).toLowerCase();
	if (!table.has(moduleName)) table.set(moduleName, new Map());
	if (table.get(moduleName)!.has(action)) throw new Error(`The Xoro simulator defines ${route.path} twice`);
	table.get(moduleName)!.set(action, route);
}

/** Registers the routes of endpoints the package calls, by endpoint key, e.g. { rmaCreate: { handle } }. */
export function defineRoutes(routes: Partial<Record<XoroEndpointKey, RouteHandler>>): void {
	for (const [key, { handle }] of Object.entries(routes) as Array<[XoroEndpointKey, RouteHandler]>) {
		const { method, path, status } = XORO_ENDPOINTS[key];
		register({ method, path, status, endpoint: key, handle });
	}
}

/** Registers a route the package does not call, e.g. for a test's setup, with its own status. */
export function defineOtherRoute(route: Omit<XoroRoute, 'endpoint'>): void {
	register(route);
}

/** Every route the simulator serves, with its status. */
export function xoroRoutes(): XoroRoute[] {
	return [...table.values()].flatMap((actions) => [...actions.values()]);
}

export type RouteLookup =
	| { kind: 'found'; route: XoroRoute }
	| { kind: 'unknownModule' }
	| { kind: 'unknownAction' }
	| { kind: 'wrongMethod' };

export function lookupRoute(method: string, path: string): RouteLookup {
	const cut = path.lastIndexOf('/');
	const actions = table.get(path.slice(0, cut).toLowerCase());
	if (!actions) return { kind: 'unknownModule' };
	const route = actions.get(path.slice(cut + 1).toLowerCase());
	if (!route) return { kind: 'unknownAction' };
	if (route.method !== method.toUpperCase()) return { kind: 'wrongMethod' };
	return { kind: 'found', route };
}

export class XoroFailure extends Error {
	constructor(
		message: string,
		readonly errorCode = 1,
	) {
		super(message);
	}
}

export function ok(data: unknown, totalPages?: number, page?: number): RouteResult {
	return { data, totalPages, page };
}

/** page/per_page paging as Xoro does it: 1-based, TotalPages on every page. */
export function paged<T>(rows: T[], query: URLSearchParams, defaultPerPage = 100): RouteResult {
	const page = Math.max(1, Number(query.get('page') ?? '1') || 1);
	const perPage = Math.max(1, Number(query.get('per_page') ?? String(defaultPerPage)) || defaultPerPage);
	const totalPages = Math.ceil(rows.length / perPage);
	return { data: rows.slice((page - 1) * perPage, page * perPage), totalPages, page };
}

export function requireText(value: unknown, field: string): string {
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string' || !value.trim()) throw new XoroFailure(`${field} is required.`, 2);
	return value.trim();
}

export function asRecord(value: unknown, field: string): Record<string, unknown> {
	if (!value || typeof value !== 'object' || Array.isArray(value)) throw new XoroFailure(`${field} is required.`, 2);
	return value as Record<string, unknown>;
}

export function asArray(value: unknown, field: string): Array<Record<string, unknown>> {
	if (!Array.isArray(value) || value.length === 0) throw new XoroFailure(`${field} must have at least one line.`, 2);
	return value as Array<Record<string, unknown>>;
}

export function asNumber(value: unknown, field: string): number {
	const n = typeof value === 'string' ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isFinite(n)) throw new XoroFailure(`${field} must be a number.`, 2);
	return n;
}
