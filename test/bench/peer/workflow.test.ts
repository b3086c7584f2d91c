/**
 * The peer workflow is what a user builds without this package: stock n8n nodes only, Code for the
 * mapping alone, generic HTTP credentials, and the endpoints the package calls for the same import.
 */
import { XORO_ENDPOINTS } from '../../../nodes/Xoro/endpoints';
import { LOOP_ROUTES } from '../../simulators/loop';
import { peerWorkflow, type PeerOptions } from './workflow';

const options: PeerOptions = {
	loopBaseUrl: 'https://api.loopreturns.com/api/v1',
	xoroBaseUrl: 'https://res.xorosoft.io/api/xerp',
	storeCode: 'MAIN',
	xoroPace: 2,
	loopTimeoutMs: 30_000,
	xoroTimeoutMs: 90_000,
	credentials: { loopHeaderAuth: { id: 'a', name: 'Loop' }, xoroBasicAuth: { id: 'b', name: 'Xoro' } },
};

interface PeerNode {
	name: string;
	type: string;
	parameters: { url?: string; method?: string; authentication?: string };
	credentials?: Record<string, unknown>;
}

const STOCK = ['manualTrigger', 'httpRequest', 'splitInBatches', 'if', 'wait', 'code'].map((t) => `n8n-nodes-base.${t}`);

describe('the peer workflow', () => {
	const workflow = JSON.parse(JSON.stringify(peerWorkflow(options))) as { nodes: PeerNode[]; connections: Record<string, { main: Array<Array<{ node: string }>> }> };
	const names = new Set(workflow.nodes.map((n) => n.name));

	it('parses as an n8n workflow whose connections name its own nodes', () => {
		expect(names.size).toBe(workflow.nodes.length);
		for (const [from, { main }] of Object.entries(workflow.connections)) {
			expect(names).toContain(from);
			for (const target of main.flat()) expect(names).toContain(target.node);
		}
	});

	it('uses stock nodes only, Code once (the mapping), and generic HTTP credentials', () => {
		for (const node of workflow.nodes) expect(STOCK).toContain(node.type);
		expect(workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.code').map((n) => n.name)).toEqual(['Map to a Xoro RMA']);
		const credentialTypes = workflow.nodes.flatMap((n) => Object.keys(n.credentials ?? {}));
		expect(new Set(credentialTypes)).toEqual(new Set(['httpHeaderAuth', 'httpBasicAuth']));
	});

	it("calls Loop's return list and the Xoro endpoints the package uses for the same import", () => {
		const calls = workflow.nodes
			.filter((n) => n.type === 'n8n-nodes-base.httpRequest')
			.map((n) => `${n.parameters.method ?? 'GET'} ${n.parameters.url}`);
		const xoro = (key: 'rmaGet' | 'rmaCreate' | 'asnCreate') => `${XORO_ENDPOINTS[key].method} ${options.xoroBaseUrl}/${XORO_ENDPOINTS[key].path}`;
		expect(calls).toEqual([`${LOOP_ROUTES.list.method} ${options.loopBaseUrl}${LOOP_ROUTES.list.path}`, xoro('rmaGet'), xoro('rmaCreate'), xoro('asnCreate')]);
	});
});
