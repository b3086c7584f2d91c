import { XoroApi } from '../../credentials/XoroApi.credentials';
import { testCredential } from '../harness/n8n';
import { XORO_SIM_KEY_WITHOUT_SCOPE } from '../simulators/xoro';
import { startSim } from './fixtures';

const credential = new XoroApi();

describe('xoroApi credential', () => {
	it('passes its test against a full-scope key, fails clearly without scope or with a wrong secret', async () => {
		const { sim, credentials } = await startSim();
		try {
			const data = { ...credentials.xoroApi };
			expect(await testCredential(credential, data)).toMatchObject({ status: 'OK' });
			expect(sim.requests.at(-1)).toMatchObject({ path: '/api/xerp/product/item/getitem', query: 'page=1&per_page=1', status: 200 });

			const noScope = await testCredential(credential, { ...data, apiKey: XORO_SIM_KEY_WITHOUT_SCOPE });
			expect(noScope.status).toBe('Error');
			expect(noScope.message).toMatch(/HTTP 500.*lacks the Item scope/);
			expect(noScope.message).not.toContain('xoro-secret');

			const wrong = await testCredential(credential, { ...data, apiSecret: 'not-the-secret' });
			expect(wrong).toMatchObject({ status: 'Error', message: 'Xoro refused the API key and secret (HTTP 401).' });

			// A trailing slash on the base URL still reaches the same path.
			expect(await testCredential(credential, { ...data, baseUrl: `${data.baseUrl}/` })).toMatchObject({ status: 'OK' });
		} finally {
			await sim.close();
		}
	});

	it('sends Basic auth from key and secret only under its base URL, so the HTTP Request node can use it', async () => {
		const data = { apiKey: 'k', apiSecret: 's', baseUrl: 'https://res.xorosoft.io/api/xerp/' };
		await expect(credential.authenticate(data, { url: 'https://res.xorosoft.io/api/xerp/asn/getasn' })).resolves.toMatchObject({
			auth: { username: 'k', password: 's' },
		});
		await expect(credential.authenticate(data, { url: 'https://res.xorosoft.io/other/api' })).rejects.toThrow(
			'Refused to send the Xoro credential to https://res.xorosoft.io/other/api: it goes only to its Base URL https://res.xorosoft.io/api/xerp',
		);
		await expect(credential.authenticate(data, { url: 'https://res.xorosoft.io.evil.example/api/xerp/x' })).rejects.toThrow(/Refused to send/);
		const secretFields = credential.properties.filter((p) => p.typeOptions?.password).map((p) => p.name);
		expect(secretFields).toEqual(['apiKey', 'apiSecret']);
		expect(credential.properties.find((p) => p.name === 'baseUrl')?.default).toBe('https://res.xorosoft.io/api/xerp');
	});
});
