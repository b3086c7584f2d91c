/**
 * Tenant → Check Endpoints: a first-run check of the Xoro tenant. Most RMA and ASN endpoints are
 * modeled (endpoints.ts) and a tenant may name them differently, so this reads one row (page 1,
 * per_page 1) from every GET endpoint the package uses, by the method and path this node's
 * "Advanced: Endpoint Paths" give it, and outputs one item per endpoint: what Xoro answered and, when
 * it failed, which setting to change. It never writes: a write endpoint's path cannot be tried
 * without making a document (README, "Check the Xoro endpoints").
 *
 * A failed probe is the report, not an error of the node; a credential Xoro refuses, or a host it
 * cannot reach, fails the node, since then no endpoint can be checked.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';
import { asNodeError, forEachItem } from '../../../shared/items';
import { XORO_ENDPOINTS, xoroEndpoint, type XoroEndpoint, type XoroEndpointKey, type XoroNodeName } from '../../endpoints';
import { xoroCallPage, xoroFailureOf, type XoroFailureKind } from '../../transport';
import type { XoroOperation } from '../types';

const displayOptions = { show: { resource: ['tenant'], operation: ['checkEndpoints'] } };

/**
 * Extra query a probe needs. getsalesorder answers nothing without a status (docs/apis.md §X4.1);
 * "Released" is one public code uses. Any status proves the route; it need not match an order.
 */
const PROBE_QUERY: Partial<Record<XoroEndpointKey, IDataObject>> = { salesOrderGet: { status: 'Released' } };

const NODE_NAMES: Record<XoroNodeName, string> = { xoroRma: 'Xoro RMA', xoroAsn: 'Xoro ASN', xoroTrigger: 'Xoro Trigger' };

/** Failures that say nothing about one endpoint: the credential or the host is wrong. */
const HOST_FAILURES: XoroFailureKind[] = ['unreachable', 'noAnswer', 'redirect', 'auth', 'outage'];

type Result = 'ok' | 'resultFalse' | 'notEnvelope' | 'notFound' | 'httpError' | 'noAnswer' | 'notChecked';

const properties: INodeProperties[] = [
	{
		displayName:
			'Reads one row from every Xoro endpoint this package reads, with this node\'s Advanced: Endpoint Paths, and outputs one item per endpoint with what Xoro answered. It never writes.',
		name: 'checkEndpointsNotice',
		type: 'notice',
		default: '',
	},
];

const description = updateDisplayOptions(displayOptions, properties);

/** The endpoints probed: every one read with GET by default, in the table's order (Item: Get, the credential test's, first). */
function probedEndpoints(): Array<[XoroEndpointKey, XoroEndpoint]> {
	return (Object.entries(XORO_ENDPOINTS) as Array<[XoroEndpointKey, XoroEndpoint]>).filter(([, e]) => e.method === 'GET');
}

function hintFor(endpoint: XoroEndpoint, result: Result, kind?: XoroFailureKind, httpCode?: string): string | null {
	const names = endpoint.usedBy.map((n) => NODE_NAMES[n]);
	const nodes = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0];
	const setting = `set "Advanced: Endpoint Paths → ${endpoint.displayName}" to the path Xoro's API guide (or Xoro support) gives for it, written "GET module/action", on every ${nodes} node that uses it (this one too), then run Check Endpoints again`;
	switch (result) {
		case 'ok':
		case 'notChecked':
			return null;
		case 'notFound':
			return `Xoro has no such route on your tenant: ${setting}.`;
		case 'httpError':
			if (kind === 'auth') return 'Xoro refused the API key for this endpoint but not for others: ask your Xoro admin whether the Private App covers it.';
			if (kind === 'redirect') return `Xoro sent this path to another page (usually a login page): ${setting}.`;
			if (httpCode?.startsWith('5')) {
				return `Xoro answers HTTP 500 "An error has occurred." to an unknown path and to an API key without this endpoint's scope: ask your Xoro admin whether the Private App covers it; if it does, ${setting}.`;
			}
			return `Xoro answered HTTP ${httpCode ?? '?'}: ${setting}.`;
		case 'notEnvelope':
			return `That is not Xoro's API answering (a web page or another service): check the credential's Base URL (https://res.xorosoft.io/api/xerp), then ${setting}.`;
		case 'resultFalse':
			return `Xoro answered in its own format, so the path exists; its message says why it refused the read (a missing scope: ask your Xoro admin). If it names an unknown action, ${setting}.`;
		case 'noAnswer':
			return 'Xoro did not answer: run Check Endpoints again; if it persists, raise Timeout (Seconds) on the Xoro credential.';
	}
}

function resultOf(kind: XoroFailureKind): Result {
	switch (kind) {
		case 'route':
			return 'notFound';
		case 'refused':
		case 'noData':
			return 'resultFalse';
		case 'notEnvelope':
			return 'notEnvelope';
		case 'unreachable':
		case 'noAnswer':
		case 'outage':
			return 'noAnswer';
		default:
			return 'httpError';
	}
}

interface Probe {
	json: IDataObject;
	/** Whether a request went out and Xoro's host answered it (whatever the answer). */
	reached: boolean;
	/** Set when the probe failed for a reason that is not the endpoint's (see HOST_FAILURES). */
	hostFailure?: NodeApiError;
}

