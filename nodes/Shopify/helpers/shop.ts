/**
 * Where a shop's Admin API lives. Pure: shared by the credential (token exchange) and the transport.
 */

import { serviceBaseUrl } from '../../shared/urls';

/** What the node reads: orders and refunds, orders older than 60 days, Loop's gift cards, returns. */
export const REQUIRED_SCOPES = ['read_orders', 'read_all_orders', 'read_gift_cards', 'read_returns'];

export interface ShopifyConnectionSettings {
	shop: string;
	apiVersion: string;
	adminUrlOverride?: string;
}

const SUBDOMAIN = /^[a-z0-9][a-z0-9-]*$/;
const VERSION = /^(\d{4}-(01|04|07|10)|unstable)$/;

/** "my-store", "my-store.myshopify.com" or "https://my-store.myshopify.com/admin" → "my-store.myshopify.com". */
export function shopDomain(shop: string): string {
	const host = String(shop ?? '')
		.trim()
		.toLowerCase()
		.replace(/^https?:\/\//, '')
		.replace(/\/.*$/, '')
		.replace(/\.myshopify\.com$/, '');
	if (!SUBDOMAIN.test(host)) {
		throw new Error(`Shop "${shop}" is not a Shopify shop: use the subdomain (my-store) or my-store.myshopify.com`);
	}
	return `${host}.myshopify.com`;
}

/** https://{shop}.myshopify.com, or the override (a proxy or a test server) without trailing slashes. */
export function adminBaseUrl(settings: ShopifyConnectionSettings): string {
	const override = String(settings.adminUrlOverride ?? '').trim();
	if (override) return serviceBaseUrl('Shopify', override, 'https://{shop}.myshopify.com', 'Admin URL Override');
	return `https://${shopDomain(settings.shop)}`;
}

export function graphqlUrl(settings: ShopifyConnectionSettings): string {
	const version = String(settings.apiVersion ?? '').trim();
	if (!VERSION.test(version)) throw new Error(`API version "${version}" is not YYYY-MM (Jan/Apr/Jul/Oct) or "unstable"`);
	return `${adminBaseUrl(settings)}/admin/api/${version}/graphql.json`;
}

export function tokenUrl(settings: ShopifyConnectionSettings): string {
	return `${adminBaseUrl(settings)}/admin/oauth/access_token`;
}
