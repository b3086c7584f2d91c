/**
 * "On Error: Continue (using error output)": n8n (WorkflowExecute.handleNodeErrorOutput) moves an
 * item to the error output when the item carries `error`, or when its json has no keys but error /
 * message / details. Our failed items also carry a description, so they need `error` on the item;
 * without it the templates' failed imports went down the success path (found by the e2e chain).
 */
import { XoroRma } from '../../nodes/Xoro/XoroRma.node';
import { runNode } from '../harness/n8n';

it('a failed item under continueOnFail carries its error (n8n routes it to the error output)', async () => {
	const [out] = await runNode(new XoroRma(), {
		parameters: { resource: 'rma', operation: 'createFromLoopReturn', storeCode: 'MAIN', customerName: '', itemMapping: {}, options: {} },
		items: [{ id: '', lineItems: [] }, { lineItems: [] }],
		credentials: { xoroApi: { apiKey: 'k', apiSecret: 's', baseUrl: 'http://127.0.0.1:9', requestsPerSecond: 2, timeoutSeconds: 1 } },
		continueOnFail: true,
	});
	expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	for (const [index, item] of out.entries()) {
		expect(item.json.error).toBe(`Input item ${index} is not a Loop return: field "id" is missing`);
		expect(item.error?.message).toBe(item.json.error);
		// What n8n checks: json with keys besides error/message/details is not enough on its own.
		expect(Object.keys(item.json).every((k) => ['error', 'message', 'details'].includes(k))).toBe(false);
	}
});
