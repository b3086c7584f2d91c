/**
 * The bad-input catalogue (issue 10): every case is an input or a setting that once reached a service,
 * leaked a credential or failed with an unclear error. Each action-node case asserts the exact error
 * (field and item named), that it is thrown before any request (or, where a read must come first,
 * before any write: no simulator state changed), and that under continueOnFail the error sits on its
 * item (with `error`, so n8n's error output gets it) while the next item goes on. Trigger and
 * credential cases assert the error and that nothing was sent anywhere.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, INodeExecutionData, INodeType } from 'n8n-workflow';
import { LoopReturnsApi } from '../../credentials/LoopReturnsApi.credentials';
import { ShopifyAdminGraphqlApi } from '../../credentials/ShopifyAdminGraphqlApi.credentials';
import { XoroApi } from '../../credentials/XoroApi.credentials';
import { LoopReturn } from '../../nodes/Loop/LoopReturn.node';
import { LoopTrigger } from '../../nodes/Loop/LoopTrigger.node';
import { ShopifyTransactions } from '../../nodes/Shopify/ShopifyTransactions.node';
import { XoroAsn } from '../../nodes/Xoro/XoroAsn.node';
import { XoroRma } from '../../nodes/Xoro/XoroRma.node';
import { XoroTrigger } from '../../nodes/Xoro/XoroTrigger.node';
import { runNode, runPoll, testCredential, type CredentialsMap } from '../harness/n8n';
import { fastTuning, LOOP_KEY } from '../loop/tuning';
import { startFixture, type Fixture } from '../shopify/fixtures';
import { startLoopSimulator, type LoopSimulator } from '../simulators/loop';
import { createScenario, type Scenario } from '../simulators/scenario';
import { creditItem, exchangeItem, redemptionItem, refundItem } from '../xoro/credit/transactions';
import { fastRetries, loopReturnItem, startSim, type StartedSim } from '../xoro/fixtures';

type NodeName = 'loopReturn' | 'xoroRma' | 'xoroAsn' | 'shopify';

interface Case {
	name: string;
	node: NodeName;
	parameters: IDataObject;
	/** The bad item, then the next one (which must still run) */
	items: () => [IDataObject, IDataObject];
	/** Exact; a leading "^" makes it a pattern; a function when it names the listener's port */
	error: string | (() => string);
	/** Reads may come first (the check needs what Xoro holds); still nothing is written. */
	readsFirst?: boolean;
	credentials?: () => CredentialsMap;
	/** The next item fails for the same reason (a credential, a node-wide setting) */
	sharedCause?: boolean;
	/** The error's description, when the case is about it (null: none) */
	description?: string | null;
}

let scenario: Scenario;
let loop: LoopSimulator;
let xoro: StartedSim;
let shopify: Fixture;
/** A listener standing for "another host": it must never see a connection. */
let elsewhere: { server: http.Server; port: number; connections: number };

beforeAll(async () => {
	fastTuning();
	fastRetries();
	scenario = createScenario();
	loop = await startLoopSimulator({ scenario });
	xoro = await startSim({ scenario });
	shopify = await startFixture();
	const server = http.createServer((_req, res) => res.end('{}'));
	elsewhere = { server, port: 0, connections: 0 };
	server.on('connection', () => elsewhere.connections++);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	elsewhere.port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
	await Promise.all([loop.close(), xoro.sim.close(), shopify.sim.close()]);
	await new Promise((resolve) => elsewhere.server.close(resolve));
});

const nodes: Record<NodeName, INodeType> = {
	loopReturn: new LoopReturn(),
	xoroRma: new XoroRma(),
	xoroAsn: new XoroAsn(),
	shopify: new ShopifyTransactions(),
};

function credentialsFor(node: NodeName): CredentialsMap {
	if (node === 'loopReturn') return { loopReturnsApi: { apiKey: LOOP_KEY, baseUrl: loop.baseUrl } };
	if (node === 'shopify') return { shopifyAdminGraphqlApi: shopify.credentials as never };
	return xoro.credentials as unknown as CredentialsMap;
}

/** Requests the simulators received (their own state reads left out) and what they hold. */
async function observe(): Promise<{ requests: number; state: string }> {
	const sims = [loop, xoro.sim, shopify.sim];
	const requests = sims.reduce((n, sim) => n + sim.requests.filter((r) => !r.path.startsWith('/__sim')).length, 0);
	const states = await Promise.all(sims.map(async (sim) => (await fetch(`${sim.url}/__sim/state`)).text()));
	// Shopify's state counts the calls it answered (the request count above covers those) and its
	// cost bucket, which refills with time whatever the node did.
	return { requests, state: states.map((s) => s.replace(/"calls":\d+/, '').replace(/"throttleStatus":\{[^}]*\}/, '')).join('\n') };
}

