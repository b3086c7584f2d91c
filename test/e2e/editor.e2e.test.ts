/**
 * The templates as a user sees them: Debian's Chromium (headless) signs in to a real n8n 2.41.0 with
 * the packed package installed as a community package, opens templates in the editor and checks
 * every node is drawn, ours with OUR icon served by n8n from the installed package, none as an
 * "install this node" placeholder. Screenshots are kept in test/artifacts/editor/.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { LaunchedChromium } from './browser/chromium';
import { type ImageLike, openParameters, openWorkflow, outputLabels, renderedNode } from './browser/editor';
import { signedInEditor } from './browser/session';
import { PACKAGE } from './fixtures';
import { REPO_ROOT } from './n8n/install';
import type { WorkflowJson } from './n8n/instance';
import { SETUP_TIMEOUT_MS, startStack, TEARDOWN_TIMEOUT_MS, TEST_TIMEOUT_MS, type Stack } from './stack';

const SCREENSHOTS = join(REPO_ROOT, 'test/artifacts/editor');
const TEMPLATES = join(REPO_ROOT, 'workflows');

interface TemplateNode {
	name: string;
	type: string;
}

const templateFiles = readdirSync(TEMPLATES).filter((f) => f.endsWith('.json')).sort();
const template = (file: string) => JSON.parse(readFileSync(join(TEMPLATES, file), 'utf8')) as WorkflowJson & { nodes: TemplateNode[] };
const drawnNodes = (workflow: { nodes: TemplateNode[] }) => workflow.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote');

/** Our node types draw their service's icon: loopReturn → nodes/Loop/loop.svg (or the dark variant). */
function expectedIcon(type: string): RegExp {
	const service = /^[^.]+\.(loop|xoro|shopify)/.exec(type)?.[1];
	if (!service) throw new Error(`no icon known for ${type}`);
	const folder = service[0].toUpperCase() + service.slice(1);
	return new RegExp(`/icons/${PACKAGE}/dist/nodes/${folder}/${service}(\\.dark)?\\.svg$`);
}

/** Control: a node type the package does not have, so the checks above are seen to catch one. */
const UNKNOWN_NODE_WORKFLOW: WorkflowJson = {
	id: 'EditorUnknownNod',
	name: 'Control: a node type that is not installed',
	nodes: [{ id: 'b0b0b0b0-0000-4000-8000-000000000001', name: 'Not in the package', type: `${PACKAGE}.notInThePackage`, typeVersion: 1, position: [0, 0], parameters: {} }],
	connections: {},
	settings: {},
};

const PLACEHOLDER = /install this node|not currently installed|node is not installed|unknown node/i;

