import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XoroAsn } from '../nodes/Xoro/XoroAsn.node';
import { loopReturn, loopTrigger, ourNode, xoroAsn, xoroRma } from '../scripts/templates/ourNodes';
import { base } from '../scripts/templates/stockNodes';
import { renderTemplates } from '../scripts/templates/templates';
import { coveredNodes, Workflow, type NodeType, type TemplateNode } from '../scripts/templates/workflow';

const dir = join(__dirname, '..', 'workflows');
const rendered = renderTemplates();

describe('workflows/ is what scripts/templates generates (`npm run templates`)', () => {
	it('holds one file per template and nothing else', () => {
		expect(readdirSync(dir).sort()).toEqual(rendered.map(({ file }) => file).sort());
	});

	it.each(rendered.map(({ file, json }) => [file, json]))('%s', (file, json) => {
		expect(readFileSync(join(dir, file), 'utf8')).toBe(json);
	});
});

describe('templates read well on the canvas', () => {
	it('the generator refuses a note that covers a node', () => {
		const w = new Workflow('bad.json', 'Bad', 'Bad', 'Bad');
		w.sticky('Note', 'text', [0, 0], 300, 200);
		w.node('Node', base.errorTrigger, {}, [150, 150]);
		expect(() => w.render()).toThrow("bad.json: sticky note 'Note' covers node 'Node'");
	});

	it.each(rendered.map(({ file }) => file))('%s: no sticky note covers a node', (file) => {
		const { nodes } = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: TemplateNode[] };
		expect(coveredNodes(nodes)).toEqual([]);
	});
});

describe("templates set only what our nodes' descriptions declare", () => {
	const place = (nodeType: NodeType<object>, parameters: object) => () =>
		new Workflow('bad.json', 'Bad', 'Bad', 'Bad').node('Wrong', nodeType, parameters, [0, 0]);
	const asnNode = "bad.json: node 'Wrong' (n8n-nodes-loop-xoro.xoroAsn)";

	it('names template, node and parameter when the parameter does not exist', () => {
		expect(place(xoroAsn, { resource: 'asn', operation: 'receiptStatus', asnNumbr: '={{ $json.asnNumber }}' })).toThrow(
			`${asnNode}: the node has no parameter 'asnNumbr'`,
		);
	});

	it('names template, node and parameter when an option value is not offered', () => {
		expect(place(xoroAsn, { resource: 'asn', operation: 'receiptState', asnNumber: '={{ $json.asnNumber }}' })).toThrow(
			`${asnNode}: parameter 'operation' is "receiptState", not one of createForRma, get, getMany, receive, close, receiptStatus`,
		);
	});

	it.each<[string, NodeType<object>, object, string]>([
		['a parameter of another operation', xoroAsn, { resource: 'asn', operation: 'get', returnAll: true }, `parameter 'returnAll' is not shown for resource "asn", operation "get"`],
		['an operation of another resource', xoroRma, { resource: 'salesOrder', operation: 'createRefunded' }, `parameter 'operation' is "createRefunded", not one of createExchange, get`],
		['a value outside a multi-options list', loopReturn, { operation: 'getMany', states: ['opened'] }, `parameter 'states' is "opened"`],
		['a key a collection does not declare', xoroRma, { resource: 'rma', operation: 'getMany', filters: { thirdPartyRef: '1' } }, `parameter 'filters' has no 'thirdPartyRef'`],
		['an option value inside a collection', xoroAsn, { resource: 'asn', operation: 'getMany', filters: { status: 'closed' } }, `parameter 'filters.status' is "closed"`],
		['a key a fixed collection entry does not declare', loopReturn, { operation: 'process', additionalDetails: { detail: [{ name: 'xoro_rma' }] } }, `parameter 'additionalDetails.detail[0]' has no 'name'`],
		['a poll time n8n does not offer', loopTrigger, { pollTimes: { item: [{ mode: 'everySecond' }] } }, `parameter 'pollTimes.item[0].mode' is "everySecond"`],
		['a value of the wrong type', loopReturn, { operation: 'getMany', returnAll: 'yes' }, `parameter 'returnAll' must be a boolean`],
		['a version the node does not declare', ourNode(new XoroAsn(), 2), { resource: 'asn' }, 'typeVersion 2 is not one the node declares (1)'],
	])('refuses %s', (_case, nodeType, parameters, message) => {
		expect(place(nodeType, parameters)).toThrow(message);
	});

	it('takes an expression for any value', () => {
		expect(place(xoroAsn, { resource: 'asn', operation: '={{ $json.operation }}' })).not.toThrow();
	});
});

