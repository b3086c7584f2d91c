/**
 * What the e2e tests and the demo share: the package's own name and registered node/credential
 * types (read from package.json and dist, as n8n reads them), and credentials that point at the
 * three simulators, with stable IDs and names so workflows can reference them.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Simulators } from '../simulators';
import { REPO_ROOT } from './n8n/install';
import type { CredentialInput } from './n8n/instance';

interface PackageJson {
	name: string;
	n8n?: { nodes?: string[]; credentials?: string[] };
}

/**
 * The built package under test: this repo, or N8N_E2E_PACKAGE_DIR (another checkout, e.g. a release
 * candidate) — it must have package.json and dist/.
 */
export const PACKAGE_DIR = process.env.N8N_E2E_PACKAGE_DIR ?? REPO_ROOT;
export const packageJson = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as PackageJson;
export const PACKAGE = packageJson.name;

/** `description.name` of each registered dist file, loaded the way n8n does (class named as the file). */
function registeredNames(files: string[] | undefined, kind: 'nodes' | 'credentials'): string[] {
	return (files ?? []).map((file) => {
		const className = basename(file).split('.')[0];
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const Class = (require(join(PACKAGE_DIR, file)) as Record<string, new () => { description?: { name: string }; name?: string }>)[className];
		if (!Class) throw new Error(`${file} exports no class ${className} (n8n would say "Class could not be found")`);
		const instance = new Class();
		return kind === 'nodes' ? instance.description!.name : instance.name!;
	});
}

/** Full node types n8n should know once the package is installed, e.g. `n8n-nodes-loop-xoro.loopReturn`. */
export function registeredNodeTypes(): string[] {
	return registeredNames(packageJson.n8n?.nodes, 'nodes').map((name) => `${PACKAGE}.${name}`);
}

export function registeredCredentialTypes(): string[] {
	return registeredNames(packageJson.n8n?.credentials, 'credentials');
}

/** The names the templates in workflows/ reference (they carry no IDs); the IDs are ours. */
export const CREDENTIALS = {
	loop: { id: 'e2eLoopReturns01', name: 'Loop Returns account' },
	xoro: { id: 'e2eXoroApi000001', name: 'Xoro account' },
	shopify: { id: 'e2eShopifyAdmin1', name: 'Shopify Admin account' },
} as const;

export const LOOP_TEST_KEY = 'loop-test-key';

export function simulatorCredentials(sims: Simulators, loopApiKey = LOOP_TEST_KEY): CredentialInput[] {
	return [
		{ ...CREDENTIALS.loop, type: 'loopReturnsApi', data: { apiKey: loopApiKey, baseUrl: sims.loop.baseUrl } },
		{
			...CREDENTIALS.xoro,
			type: 'xoroApi',
			// The credential's RMA settings match the simulated tenant's.
			data: { ...sims.xoro.credentials, rmaProcess: sims.xoro.options.rmaProcess, rmaApprovalBeforeAsn: sims.xoro.options.rmaApprovalRequired },
		},
		{
			...CREDENTIALS.shopify,
			type: 'shopifyAdminGraphqlApi',
			data: {
				shop: sims.scenario.shop.domain,
				authentication: 'accessToken',
				accessToken: sims.shopify.accessToken,
				adminUrlOverride: sims.shopify.adminUrl,
			},
		},
	];
}
