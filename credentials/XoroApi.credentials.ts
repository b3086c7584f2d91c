import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

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
			displayName: 'Time Zone',
			name: 'timeZone',
			type: 'string',
			default: 'UTC',
			placeholder: 'America/Los_Angeles',
			description:
				"IANA name of the zone your Xoro tenant's clock runs in. Xoro writes times without an offset (e.g. an ASN's closing time); they are read, and date filters and document dates are written, in this zone.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: { username: '={{$credentials.apiKey}}', password: '={{$credentials.apiSecret}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
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
