import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';
import { checkUnderBase, requestUrl } from '../nodes/shared/urls';
import { adminBaseUrl, REQUIRED_SCOPES, tokenUrl, type ShopifyConnectionSettings } from '../nodes/Shopify/helpers/shop';

const TEST_QUERY = '{ shop { name } orders(first: 1) { nodes { id returns(first: 1) { nodes { id } } } } giftCards(first: 1) { nodes { id } } }';

/** Renew a client-credentials token this long before Shopify says it expires (at most half its life). */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/**
 * Shopify Admin GraphQL API: an Admin API access token (apps made in the Shopify admin), or a
 * Dev Dashboard app's client ID and secret exchanged for a short-lived token (client credentials
 * grant) that n8n keeps in the hidden, expirable `sessionToken` field and renews.
 */
export class ShopifyAdminGraphqlApi implements ICredentialType {
	name = 'shopifyAdminGraphqlApi';

	displayName = 'Shopify Admin GraphQL API';

	documentationUrl = 'https://shopify.dev/docs/api/admin-graphql';

	icon: Icon = { light: 'file:../nodes/Shopify/shopify.svg', dark: 'file:../nodes/Shopify/shopify.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Shop',
			name: 'shop',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'my-store or my-store.myshopify.com',
			description: 'The shop subdomain or its full myshopify.com domain',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: '2026-10',
			description: 'Admin API version, YYYY-MM (quarterly: 01, 04, 07, 10). Each is supported for at least 12 months.',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'Admin API Access Token', value: 'accessToken', description: 'A custom app made in the Shopify admin (shpat_…)' },
				{ name: 'Client ID and Secret', value: 'clientCredentials', description: 'A Dev Dashboard app installed on your own store' },
			],
			default: 'accessToken',
		},
		{
			displayName: 'Admin API Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authentication: ['accessToken'] } },
			description: 'Needs read_orders, read_all_orders, read_gift_cards and read_returns',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			displayOptions: { show: { authentication: ['clientCredentials'] } },
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authentication: ['clientCredentials'] } },
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Session Renew At',
			name: 'sessionRenewAt',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Admin URL Override',
			name: 'adminUrlOverride',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:8080',
			description: 'Leave empty. Only for a proxy or a test server: replaces https://{shop}.myshopify.com.',
		},
	];

	/** Exchanges the client ID and secret for a token; nothing to do with a static access token. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		if (credentials.authentication !== 'clientCredentials') return {};
		const settings = credentials as unknown as ShopifyConnectionSettings;
		let answer: { access_token?: string; expires_in?: number };
		try {
			answer = (await this.helpers.httpRequest({
				method: 'POST',
				url: tokenUrl(settings),
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
				body: new URLSearchParams({
					grant_type: 'client_credentials',
					client_id: String(credentials.clientId ?? ''),
					client_secret: String(credentials.clientSecret ?? ''),
				}).toString(),
				json: true,
			})) as { access_token?: string; expires_in?: number };
		} catch (error) {
			// The thrown request error carries the form body, secret included: keep only status and Shopify's words.
			const e = error as { response?: { status?: number; data?: { error?: string; error_description?: string } }; httpCode?: string };
			const status = e.response?.status ?? e.httpCode ?? 'no response';
			const reason = e.response?.data?.error_description ?? e.response?.data?.error ?? 'request failed';
			throw new Error(`Shopify refused the client credentials at ${adminBaseUrl(settings)} (HTTP ${status}): ${reason}`);
		}
		if (!answer?.access_token) throw new Error('Shopify answered the client-credentials grant without an access_token');
		const lifetimeMs = (Number(answer.expires_in) || 86399) * 1000;
		const renewAt = Date.now() + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2);
		return { sessionToken: answer.access_token, sessionRenewAt: new Date(renewAt).toISOString() };
	}

	/**
	 * n8n renews the expirable token only when it is empty or a request comes back 401. A token past
	 * its renewal time is therefore not sent: Shopify answers 401, n8n runs preAuthentication and resends.
	 */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		// The same shop validator for the credential test, the nodes and the HTTP Request node: the
		// token goes only to the shop's own Admin URL.
		checkUnderBase('Shopify', requestUrl(requestOptions), adminBaseUrl(credentials as unknown as ShopifyConnectionSettings));
		let token = String(credentials.accessToken ?? '');
		if (credentials.authentication === 'clientCredentials') {
			const renewAt = Date.parse(String(credentials.sessionRenewAt ?? ''));
			const fresh = Number.isFinite(renewAt) && renewAt > Date.now();
			token = fresh ? String(credentials.sessionToken ?? '') : '';
		}
		return { ...requestOptions, headers: { ...(requestOptions.headers ?? {}), 'X-Shopify-Access-Token': token } };
	}

	// `shop` proves the token; orders, returns and gift cards probe the scopes. Shopify answers a
	// missing scope with HTTP 200 and an ACCESS_DENIED error naming it, which the rules turn into
	// a message. read_all_orders cannot be probed this way: the node names it when it is missing.
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '={{ ($credentials.adminUrlOverride ? $credentials.adminUrlOverride.trim() : "https://" + $credentials.shop.trim().toLowerCase().replace(/^https?:\\/\\//, "").replace(/\\/.*$/, "").replace(/\\.myshopify\\.com$/, "") + ".myshopify.com").replace(/\\/+$/, "") + "/admin/api/" + $credentials.apiVersion.trim() + "/graphql.json" }}',
			headers: { 'Content-Type': 'application/json' },
			body: { query: TEST_QUERY },
		},
		rules: (['read_orders', 'read_returns', 'read_gift_cards'] as const).flatMap((scope) =>
			[0, 1, 2].map((index) => ({
				type: 'responseSuccessBody' as const,
				properties: {
					key: `errors[${index}].extensions.requiredAccess`,
					value: `\`${scope}\` access scope.`,
					message: `The app lacks the ${scope} access scope (needed: ${REQUIRED_SCOPES.join(', ')})`,
				},
			})),
		),
	};
}
