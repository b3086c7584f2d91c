/**
 * A stand-in for n8n's execution context, for transport tests only: it applies the credential the
 * with the credential's own `authenticate` (X-Authorization) and sends the request with undici.
 * Nodes are tested through test/harness/n8n.ts with n8n-core's real contexts.
 */
import { request } from 'undici';
import type { IHttpRequestOptions } from 'n8n-workflow';
import { LoopReturnsApi } from '../../credentials/LoopReturnsApi.credentials';
import type { LoopContext } from '../../nodes/Loop/transport';

export interface FakeContext {
	ctx: LoopContext;
	sent: Array<{ url: string; headers: Record<string, string> }>;
}

export function fakeContext(credentials: { apiKey: string; baseUrl: string }): FakeContext {
	const sent: FakeContext['sent'] = [];
	const credential = new LoopReturnsApi();
	const helpers = {
		async httpRequestWithAuthentication(type: string, options: IHttpRequestOptions) {
			if (type !== 'loopReturnsApi') throw new Error(`unexpected credential ${type}`);
			const authenticated = await credential.authenticate({ ...credentials }, options);
			const url = new URL(options.url);
			for (const [k, v] of Object.entries(options.qs ?? {})) url.searchParams.set(k, String(v));
			const headers = { ...(authenticated.headers as Record<string, string>) };
			if (options.body !== undefined) headers['content-type'] = 'application/json';
			sent.push({ url: url.toString(), headers });
			const res = await request(url, {
				method: options.method ?? 'GET',
				headers,
				body: options.body === undefined ? undefined : JSON.stringify(options.body),
				headersTimeout: options.timeout,
				bodyTimeout: options.timeout,
			});
			return { statusCode: res.statusCode, body: await res.body.text(), headers: res.headers };
		},
	};
	const ctx = {
		getNode: () => ({ id: 'n1', name: 'Loop', type: 'loopReturn', typeVersion: 1, position: [0, 0], parameters: {} }),
		getCredentials: async () => credentials,
		helpers,
	} as unknown as LoopContext;
	return { ctx, sent };
}