async function probe(ctx: IExecuteFunctions, key: XoroEndpointKey, endpoint: XoroEndpoint, itemIndex: number): Promise<Probe> {
	const qs = { ...PROBE_QUERY[key] };
	const base = {
		key,
		displayName: endpoint.displayName,
		status: endpoint.status === 'CONFIRMED' ? 'confirmed' : 'modeled',
		method: endpoint.method,
		path: endpoint.path,
		overridden: false,
		query: new URLSearchParams({ ...(qs as Record<string, string>), page: '1', per_page: '1' }).toString(),
	};
	const report = (result: Result, fields: IDataObject, failure?: XoroFailureKind): IDataObject => ({
		...base,
		ok: result === 'ok',
		result,
		httpCode: null,
		rows: null,
		totalPages: null,
		xoroMessage: null,
		answer: null,
		...fields,
		hint: fields.hint !== undefined ? fields.hint : hintFor(endpoint, result, failure, (fields.httpCode as string | null) ?? undefined),
	});

	let resolved: { method: string; path: string };
	try {
		resolved = xoroEndpoint(ctx, key, itemIndex);
	} catch (error) {
		const refused = error as Error & { description?: string };
		return { reached: false, json: report('notChecked', { overridden: true, message: refused.message, hint: refused.description ?? null }) };
	}
	Object.assign(base, resolved, { overridden: resolved.method !== endpoint.method || resolved.path !== endpoint.path });
	if (resolved.method !== 'GET') {
		return {
			reached: false,
			json: report('notChecked', {
				message: `Not called: the override sends ${resolved.method}, and Check Endpoints sends only GET requests, so it never writes.`,
				hint: `Run the operation that reads through "${endpoint.displayName}" on one document to check this override.`,
			}),
		};
	}

	try {
		const { rows, totalPages } = await xoroCallPage(ctx, key, qs, { page: 1, perPage: 1, itemIndex, once: true });
		const found = rows.length ? `${rows.length} row on page 1 of ${totalPages}` : 'no rows (an empty list; a key without this endpoint\'s scope may also answer so)';
		return { reached: true, json: report('ok', { rows: rows.length, totalPages, message: `Xoro answered with its envelope, Result true: ${found}.` }) };
	} catch (error) {
		const failure = xoroFailureOf(error);
		// Not a failure of the call (e.g. a Base URL the credential refuses): the node's own error.
		if (!failure || !(error instanceof NodeApiError)) throw asNodeError(ctx, error, itemIndex);
		const result = resultOf(failure.kind);
		const json = report(
			result,
			{
				httpCode: error.httpCode ?? null,
				xoroMessage: result === 'resultFalse' ? (failure.xoroMessage ?? null) : null,
				answer: failure.answer ?? null,
				message: error.message,
				...(failure.kind === 'refused' && !failure.xoroMessage
					? { hint: 'Result false with no message and no data is how Xoro throttles: run Check Endpoints again, or lower Requests per Second on the Xoro credential.' }
					: {}),
			},
			failure.kind,
		);
		const hostFailure = HOST_FAILURES.includes(failure.kind);
		return { json, reached: !hostFailure, hostFailure: hostFailure ? error : undefined };
	}
}

const HOST_HELP: Partial<Record<XoroFailureKind, string>> = {
	auth: 'Xoro refused the Xoro credential\'s API key and secret: check them (a Private App\'s key and secret), then run Check Endpoints again.',
	unreachable: 'Check the Base URL of the Xoro credential (https://res.xorosoft.io/api/xerp) and that this n8n server can reach it.',
	noAnswer: 'Check the Base URL of the Xoro credential (https://res.xorosoft.io/api/xerp) and that this n8n server can reach it; raise Timeout (Seconds) on the credential if Xoro is slow.',
};

async function checkEndpoints(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const reports: IDataObject[] = [];
	let reachedOnce = false;
	for (const [key, endpoint] of probedEndpoints()) {
		const { json, reached, hostFailure } = await probe(ctx, key, endpoint, itemIndex);
		// Until one probe got through, a refused key or an unreachable host is the credential's fault;
		// after that, it is this endpoint's (a Private App without its scope, a slow read).
		reachedOnce ||= reached;
		if (hostFailure && !reachedOnce) {
			const kind = xoroFailureOf(hostFailure)?.kind;
			throw new NodeApiError(ctx.getNode(), { message: hostFailure.message } as JsonObject, {
				message: `Check Endpoints could not check any endpoint: ${hostFailure.message}`,
				description: (kind && HOST_HELP[kind]) ?? hostFailure.description ?? undefined,
				httpCode: hostFailure.httpCode ?? undefined,
				itemIndex,
			});
		}
		reports.push(json);
	}
	return reports;
}

async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	// One report however many items come in: the check reads the node's settings, not the items.
	return [await forEachItem(this, items.slice(0, 1), async (itemIndex) => checkEndpoints(this, itemIndex))];
}

export const operation: XoroOperation = {
	option: {
		name: 'Check Endpoints',
		value: 'checkEndpoints',
		action: 'Check the Xoro endpoints',
		description: 'Read one row from every Xoro endpoint the nodes read, with this node\'s endpoint paths, and report what answered',
	},
	description,
	execute,
};
