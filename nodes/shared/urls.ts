/**
 * Where a credential may be sent. Each credential's `authenticate` and each transport use these, so
 * the credential test and every node request follow one rule: a key goes only to its own service's
 * base URL, over https (http only to this machine, for a test server), and node settings add paths
 * under that base URL, never a host.
 */

/** The base URL a credential names, without trailing slashes; `undefined` (never set) is the default. */
export function serviceBaseUrl(service: string, value: unknown, defaultUrl: string, field = 'Base URL'): string {
	if (value === undefined || value === null) return defaultUrl;
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text) throw new Error(`The ${service} credential's ${field} is empty: set it to ${defaultUrl}`);
	const url = parseUrl(text);
	if (!url) throw new Error(`The ${service} credential's ${field} "${text}" is not a URL: use ${defaultUrl}`);
	checkOrigin(service, url, field);
	if (url.search || url.hash) throw new Error(`The ${service} credential's ${field} must not have a query or fragment ("?", "#")`);
	return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** https, or http to a loopback address; no user:password in the URL. */
function checkOrigin(service: string, url: URL, field: string): void {
	if (url.username || url.password) throw new Error(`The ${service} credential's ${field} must not contain a user name or password ("@")`);
	if (url.protocol === 'https:') return;
	if (url.protocol === 'http:' && isLoopback(url.hostname)) return;
	throw new Error(
		`The ${service} credential's ${field} must use https:// (http:// would send the credential in clear text; it is allowed only for 127.0.0.1, ::1 or localhost)`,
	);
}

function isLoopback(hostname: string): boolean {
	return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * A path under a base URL, as a user may type it in a node setting: no scheme, no host ("//"), no
 * ".." segment, no "@" or "\". Returns it without leading slashes; the reason it is refused otherwise.
 */
export function relativePath(value: string): { path: string } | { refused: string } {
	const path = value.trim().replace(/^\/(?!\/)/, '');
	if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return { refused: 'is a full URL; give a path under the credential\'s Base URL' };
	if (path.startsWith('/') || path.includes('//')) return { refused: 'contains "//"; give a path under the credential\'s Base URL' };
	if (/[@\\]/.test(path)) return { refused: 'contains "@" or "\\"' };
	if (/\s/.test(path)) return { refused: 'contains a space' };
	if (/(^|\/)(\.|%2e){2}(\/|$)/i.test(path)) return { refused: 'contains ".."' };
	if (!path) return { refused: 'is empty' };
	return { path };
}

/** The URL a request goes to, whichever way n8n's request options spell it. */
export function requestUrl(options: { url?: string; baseURL?: string; uri?: unknown }): string {
	const url = String(options.url ?? options.uri ?? '');
	return options.baseURL ? `${options.baseURL.replace(/\/+$/, '')}${url}` : url;
}

/** Throws unless `url` is the base URL itself or lies under it (same origin, path below it). */
export function checkUnderBase(service: string, url: string, baseUrl: string): void {
	const base = new URL(baseUrl);
	const target = parseUrl(url);
	if (!target) throw new Error(`Refused to send the ${service} credential to "${url}": not a URL`);
	const basePath = base.pathname.replace(/\/+$/, '');
	const under = target.pathname === basePath || target.pathname.startsWith(`${basePath}/`);
	if (target.origin !== base.origin || !under || target.username || target.password) {
		throw new Error(`Refused to send the ${service} credential to ${target.origin}${target.pathname}: it goes only to its Base URL ${baseUrl}`);
	}
}

function parseUrl(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}