const returnId = (value: string) => ({ __rl: true, mode: 'id', value });
const loopReturnOf = (id = '25044701') => loopReturnItem(scenario, id) as unknown as IDataObject;
const rmaCreate = { resource: 'rma', operation: 'createFromLoopReturn', storeCode: 'MAIN', customerName: '', itemMapping: {}, options: {} };
const creditCreate = { resource: 'creditMemo', operation: 'create' };
const range = { windowMode: 'range', since: '={{ $json.since }}', until: '={{ $json.until }}' };
const goodWindow = { since: '2026-11-01T00:00:00Z', until: '2026-11-02T00:00:00Z' };

const cases: Case[] = [
	// ---- Loop Return ----
	...[0, -5].map((limit): Case => ({
		name: `Loop Get Many: limit ${limit}`,
		node: 'loopReturn',
		parameters: { operation: 'getMany', returnAll: false, limit: '={{ $json.limit }}' },
		items: () => [{ limit }, { limit: 1 }],
		error: `"Limit" of item 0 must be a whole number of at least 1, not ${limit}`,
	})),
	{
		name: 'Loop Get Many: limit "abc"',
		node: 'loopReturn',
		parameters: { operation: 'getMany', returnAll: false, limit: '={{ $json.limit }}' },
		items: () => [{ limit: 'abc' }, { limit: 1 }],
		error: '"Limit" of item 0 must be a whole number of at least 1, not "abc"',
	},
	...['1', '2024-02-30', 'yesterday'].map((from): Case => ({
		name: `Loop Get Many: From "${from}"`,
		node: 'loopReturn',
		parameters: { operation: 'getMany', returnAll: false, limit: 1, from: '={{ $json.from }}' },
		items: () => [{ from }, { from: '2026-11-01T00:00:00Z' }],
		error: `"From" of item 0 is not a date: "${from}"`,
	})),
	{
		name: 'Loop Get Many: a range from 1900',
		node: 'loopReturn',
		parameters: { operation: 'getMany', returnAll: false, limit: 1, from: '={{ $json.from }}', to: '2026-11-30T00:00:00Z' },
		items: () => [{ from: '1900-01-01T00:00:00Z' }, { from: '2026-11-01T00:00:00Z' }],
		error: '"From" of item 0 starts more than 1098 days before "To": read a shorter range',
	},
	{
		name: 'Loop Get Many: From after To',
		node: 'loopReturn',
		parameters: { operation: 'getMany', returnAll: false, limit: 1, from: '={{ $json.from }}', to: '2026-11-01T00:00:00Z' },
		items: () => [{ from: '2026-12-01T00:00:00Z' }, { from: '2026-10-01T00:00:00Z' }],
		error: '"From" of item 0 is after "To"',
	},
	{
		name: 'Loop Add Note: 256 emoji counted as Loop counts them',
		node: 'loopReturn',
		parameters: { operation: 'addNote', returnId: returnId('25044701'), content: '={{ $json.note }}' },
		items: () => [{ note: '🙂'.repeat(256) }, { note: '🙂'.repeat(130) }],
		error: '"Content" of item 0 has 256 characters (Unicode code points, as Loop counts them); Loop accepts at most 255',
	},
	{
		name: 'Loop Add Note: an object expression',
		node: 'loopReturn',
		parameters: { operation: 'addNote', returnId: returnId('25044701'), content: '={{ $json.note }}' },
		items: () => [{ note: { text: 'hi' } }, { note: 'Received at the warehouse' }],
		error: '"Content" of item 0 must be text, not an object',
	},
	{
		name: 'Loop Flag: a list as the note',
		node: 'loopReturn',
		parameters: { operation: 'flag', returnId: returnId('25044702'), note: '={{ $json.note }}' },
		items: () => [{ note: ['a', 'b'] }, { note: 'check the box' }],
		error: '"Note" of item 0 must be text, not a list',
	},
	{
		name: 'Loop: a whitespace base URL is refused at once',
		node: 'loopReturn',
		parameters: { operation: 'get', lookup: returnId('25044701') },
		items: () => [{}, {}],
		credentials: () => ({ loopReturnsApi: { apiKey: LOOP_KEY, baseUrl: '   ' } }),
		error: "The Loop credential's Base URL is empty: set it to https://api.loopreturns.com/api/v1",
	},
	{
		name: 'Loop: an http base URL off this machine',
		node: 'loopReturn',
		parameters: { operation: 'get', lookup: returnId('25044701') },
		items: () => [{}, {}],
		credentials: () => ({ loopReturnsApi: { apiKey: LOOP_KEY, baseUrl: 'http://loop.example.com/api/v1' } }),
		error:
			"The Loop credential's Base URL must use https:// (http:// would send the credential in clear text; it is allowed only for 127.0.0.1, ::1 or localhost)",
	},

	// ---- Xoro RMA: RMA from a Loop return ----
	{
		name: 'RMA: garbage createdAt',
		node: 'xoroRma',
		parameters: rmaCreate,
		items: () => [{ ...loopReturnOf(), createdAt: 'not a date' }, loopReturnOf()],
		error: 'Input item 0 is not a Loop return: field "createdAt" is not a date: "not a date"',
	},
	{
		name: 'RMA: a currency that is not ISO 4217',
		node: 'xoroRma',
		parameters: rmaCreate,
		items: () => [{ ...loopReturnOf(), currency: '💰 dollars' }, loopReturnOf()],
		error: 'Input item 0 is not a Loop return: field "currency" is not an ISO 4217 currency code: "💰 dollars"',
	},
	{
		name: 'RMA: price "abc"',
		node: 'xoroRma',
		parameters: rmaCreate,
		items: () => {
			const bad = loopReturnOf();
			(bad.lineItems as IDataObject[])[0] = { ...(bad.lineItems as IDataObject[])[0], price: 'abc' };
			return [bad, loopReturnOf()];
		},
		error: 'Input item 0 is not a Loop return: field "lineItems[0].price" is not a number: "abc"',
	},
	{
		name: 'RMA: [null] line items',
		node: 'xoroRma',
		parameters: rmaCreate,
		items: () => [{ ...loopReturnOf(), lineItems: [null] }, loopReturnOf()],
		error: 'Input item 0 is not a Loop return: field "lineItems[0]" must be a line item object, not null',
	},
	{
		name: 'RMA: a number id',
		node: 'xoroRma',
		parameters: rmaCreate,
		items: () => [{ ...loopReturnOf(), id: 25044701 }, loopReturnOf()],
		error: 'Input item 0 is not a Loop return: field "id" must be text, not a number 25044701',
	},
	{
		name: 'RMA: no id at all',
		node: 'xoroRma',
		parameters: rmaCreate,
		items: () => [{ ...loopReturnOf(), id: undefined }, loopReturnOf()],
		error: 'Input item 0 is not a Loop return: field "id" is missing',
	},
	{
		name: 'RMA: an object Store Code',
		node: 'xoroRma',
		parameters: { ...rmaCreate, storeCode: '={{ $json.store }}' },
		items: () => [{ ...loopReturnOf(), store: { code: 'MAIN' } }, { ...loopReturnOf(), store: 'MAIN' }],
		error: '"Store Code" of item 0 must be text, not an object',
	},
	{
		name: 'RMA: an empty Store Code',
		node: 'xoroRma',
		parameters: { ...rmaCreate, storeCode: '={{ $json.store }}' },
		items: () => [{ ...loopReturnOf(), store: '  ' }, { ...loopReturnOf(), store: 'MAIN' }],
		error: '"Store Code" of item 0 is empty',
	},
	{
		name: 'RMA: an object Customer Name',
		node: 'xoroRma',
		parameters: { ...rmaCreate, customerName: '={{ $json.who }}' },
		items: () => [{ ...loopReturnOf(), who: { name: 'Ada' } }, loopReturnOf()],
		error: '"Customer Name" of item 0 must be text, not an object',
	},
	{
		name: 'RMA: endpoint override to another host',
		node: 'xoroRma',
		parameters: { ...rmaCreate, endpointPaths: { rmaGet: `={{ $json.path }}` } },
		items: () => [{ ...loopReturnOf(), path: `GET http://127.0.0.1:${elsewhere.port}/steal` }, { ...loopReturnOf(), path: 'GET rma/getrma' }],
		error: () => `"Advanced: Endpoint Paths → RMA: Get / Search" of item 0 is a full URL; give a path under the credential's Base URL: "GET http://127.0.0.1:${elsewhere.port}/steal"`,
	},
	...[
		['//evil.example/rma/getrma', 'contains "//"; give a path under the credential\'s Base URL'],
		['../../other/api', 'contains ".."'],
		['user@evil.example/rma', 'contains "@" or "\\"'],
		['rma\\getrma', 'contains "@" or "\\"'],
	].map(([path, problem]): Case => ({
		name: `RMA: endpoint override "${path}"`,
		node: 'xoroRma',
		parameters: { ...rmaCreate, endpointPaths: { rmaGet: '={{ $json.path }}' } },
		items: () => [{ ...loopReturnOf(), path }, { ...loopReturnOf(), path: 'rma/getrma' }],
		error: `"Advanced: Endpoint Paths → RMA: Get / Search" of item 0 ${problem}: "${path}"`,
	})),
	{
		name: 'RMA: item mapping key "constructor" is not a prototype function',
		node: 'xoroRma',
		parameters: { ...rmaCreate, itemMapping: { mappings: [{ shopifyKey: 'toString', itemNumber: 'TEE-PM-S' }] } },
		// The SKU-less socks line: "constructor" or "toString" must not resolve it.
		items: () => {
			const bad = loopReturnOf('25044703');
			(bad.lineItems as IDataObject[]).forEach((line) => Object.assign(line, { sku: null, barcode: null, variantId: 'constructor' }));
			return [bad, loopReturnOf()];
		},
		readsFirst: true,
		error: /^Loop return 25044703 cannot become a Xoro RMA: line \S+: ".*" has no SKU and no barcode; add variant constructor to the Item Mapping/.source,
	},
	{
		name: 'RMA: an item mapping table that is not a list of rows',
		node: 'xoroRma',
		parameters: { ...rmaCreate, itemMapping: { tables: [{ rows: '{"shopifyKey": "SOCK", "itemNumber": "SOCK-1"}' }] } },
		items: () => [loopReturnOf(), loopReturnOf()],
		sharedCause: true,
		error: '"Item Mapping" table 1 of item 0 must be a list of rows, not an object',
	},
	{
		name: 'RMA: an item mapping table row that is not a row',
		node: 'xoroRma',
		parameters: { ...rmaCreate, itemMapping: { tables: [{ rows: [{ shopifyKey: 'SOCK', itemNumber: 'SOCK-1' }, 'SOCK'] }] } },
		items: () => [loopReturnOf(), loopReturnOf()],
		sharedCause: true,
		error: '"Item Mapping" table 1 row 2 of item 0 must be an object, not string "SOCK"',
	},
	{
		name: 'RMA: an item mapping table row whose item number is not text',
		node: 'xoroRma',
		parameters: { ...rmaCreate, itemMapping: { tables: [{ rows: [{ shopifyKey: 'SOCK', itemNumber: 12 }] }] } },
		items: () => [loopReturnOf(), loopReturnOf()],
		sharedCause: true,
		error: '"Item Mapping" table 1 row 1 of item 0: "itemNumber" must be text, not a number 12',
	},
	{
		name: 'RMA: a store-by-destination row whose store code is not text',
		node: 'xoroRma',
		parameters: { ...rmaCreate, options: { storeByDestination: { tables: [{ rows: [{ destinationId: 7295, storeCode: 'EAST' }, { destinationId: 8000, storeCode: { code: 'WEST' } }] }] } } },
		items: () => [loopReturnOf(), loopReturnOf()],
		sharedCause: true,
		error: '"Store by Loop Destination" table 1 row 2 of item 0: "storeCode" must be text, not an object',
	},
	{
		name: 'RMA: a reason code typed into the node whose Loop reason is a list',
		node: 'xoroRma',
		parameters: { ...rmaCreate, options: { reasonCodes: { mappings: [{ loopReason: ['Too small'], reasonCode: 'FIT' }] } } },
		items: () => [loopReturnOf(), loopReturnOf()],
		sharedCause: true,
		error: '"Reason Codes" mapping row 1 of item 0: "loopReason" must be text or a whole number, not a list',
	},
	{
		name: 'RMA: a mapping error without a SKU problem carries no SKU hint',
		node: 'xoroRma',
		parameters: rmaCreate,
		// A return no other case turns into an RMA: an existing RMA would be returned before mapping.
		items: () => [{ ...loopReturnOf('25044704'), customerEmail: null, raw: {} }, loopReturnOf()],
		readsFirst: true,
		error: 'Loop return 25044704 cannot become a Xoro RMA: no customer name or email to match a Xoro customer',
		description: null,
	},
	{
		name: 'RMA Get Many: limit -1',
		node: 'xoroRma',
		parameters: { resource: 'rma', operation: 'getMany', returnAll: false, limit: '={{ $json.limit }}' },
		items: () => [{ limit: -1 }, { limit: 1 }],
		error: '"Limit" of item 0 must be a whole number of at least 1, not -1',
	},
	{
		name: 'RMA Get Many: Created After 2024-02-30',
		node: 'xoroRma',
		parameters: { resource: 'rma', operation: 'getMany', returnAll: false, limit: 5, filters: { createdAfter: '={{ $json.after }}' } },
		items: () => [{ after: '2024-02-30' }, { after: '2026-11-01' }],
		error: '"Filters: Created After" of item 0 is not a date: "2024-02-30"',
	},
	{
		name: 'RMA Get: an object RMA Number',
		node: 'xoroRma',
		parameters: { resource: 'rma', operation: 'get', rmaNumber: '={{ $json.rma }}' },
		items: () => [{ rma: { n: 1 } }, { rma: 'MAIN-R999999' }],
		error: '"RMA Number" of item 0 must be text, not an object',
	},

	// ---- Xoro RMA: credit side ----
	...[-50, 0].map((amount): Case => ({
		name: `Credit memo of ${amount}`,
		node: 'xoroRma',
		parameters: creditCreate,
		items: () => [{ ...creditItem(scenario, '111'), amount }, creditItem(scenario, '222') as never],
		error: `Input item 0: The Shopify transaction's "amount" must be more than 0, not ${amount}`,
	})),
	{
		name: 'Credit memo: currency "💰 dollars"',
		node: 'xoroRma',
		parameters: creditCreate,
		items: () => [{ ...creditItem(scenario, '111'), currency: '💰 dollars' }, creditItem(scenario, '222') as never],
		error: 'Input item 0: The Shopify transaction\'s "currency" is not an ISO 4217 currency code: "💰 dollars"',
	},
	{
		name: 'Credit memo: an EUR memo on a USD invoice',
		node: 'xoroRma',
		parameters: creditCreate,
		items: () => [{ ...creditItem(scenario, '111'), currency: 'EUR' }, creditItem(scenario, '222') as never],
		readsFirst: true,
		error: 'Input item 0: field "currency" is EUR but Xoro invoice MAIN-I001001 is in USD',
	},
	{
		name: 'Credit memo: occurredAt not a date',
		node: 'xoroRma',
		parameters: creditCreate,
		items: () => [{ ...creditItem(scenario, '111'), occurredAt: '2024-02-30T10:00:00Z' }, creditItem(scenario, '222') as never],
		error: 'Input item 0: The Shopify transaction\'s "occurredAt" is not a date: "2024-02-30T10:00:00Z"',
	},
	{
		name: 'Refunded memo: unit price "abc"',
		node: 'xoroRma',
		parameters: { resource: 'creditMemo', operation: 'createRefunded' },
		items: () => {
			const bad = refundItem(scenario) as unknown as IDataObject;
			bad.lines = [{ ...(bad.lines as IDataObject[])[0], unitPrice: 'abc' }];
			return [bad, refundItem(scenario) as never];
		},
		error: 'Input item 0: The Shopify transaction\'s "lines[0].unitPrice" is not a number: "abc"',
	},
	{
		name: 'Refunded memo: [null] lines',
		node: 'xoroRma',
		parameters: { resource: 'creditMemo', operation: 'createRefunded' },
		items: () => [{ ...refundItem(scenario), lines: [null] } as never, refundItem(scenario) as never],
		error: 'Input item 0: The Shopify transaction\'s "lines[0]" must be a line object, not null',
	},
	{
		name: 'Exchange order: an object currency',
		node: 'xoroRma',
		parameters: { resource: 'salesOrder', operation: 'createExchange' },
		items: () => [{ ...exchangeItem(scenario), currency: { code: 'USD' } } as never, exchangeItem(scenario) as never],
		error: 'Input item 0: The Shopify transaction\'s "currency" is not an ISO 4217 currency code: {"code":"USD"}',
	},
	{
		name: 'Apply to invoice: a number id',
		node: 'xoroRma',
		parameters: { resource: 'creditMemo', operation: 'applyToInvoice' },
		items: () => [{ ...redemptionItem(scenario), id: 770001 } as never, redemptionItem(scenario) as never],
		error: 'Input item 0: The Shopify transaction\'s "id" must be text, not a number 770001',
	},
	{
		name: 'Apply to invoice: amount -30',
		node: 'xoroRma',
		parameters: { resource: 'creditMemo', operation: 'applyToInvoice' },
		items: () => [{ ...redemptionItem(scenario), amount: -30 } as never, redemptionItem(scenario) as never],
		error: 'Input item 0: The Shopify transaction\'s "amount" must be more than 0, not -30',
	},
	{
		name: 'Xoro: an empty base URL (the same rule as the credential test)',
		node: 'xoroRma',
		parameters: { resource: 'rma', operation: 'get', rmaNumber: 'MAIN-R000001' },
		items: () => [{}, {}],
		credentials: () => ({ xoroApi: { ...xoro.credentials.xoroApi, baseUrl: '' } }),
		error: "The Xoro credential's Base URL is empty: set it to https://res.xorosoft.io/api/xerp",
	},

	// ---- Xoro ASN ----
	{
		name: 'ASN: Delivery Date "garbage"',
		node: 'xoroAsn',
		parameters: { resource: 'asn', operation: 'createForRma', rmaNumber: 'MAIN-R999999', xoroGeneratesAsn: false, options: { deliveryDate: '={{ $json.date }}' } },
		items: () => [{ date: 'garbage' }, { date: '2026-12-01' }],
		error: '"Delivery Date" of item 0 is not a date: "garbage"',
	},
	{
		name: 'ASN: an object RMA Number',
		node: 'xoroAsn',
		parameters: { resource: 'asn', operation: 'createForRma', rmaNumber: '={{ $json.rma }}', xoroGeneratesAsn: false, options: {} },
		items: () => [{ rma: { number: 'MAIN-R000001' } }, { rma: 'MAIN-R999999' }],
		error: '"RMA Number" of item 0 must be text, not an object',
	},
	{
		name: 'ASN Get: an empty ASN Number',
		node: 'xoroAsn',
		parameters: { resource: 'asn', operation: 'get', asnNumber: '={{ $json.asn }}' },
		items: () => [{ asn: '' }, { asn: 'MAIN-A999999' }],
		error: '"ASN Number" of item 0 is empty',
	},
	{
		name: 'ASN Get Many: Closed Since "1"',
		node: 'xoroAsn',
		parameters: { resource: 'asn', operation: 'getMany', returnAll: false, limit: 5, filters: { closedSince: '={{ $json.since }}' } },
		items: () => [{ since: '1' }, { since: '2026-11-01T00:00:00Z' }],
		error: '"Filters: Closed Since" of item 0 is not a date: "1"',
	},
	{
		name: 'ASN: endpoint override with a scheme',
		node: 'xoroAsn',
		parameters: { resource: 'asn', operation: 'get', asnNumber: 'MAIN-A999999', endpointPaths: { asnGet: '={{ $json.path }}' } },
		items: () => [{ path: 'https://evil.example/asn/getasn' }, { path: 'asn/getasn' }],
		error: `"Advanced: Endpoint Paths → ASN: Get / Search" of item 0 is a full URL; give a path under the credential's Base URL: "https://evil.example/asn/getasn"`,
	},

	// ---- Shopify Transactions ----
	{
		name: 'Shopify: negative overlap',
		node: 'shopify',
		parameters: { operation: 'getLoopCredits', windowMode: 'cursor', overlapMinutes: '={{ $json.overlap }}' },
		items: () => [{ overlap: -10 }, { overlap: 10 }],
		error: '"Overlap (Minutes)" of item 0 must be a number of 0 or more, not -10',
	},
	{
		name: 'Shopify: negative look-back',
		node: 'shopify',
		parameters: { operation: 'getLoopCredits', windowMode: 'cursor', lookbackHours: '={{ $json.hours }}' },
		items: () => [{ hours: -24 }, { hours: 24 }],
		error: '"First Run Lookback (Hours)" of item 0 must be a number of 0 or more, not -24',
	},
	{
		name: 'Shopify: Since "2024-02-30"',
		node: 'shopify',
		parameters: { operation: 'getLoopCredits', ...range },
		items: () => [{ since: '2024-02-30', until: goodWindow.until }, goodWindow],
		error: '"Since" of item 0 is not a date: "2024-02-30"',
	},
	{
		name: 'Shopify: a window from 1900',
		node: 'shopify',
		parameters: { operation: 'getLoopCredits', ...range },
		items: () => [{ since: '1900-01-01T00:00:00Z', until: goodWindow.until }, goodWindow],
		error: '"Since" of item 0 starts more than 1098 days before "Until": read a shorter range',
	},
	{
		name: 'Shopify: an unknown operation',
		node: 'shopify',
		parameters: { operation: 'constructor', ...range },
		items: () => [goodWindow, goodWindow],
		sharedCause: true,
		error: 'Unknown operation "constructor"',
	},
	{
		name: 'Shopify: an http Admin URL override off this machine',
		node: 'shopify',
		parameters: { operation: 'getLoopCredits', ...range },
		items: () => [goodWindow, goodWindow],
		credentials: () => ({ shopifyAdminGraphqlApi: { ...shopify.credentials, adminUrlOverride: 'http://shop.example.com' } as never }),
		error:
			"The Shopify credential's Admin URL Override must use https:// (http:// would send the credential in clear text; it is allowed only for 127.0.0.1, ::1 or localhost)",
	},
];

