import type { ICredentialDataDecryptedObject, ICredentialTestRequest, ICredentialType, Icon, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { loopBaseUrl } from '../nodes/Loop/baseUrl';
import { checkUnderBase, requestUrl } from '../nodes/shared/urls';

/** A Loop Returns API key; sent as X-Authorization, which also makes it usable in the HTTP Request node. */
export class LoopReturnsApi implements ICredentialType {
	name = 'loopReturnsApi';

	displayName = 'Loop Returns API';

	documentationUrl = 'https://docs.loopreturns.com/api-reference/authentication';

	icon: Icon = { light: 'file:../nodes/Loop/loop.svg', dark: 'file:../nodes/Loop/loop.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Loop Admin > Tools & integrations > Developer Tools > Generate API key. The key needs the Returns scope.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.loopreturns.com/api/v1',
			description: 'Change only to pin a dated API version (e.g. https://api.loopreturns.com/api/2026-07) or for a test server',
		},
	];

	/** The key, sent only under the credential's own Base URL (the same rule for the test and the node). */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		checkUnderBase('Loop', requestUrl(requestOptions), loopBaseUrl(credentials));
		return { ...requestOptions, headers: { ...(requestOptions.headers ?? {}), 'X-Authorization': String(credentials.apiKey ?? '') } };
	}

	// The smallest Returns-scope call there is: one return of the list. A key without that scope gets 401.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{String($credentials.baseUrl || "https://api.loopreturns.com/api/v1").trim().replace(/\\/+$/, "")}}',
			url: '/warehouse/return/list',
			qs: { paginate: true, pageSize: 1 },
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Loop refused the key (401): it is wrong or lacks the Returns scope. Add the Returns scope in Loop Admin > Developer Tools.',
				},
			},
		],
	};
}
