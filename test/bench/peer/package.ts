/**
 * Our side of the peer bench: template 01's import (its "Create Xoro RMA" and "Create linked ASN" nodes,
 * as workflows/01 ships them) after a Manual Trigger and Loop Return → Get Many over the peer's window,
 * so both are started by `n8n execute` and read the same returns. `n8n execute` runs without n8n's Data
 * table module (test/e2e/chain/templates.ts), so what template 01 reads from and writes to Data tables is
 * replaced: the store code is written in, there is no item mapping nor any other mapping table, and the nodes' error outputs lead to
 * "Fail the run" instead of the exception log: a return that cannot be imported fails the execution, as
 * template 01's "Fail the run" does.
 */
import { CREDENTIALS, PACKAGE } from '../../e2e/fixtures';
import { loadTemplates, WF } from '../../e2e/chain/templates';
import type { WorkflowJson } from '../../e2e/n8n/instance';
import { LAST_HOUR } from './workflow';

interface TemplateNode {
	name: string;
	parameters: Record<string, unknown>;
	position: [number, number];
}

export function packageWorkflow(storeCode: string): WorkflowJson {
	const template = loadTemplates().find((t) => t.id === WF.scheduled)!;
	const templateNode = (name: string): TemplateNode => {
		const found = (template.nodes as TemplateNode[]).find((n) => n.name === name);
		if (!found) throw new Error(`workflows/01 has no node "${name}"`);
		return found;
	};
	const rma = templateNode('Create Xoro RMA');
	const asn = templateNode('Create linked ASN');
	return {
		name: 'Package: Loop returns → Xoro RMA + ASN (template 01)',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'package-trigger', name: 'Run the import', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [-520, 0], parameters: {} },
			{
				id: 'package-read',
				name: 'Get open Loop returns',
				type: `${PACKAGE}.loopReturn`,
				typeVersion: 1,
				position: [-260, 0],
				parameters: { operation: 'getMany', ...LAST_HOUR, states: ['open'], returnAll: true },
				credentials: { loopReturnsApi: CREDENTIALS.loop },
			},
			{ ...rma, parameters: { ...rma.parameters, storeCode, itemMapping: {}, options: {} } },
			asn,
			{ id: 'package-fail', name: 'Fail the run', type: 'n8n-nodes-base.stopAndError', typeVersion: 1, position: [520, 220], parameters: { errorType: 'errorMessage', errorMessage: '={{ $json.error }}' } },
		],
		connections: {
			'Run the import': { main: [[{ node: 'Get open Loop returns', type: 'main', index: 0 }]] },
			'Get open Loop returns': { main: [[{ node: rma.name, type: 'main', index: 0 }]] },
			[rma.name]: { main: [[{ node: asn.name, type: 'main', index: 0 }], [{ node: 'Fail the run', type: 'main', index: 0 }]] },
			[asn.name]: { main: [[], [{ node: 'Fail the run', type: 'main', index: 0 }]] },
		},
	};
}