describe('bad-input catalogue: action nodes', () => {
	it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
		const credentials = c.credentials?.() ?? credentialsFor(c.node);
		const [bad, next] = c.items();
		const error = typeof c.error === 'function' ? c.error() : c.error;
		const exact = (message: string) => (error.startsWith('^') ? expect(message).toMatch(new RegExp(error)) : expect(message).toBe(error));

		const before = await observe();
		const thrown = await runNode(nodes[c.node], { parameters: c.parameters as never, items: [bad], credentials }).then(
			() => undefined,
			(error: Error & { context?: IDataObject }) => error,
		);
		expect(thrown).toBeDefined();
		exact(thrown!.message);
		expect(thrown!.context?.itemIndex).toBe(0);
		const after = await observe();
		expect(after.state).toBe(before.state);
		if (!c.readsFirst) expect(after.requests).toBe(before.requests);
		expect(elsewhere.connections).toBe(0);

		const [out] = await runNode(nodes[c.node], { parameters: c.parameters as never, items: [bad, next], credentials, continueOnFail: true });
		const failed = out.filter((item) => pairedTo(item) === 0);
		expect(failed).toHaveLength(1);
		exact(String(failed[0].json.error));
		// `error` on the item: n8n's "Continue (using error output)" routes it there.
		expect(failed[0].error?.message).toBe(failed[0].json.error);
		if (c.description !== undefined) expect(failed[0].json.description).toBe(c.description);
		// The next item ran: it asked its service (the bad one did not) or has output of its own, and
		// shares the error only when the cause is shared (a credential, a node-wide setting).
		const nextOut = out.filter((item) => pairedTo(item) === 1);
		expect(nextOut.length > 0 || (await observe()).requests > after.requests).toBe(true);
		if (!c.credentials && !c.sharedCause) for (const item of nextOut) expect(item.json.error).not.toBe(failed[0].json.error);
	});
});

