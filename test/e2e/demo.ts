/**
 * `npm run demo` (the npm script builds first): the three simulators on fixed ports, a real n8n on
 * its embedded SQLite with the packed package installed, credentials pointing at the simulators,
 * every template from workflows/ imported and published, then the editor URL and login. Runs
 * until Ctrl-C, while a new Loop return arrives every two minutes and the warehouse closes each ASN
 * (see demoStory.ts). Poll and schedule intervals in minutes are shortened to one minute so the chain is
 * visible; the files in workflows/ keep their real intervals.
 *
 * Ports: DEMO_N8N_PORT (5678), DEMO_LOOP_PORT (5681), DEMO_XORO_PORT (5682), DEMO_SHOPIFY_PORT (5683).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulators, type Simulators } from '../simulators';
import { PACKAGE_DIR, simulatorCredentials } from './fixtures';
import { ensureN8n, REPO_ROOT } from './n8n/install';
import { N8nInstance, packPackage, type WorkflowJson } from './n8n/instance';
import { driveDemoStory } from './demoStory';

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

interface TemplateNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
}

/** Every-N-minutes polls and schedules become every minute; daily/cron ones stay as shipped. */
export function shortenIntervals(workflow: WorkflowJson): WorkflowJson {
	const nodes = (workflow.nodes as TemplateNode[]).map((node) => {
		const p = { ...node.parameters };
		const poll = p.pollTimes as { item?: Array<{ mode: string; unit?: string }> } | undefined;
		if (poll?.item?.some((t) => t.mode === 'everyX' && t.unit === 'minutes')) p.pollTimes = { item: [{ mode: 'everyMinute' }] };
		const rule = p.rule as { interval?: Array<{ field: string }> } | undefined;
		if (node.type === 'n8n-nodes-base.scheduleTrigger' && rule?.interval?.every((i) => i.field === 'minutes')) {
			p.rule = { interval: [{ field: 'minutes', minutesInterval: 1 }] };
		}
		return { ...node, parameters: p };
	});
	return { ...workflow, nodes };
}

async function main() {
	const log = (line: string) => console.log(`[demo] ${line}`);
	log('installing n8n if not cached yet (the first time takes several minutes)…');
	const install = await ensureN8n();
	const tarball = await packPackage(PACKAGE_DIR);
	const sims: Simulators = await startSimulators({
		ports: { loop: port('DEMO_LOOP_PORT', 5681), xoro: port('DEMO_XORO_PORT', 5682), shopify: port('DEMO_SHOPIFY_PORT', 5683) },
	});
	log(`simulators: Loop ${sims.loop.url}, Xoro ${sims.xoro.url}, Shopify ${sims.shopify.url}`);
	const running: { n8n?: N8nInstance; stopStory?: () => void } = {};
	const shutdown = async () => {
		log('stopping…');
		running.stopStory?.();
		await running.n8n?.stop();
		await sims.close();
		process.exit(0);
	};
	process.once('SIGINT', () => void shutdown());
	process.once('SIGTERM', () => void shutdown());

	const n8n = await N8nInstance.start({ name: 'demo', install, packageTarball: tarball, port: port('DEMO_N8N_PORT', 5678) });
	running.n8n = n8n;
	await n8n.importCredentials(simulatorCredentials(sims));
	const dir = join(REPO_ROOT, 'workflows');
	const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
	const ids = await n8n.importWorkflows(files.map((f) => shortenIntervals(JSON.parse(readFileSync(join(dir, f), 'utf8')) as WorkflowJson)));
	for (const [i, file] of files.entries()) {
		const id = ids[i];
		try {
			await n8n.publish(id);
			log(`published ${file} (${id})`);
		} catch (error) {
			log(`imported ${file} (${id}) but not published: ${(error as Error).message}`);
		}
	}
	log('');
	log(`n8n editor: ${n8n.url}`);
	log(`login:      ${n8n.owner.email} / ${n8n.owner.password}`);
	log(`logs:       ${n8n.logFile('main')}`);
	log('Ctrl-C to stop.');
	running.stopStory = driveDemoStory(sims, log);
}

if (require.main === module) {
	main().catch((error: Error) => {
		console.error(error.message);
		process.exit(1);
	});
}
