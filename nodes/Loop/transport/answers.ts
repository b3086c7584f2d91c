/**
 * What one Loop answer means: worth another attempt (`transientAnswer`), or Loop's final word, which
 * `interpret` turns into the result or a thrown refusal.
 */
import type { ParsedBody } from '../../shared/body';
import type { LoopContext } from './connection';
import { hasErrors, loopError, readRefusal, refusalCode } from './errors';
import type { LoopRequest } from './request';

export interface RawAnswer {
	statusCode: number;
	body: unknown;
}

/**
 * Why an answer is worth another attempt, if it is: 429, 5xx, a malformed body, an empty body where
 * Loop always sends one (reads), and Loop's "unexpected error" sent with HTTP 200. An action's other
 * 200 refusals are Loop's final word.
 */
export function transientAnswer(request: LoopRequest, answer: RawAnswer, parsed: ParsedBody, where: string): string | undefined {
	const { statusCode } = answer;
	if (statusCode === 429) return `Loop kept rate-limiting ${where} (429)`;
	if (statusCode >= 500) {
		const refusal = readRefusal(answer.body);
		return `Loop failed on ${where} (HTTP ${statusCode})${refusal ? `: ${refusal.message}` : ''}`;
	}
	if (statusCode < 200 || statusCode >= 300) return undefined;
	if (parsed.kind === 'malformed') return `Loop answered ${where} with malformed JSON (HTTP ${statusCode})`;
	if (parsed.kind === 'empty' && !request.action) return `Loop answered ${where} with an empty body (HTTP ${statusCode})`;
	const refusal = readRefusal(answer.body);
	const erred = request.action ? refusal?.code === 'UNEXPECTED_ERROR' : hasErrors(answer.body);
	if (refusal && erred) return `Loop answered ${where} with HTTP ${statusCode} and an error: ${refusal.message}`;
	return undefined;
}

export function interpret(ctx: LoopContext, request: LoopRequest, answer: RawAnswer, where: string): unknown {
	const { statusCode, body } = answer;
	if (statusCode === 401 || statusCode === 403) {
		throw loopError(ctx, {
			message: `Loop refused the API key for ${where} (${statusCode})`,
			description:
				'The key is wrong, revoked, or lacks the Returns scope. In Loop Admin open Tools & integrations > Developer Tools and add the Returns scope to the key.',
			httpCode: String(statusCode),
			loopCode: 'NOT_AUTHORIZED',
			itemIndex: request.itemIndex,
		});
	}
	const what = request.label ? `to ${request.label}` : where;
	if (statusCode >= 400) {
		const refusal = readRefusal(body);
		throw loopError(ctx, {
			message: `Loop refused ${what} (HTTP ${statusCode}): ${refusal?.message ?? 'no reason given'}`,
			httpCode: String(statusCode),
			loopCode: refusal?.code,
			itemIndex: request.itemIndex,
		});
	}
	if (request.action) {
		if (body === true || body === 'true') return true;
		const refusal = readRefusal(body);
		if (refusal) {
			throw loopError(ctx, {
				message: `Loop refused ${what}: ${refusal.message}`,
				httpCode: String(statusCode),
				loopCode: refusal.code ?? refusalCode(refusal.message),
				itemIndex: request.itemIndex,
			});
		}
	}
	return body;
}
