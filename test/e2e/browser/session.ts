/** Chromium (installed from Debian's packages when missing), signed in to an n8n as its owner. */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../n8n/install';
import type { N8nInstance } from '../n8n/instance';
import { ensureChromium, launchChromium, type LaunchedChromium } from './chromium';
import { signIn } from './editor';

export interface EditorSession {
	chromium: LaunchedChromium;
	page: Page;
}

export async function signedInEditor(n8n: N8nInstance): Promise<EditorSession> {
	const installMs = await ensureChromium(join(REPO_ROOT, 'test/artifacts/e2e/chromium-install.log'));
	if (installMs) console.log(`installed Debian's chromium with apt-get in ${installMs} ms`);
	const chromium = await launchChromium();
	try {
		const page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
		await signIn(page, n8n.url, n8n.owner.email, n8n.owner.password);
		return { chromium, page };
	} catch (error) {
		await chromium.close();
		throw error;
	}
}