describe('the templates in the n8n editor (Debian Chromium, headless)', () => {
	let stack: Stack;
	let chromium: LaunchedChromium | undefined;
	let page: Page;

	beforeAll(async () => {
		rmSync(SCREENSHOTS, { recursive: true, force: true });
		mkdirSync(SCREENSHOTS, { recursive: true });
		stack = await startStack({ name: 'editor' });
		await stack.n8n.importWorkflows([...templateFiles.map((f) => join(TEMPLATES, f)), UNKNOWN_NODE_WORKFLOW]);
		({ chromium, page } = await signedInEditor(stack.n8n));
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		await chromium?.close();
		await stack?.stop();
	}, TEARDOWN_TIMEOUT_MS);

	it('signed in through the real sign-in page', () => {
		expect(new URL(page.url()).pathname).not.toMatch(/^\/signin/);
	});

	const opened = [
		{ file: '04-asn-closed-process-or-flag.json', id: 'LoopXoroAsnClose' },
		{ file: '05-shopify-outcomes-to-xoro.json', id: 'LoopXoroShopOutc' },
	];

	it.each(opened)(
		'draws every node of $file, ours with our icon, none as a placeholder',
		async ({ file, id }) => {
			const workflow = template(file);
			expect(workflow.id).toBe(id);
			const nodes = drawnNodes(workflow);
			const ours = nodes.filter((n) => n.type.startsWith(`${PACKAGE}.`));
			expect(ours.length).toBeGreaterThan(0);

			await openWorkflow(page, stack.n8n.url, id, nodes.map((n) => n.name));
			await page.screenshot({ path: join(SCREENSHOTS, `${file.replace(/\.json$/, '')}.png`), fullPage: true });

			const onCanvas = await page.locator('[data-test-id="canvas-node"]').evaluateAll((els) =>
				els.map((e) => ({ name: e.getAttribute('data-node-name'), type: e.getAttribute('data-node-type') })),
			);
			expect(onCanvas).toEqual(expect.arrayContaining(nodes.map((n) => ({ name: n.name, type: n.type }))));

			for (const node of nodes) {
				const drawn = await renderedNode(page, node.name);
				expect({ node: node.name, placeholderIcon: drawn.placeholderIcon, notInstalledBadge: drawn.notInstalledBadge }).toEqual({
					node: node.name,
					placeholderIcon: false,
					notInstalledBadge: false,
				});
			}
			for (const node of ours) {
				const { iconSrc, iconWidth } = await renderedNode(page, node.name);
				expect({ node: node.name, iconSrc }).toEqual({ node: node.name, iconSrc: expect.stringMatching(expectedIcon(node.type)) });
				expect({ node: node.name, loaded: iconWidth > 0 }).toEqual({ node: node.name, loaded: true });
				const served = await page.request.get(new URL(iconSrc!, stack.n8n.url).toString());
				expect([served.status(), served.headers()['content-type']]).toEqual([200, expect.stringContaining('image/svg+xml')]);
				expect(await served.text()).toContain('<svg');
			}
			expect(await page.locator('body').innerText()).not.toMatch(PLACEHOLDER);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'shows the Xoro ASN node on 04 with its two outputs, and its parameter panel',
		async () => {
			const asn = drawnNodes(template('04-asn-closed-process-or-flag.json')).find((n) => n.type === `${PACKAGE}.xoroAsn`)!;
			await openWorkflow(page, stack.n8n.url, 'LoopXoroAsnClose', [asn.name]);
			expect(await outputLabels(page, asn.name)).toEqual(['Fully received', 'Not fully received']);

			await openParameters(page, asn.name);
			const panel = page.locator('[data-test-id="ndv"]').first();
			await panel.getByText('ASN Number', { exact: true }).first().waitFor({ timeout: 30_000 });
			await page.screenshot({ path: join(SCREENSHOTS, '04-check-receipt-parameters.png'), fullPage: true });
			const panelText = await panel.innerText();
			expect(panelText).toContain(asn.name);
			expect(panelText).toMatch(/Operation/);
			// Selects hold their choice in an <input>'s value, not in text.
			const values = await panel.locator('input').evaluateAll((inputs) => inputs.map((i) => (i as unknown as { value: string }).value));
			expect(values).toEqual(expect.arrayContaining(['ASN', 'Receipt Status']));
			expect(panelText).not.toMatch(PLACEHOLDER);
			// The panel's header draws our icon too.
			const headerIcons = await panel.locator('img').evaluateAll((imgs) =>
				imgs.map((i) => ({ src: i.getAttribute('src'), loaded: (i as unknown as ImageLike).naturalWidth > 0 })),
			);
			expect(headerIcons).toEqual(expect.arrayContaining([{ src: expect.stringMatching(expectedIcon(asn.type)), loaded: true }]));
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'catches, with the same checks, a node whose type is not installed (control)',
		async () => {
			const node = UNKNOWN_NODE_WORKFLOW.nodes[0] as TemplateNode;
			await openWorkflow(page, stack.n8n.url, UNKNOWN_NODE_WORKFLOW.id!, [node.name]);
			await page.screenshot({ path: join(SCREENSHOTS, 'control-not-installed-node.png'), fullPage: true });
			expect(await renderedNode(page, node.name)).toEqual({ iconSrc: null, iconWidth: 0, placeholderIcon: true, notInstalledBadge: true });

			await openParameters(page, node.name);
			const panel = page.locator('[data-test-id="ndv"]').first();
			await panel.getByText('Install this node').first().waitFor({ timeout: 30_000 });
			expect(await panel.innerText()).toMatch(PLACEHOLDER);
		},
		TEST_TIMEOUT_MS,
	);
});
