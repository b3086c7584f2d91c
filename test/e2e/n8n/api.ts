/**
 * Talks to a running n8n 2.41 the way an operator's scripts would: log in once over the REST API
 * (cookie + browser-id, as the editor does), mint a public-API key with every scope the owner may
 * have, then use the public API (/api/v1, header X-N8N-API-KEY) for publishing and executions.
 */
import { randomUUID } from 'node:crypto';

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: 'success' | 'error' | 'crashed' | 'waiting' | 'running' | 'new' | 'canceled' | 'unknown';
	mode: string;
	finished: boolean;
	startedAt: string;
	stoppedAt: string | null;
	data?: ExecutionData;
}

export interface ExecutionData {
	resultData: {
		runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> }; error?: { message?: string } }>>;
		error?: { message?: string; description?: string };
		lastNodeExecuted?: string;
	};
}

export interface PublicationStatus {
	status: 'in_progress' | 'published' | 'partial' | 'failed' | 'not_published';
	liveVersionId: string | null;
	triggers: Array<{ nodeId: string; status: string; errorMessage?: string | null }>;
}

export class N8nApiError extends Error {
	constructor(
		message: string,
		readonly status: number,
	) {
		super(message);
	}
}

export class N8nApi {
	private cookie = '';
	private apiKey = '';
	private readonly browserId = randomUUID();

	constructor(readonly baseUrl: string) {}

	/** The key once minted, so the instance can keep it out of logs. */
	get secret(): string {
		return this.apiKey;
	}

	async login(email: string, password: string): Promise<void> {
		const res = await fetch(`${this.baseUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': this.browserId },
			body: JSON.stringify({ emailOrLdapLoginId: email, password }),
		});
		if (!res.ok) throw new N8nApiError(`login failed: HTTP ${res.status}`, res.status);
		const auth = res.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
		if (!auth) throw new Error('login answered without an n8n-auth cookie');
		this.cookie = auth.split(';')[0];
	}

	/** n8n 1.x has no owner-from-env: the editor's first-run form, over REST (2.x does it from env). */
	async setupOwner(email: string, password: string): Promise<void> {
		const res = await fetch(`${this.baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': this.browserId },
			body: JSON.stringify({ email, password, firstName: 'Instance', lastName: 'Owner' }),
		});
		if (!res.ok) throw new N8nApiError(`owner setup failed: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`, res.status);
	}