function pairedTo(item: INodeExecutionData): number | undefined {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof paired === 'object' ? paired.item : paired;
}

const clearText =
	"must use https:// (http:// would send the credential in clear text; it is allowed only for 127.0.0.1, ::1 or localhost)";

const triggerCases: Array<{ name: string; node: INodeType; parameters: IDataObject; credentials: () => CredentialsMap; error: string }> = [
	{
		name: 'Xoro Trigger: endpoint override to another host',
		node: new XoroTrigger(),
		parameters: { event: 'asnClosed', endpointPaths: { asnGet: 'http://127.0.0.1:9/steal' } },
		credentials: () => xoro.credentials as unknown as CredentialsMap,
		error: '"Advanced: Endpoint Paths → ASN: Get / Search" of item 0 is a full URL; give a path under the credential\'s Base URL: "http://127.0.0.1:9/steal"',
	},
	{
		name: 'Xoro Trigger: an http base URL off this machine',
		node: new XoroTrigger(),
		parameters: { event: 'asnClosed' },
		credentials: () => ({ xoroApi: { ...xoro.credentials.xoroApi, baseUrl: 'http://res.xorosoft.io/api/xerp' } }),
		error: `The Xoro credential's Base URL ${clearText}`,
	},
	{
		name: 'Loop Trigger: a whitespace base URL',
		node: new LoopTrigger(),
		parameters: { event: 'newAndUpdated' },
		credentials: () => ({ loopReturnsApi: { apiKey: LOOP_KEY, baseUrl: ' \t ' } }),
		error: "The Loop credential's Base URL is empty: set it to https://api.loopreturns.com/api/v1",
	},
	{
		name: 'Loop Trigger: a base URL with user:password',
		node: new LoopTrigger(),
		parameters: { event: 'newAndUpdated' },
		credentials: () => ({ loopReturnsApi: { apiKey: LOOP_KEY, baseUrl: loop.baseUrl.replace('http://', 'http://me:pw@') } }),
		error: "The Loop credential's Base URL must not contain a user name or password (\"@\")",
	},
];

