/**
 * The harness in queue mode: one main and two workers on PostgreSQL + Redis. A published workflow's
 * webhook calls are taken by main and executed by the workers; the executions list shows them.
 */
import { LOOP_TEST_KEY } from './fixtures';
import { nodeOutput } from './n8n/api';
import { SETUP_TIMEOUT_MS, startStack, TEARDOWN_TIMEOUT_MS, TEST_TIMEOUT_MS, type Stack } from './stack';
import { webhookLoopGet } from './workflows';

describe('real n8n 2.41.0 in queue mode (main + 2 workers, PostgreSQL, Redis)', () => {
	let stack: Stack;

	beforeAll(async () => {
		stack = await startStack({ name: 'smoke-queue', workers: 2 });
		console.log(`smoke-queue setup (ms): ${JSON.stringify(stack.timings)}`);
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		await stack?.stop();
	}, TEARDOWN_TIMEOUT_MS);

	it(
		'runs a published workflow on the workers, answering from the simulator state',
		async () => {
			const { n8n, sims } = stack;
			const workflowId = await n8n.importWorkflow(webhookLoopGet('e2e-queue-get'));
			const publishStarted = Date.now();
			await n8n.publish(workflowId);
			console.log(`publish took ${Date.now() - publishStarted} ms`);

			sims.loop.updateReturn('25044703', { state: 'closed' });
			const asked = ['25044701', '25044703', '25044704'];
			for (const returnId of asked) {
				const res = await fetch(n8n.webhookUrl('e2e-queue-get'), {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ returnId }),
				});
				expect(res.status).toBe(200);
			}

			const executions = await n8n.waitForExecutions(
				workflowId,
				(list) => list.length === asked.length && list.every((e) => e.status !== 'running' && e.status !== 'new'),
				120_000,
			);
			expect(executions.map((e) => e.status)).toEqual(asked.map(() => 'success'));
			const answered = executions.map((e) => nodeOutput(e.data, 'Loop Return')[0]);
			expect(answered.map((r) => r.id).sort()).toEqual(asked);
			for (const r of answered) expect(r.state).toBe(sims.loop.getReturn(String(r.id))!.state);
			expect(answered.find((r) => r.id === '25044703')?.state).toBe('closed');

			// Every execution ran on one of the workers, none on main.
			const ranOn = executions.map((e) => n8n.workerThatRan(e.id));
			expect(ranOn.every((w) => w === 'worker1' || w === 'worker2')).toBe(true);
			expect(n8n.log('main')).not.toMatch(/Worker (started|finished) execution/);
			expect(JSON.stringify(executions)).not.toContain(LOOP_TEST_KEY);
		},
		TEST_TIMEOUT_MS,
	);
});