	/** REST API (the editor's), authenticated by the login cookie. */
	async rest<T>(method: string, path: string, body?: unknown): Promise<T> {
		const res = await fetch(`${this.baseUrl}/rest${path}`, {
			method,
			headers: { 'content-type': 'application/json', cookie: this.cookie, 'browser-id': this.browserId },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) throw new N8nApiError(`${method} /rest${path}: HTTP ${res.status} ${text.slice(0, 300)}`, res.status);
		const parsed = text ? (JSON.parse(text) as { data?: T }) : {};
		return (parsed.data ?? parsed) as T;
	}

	/** Node and credential types the instance has loaded (the editor's /types files; need a session). */
	async knownTypes(kind: 'nodes' | 'credentials'): Promise<string[]> {
		const res = await fetch(`${this.baseUrl}/types/${kind}.json`, { headers: { cookie: this.cookie, 'browser-id': this.browserId } });
		if (!res.ok) throw new N8nApiError(`GET /types/${kind}.json: HTTP ${res.status}`, res.status);
		return ((await res.json()) as Array<{ name: string }>).map((t) => t.name);
	}

	async createApiKey(): Promise<void> {
		const scopes = await this.rest<string[]>('GET', '/api-keys/scopes');
		const key = await this.rest<{ rawApiKey: string }>('POST', '/api-keys', {
			label: `e2e ${new Date().toISOString()}`,
			scopes,
			expiresAt: null,
		});
		this.apiKey = key.rawApiKey;
	}

	/** Public API v1, authenticated by the API key. */
	async public<T>(method: string, path: string, body?: unknown): Promise<T> {
		const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
			method,
			headers: { 'content-type': 'application/json', 'X-N8N-API-KEY': this.apiKey, accept: 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) throw new N8nApiError(`${method} /api/v1${path}: HTTP ${res.status} ${text.slice(0, 300)}`, res.status);
		return (text ? JSON.parse(text) : {}) as T;
	}

	/**
	 * Publishing is n8n 2.x's "activate". In 2.41 it only writes an outbox record: the main process
	 * picks it up on its next outbox poll and starts the triggers; see publicationStatus().
	 */
	async publish(workflowId: string): Promise<void> {
		try {
			await this.public('POST', `/workflows/${workflowId}/publish`, {});
		} catch (error) {
			// n8n 1.x knows only /activate, which activates synchronously.
			if (![404, 405].includes((error as N8nApiError).status)) throw error;
			await this.public('POST', `/workflows/${workflowId}/activate`);
		}
	}

	/** REST only (the editor's badge): in_progress | published | partial | failed | not_published. */
	async publicationStatus(workflowId: string): Promise<PublicationStatus> {
		return this.rest('GET', `/workflows/${workflowId}/publication-status`);
	}

	async unpublish(workflowId: string): Promise<void> {
		await this.public('POST', `/workflows/${workflowId}/unpublish`);
	}

	async workflow(workflowId: string): Promise<{ id: string; name: string; active: boolean; activeVersionId?: string | null }> {
		return this.public('GET', `/workflows/${workflowId}`);
	}

	async executions(query: { workflowId?: string; status?: string; includeData?: boolean } = {}): Promise<ExecutionSummary[]> {
		const qs: Record<string, string> = {};
		if (query.workflowId) qs.workflowId = query.workflowId;
		if (query.status) qs.status = query.status;
		if (query.includeData) qs.includeData = 'true';
		return this.allPages<ExecutionSummary>('/executions', qs);
	}

	/** Every item of a public-API listing, page by page (250 a page, following nextCursor). */
	private async allPages<T>(path: string, query: Record<string, string> = {}): Promise<T[]> {
		const all: T[] = [];
		let cursor: string | undefined;
		do {
			const qs = new URLSearchParams({ ...query, limit: '250', ...(cursor ? { cursor } : {}) });
			const page = await this.public<{ data: T[]; nextCursor?: string | null }>('GET', `${path}?${qs}`);
			all.push(...page.data);
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
		return all;
	}

	/** A Data table in the owner's project, as the Data tables tab (or template 00) would create it. */
	async createDataTable(name: string, columns: Array<{ name: string; type: string }>): Promise<{ id: string }> {
		return this.public('POST', '/data-tables', { name, columns });
	}

	/** A Data table by its name. */
	async dataTable(name: string): Promise<{ id: string; name: string; projectId: string }> {
		const tables = await this.public<{ data: Array<{ id: string; name: string; projectId: string }> }>('GET', `/data-tables?filter=${encodeURIComponent(JSON.stringify({ name }))}`);
		const table = tables.data.find((t) => t.name === name);
		if (!table) throw new Error(`no Data table named "${name}"`);
		return table;
	}

	async insertDataTableRows(name: string, rows: Array<Record<string, unknown>>): Promise<void> {
		await this.public('POST', `/data-tables/${(await this.dataTable(name)).id}/rows`, { data: rows, returnType: 'count' });
	}

	/** Sets `data` on every row of the table, as a person editing its only row in the Data tables tab. */
	async updateEveryDataTableRow(name: string, data: Record<string, unknown>): Promise<void> {
		const filter = { type: 'and', filters: [{ columnName: 'id', condition: 'gte', value: 0 }] };
		await this.public('PATCH', `/data-tables/${(await this.dataTable(name)).id}/rows/update`, { filter, data, returnData: false, dryRun: false });
	}

	/** Every row of a Data table, found by its name. */
	async dataTableRows(name: string): Promise<Array<Record<string, unknown>>> {
		return this.allPages(`/data-tables/${(await this.dataTable(name)).id}/rows`);
	}

	async execution(id: string): Promise<ExecutionSummary> {
		return this.public('GET', `/executions/${id}?includeData=true`);
	}
}

/** The items a node produced on its first output in its last run. */
export function nodeOutput(data: ExecutionData | undefined, nodeName: string, output = 0): Array<Record<string, unknown>> {
	const runs = data?.resultData.runData[nodeName];
	if (!runs?.length) return [];
	return (runs[runs.length - 1].data?.main?.[output] ?? []).map((item) => item.json);
}
