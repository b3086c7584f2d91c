/** How a Loop failure is thrown (one NodeApiError shape), and how Loop's refusal bodies are read. */
import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { LoopContext } from './connection';

export interface LoopFailure {
	message: string;
	httpCode?: string;
	loopCode?: string;
	description?: string;
	itemIndex?: number;
}

/** Thrown for every Loop failure; `context.loopCode` holds Loop's code when it sent one. */
export function loopError(ctx: LoopContext, failure: LoopFailure): NodeApiError {
	const response: JsonObject = { message: failure.message };
	if (failure.httpCode) response.httpCode = failure.httpCode;
	if (failure.loopCode) response.code = failure.loopCode;
	const error = new NodeApiError(ctx.getNode(), response, {
		message: failure.loopCode ? `${failure.message} [${failure.loopCode}]` : failure.message,
		description: failure.description,
		httpCode: failure.httpCode,
		itemIndex: failure.itemIndex,
	});
	if (failure.loopCode) error.context.loopCode = failure.loopCode;
	return error;
}

/** Loop's refusal bodies: {errors:{message,code}}, {message}, {content}, Laravel {message, errors}. */
export function readRefusal(body: unknown): { message: string; code?: string } | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const b = body as Record<string, unknown>;
	const errors = b.errors as Record<string, unknown> | undefined;
	const error = b.error as Record<string, unknown> | undefined;
	const codeOf = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
	if (errors && typeof errors === 'object' && !Array.isArray(errors)) {
		const message =
			(typeof errors.message === 'string' && errors.message) ||
			(typeof b.message === 'string' && b.message) ||
			Object.values(errors).flat().filter((v) => typeof v === 'string').join(' ') ||
			'Loop refused the request';
		return { message, code: codeOf(errors.code) ?? codeOf(b.code) };
	}
	if (error && typeof error === 'object') {
		return { message: String(error.message ?? 'Loop refused the request'), code: codeOf(error.http_code) ?? codeOf(error.code) };
	}
	if (typeof b.message === 'string') return { message: b.message, code: codeOf(b.code) };
	if (typeof b.content === 'string') return { message: b.content, code: codeOf(b.code) };
	return undefined;
}

/** A read's body that is Loop's error shape, not data: {errors: {...}}. */
export function hasErrors(body: unknown): boolean {
	return !!body && typeof body === 'object' && !Array.isArray(body) && typeof (body as { errors?: unknown }).errors === 'object';
}

/** Loop sends some refusals without a code; name them after the documented ones. */
export function refusalCode(message: string): string | undefined {
	if (/flagged|review/i.test(message)) return 'UNPROCESSABLE_FLAGGED_RETURN';
	if (/cannot be processed|cannot be modified/i.test(message)) return 'UNPROCESSABLE_RETURN';
	return undefined;
}

/** What a thrown HTTP error says, for a description: only its code and message. */
export function describeThrown(error: unknown): string {
	const e = error as { code?: string; message?: string };
	// Only the code and message: a thrown HTTP error also carries the request, headers included.
	return [e?.code, e?.message].filter(Boolean).join(': ') || 'unknown error';
}
