/**
 * Every Xoro endpoint the nodes call: default path (relative to the credential's base URL),
 * method, and whether Xoro's API is known to have it (CONFIRMED) or we modeled it on Xoro's
 * conventions (MODELED). Each node shows an "Endpoint Paths" collection under its options built
 * from this table, so a user with Xoro's API guide can point a node at the real path (and method:
 * "PUT asn/receive") without a code change.
 *
 * To add an endpoint: add an entry here with the nodes that use it; it appears in their collection.
 * Call it by its key with xoroCall / xoroCallPage / xoroCallAll (transport/), which apply the override.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, ILoadOptionsFunctions, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { relativePath } from '../shared/urls';

export type XoroNodeName = 'xoroRma' | 'xoroAsn' | 'xoroTrigger';

export interface XoroEndpoint {
	displayName: string;
	method: IHttpRequestMethods;
	path: string;
	status: 'CONFIRMED' | 'MODELED';
	usedBy: XoroNodeName[];
}

export const XORO_ENDPOINTS = {
	itemGet: { displayName: 'Item: Get', method: 'GET', path: 'product/item/getitem', status: 'CONFIRMED', usedBy: ['xoroRma'] },
	rmaCreate: { displayName: 'RMA: Create', method: 'POST', path: 'rma/create', status: 'MODELED', usedBy: ['xoroRma'] },
	rmaGet: { displayName: 'RMA: Get / Search', method: 'GET', path: 'rma/getrma', status: 'MODELED', usedBy: ['xoroRma', 'xoroAsn', 'xoroTrigger'] },
	// The cancel/void/reverse endpoints undo a duplicate that overlapping executions made (createOnce.ts).
	rmaCancel: { displayName: 'RMA: Cancel', method: 'POST', path: 'rma/cancel', status: 'MODELED', usedBy: ['xoroRma'] },
	// Xoro's RMA process (README, "Xoro's RMA process"): Options > "Mark as Approved" and, in the old
	// process, "Convert to Credit Memo" are UI actions; these model them for the API.
	rmaApprove: { displayName: 'RMA: Approve', method: 'POST', path: 'rma/approve', status: 'MODELED', usedBy: ['xoroAsn'] },
	rmaConvert: { displayName: 'RMA: Convert to Credit Memo', method: 'POST', path: 'rma/converttocreditmemo', status: 'MODELED', usedBy: ['xoroAsn'] },
	asnCreate: { displayName: 'ASN: Create', method: 'POST', path: 'asn/create', status: 'MODELED', usedBy: ['xoroAsn'] },
	// xoroRma: Tenant → Check Endpoints reads it, so the RMA node can check an override of it.
	asnGet: { displayName: 'ASN: Get / Search', method: 'GET', path: 'asn/getasn', status: 'CONFIRMED', usedBy: ['xoroRma', 'xoroAsn', 'xoroTrigger'] },
	asnCancel: { displayName: 'ASN: Cancel', method: 'POST', path: 'asn/cancel', status: 'MODELED', usedBy: ['xoroAsn'] },
	asnReceive: { displayName: 'ASN: Receive', method: 'POST', path: 'asn/receive', status: 'MODELED', usedBy: ['xoroAsn'] },
	asnClose: { displayName: 'ASN: Close', method: 'POST', path: 'asn/close', status: 'MODELED', usedBy: ['xoroAsn'] },
	// Credit side (Credit Memo and Sales Order resources of the Xoro RMA node)
	creditMemoImport: { displayName: 'Credit Memo: Import', method: 'POST', path: 'creditmemo/import', status: 'CONFIRMED', usedBy: ['xoroRma'] },
	creditMemoGet: { displayName: 'Credit Memo: Get / Search', method: 'GET', path: 'creditmemo/getcreditmemo', status: 'CONFIRMED', usedBy: ['xoroRma', 'xoroAsn'] },
	creditMemoVoid: { displayName: 'Credit Memo: Void', method: 'POST', path: 'creditmemo/void', status: 'MODELED', usedBy: ['xoroRma', 'xoroAsn'] },
	// Records a Loop outcome (refund, store credit) on the memo Xoro made for the return's RMA.
	creditMemoUpdate: { displayName: 'Credit Memo: Record Outcome', method: 'POST', path: 'creditmemo/update', status: 'MODELED', usedBy: ['xoroRma'] },
	creditApply: { displayName: 'Credit Memo: Apply to Invoice', method: 'POST', path: 'creditmemo/applytoinvoice', status: 'MODELED', usedBy: ['xoroRma'] },
	creditUnapply: { displayName: 'Credit Memo: Reverse Application', method: 'POST', path: 'creditmemo/unapply', status: 'MODELED', usedBy: ['xoroRma'] },
	invoiceGet: { displayName: 'Invoice: Get / Search', method: 'GET', path: 'invoice/getinvoice', status: 'CONFIRMED', usedBy: ['xoroRma'] },
	salesOrderCreate: { displayName: 'Sales Order: Create', method: 'POST', path: 'salesorder/create', status: 'CONFIRMED', usedBy: ['xoroRma'] },
	salesOrderCancel: { displayName: 'Sales Order: Cancel', method: 'POST', path: 'salesorder/cancel', status: 'MODELED', usedBy: ['xoroRma'] },
	salesOrderGet: { displayName: 'Sales Order: Get / Search', method: 'GET', path: 'salesorder/getsalesorder', status: 'CONFIRMED', usedBy: ['xoroRma'] },
} satisfies Record<string, XoroEndpoint>;

export type XoroEndpointKey = keyof typeof XORO_ENDPOINTS;

/** The collection parameter every Xoro node adds to its properties (name `endpointPaths`). */
export const ENDPOINT_PATHS_PARAMETER = 'endpointPaths';

