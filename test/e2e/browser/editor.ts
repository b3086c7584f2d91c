/**
 * The n8n 2.x editor as a user meets it, through Chromium: the sign-in page, a workflow on the
 * canvas, a node's parameter panel. Selectors are n8n's own data-test-ids (stable across 2.x).
 */
import type { Page } from 'playwright-core';

const UI_TIMEOUT_MS = 30_000;

export const canvasNode = (name: string) => `[data-test-id="canvas-node"][data-node-name=${JSON.stringify(name)}]`;

/** Types the owner's email and password into /signin and clicks "Sign in", as a person would. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
	await page.goto(`${baseUrl}/signin`, { timeout: UI_TIMEOUT_MS });
	await page.locator('input[name="emailOrLdapLoginId"]').fill(email, { timeout: UI_TIMEOUT_MS });
	await page.locator('input[name="password"]').fill(password);
	await page.locator('[data-test-id="form-submit-button"]').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: UI_TIMEOUT_MS });
}

/** Opens a workflow and waits until its nodes are drawn and their icons have finished loading. */
export async function openWorkflow(page: Page, baseUrl: string, workflowId: string, nodeNames: string[]): Promise<void> {
	await page.goto(`${baseUrl}/workflow/${workflowId}`, { timeout: UI_TIMEOUT_MS });
	for (const name of nodeNames) await page.locator(canvasNode(name)).waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
	await page.waitForFunction(`Array.from(document.querySelectorAll('[data-test-id="canvas-node"] img')).every((img) => img.complete)`, undefined, {
		timeout: UI_TIMEOUT_MS,
	});
	// n8n 2.x greets with a "Production Checklist" card over the canvas; close it so the screenshot shows the workflow.
	const closeChecklist = page.locator('[data-test-id="suggested-actions-close"]');
	if (await closeChecklist.isVisible()) await closeChecklist.click({ timeout: 5_000 }).catch(() => undefined);
}

/** What we read of an <img> in the page (the test tsconfig has no DOM lib). */
export interface ImageLike {
	complete: boolean;
	naturalWidth: number;
	getAttribute(name: string): string | null;
}

export interface RenderedNode {
	/** The <img> src of the node's icon, or null when it draws none (a built-in inline icon, or the "?" placeholder). */
	iconSrc: string | null;
	/** naturalWidth of that image: 0 when the browser could not load it. */
	iconWidth: number;
	/** The "?" n8n draws instead of an icon when it does not know the node type. */
	placeholderIcon: boolean;
	/** The "not installed" badge n8n puts on a node of a package it does not have. */
	notInstalledBadge: boolean;
}

export async function renderedNode(page: Page, name: string): Promise<RenderedNode> {
	return page.locator(canvasNode(name)).evaluate((node) => {
		const img = node.querySelector('.n8n-node-icon img') as ImageLike | null;
		return {
			iconSrc: img?.getAttribute('src') ?? null,
			iconWidth: img?.naturalWidth ?? 0,
			placeholderIcon: node.querySelector('.n8n-node-icon [class*="nodeIconPlaceholder"]') !== null,
			notInstalledBadge: node.querySelector('[data-test-id="node-not-installed"]') !== null,
		};
	});
}

/** The labels drawn next to a node's output handles, in order. */
export async function outputLabels(page: Page, name: string): Promise<string[]> {
	return page
		.locator(`${canvasNode(name)} [data-test-id="canvas-node-output-handle"]`)
		.evaluateAll((handles) => handles.map((h) => h.textContent?.trim() ?? ''));
}

/** Double-clicks a node and waits for its parameter panel (NDV). */
export async function openParameters(page: Page, name: string): Promise<void> {
	await page.locator(canvasNode(name)).dblclick({ timeout: UI_TIMEOUT_MS });
	await page.locator('[data-test-id="ndv"]').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
}
