/**
 * Issue 9 §1 as a user meets it: every template imported through the editor (the workflow menu's
 * *Import from File*), saved, template 00 run from the editor to create the exception log, template 03
 * published and its form filled in for a return Xoro refuses. An editor import drops the Error workflow
 * setting (docs/apis.md §N10), so the failure must be reported by the template itself: the run fails
 * (it shows in Executions) and the exception log has the return's row. Screenshots are kept in
 * test/artifacts/editor-import/.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { EXCEPTION_LOG } from '../../scripts/templates/parts/exceptionLog';
import { variantById } from '../simulators/scenario';
import { ensureChromium, launchChromium, type LaunchedChromium } from './browser/chromium';
import { signIn } from './browser/editor';
import { REPO_ROOT } from './n8n/install';
import { waitFor } from './n8n/instance';
import { SETUP_TIMEOUT_MS, startStack, TEARDOWN_TIMEOUT_MS, TEST_TIMEOUT_MS, type Stack } from './stack';

const SCREENSHOTS = join(REPO_ROOT, 'test/artifacts/editor-import');
const TEMPLATES = join(REPO_ROOT, 'workflows');
const UI_TIMEOUT_MS = 30_000;

const templateFiles = readdirSync(TEMPLATES).filter((f) => f.endsWith('.json')).sort();

/** Imports one file onto a new workflow's canvas as *Import from File* does, saves it, returns its new id. */
async function importThroughEditor(page: Page, baseUrl: string, file: string): Promise<string> {
	await page.goto(`${baseUrl}/workflow/new`, { timeout: UI_TIMEOUT_MS });
	// The menu item opens this file input; Chromium headless gives no file dialog to answer, so the file
	// is handed to the input the menu item clicks (the editor's own import code runs from there on).
	await page.locator('[data-test-id="workflow-import-input"]').setInputFiles(join(TEMPLATES, file), { timeout: UI_TIMEOUT_MS });
	await page.locator('[data-test-id="canvas-node"]').first().waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
	await page.keyboard.press('Control+s');
	await page.waitForURL((url) => /^\/workflow\/[A-Za-z0-9]+$/.test(url.pathname) && !url.pathname.endsWith('/new'), { timeout: UI_TIMEOUT_MS });
	return new URL(page.url()).pathname.split('/').pop()!;
}

describe('templates imported through the editor report their own failures (Debian Chromium, headless)', () => {
	let stack: Stack;
	let chromium: LaunchedChromium | undefined;
	let page: Page;
	const ids = new Map<string, string>();

	beforeAll(async () => {
		await ensureChromium(join(REPO_ROOT, 'test/artifacts/e2e/chromium-install.log'));
		rmSync(SCREENSHOTS, { recursive: true, force: true });
		mkdirSync(SCREENSHOTS, { recursive: true });
		stack = await startStack({ name: 'editor-import' });
		chromium = await launchChromium();
		page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
		await signIn(page, stack.n8n.url, stack.n8n.owner.email, stack.n8n.owner.password);
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		await chromium?.close();
		await stack?.stop();
	}, TEARDOWN_TIMEOUT_MS);

	it(
		'imports every template through the editor; the saved workflows have lost their Error workflow setting',
		async () => {
			for (const file of templateFiles) ids.set(file, await importThroughEditor(page, stack.n8n.url, file));
			expect([...ids.keys()]).toEqual(templateFiles);
			for (const [file, id] of ids) {
				const saved = await stack.n8n.api.public<{ settings: Record<string, unknown>; nodes: unknown[] }>('GET', `/workflows/${id}`);
				expect({ file, errorWorkflow: saved.settings.errorWorkflow }).toEqual({ file, errorWorkflow: undefined });
			}
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'creates the exception log by running template 00 from the editor',
		async () => {
			await page.goto(`${stack.n8n.url}/workflow/${ids.get('00-set-up.json')}`, { timeout: UI_TIMEOUT_MS });
			await page.locator('[data-test-id="canvas-node"]').first().waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
			await page.locator('[data-test-id="execute-workflow-button"]').first().click({ timeout: UI_TIMEOUT_MS });
			const rows = await waitFor(
				() => stack.n8n.api.dataTableRows(EXCEPTION_LOG).catch(() => undefined),
				(r) => r !== undefined,
				60_000,
				'the exception log',
			);
			expect(rows).toEqual([]);
			await page.screenshot({ path: join(SCREENSHOTS, '00-set-up-run.png'), fullPage: true });
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'reports a return Xoro refuses: the run fails, and the exception log holds its row',
		async () => {
			const { sims, n8n } = stack;
			// A product Xoro does not know: the return's RMA is refused.
			const refused = sims.scenario.returns[0];
			const itemNumber = variantById(sims.scenario, refused.lines[0].variantId).xoroItemNumber;
			const items = sims.xoro.state.items;
			items.splice(0, items.length, ...items.filter((i) => i.ItemNumber.toLowerCase() !== itemNumber.toLowerCase()));

			const oneReturn = ids.get('03-import-one-loop-return.json')!;
			await n8n.publish(oneReturn);
			// The editor gives an imported form a new webhook id: its address is read off the saved node.
			const saved = await n8n.api.public<{ nodes: Array<{ type: string; webhookId?: string; parameters: { path?: string } }> }>('GET', `/workflows/${oneReturn}`);
			const form = saved.nodes.find((n) => n.type === 'n8n-nodes-base.formTrigger')!;
			await page.goto(`${n8n.url}/form/${form.parameters.path || form.webhookId}`, { timeout: UI_TIMEOUT_MS });
			await page.screenshot({ path: join(SCREENSHOTS, '03-form.png'), fullPage: true });
			await page.locator('form input:not([type="hidden"])').first().fill(refused.id, { timeout: UI_TIMEOUT_MS });
			await page.locator('button[type="submit"]').first().click({ timeout: UI_TIMEOUT_MS });

			const [run] = await n8n.waitForExecutions(oneReturn, (list) => list.length === 1 && list[0].status !== 'running' && list[0].status !== 'new', 120_000);
			expect(run.status).toBe('error');
			expect(run.data?.resultData.error?.message).toContain(`Loop return ${refused.id} (import, Create Xoro RMA)`);

			const rows = (await n8n.api.dataTableRows(EXCEPTION_LOG)).filter((r) => r.returnId === refused.id);
			expect(rows).toEqual([
				expect.objectContaining({
					returnId: refused.id,
					step: 'import',
					state: 'failing',
					attempts: 1,
					node: 'Create Xoro RMA',
					workflow: 'Loop → Xoro: import one return by ID',
					execution: run.id,
				}),
			]);
			expect(String(rows[0].error)).toContain(itemNumber);
			expect(String(rows[0].error)).not.toContain(sims.xoro.credentials.apiSecret);

			// The row as a person sees it, in the Data tables tab.
			const tables = await n8n.api.public<{ data: Array<{ id: string; name: string; projectId: string }> }>('GET', '/data-tables');
			const log = tables.data.find((t) => t.name === EXCEPTION_LOG)!;
			await page.goto(`${n8n.url}/projects/${log.projectId}/datatables/${log.id}`, { timeout: UI_TIMEOUT_MS });
			await page.getByText(refused.id).first().waitFor({ timeout: UI_TIMEOUT_MS });
			await page.screenshot({ path: join(SCREENSHOTS, 'exception-log.png'), fullPage: true });
		},
		TEST_TIMEOUT_MS,
	);
});
