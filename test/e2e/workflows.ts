/** Small workflows the harness tests build on the fly (the shipped templates live in workflows/). */
import { CREDENTIALS, PACKAGE } from './fixtures';
import type { WorkflowJson } from './n8n/instance';

const loopReturnGet = (returnId: string) => ({
	id: 'loop-get',
	name: 'Loop Return',
	type: `${PACKAGE}.loopReturn`,
	typeVersion: 1,
	position: [220, 0],
	parameters: { operation: 'get', lookup: { __rl: true, mode: 'id', value: returnId } },
	credentials: { loopReturnsApi: CREDENTIALS.loop },
});

/** Manual Trigger → Loop Return (Get one return): runnable with `n8n execute`. */
export function manualLoopGet(returnId: string): WorkflowJson {
	return {
		name: `e2e: get Loop return ${returnId}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [{ id: 'manual', name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }, loopReturnGet(returnId)],
		connections: { Manual: { main: [[{ node: 'Loop Return', type: 'main', index: 0 }]] } },
	};
}

/** Webhook (POST {returnId}) → Loop Return (Get): once published, main takes the call and queues it. */
export function webhookLoopGet(path: string): WorkflowJson {
	return {
		name: `e2e: webhook get Loop return (${path})`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'hook',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: path,
				parameters: { path, httpMethod: 'POST' },
			},
			loopReturnGet('={{ $json.body.returnId }}'),
		],
		connections: { Webhook: { main: [[{ node: 'Loop Return', type: 'main', index: 0 }]] } },
	};
}
