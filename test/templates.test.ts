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
