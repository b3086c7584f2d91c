/**
 * Which credential a Xoro call signs with (Basic auth via `xoroApi`), and what it yields: the URL of
 * a path under its base URL, the pace lane's key and the pace it asks for.
 */
import { createHash } from 'node:crypto';
import type { ServiceContext } from '../../shared/context';
import { relativePath } from '../../shared/urls';
import { XORO_DEFAULT_BASE_URL, xoroBaseUrl } from '../baseUrl';

export type XoroContext = ServiceContext;

export const XORO_CREDENTIAL = 'xoroApi';

export interface XoroCredentialData {
	apiKey: string;
	apiSecret: string;
	baseUrl?: string;
	requestsPerSecond?: number;
	timeoutSeconds?: number;
}

export async function connection(ctx: XoroContext): Promise<{ creds: XoroCredentialData; laneKey: string; requestsPerSecond: number }> {
	const creds = (await ctx.getCredentials(XORO_CREDENTIAL)) as unknown as XoroCredentialData;
	// The key itself never leaves this function: the lane is keyed by its hash.
	const laneKey = `${creds.baseUrl || XORO_DEFAULT_BASE_URL}|${createHash('sha256').update(String(creds.apiKey)).digest('hex')}`;
	return { creds, laneKey, requestsPerSecond: creds.requestsPerSecond ?? 2 };
}

/** The account a call signs into, as the pace lane names it (no secret in it): what executions writing to one Xoro share. */
export async function xoroAccountKey(ctx: XoroContext): Promise<string> {
	return (await connection(ctx)).laneKey;
}

/** `path` under the credential's base URL; a path that would leave it (a full URL, "//", "..") is refused. */
export function xoroUrl(creds: XoroCredentialData, path: string): string {
	const checked = relativePath(path);
	if ('refused' in checked) throw new Error(`The Xoro path "${path}" ${checked.refused}`);
	return `${xoroBaseUrl(creds)}/${checked.path}`;
}
