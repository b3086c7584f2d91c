import {
	NodeApiError,
	NodeConnectionTypes,
	type IExecuteFunctions,
	type ICredentialType,
	type INodeExecutionData,
	type INodeType,
	type IPollFunctions,
} from 'n8n-workflow';
import { serve, type SimServer } from '../simulators/http';
import { registerCredentialType } from './credentials';
import { runNode, runPoll, testCredential } from './n8n';

const echoApi: ICredentialType = {
	name: 'echoTestApi',
	displayName: 'Echo Test API',
	properties: [
		{ displayName: 'Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'Scoped', name: 'scoped', type: 'string', default: 'yes' },
	],
	authenticate: { type: 'generic', properties: { headers: { 'X-Key': '={{$credentials.apiKey}}' } } },
	test: {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/whoami', qs: { scoped: '={{$credentials.scoped}}' } },
		rules: [{ type: 'responseCode', properties: { value: 401, message: 'The key is not valid' } }],
	},
};

/** The same credential with a rule on the body of a successful answer (n8n allows one kind per test). */
const echoApiScopeRule: ICredentialType = {
	...echoApi,
	test: {
		request: echoApi.test!.request,
		rules: [{ type: 'responseSuccessBody', properties: { key: 'scope.missing', value: true, message: 'The key lacks a scope' } }],
	},
};

const echoNode: INodeType = {
	description: {
		displayName: 'Echo', name: 'echo', group: ['transform'], version: 1, description: '', defaults: { name: 'Echo' },
		inputs: [NodeConnectionTypes.Main], outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'echoTestApi', required: true }],
		properties: [{ displayName: 'Path', name: 'path', type: 'string', default: '/echo' }],
	},
	async execute(this: IExecuteFunctions) {
		const out: INodeExecutionData[] = [];
		const { baseUrl } = await this.getCredentials<{ baseUrl: string }>('echoTestApi');
		for (let i = 0; i < this.getInputData().length; i++) {
			try {
				const path = this.getNodeParameter('path', i) as string;
				const json = await this.helpers.httpRequestWithAuthentication.call(this, 'echoTestApi', { url: `${baseUrl}${path}`, json: true });
				out.push({ json, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { error: error.message }, pairedItem: { item: i } });
					continue;
				}
				throw new NodeApiError(this.getNode(), error, { itemIndex: i });
			}
		}
		return [out];
	},
};

const echoTrigger: INodeType = {
	description: { ...echoNode.description, name: 'echoTrigger', polling: true, inputs: [] },
	async poll(this: IPollFunctions) {
		const state = this.getWorkflowStaticData('node');
		state.polls = ((state.polls as number) ?? 0) + 1;
		if (this.getMode() === 'manual') return [[{ json: { sample: true } }]];
		return [[{ json: { polls: state.polls, budget: this.getPollBudgetMs?.() ?? null } }]];
	},
};

describe('n8n harness', () => {
	let sim: SimServer;
	const credentials = () => ({ echoTestApi: { apiKey: 'secret-key', baseUrl: sim.url } });

	beforeAll(async () => {
		registerCredentialType(echoApi);
		sim = await serve({
			handler: (req) =>
				req.headers['x-key'] !== 'secret-key' ? { status: 401, body: { message: 'nope' } }
				: req.path === '/fail' ? { status: 500, body: { message: 'boom' } }
				: req.query.get('scoped') === 'no' ? { status: 200, body: { scope: { missing: true } } }
				: { status: 200, body: { path: req.path, key: req.headers['x-key'] } },
			responders: { rateLimit: () => ({ status: 429 }), serverError: () => ({ status: 500 }), empty: () => ({ status: 200 }) },
		});
	});
	afterAll(() => sim.close());

	it('applies the credential generic authenticate through httpRequestWithAuthentication', async () => {
		const [out] = await runNode(echoNode, { parameters: { path: '/echo' }, items: [{ a: 1 }, { a: 2 }], credentials: credentials() });
		expect(out).toHaveLength(2);
		expect(out[0]).toEqual({ json: { path: '/echo', key: 'secret-key' }, pairedItem: { item: 0 } });
	});

	it('throws NodeApiError without continueOnFail, and pairs the error item with it', async () => {
		await expect(runNode(echoNode, { parameters: { path: '/fail' }, credentials: credentials() })).rejects.toBeInstanceOf(NodeApiError);
		const [out] = await runNode(echoNode, { parameters: { path: '/fail' }, credentials: credentials(), continueOnFail: true });
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(out[0].json.error).toBeDefined();
	});

	it('runs a poll with node static data kept between polls', async () => {
		const staticData = {};
		await runPoll(echoTrigger, { parameters: {}, credentials: credentials(), staticData });
		const second = await runPoll(echoTrigger, { parameters: {}, credentials: credentials(), staticData, pollBudgetMs: 5000 });
		expect(second.output?.[0][0].json).toEqual({ polls: 2, budget: 5000 });
	});

	it('tests a credential with its own request and rules', async () => {
		expect(await testCredential(echoApi, { apiKey: 'secret-key', baseUrl: sim.url })).toMatchObject({ status: 'OK' });
		expect(await testCredential(echoApi, { apiKey: 'wrong', baseUrl: sim.url })).toMatchObject({ status: 'Error', message: 'The key is not valid' });
		expect(await testCredential(echoApiScopeRule, { apiKey: 'secret-key', baseUrl: sim.url })).toMatchObject({ status: 'OK' });
		expect(await testCredential(echoApiScopeRule, { apiKey: 'secret-key', baseUrl: sim.url, scoped: 'no' })).toMatchObject({ status: 'Error', message: 'The key lacks a scope' });
	});
});
