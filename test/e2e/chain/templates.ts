/**
 * The shipped templates (workflows/*.json), imported unchanged except for their timers: n8n 2.41
 * refuses poll times under a minute, so a poll trigger gets six "custom" crons (seconds 0, 10, … 50
 * of every minute, each a whole-minute cron n8n accepts) and a Schedule Trigger runs every 10 s.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXCEPTION_COLUMNS, EXCEPTION_LOG } from '../../../scripts/templates/parts/exceptionLog';
import { MAPPING_TABLES, SETTINGS, SETTINGS_TABLE } from '../../../scripts/templates/parts/settings';
import { REPO_ROOT } from '../n8n/install';
import type { N8nInstance, WorkflowJson } from '../n8n/instance';

export const TEMPLATE_DIR = join(REPO_ROOT, 'workflows');

/** Ids fixed in the templates. */
export const WF = {
	scheduled: 'LoopXoroSchedImp',
	range: 'LoopXoroRangeImp',
	one: 'LoopXoroOneImprt',
	asnClosed: 'LoopXoroAsnClose',
	outcomes: 'LoopXoroShopOutc',
	giftSpent: 'LoopXoroGiftSpnt',
	errors: 'LoopXoroErrorRpt',
	reconcile: 'LoopXoroNightRec',
	setUp: 'LoopXoroSetUp000',
} as const;

interface TemplateNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
}

export const POLL_EVERY_S = 10;

export function shortenTimers(workflow: WorkflowJson): WorkflowJson {
	const copy = JSON.parse(JSON.stringify(workflow)) as WorkflowJson & { nodes: TemplateNode[] };
	for (const node of copy.nodes) {
		if ('pollTimes' in node.parameters) {
			const seconds = Array.from({ length: 60 / POLL_EVERY_S }, (_, i) => i * POLL_EVERY_S);
			node.parameters.pollTimes = { item: seconds.map((s) => ({ mode: 'custom', cronExpression: `${s} * * * * *` })) };
		}
		if (node.type === 'n8n-nodes-base.scheduleTrigger') {
			node.parameters.rule = { interval: [{ field: 'seconds', secondsInterval: POLL_EVERY_S }] };
		}
	}
	return copy;
}

export function loadTemplates(): WorkflowJson[] {
	return readdirSync(TEMPLATE_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => JSON.parse(readFileSync(join(TEMPLATE_DIR, f), 'utf8')) as WorkflowJson);
}

/** The Data tables template 00 creates, with its default settings row. */
export async function createTemplateTables(n8n: N8nInstance): Promise<void> {
	await n8n.api.createDataTable(EXCEPTION_LOG, EXCEPTION_COLUMNS);
	for (const { table, columns } of MAPPING_TABLES) await n8n.api.createDataTable(table, columns);
	await n8n.api.createDataTable(SETTINGS_TABLE, SETTINGS.map(({ name, type }) => ({ name, type })));
	await n8n.api.insertDataTableRows(SETTINGS_TABLE, [Object.fromEntries(SETTINGS.map((s) => [s.name, s.value]))]);
}

/**
 * All templates in one `n8n import:workflow --separate` (one CLI start instead of eight), and the
 * Data tables they read and write. Template 00 creates them in the editor; `n8n execute` runs without n8n's
 * Data table module ("the module is disabled"), so here they are created through the public API.
 */
export async function importTemplates(n8n: N8nInstance): Promise<WorkflowJson[]> {
	const templates = loadTemplates();
	const dir = join(n8n.userFolder, 'templates');
	mkdirSync(dir, { recursive: true });
	for (const t of templates) writeFileSync(join(dir, `${t.id}.json`), JSON.stringify(shortenTimers(t)));
	await n8n.cli(['import:workflow', '--separate', `--input=${dir}`]);
	await createTemplateTables(n8n);
	return templates;
}
