/**
 * Runs our nodes through n8n-core's real execution contexts (ExecuteContext, PollContext) inside a real n8n-workflow Workflow, so parameters, continueOnFail,
 * pairedItem checks and `httpRequestWithAuthentication` (with the credential's own `authenticate`
 * and `preAuthentication`) behave as in n8n. Only the credential store and the run bookkeeping are
 * ours: n8n keeps those in its database.
 */
import { ExecuteContext, PollContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type ICredentialsHelper,
	type IDataObject,
	type IExecuteData,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRunExecutionData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { credentialTypeFor } from './credentials';

export type CredentialsMap = Record<string, ICredentialDataDecryptedObject>;

export interface RunNodeOptions {
	parameters: INodeParameters;
	/** Plain JSON objects (wrapped as items) or full items */
	items?: Array<IDataObject | INodeExecutionData>;
	credentials?: CredentialsMap;
	continueOnFail?: boolean;
	/** Workflow static data shared across runs, e.g. to simulate successive executions */
	staticData?: IDataObject;
}

export interface RunPollOptions {
	parameters: INodeParameters;
	credentials?: CredentialsMap;
	/** Node-level static data; mutated in place as n8n would persist it */
	staticData?: IDataObject;
	mode?: 'trigger' | 'manual';
	pollBudgetMs?: number;
}

const NODE_NAME = 'Node Under Test';

export async function runNode(nodeType: INodeType, options: RunNodeOptions): Promise<INodeExecutionData[][]> {
	if (!nodeType.execute) throw new Error(`${nodeType.description.name} has no execute()`);
	const { workflow, node, additionalData } = setup(nodeType, options.parameters, options.credentials, {
		onError: options.continueOnFail ? 'continueRegularOutput' : undefined,
		staticData: options.staticData,
	});
	const items: INodeExecutionData[] = (options.items ?? [{}]).map((item) =>
		'json' in item && typeof item.json === 'object' ? (item as INodeExecutionData) : { json: item as IDataObject },
	);
	const context = executeContext(workflow, node, additionalData, items);
	const result = await nodeType.execute.call(context);
	return (result ?? []) as INodeExecutionData[][];
}

export async function runPoll(
	nodeType: INodeType,
	options: RunPollOptions,
): Promise<{ output: INodeExecutionData[][] | null; staticData: IDataObject }> {
	if (!nodeType.poll) throw new Error(`${nodeType.description.name} has no poll()`);
	const staticData = options.staticData ?? {};
	const { workflow, node, additionalData } = setup(nodeType, options.parameters, options.credentials, {});
	const mode = options.mode ?? 'trigger';
	const context = new PollContext(
		workflow, node, additionalData, mode, mode === 'manual' ? 'manual' : 'activate',
		undefined, undefined, undefined, undefined,
		() => staticData,
		options.pollBudgetMs === undefined ? undefined : () => options.pollBudgetMs as number,
	);
	const output = await nodeType.poll.call(context);
	return { output, staticData };
}

/**
 * Runs a credential's `test` request the way n8n's credential test does: pre-authentication if the
 * type has it, the same `authenticate`, then the type's rules (response code, or a value in a
 * successful body).
 */
export async function testCredential(
	credentialType: ICredentialType,
	data: ICredentialDataDecryptedObject,
): Promise<{ status: 'OK' | 'Error'; message: string; statusCode?: number }> {
	const test = credentialType.test;
	if (!test) throw new Error(`${credentialType.name} has no test`);
	const probe = { description: { name: 'credentialTest', version: 1, properties: [] } } as unknown as INodeType;
	const { workflow, node, additionalData, store } = setup(probe, {}, { [credentialType.name]: data }, {});
	const context = executeContext(workflow, node, additionalData, [{ json: {} }]);
	const helper = additionalData.credentialsHelper;
	const credentials = store.get(credentialType.name);
	const resolved = store.resolve(credentialType.name, test.request as unknown as IDataObject, workflow, node);
	const { baseURL, url, ...rest } = resolved as IDataObject & { baseURL?: string; url?: string };
	let request: IHttpRequestOptions = { method: 'GET', ...(rest as object), url: `${baseURL ?? ''}${url ?? ''}`, json: true };
	try {
		const pre = await helper.preAuthentication({ helpers: context.helpers } as never, credentials, credentialType.name, node, false);
		if (pre) Object.assign(credentials, pre);
		request = await helper.authenticate(credentials, credentialType.name, request, workflow, node);
		// n8n's credential test sends the request with the legacy `request` helper, whose errors read "401 - {body}".
		const body = await context.helpers.request({
			method: request.method,
			uri: request.url,
			headers: request.headers,
			qs: request.qs,
			body: request.body,
			auth: request.auth ? { user: request.auth.username, pass: request.auth.password } : undefined,
			json: true,
		});
		for (const rule of test.rules ?? []) {
			if (rule.type === 'responseSuccessBody' && valueAt(body, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		return { status: 'OK', message: 'Connection successful!' };
	} catch (error) {
		const statusCode = Number(error.httpCode ?? error.statusCode ?? error.response?.status ?? error.cause?.response?.status) || undefined;
		const rule = test.rules?.find((r) => r.type === 'responseCode' && r.properties.value === statusCode);
		return { status: 'Error', message: rule && rule.type === 'responseCode' ? rule.properties.message : String(error.message), statusCode };
	}
}

function valueAt(body: unknown, key: string): unknown {
	return key.split('.').reduce<unknown>((value, part) => (value && typeof value === 'object' ? (value as IDataObject)[part] : undefined), body);
}

function executeContext(workflow: Workflow, node: INode, additionalData: IWorkflowExecuteAdditionalData, items: INodeExecutionData[]) {
	const inputData = { main: [items] };
	const executeData: IExecuteData = { node, data: inputData, source: { main: [{ previousNode: 'Input' }] } };
	return new ExecuteContext(workflow, node, additionalData, 'manual', emptyRunData(), 0, items, inputData, executeData, []);
}

function setup(
	nodeType: INodeType,
	parameters: INodeParameters,
	credentials: CredentialsMap | undefined,
	extra: { onError?: INode['onError']; staticData?: IDataObject },
) {
	const store = new CredentialStore(credentials ?? {});
	const node = nodeFor(nodeType, parameters, credentials ?? {});
	if (extra.onError) node.onError = extra.onError;
	const workflow = new Workflow({
		id: 'wf-test',
		name: 'Test workflow',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesFor(nodeType),
		staticData: extra.staticData,
		settings: { executionOrder: 'v1' },
	});
	const additionalData = {
		credentialsHelper: store.helper(),
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/',
		webhookBaseUrl: 'http://localhost/webhook/',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting/',
		webhookTestBaseUrl: 'http://localhost/webhook-test/',
		formWaitingBaseUrl: 'http://localhost/form-waiting/',
		currentNodeParameters: parameters,
		executionId: 'test-execution',
		userId: 'test-user',
		variables: {},
		hooks: undefined,
		evalLlmMockHandler: undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
	return { workflow, node, additionalData, store };
}

function nodeFor(nodeType: INodeType, parameters: INodeParameters, credentials: CredentialsMap): INode {
	const version = nodeType.description.version;
	const nodeCredentials: Record<string, INodeCredentialsDetails> = {};
	for (const type of Object.keys(credentials)) nodeCredentials[type] = { id: `cred-${type}`, name: type };
	return {
		id: 'node-under-test',
		name: NODE_NAME,
		type: nodeType.description.name,
		typeVersion: Array.isArray(version) ? version[version.length - 1] : (version ?? 1),
		position: [0, 0],
		parameters,
		credentials: nodeCredentials,
	};
}

function nodeTypesFor(nodeType?: INodeType): INodeTypes {
	return {
		getByName: () => nodeType as INodeType,
		getByNameAndVersion: () => nodeType as INodeType,
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
}

function emptyRunData(): IRunExecutionData {
	return {
		version: 1,
		startData: {},
		resultData: { runData: {}, pinData: {} },
		executionData: { contextData: {}, nodeExecutionStack: [], metadata: {}, waitingExecution: {}, waitingExecutionSource: {} },
	} as unknown as IRunExecutionData;
}

/**
 * The credential store n8n keeps in its database, reduced to a map: decrypted data by type, the
 * credential type's generic `authenticate` resolved with n8n's own expression engine, and
 * `preAuthentication` run when the expirable field is empty or a request came back 401.
 */
class CredentialStore {
	private readonly data: CredentialsMap;

	constructor(initial: CredentialsMap) {
		this.data = Object.fromEntries(Object.entries(initial).map(([k, v]) => [k, { ...v }]));
	}

	get(type: string): ICredentialDataDecryptedObject {
		const found = this.data[type];
		if (!found) throw new Error(`no test credentials of type ${type}`);
		return found;
	}

	resolve(type: string, value: IDataObject, workflow: Workflow, node: INode): IDataObject {
		const credentials = this.withDefaults(type, this.get(type));
		const walk = (v: unknown): unknown => {
			if (typeof v === 'string' && v.startsWith('=')) {
				return workflow.expression.getSimpleParameterValue(node, v, 'internal', { $credentials: credentials }, undefined, '');
			}
			if (Array.isArray(v)) return v.map(walk);
			if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
			return v;
		};
		return walk(value) as IDataObject;
	}

	private withDefaults(type: string, data: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
		const properties: INodeProperties[] = credentialTypeFor(type)?.properties ?? [];
		const defaults = Object.fromEntries(properties.map((p) => [p.name, p.default]));
		return { ...defaults, ...data } as ICredentialDataDecryptedObject;
	}

	helper(): ICredentialsHelper {
		// eslint-disable-next-line @typescript-eslint/no-this-alias
		const store = this;
		return {
			getParentTypes: (type: string) => credentialTypeFor(type)?.extends ?? [],
			isCredentialUsableByNode: () => true,
			getCredentialsProperties: (type: string) => credentialTypeFor(type)?.properties ?? [],
			async getDecrypted(_additionalData: unknown, nodeCredentials: INodeCredentialsDetails, type: string) {
				void nodeCredentials;
				return store.withDefaults(type, store.get(type));
			},
			async getCredentials() {
				throw new Error('not used by nodes');
			},
			async updateCredentials(_node: unknown, type: string, data: ICredentialDataDecryptedObject) {
				Object.assign(store.get(type), data);
			},
			async updateCredentialsOauthTokenData() {},
			async authenticate(credentials: ICredentialDataDecryptedObject, type: string, requestOptions: IHttpRequestOptions, workflow: Workflow, node: INode) {
				const credentialType = credentialTypeFor(type);
				const authenticate = credentialType?.authenticate;
				if (!authenticate) return requestOptions;
				if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
				const resolved = store.resolve(type, authenticate.properties as IDataObject, workflow, node);
				const out = { ...requestOptions } as IDataObject;
				for (const [key, value] of Object.entries(resolved)) {
					if (key === 'auth') out.auth = value;
					else out[key] = { ...((out[key] as IDataObject) ?? {}), ...(value as IDataObject) };
				}
				return out as unknown as IHttpRequestOptions;
			},
			async preAuthentication(helpers: never, credentials: ICredentialDataDecryptedObject, type: string, _node: INode, expired: boolean) {
				const credentialType = credentialTypeFor(type);
				if (!credentialType?.preAuthentication) return undefined;
				const expirable = credentialType.properties.find((p) => p.typeOptions?.expirable === true);
				if (!expirable) return undefined;
				if (!expired && credentials[expirable.name]) return undefined;
				const output = await credentialType.preAuthentication.call(helpers, credentials);
				Object.assign(store.get(type), output);
				return output;
			},
			async runPreAuthentication(helpers: never, credentials: ICredentialDataDecryptedObject, type: string) {
				return await credentialTypeFor(type)?.preAuthentication?.call(helpers, credentials);
			},
		} as unknown as ICredentialsHelper;
	}
}