triggerCases.push(
	...[
		['1', '"Start From" is not a date: "1"'],
		['2024-02-30', '"Start From" is not a date: "2024-02-30"'],
		['1900-01-01T00:00:00Z', '"Start From" is more than 1098 days ago: start later'],
	].map(([startFrom, error]) => ({
		name: `Loop Trigger: Start From "${startFrom}"`,
		node: new LoopTrigger(),
		parameters: { event: 'newAndUpdated', options: { startFrom } },
		credentials: () => ({ loopReturnsApi: { apiKey: LOOP_KEY, baseUrl: loop.baseUrl } }),
		error,
	})),
	{
		name: 'Loop Trigger: Page Size 0',
		node: new LoopTrigger(),
		parameters: { event: 'newAndUpdated', options: { pageSize: 0 } },
		credentials: () => ({ loopReturnsApi: { apiKey: LOOP_KEY, baseUrl: loop.baseUrl } }),
		error: '"Page Size" must be a whole number from 1 to 750, not 0',
	},
);

const shopifyWith = (data: IDataObject) => ({ ...shopify.credentials, adminUrlOverride: '', ...data }) as never;
const notAShop = (shop: string) => `Shop "${shop}" is not a Shopify shop: use the subdomain (my-store) or my-store.myshopify.com`;

