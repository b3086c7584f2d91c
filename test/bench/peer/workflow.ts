/**
 * The peer: the Loop → Xoro RMA + ASN import as an n8n user builds it without this package, from stock
 * nodes only (Manual Trigger, HTTP Request, Loop Over Items, If, Wait, and one Code node to map a Loop
 * return to Xoro's RMA body). It does what a careful user would, and no more:
 *   - reads the open Loop returns created in the last hour (GET warehouse/return/list, docs/apis.md §L2.1);
 *   - one return at a time, looks its RMA up by the Loop return id (GET rma/getrma?third_party_ref_no=)
 *     and only when Xoro has none creates the RMA (POST rma/create) and then its ASN (POST asn/create):
 *     a naive check-then-create. A re-run skips what an earlier run imported; nothing repairs an RMA left
 *     without its ASN, and a create whose answer was lost is sent again by Retry On Fail;
 *   - waits 1/pace s before each Xoro request, since Xoro throttles faster callers (docs/apis.md §X3.4);
 *   - Retry On Fail on every HTTP Request (n8n's defaults: 3 tries, 1 s apart), timeouts as the package's.
 * It trusts the HTTP status alone: Xoro's throttle and error answers come with HTTP 200 and `Result:false`
 * (docs/apis.md §X3.2), which the HTTP Request node passes on as a success.
 */
import type { WorkflowJson } from '../../e2e/n8n/instance';

export interface PeerOptions {
	/** Loop's API base, e.g. https://api.loopreturns.com/api/v1 */
	loopBaseUrl: string;
	/** Xoro's API base, e.g. https://res.xorosoft.io/api/xerp */
	xoroBaseUrl: string;
	storeCode: string;
	/** Xoro requests per second */
	xoroPace: number;
	loopTimeoutMs: number;
	xoroTimeoutMs: number;
	/** n8n credentials: Header Auth (X-Authorization: the Loop key) and Basic Auth (Xoro key and secret) */
	credentials: { loopHeaderAuth: { id: string; name: string }; xoroBasicAuth: { id: string; name: string } };
}

/** The window both sides read, as n8n expressions: Loop returns created in the last hour. */
export const LAST_HOUR = { from: '={{ $now.minus({ hours: 1 }).toUTC().toISO() }}', to: '={{ $now.toUTC().toISO() }}' };

// The RMA body of docs/apis.md §X5.2, minus what a user has no use for; Loop sends one line per unit.
const MAP_TO_RMA = (storeCode: string) => `// The Loop return this item came from (the look-up's answer replaced it)
const loopReturn = $('One return at a time').item.json;
return {
  json: {
    RmaHeader: {
      ThirdPartyRefNo: String(loopReturn.id),
      ThirdPartySource: 'Loop',
      RefNo: loopReturn.order_name,
      CustomerName: loopReturn.customer,
      StoreCode: ${JSON.stringify(storeCode)},
      CurrencyCode: loopReturn.currency,
    },
    RmaItemLineArr: loopReturn.line_items.map((line) => ({
      ItemNumber: line.sku,
      Description: line.title,
      Qty: 1,
      UnitPrice: Number(line.price),
    })),
  },
};`;

const ASN_BODY =
	'={{ JSON.stringify({ AsnHeaderData: { RmaNumber: $json.Data.RmaHeader.RmaNumber, ThirdPartyRefNo: $json.Data.RmaHeader.ThirdPartyRefNo, StoreCode: $json.Data.RmaHeader.StoreCode }, ' +
	'AsnDetailData: $json.Data.RmaItemLineArr.map(line => ({ ItemNumber: line.ItemNumber, BaseQtyToReceive: line.Qty })) }) }}';

export function peerWorkflow(options: PeerOptions): WorkflowJson {
	const nodes: object[] = [];
	let column = 0;
	const node = (name: string, type: string, typeVersion: number, parameters: object, settings: object = {}): string => {
		nodes.push({ id: `peer-${nodes.length}`, name, type: `n8n-nodes-base.${type}`, typeVersion, position: [column++ * 220, 0], parameters, ...settings });
		return name;
	};
	const services = {
		loop: { auth: 'httpHeaderAuth', credential: options.credentials.loopHeaderAuth, timeout: options.loopTimeoutMs },
		xoro: { auth: 'httpBasicAuth', credential: options.credentials.xoroBasicAuth, timeout: options.xoroTimeoutMs },
	};
	const http = (name: string, service: keyof typeof services, parameters: object) => {
		const { auth, credential, timeout } = services[service];
		const settings = { credentials: { [auth]: credential }, retryOnFail: true };
		return node(name, 'httpRequest', 4.2, { authentication: 'genericCredentialType', genericAuthType: auth, ...parameters, options: { timeout } }, settings);
	};
	const xoroPost = (name: string, path: string, jsonBody: string) =>
		http(name, 'xoro', { method: 'POST', url: `${options.xoroBaseUrl}/${path}`, sendBody: true, contentType: 'json', specifyBody: 'json', jsonBody });
	const paceXoro = (name: string) => node(name, 'wait', 1.1, { resume: 'timeInterval', amount: 1 / options.xoroPace, unit: 'seconds' });

	const trigger = node('Run the import', 'manualTrigger', 1, {});
	const read = http('Get open Loop returns', 'loop', {
		url: `${options.loopBaseUrl}/warehouse/return/list`,
		sendQuery: true,
		queryParameters: { parameters: [{ name: 'from', value: LAST_HOUR.from }, { name: 'to', value: LAST_HOUR.to }, { name: 'state', value: 'open' }] },
	});
	const each = node('One return at a time', 'splitInBatches', 3, { batchSize: 1, options: {} });
	const paceLookUp = paceXoro('Xoro pace: look-up');
	const find = http('Find the RMA in Xoro', 'xoro', {
		url: `${options.xoroBaseUrl}/rma/getrma`,
		sendQuery: true,
		queryParameters: { parameters: [{ name: 'third_party_ref_no', value: '={{ $json.id }}' }] },
	});
	const isNew = node('No RMA yet?', 'if', 2.2, {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'strict' },
			conditions: [{ leftValue: '={{ $json.Data }}', rightValue: '', operator: { type: 'array', operation: 'empty', singleValue: true } }],
			combinator: 'and',
		},
		options: {},
	});
	const map = node('Map to a Xoro RMA', 'code', 2, { mode: 'runOnceForEachItem', jsCode: MAP_TO_RMA(options.storeCode) });
	const paceRma = paceXoro('Xoro pace: RMA');
	const createRma = xoroPost('Create the RMA', 'rma/create', '={{ JSON.stringify($json) }}');
	const paceAsn = paceXoro('Xoro pace: ASN');
	const createAsn = xoroPost('Create the ASN', 'asn/create', ASN_BODY);

	const connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: 0 }>> }> = {};
	const link = (from: string, to: string, output = 0) => {
		const outputs = (connections[from] ??= { main: [] }).main;
		while (outputs.length <= output) outputs.push([]);
		outputs[output].push({ node: to, type: 'main', index: 0 });
	};
	const chain = (...names: string[]) => names.slice(1).forEach((to, i) => link(names[i], to));
	chain(trigger, read, each);
	link(each, paceLookUp, 1); // Loop Over Items: output 0 is "done", output 1 "loop"
	chain(paceLookUp, find, isNew, map, paceRma, createRma, paceAsn, createAsn, each);
	link(isNew, each, 1); // already in Xoro: next return

	return { name: 'Peer: Loop returns → Xoro RMA + ASN (stock nodes)', active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}
