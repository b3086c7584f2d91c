/**
 * The harness, proven on a real n8n 2.41.0 (single process, SQLite): the packed package installed
 * as a community package loads, and one of its nodes runs against the Loop simulator with the
 * answer computed from the simulator's current state.
 */
import { LOOP_TEST_KEY, registeredCredentialTypes, registeredNodeTypes } from './fixtures';
import { nodeOutput } from './n8n/api';
import { SETUP_TIMEOUT_MS, startStack, TEARDOWN_TIMEOUT_MS, TEST_TIMEOUT_MS, type Stack } from './stack';
import { manualLoopGet } from './workflows';

describe('real n8n 2.41.0 on SQLite with the packed package', () => {
	let stack: Stack;

	beforeAll(async () => {
		stack = await startStack({ name: 'smoke-sqlite' });
		console.log(`smoke-sqlite setup (ms): ${JSON.stringify(stack.timings)}`);
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		await stack?.stop();
	}, TEARDOWN_TIMEOUT_MS);

	it('knows every node and credential type the package registers', async () => {
		const nodes = registeredNodeTypes();
		const credentials = registeredCredentialTypes();
		expect(nodes).toContain('n8n-nodes-loop-xoro.loopReturn');
		expect(await stack.n8n.api.knownTypes('nodes')).toEqual(expect.arrayContaining(nodes));
		expect(await stack.n8n.api.knownTypes('credentials')).toEqual(expect.arrayContaining(credentials));
	});

	it(
		'runs Manual Trigger → Loop Return through `n8n execute`, answering from the simulator state',
		async () => {
			const { n8n, sims } = stack;
			const returnId = '25044702';
			const workflowId = await n8n.importWorkflow(manualLoopGet(returnId));
			const before = sims.loop.requests.length;

			const started = Date.now();
			const first = await n8n.execute(workflowId);
			console.log(`n8n execute took ${Date.now() - started} ms`);
			expect(first.status).toBe('success');
			const [item] = nodeOutput(first.data, 'Loop Return');
			expect(item).toMatchObject({ id: returnId, state: sims.loop.getReturn(returnId)!.state });
			expect(sims.loop.requests.length).toBeGreaterThan(before);

			// Change the simulator's state: the next run must see it (no canned answer anywhere).
			sims.loop.updateReturn(returnId, { state: 'review' });
			const second = await n8n.execute(workflowId);
			expect(nodeOutput(second.data, 'Loop Return')[0]).toMatchObject({ id: returnId, state: 'review' });

			// Both runs are stored and readable through the public API, and no secret is in them.
			const executions = await n8n.executions(workflowId);
			expect(executions.map((e) => [e.status, e.mode])).toEqual([
				['success', 'cli'],
				['success', 'cli'],
			]);
			expect(nodeOutput(executions[0].data, 'Loop Return')[0]).toMatchObject({ state: 'review' });
			expect(JSON.stringify(executions)).not.toContain(LOOP_TEST_KEY);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'reports a failing node as a failed execution, with Loop’s answer and without the key',
		async () => {
			const { n8n, sims } = stack;
			const missing = '99999999';
			expect(sims.loop.getReturn(missing)).toBeUndefined();
			const workflowId = await n8n.importWorkflow(manualLoopGet(missing));

			const run = await n8n.execute(workflowId);
			expect(run.status).toBe('error');
			expect(run.data.resultData.lastNodeExecuted).toBe('Loop Return');
			expect(run.data.resultData.error?.message).toMatch(/not found|404/i);
			expect(JSON.stringify(run)).not.toContain(LOOP_TEST_KEY);

			const [stored] = await n8n.executions(workflowId);
			expect(stored.status).toBe('error');
			expect(JSON.stringify(stored)).not.toContain(LOOP_TEST_KEY);
		},
		TEST_TIMEOUT_MS,
	);
});