/** `shop` is called once the listener has its port. */
const credentialCases: Array<{ name: string; run: () => ReturnType<typeof testCredential>; error: () => string }> = [
	...['#', '?', '\\', '/x@'].map((tail) => ({
		name: `Shopify: shop "127.0.0.1:PORT${tail}"`,
		run: () => testCredential(new ShopifyAdminGraphqlApi(), shopifyWith({ shop: `127.0.0.1:${elsewhere.port}${tail}` })),
		error: () => notAShop(`127.0.0.1:${elsewhere.port}${tail}`),
	})),
	{
		name: 'Shopify: client credentials with a bad shop',
		run: () =>
			testCredential(
				new ShopifyAdminGraphqlApi(),
				shopifyWith({ shop: `127.0.0.1:${elsewhere.port}#`, authentication: 'clientCredentials', clientId: 'id', clientSecret: 'secret' }),
			),
		error: () => notAShop(`127.0.0.1:${elsewhere.port}#`),
	},
	{
		name: 'Shopify: an http Admin URL override off this machine',
		run: () => testCredential(new ShopifyAdminGraphqlApi(), shopifyWith({ adminUrlOverride: 'http://shop.example.com' })),
		error: () => `The Shopify credential's Admin URL Override ${clearText}`,
	},
	{
		name: 'Xoro: an empty base URL (the same rule as the nodes)',
		run: () => testCredential(new XoroApi(), { ...xoro.credentials.xoroApi, baseUrl: '' } as never),
		error: () => "The Xoro credential's Base URL is empty: set it to https://res.xorosoft.io/api/xerp",
	},
	{
		name: 'Xoro: http to another host',
		run: () => testCredential(new XoroApi(), { ...xoro.credentials.xoroApi, baseUrl: 'http://xoro.example.com/api/xerp' } as never),
		error: () => `The Xoro credential's Base URL ${clearText}`,
	},
	{
		name: 'Loop: a whitespace base URL',
		run: () => testCredential(new LoopReturnsApi(), { apiKey: LOOP_KEY, baseUrl: '   ' }),
		error: () => "The Loop credential's Base URL is empty: set it to https://api.loopreturns.com/api/v1",
	},
	{
		name: 'Loop: a base URL with a query',
		run: () => testCredential(new LoopReturnsApi(), { apiKey: LOOP_KEY, baseUrl: `${loop.baseUrl}?to=elsewhere` }),
		error: () => "The Loop credential's Base URL must not have a query or fragment (\"?\", \"#\")",
	},
];

describe('bad-input catalogue: triggers', () => {
	it.each(triggerCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
		const before = await observe();
		const error = await runPoll(c.node, { parameters: c.parameters as never, credentials: c.credentials(), staticData: {}, mode: 'manual' }).then(
			() => undefined,
			(e: Error) => e,
		);
		expect(error?.message).toBe(c.error);
		expect(await observe()).toEqual(before);
		expect(elsewhere.connections).toBe(0);
	});
});

describe('bad-input catalogue: credential tests', () => {
	it.each(credentialCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
		const before = await observe();
		const result = await c.run();
		expect(result).toEqual({ status: 'Error', message: c.error(), statusCode: undefined });
		expect(await observe()).toEqual(before);
		expect(elsewhere.connections).toBe(0);
	});
});

it('the catalogue holds at least 45 cases across the six nodes and three credentials', () => {
	expect(cases.length + triggerCases.length + credentialCases.length).toBeGreaterThanOrEqual(45);
	expect(new Set(cases.map((c) => c.node)).size).toBe(4);
});
