/**
 * Finds our credential types by name, as n8n's loader does from package.json's list:
 * every class exported from credentials/*.credentials.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ICredentialType } from 'n8n-workflow';

let registry: Map<string, ICredentialType> | undefined;

/** For the harness's own tests: a credential type that lives outside credentials/. */
export function registerCredentialType(type: ICredentialType): void {
	credentialTypeFor(type.name);
	registry!.set(type.name, type);
}

export function credentialTypeFor(name: string): ICredentialType | undefined {
	if (!registry) {
		registry = new Map();
		const dir = path.join(__dirname, '..', '..', 'credentials');
		for (const file of (fs.existsSync(dir) ? fs.readdirSync(dir) : []).filter((f) => f.endsWith('.credentials.ts'))) {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const mod = require(path.join(dir, file)) as Record<string, new () => ICredentialType>;
			for (const Exported of Object.values(mod)) {
				if (typeof Exported !== 'function') continue;
				const instance = new Exported();
				registry.set(instance.name, instance);
			}
		}
	}
	return registry.get(name);
}
