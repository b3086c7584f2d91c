/**
 * Compatibility smoke on the n8n 1.x line (1.123.81, installed and cached like 2.41.0): the packed
 * package loads, every template in workflows/ imports, and a package node runs against the Loop
 * simulator.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulators, type Simulators } from '../simulators';
import { LOOP_TEST_KEY, PACKAGE_DIR, registeredCredentialTypes, registeredNodeTypes, simulatorCredentials } from './fixtures';
import { nodeOutput } from './n8n/api';
import { ensureN8n, REPO_ROOT } from './n8n/install';
import { N8nInstance, packPackage } from './n8n/instance';
import { SETUP_TIMEOUT_MS, TEARDOWN_TIMEOUT_MS, TEST_TIMEOUT_MS } from './stack';
import { manualLoopGet } from './workflows';

const N8N_1X = '1.123.81';

describe(`real n8n ${N8N_1X} (1.x line) with the packed package`, () => {
	let sims: Simulators;
	let n8n: N8nInstance;

	beforeAll(async () => {
		const install = await ensureN8n({ version: N8N_1X });
		sims = await startSimulators();
		n8n = await N8nInstance.start({ name: 'compat-1x', install, packageTarball: await packPackage(PACKAGE_DIR) });
		await n8n.importCredentials(simulatorCredentials(sims));
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		await n8n?.stop();
		await sims?.close();
	}, TEARDOWN_TIMEOUT_MS);

	it('knows every node and credential type the package registers', async () => {
		expect(await n8n.api.knownTypes('nodes')).toEqual(expect.arrayContaining(registeredNodeTypes()));
		expect(await n8n.api.knownTypes('credentials')).toEqual(expect.arrayContaining(registeredCredentialTypes()));
	});

	it(
		'imports every template unchanged, with its credentials resolved by name',
		async () => {
			const dir = join(REPO_ROOT, 'workflows');
			const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
			expect(files.length).toBeGreaterThan(0);
			const ids = await n8n.importWorkflows(files.map((f) => join(dir, f)));
			for (const id of ids) {
				const workflow = await n8n.api.public<{ nodes: Array<{ credentials?: Record<string, { id?: string | null }> }> }>(
					'GET',
					`/workflows/${id}`,
				);
				const refs = workflow.nodes.flatMap((node) => Object.values(node.credentials ?? {}));
				expect(refs.every((ref) => typeof ref.id === 'string' && ref.id.length > 0)).toBe(true);
			}
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'runs Manual Trigger → Loop Return through `n8n execute`',
		async () => {
			const returnId = '25044701';
			sims.loop.updateReturn(returnId, { state: 'review' });
			const run = await n8n.execute(await n8n.importWorkflow(manualLoopGet(returnId)));
			expect(run.status).toBe('success');
			expect(nodeOutput(run.data, 'Loop Return')[0]).toMatchObject({ id: returnId, state: 'review' });
			expect(JSON.stringify(run)).not.toContain(LOOP_TEST_KEY);
		},
		TEST_TIMEOUT_MS,
	);
});
