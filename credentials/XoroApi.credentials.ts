import type { ICredentialDataDecryptedObject, ICredentialTestRequest, ICredentialType, Icon, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { xoroBaseUrl } from '../nodes/Xoro/baseUrl';
import { checkUnderBase, requestUrl } from '../nodes/shared/urls';

/**
 * A Xoro Private App: API key as the Basic-auth user, secret as the password. Xoro scopes each
 * Private App to specific endpoints; a key without the scope gets HTTP 500 "An error has occurred."
 */
export class XoroApi implements ICredentialType {
	name = 'xoroApi';

	displayName = 'Xoro API';

	documentationUrl = 'https://docs.xorosoft.com/';

	icon: Icon = { light: 'file:../nodes/Xoro/xoro.svg', dark: 'file:../nodes/Xoro/xoro.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API key of a Xoro Private App scoped for RMA, ASN, Credit Memo, Sales Order (write) and Item',
		},
		{
			displayName: 'API Secret',
			name: 'apiSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://res.xorosoft.io/api/xerp',
			description: 'Xoro API root; paths such as "asn/getasn" are appended. Not the tenant UI host (*.xoro.one).',
		},
		{
			displayName: 'Requests per Second',
			name: 'requestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0.1, numberPrecision: 1 },
			default: 2,
			description: 'Xoro throttles parallel or fast callers; requests with this credential run one at a time at this pace',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 90,
			description: 'Xoro list reads can take over a minute per page',
		},
		{
			displayName: 'RMA Approval Before ASN',
			name: 'rmaApprovalBeforeAsn',
			type: 'boolean',
			default: false,
			description:
				'Whether ASN → Create for RMA first marks the RMA as approved (once). Turn on if your Xoro creates return ASNs only from approved RMAs, as its RMA process does.',
		},
		{
			displayName: 'RMA Process',
			name: 'rmaProcess',
			type: 'options',
			options: [
				{
					name: 'None: Credit Memos From Shopify',
					value: 'none',
					description: 'Xoro makes no credit memo for an RMA; the Loop gift card or refund is imported from Shopify',
				},
				{
					name: 'New RMA ASN Process',
					value: 'new',
					description: '"Use New RMA ASN Process" is on: receiving the return ASN credits the RMA and Xoro makes its credit memo',
				},
				{
					name: 'Old RMA Process',
					value: 'old',
					description: 'The approved RMA is converted to a credit memo and the ASN is made from that memo',
				},
			],
			default: 'none',
			description:
				"How your Xoro credits a return (App Config > General Settings > \"Use New RMA ASN Process\"). Under New and Old, the credit memo steps record the Loop outcome on the RMA's memo instead of importing a second one.",
		},
		{
			displayName: 'Time Zone',
			name: 'timeZone',
			type: 'string',
			default: 'UTC',
			placeholder: 'America/Los_Angeles',
			description:
				"IANA name of the zone your Xoro tenant's clock runs in. Xoro writes times without an offset (e.g. an ASN's closing time); they are read, and date filters and document dates are written, in this zone.",
		},
	];

	/** Basic auth, sent only under the credential's own Base URL (the same rule for the test and the nodes). */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		checkUnderBase('Xoro', requestUrl(requestOptions), xoroBaseUrl(credentials));
		return { ...requestOptions, auth: { username: String(credentials.apiKey ?? ''), password: String(credentials.apiSecret ?? '') } };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{String($credentials.baseUrl || "").trim().replace(/\\/+$/, "")}}',
			url: '/product/item/getitem',
			qs: { page: 1, per_page: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 500,
					message:
						'Xoro answered HTTP 500 ("An error has occurred."): this key probably lacks the Item scope, or the base URL is wrong. Ask your Xoro admin for a Private App that covers Item, RMA, ASN, Credit Memo and Sales Order.',
				},
			},
			{
				type: 'responseCode',
				properties: { value: 401, message: 'Xoro refused the API key and secret (HTTP 401).' },
			},
			{
				type: 'responseCode',
				properties: { value: 404, message: 'No Xoro API at this base URL (HTTP 404). Use https://res.xorosoft.io/api/xerp.' },
			},
		],
	};
}
