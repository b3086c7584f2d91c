/**
 * How a Xoro call fails: why one attempt failed (`AttemptFailure`), the NodeApiError a call throws
 * with its failure kind in `context`, and answer excerpts for messages with the credential masked.
 */
import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { XoroContext, XoroCredentialData } from './connection';
import { xoroRetryPolicy } from './tuning';

/**
 * How a call failed, on the thrown error's `context.xoroFailure`, for callers that report rather than
 * fail (Check Endpoints): `route` is HTTP 400/404/405 (no such path or method), `http` any other
 * HTTP error, `notEnvelope` a 2xx that is not Xoro's envelope (its start in `context.xoroAnswer`),
 * `refused` Xoro's envelope with Result false or an ErrorCode (Xoro's Message, if any, in `context.xoroMessage`), `noData` a write answered without data,
 * `outage` not tried (see xoroRetryPolicy.outageHoldMs).
 */
export type XoroFailureKind = 'unreachable' | 'noAnswer' | 'redirect' | 'auth' | 'route' | 'http' | 'notEnvelope' | 'refused' | 'noData' | 'outage';

/**
 * Faults that mean Xoro is not answering (timeouts, dropped connections, 5xx, unreadable bodies): only
 * these put the credential on hold. Throttling means Xoro answers but is busy; a hold then would fail
 * the calls the throttle was only delaying (observed in queue mode, where three processes share a key).
 */
export const NOT_ANSWERING = new Set<XoroFailureKind>(['noAnswer', 'http', 'notEnvelope']);

/** Why a single attempt failed, and whether another attempt may help. */
export class AttemptFailure {
	constructor(
		readonly kind: XoroFailureKind,
		readonly message: string,
		readonly retryable: boolean,
		readonly details: { httpCode?: string; errorCode?: number; description?: string; answer?: string; xoroMessage?: string } = {},
		/** The request may have been applied by Xoro (only matters for writes) */
		readonly ambiguous = false,
	) {}
}

/** What a call throws once its last attempt failed; `retries` is how many retries it made. */
export function failureError(ctx: XoroContext, failure: AttemptFailure, retries: number, itemIndex?: number): NodeApiError {
	const after = retries > 0 ? ` (after ${retries} ${retries === 1 ? 'retry' : 'retries'})` : '';
	const error = new NodeApiError(ctx.getNode(), { message: failure.message, errorCode: failure.details.errorCode ?? null } as JsonObject, {
		message: failure.message + after,
		description: failure.details.description,
		httpCode: failure.details.httpCode,
		itemIndex,
	});
	error.context.xoroFailure = failure.kind;
	if (failure.details.answer !== undefined) error.context.xoroAnswer = failure.details.answer;
	if (failure.details.xoroMessage !== undefined) error.context.xoroMessage = failure.details.xoroMessage;
	return error;
}

/** What a call throws, untried, while its credential is on hold (`down` names the fault). */
export function outageError(ctx: XoroContext, down: string, itemIndex?: number): NodeApiError {
	const error = new NodeApiError(ctx.getNode(), { message: down } as JsonObject, {
		message: `Xoro is not answering: not tried (${down}, within the last ${Math.round(xoroRetryPolicy.outageHoldMs / 1000)} s)`,
		description: 'Another call with this credential just spent its whole retry budget; this one fails at once so executions do not pile up. Run it again once Xoro answers.',
		itemIndex,
	});
	error.context.xoroFailure = 'outage' satisfies XoroFailureKind;
	return error;
}

/** How the call that threw `error` failed, when the transport threw it (see XoroFailureKind). */
export function xoroFailureOf(error: unknown): { kind: XoroFailureKind; answer?: string; xoroMessage?: string } | undefined {
	const context = (error as { context?: IDataObject } | null)?.context;
	if (!context || typeof context.xoroFailure !== 'string') return undefined;
	const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
	return { kind: context.xoroFailure as XoroFailureKind, answer: text(context.xoroAnswer), xoroMessage: text(context.xoroMessage) };
}

export function describePath(method: string, path: string): string {
	return `${method} ${path}`;
}

/** Xoro's Message in a raw answer, else the answer's start. */
export function messageOf(raw: string, creds: XoroCredentialData): string | undefined {
	try {
		const value = JSON.parse(raw) as { Message?: unknown };
		return typeof value.Message === 'string' ? value.Message : undefined;
	} catch {
		return raw ? brief(raw, creds, 80) : undefined;
	}
}

/** The start of an answer for a message, one line, with the credential's key and secret masked. */
export function brief(raw: string, creds: XoroCredentialData, max = 120): string {
	const title = /<title[^>]*>([^<]*)<\/title>/i.exec(raw)?.[1]?.trim();
	let text = (title ? `HTML page "${title}"` : raw).replace(/\s+/g, ' ').trim();
	const basic = Buffer.from(`${creds.apiKey}:${creds.apiSecret}`).toString('base64');
	for (const secret of [basic, String(creds.apiSecret ?? ''), String(creds.apiKey ?? '')]) {
		if (secret.length >= 4) text = text.split(secret).join('***');
	}
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