export function endpointPathsProperty(node: XoroNodeName, displayOptions?: INodeProperties['displayOptions']): INodeProperties {
	const entries = Object.entries(XORO_ENDPOINTS as Record<string, XoroEndpoint>).filter(([, e]) => e.usedBy.includes(node));
	return {
		displayName: 'Advanced: Endpoint Paths',
		name: ENDPOINT_PATHS_PARAMETER,
		type: 'collection',
		placeholder: 'Override Endpoint',
		default: {},
		description:
			'Xoro does not publish every endpoint. Override a path under the credential\'s base URL (not a full URL), optionally prefixed by a method, e.g. "PUT asn/receive".',
		displayOptions,
		options: entries.map(([key, e]) => ({
			displayName: `${e.displayName} (${e.status === 'CONFIRMED' ? 'confirmed' : 'modeled'})`,
			name: key,
			type: 'string',
			default: `${e.method} ${e.path}`,
			description: `Default: ${e.method} ${e.path}`,
		})),
	};
}

type AnyXoroContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

/** The method and path to call for `key`, with the user's override (if any) applied. */
export function xoroEndpoint(ctx: AnyXoroContext, key: XoroEndpointKey | string, itemIndex = 0): { method: IHttpRequestMethods; path: string } {
	const endpoint = (XORO_ENDPOINTS as Record<string, XoroEndpoint>)[key];
	if (!endpoint) throw new Error(`Unknown Xoro endpoint key "${key}"`);
	const override = readOverrides(ctx, itemIndex)[key];
	if (typeof override !== 'string' || !override.trim()) return { method: endpoint.method, path: endpoint.path };
	const parsed = parseEndpointOverride(override, endpoint.method);
	if ('refused' in parsed) {
		// The credential's Basic auth goes with the request: a host here would receive it.
		throw new NodeOperationError(ctx.getNode(), `"Advanced: Endpoint Paths → ${endpoint.displayName}" of item ${itemIndex} ${parsed.refused}: "${override}"`, {
			itemIndex,
			description: `Give a path under the Xoro credential's Base URL, optionally after a method, e.g. "${endpoint.method} ${endpoint.path}".`,
		});
	}
	return parsed;
}

/** Every override a node may use, checked before its first request (a poll reads several endpoints). */
export function checkEndpointOverrides(ctx: AnyXoroContext, node: XoroNodeName, itemIndex = 0): void {
	for (const [key, endpoint] of Object.entries(XORO_ENDPOINTS as Record<string, XoroEndpoint>)) {
		if (endpoint.usedBy.includes(node)) xoroEndpoint(ctx, key, itemIndex);
	}
}

export function parseEndpointOverride(value: string, defaultMethod: IHttpRequestMethods): { method: IHttpRequestMethods; path: string } | { refused: string } {
	const match = /^\s*(GET|POST|PUT|PATCH|DELETE)\s+(.+?)\s*$/i.exec(value);
	const method = match ? (match[1].toUpperCase() as IHttpRequestMethods) : defaultMethod;
	const checked = relativePath(match ? match[2] : value);
	return 'refused' in checked ? checked : { method, path: checked.path };
}

function readOverrides(ctx: AnyXoroContext, itemIndex: number): IDataObject {
	try {
		// Poll and load-options contexts take no item index; execute contexts need one.
		const read = ctx.getNodeParameter as (name: string, indexOrFallback: unknown, fallback?: unknown) => unknown;
		const value =
			'getInputData' in ctx
				? read.call(ctx, ENDPOINT_PATHS_PARAMETER, itemIndex, {})
				: read.call(ctx, ENDPOINT_PATHS_PARAMETER, {});
		return (value && typeof value === 'object' ? value : {}) as IDataObject;
	} catch {
		return {};
	}
}
