/**
 * The app's access scopes: checked up front where Shopify would leave data out silently, and read
 * to name every missing scope when a query is denied. `send` (request.ts) calls `accessDenied`, which
 * reads the scopes through `send`: the two modules use each other only inside functions.
 */
import type { NodeApiError } from 'n8n-workflow';
import { REQUIRED_SCOPES } from '../helpers/shop';
import { ACCESS_SCOPES } from '../queries';
import { accessScopesSchema, type GraphqlError } from '../schemas';
import type { ShopifySession } from './connection';
import { shopifyError } from './errors';
import { send } from './request';

/** The app's access scopes, as Shopify reports them for this token. */
export async function grantedScopes(session: ShopifySession): Promise<Set<string>> {
	const granted = await send(session, ACCESS_SCOPES, {}, accessScopesSchema);
	return new Set(granted.currentAppInstallation.accessScopes.map((s) => s.handle));
}

/** Fails up front, naming the missing scopes, where Shopify would otherwise leave data out silently. */
export async function requireScopes(session: ShopifySession, scopes: string[], why: string): Promise<void> {
	const granted = await grantedScopes(session);
	const missing = scopes.filter((scope) => !granted.has(scope));
	if (missing.length) throw shopifyError(session, `The app lacks ${missing.join(', ')}: ${why}`, '403');
}

/** Names every scope the node needs that the app lacks, not only the one this query hit. */
export async function accessDenied(session: ShopifySession, errors: GraphqlError[]): Promise<NodeApiError> {
	const shopify = errors.map((e) => e.message).join('; ');
	let missing: string[] = [];
	try {
		const granted = await grantedScopes(session);
		missing = REQUIRED_SCOPES.filter((scope) => !granted.has(scope));
	} catch {
		// Shopify's own message already names the scope this query needed.
	}
	const message = missing.length
		? `Shopify denied access: the app lacks ${missing.join(', ')}. Add ${missing.length > 1 ? 'these scopes' : 'this scope'} to the app and reinstall it.`
		: `Shopify denied access: ${shopify}`;
	return shopifyError(session, message, '403', shopify);
}