describe('settings live in one place: the Data table every template reads (issue 9 §2)', () => {
	interface Json {
		nodes: Array<TemplateNode & { parameters: Record<string, unknown>; executeOnce?: boolean }>;
		connections: Record<string, { main: Array<Array<{ node: string }>> }>;
	}
	const templates = rendered.map(({ file, json }) => ({ file, workflow: JSON.parse(json) as Json }));
	const SETTING_PARAMETERS = ['storeCode', 'adjustmentSku', 'thirdPartySource', 'exchangePrefixes'];
	const ours = (w: Json) => w.nodes.filter((n) => n.type.startsWith('n8n-nodes-loop-xoro.'));

	it.each(templates.map(({ file, workflow }) => [file, workflow] as const))('%s: every setting and item mapping comes from the tables', (_file, w) => {
		for (const node of ours(w)) {
			for (const name of SETTING_PARAMETERS.filter((p) => p in node.parameters)) {
				expect({ node: node.name, [name]: node.parameters[name] }).toEqual({ node: node.name, [name]: `={{ $('Settings').first().json.${name} }}` });
			}
			if ('itemMapping' in node.parameters) {
				expect({ node: node.name, itemMapping: node.parameters.itemMapping }).toEqual({
					node: node.name,
					itemMapping: { tables: [{ rows: "={{ $('Item mapping').all().map(row => row.json) }}" }] },
				});
			}
		}
	});

	it.each(templates.map(({ file, workflow }) => [file, workflow] as const))('%s: every RMA from a Loop return takes its store by destination, reason codes and default SKU from the tables', (_file, w) => {
		for (const node of ours(w).filter((n) => n.parameters.operation === 'createFromLoopReturn')) {
			expect({ node: node.name, options: node.parameters.options }).toEqual({
				node: node.name,
				options: {
					defaultSku: "={{ $('Settings').first().json.defaultSku }}",
					reasonCodes: { tables: [{ rows: "={{ $('Reason codes').all().map(row => row.json) }}" }] },
					storeByDestination: { tables: [{ rows: "={{ $('Store by destination').all().map(row => row.json) }}" }] },
				},
			});
		}
	});

	it('every template that reads the settings reads every mapping table after them, each once per run', () => {
		const reading = templates.filter(({ workflow }) => workflow.nodes.some((n) => n.name === 'Settings'));
		expect(reading.map(({ file }) => file)).toEqual(expect.arrayContaining(['01-scheduled-loop-returns-to-xoro.json', '03-import-one-loop-return.json', '08-nightly-reconciliation.json']));
		for (const { workflow: w } of reading) {
			const next = (name: string) => w.connections[name]?.main.flat().map((t) => t.node);
			expect([next('Settings'), next('Item mapping'), next('Store by destination')]).toEqual([['Item mapping'], ['Store by destination'], ['Reason codes']]);
			for (const name of ['Item mapping', 'Store by destination', 'Reason codes']) expect(w.nodes.find((n) => n.name === name)!.executeOnce).toBe(true);
		}
	});

	it('no template but the set-up one holds a setting value itself', () => {
		const literal = /"(MAIN|STORE-CREDIT|EXC-,L-|Loop Returns)"/;
		expect(templates.filter(({ file, workflow }) => file !== '00-set-up.json' && literal.test(JSON.stringify(ours(workflow))))).toEqual([]);
	});

	// n8n's v1 order runs a node's branches top to bottom, each to its end: the settings are read before
	// anything uses them, and "Failures in this run" looks last.
	it.each(templates.filter(({ workflow }) => workflow.nodes.some((n) => n.name === 'Settings')).map(({ file, workflow }) => [file, workflow] as const))(
		'%s: reads the settings in the first branch of its trigger, and looks for failures in the last',
		(_file, w) => {
			const [trigger] = Object.entries(w.connections).find(([, c]) => c.main.flat().some((t) => t.node === 'Settings'))!;
			const branches = w.connections[trigger].main.flat().map((t) => w.nodes.find((n) => n.name === t.node)!);
			const byPosition = [...branches].sort((a, b) => a.position[1] - b.position[1] || a.position[0] - b.position[0]).map((n) => n.name);
			expect(byPosition[0]).toBe('Settings');
			expect(byPosition.at(-1)).toBe('Failures in this run');
			expect(w.nodes.find((n) => n.name === 'Settings')!.executeOnce).toBe(true);
		},
	);
});
