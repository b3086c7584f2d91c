/**
 * What one Xoro answer means: its {Result, ErrorCode, Message, Data, TotalPages} envelope, or the
 * `AttemptFailure` (retryable or not) that an HTTP status, an unreadable body or Xoro's refusal is.
 */
import { parseBody } from '../../shared/body';
import { xoroEnvelopeSchema, type XoroEnvelope } from '../schemas';
import type { XoroCredentialData } from './connection';
import { AttemptFailure, brief, describePath, messageOf } from './errors';

/** The envelope of an answer to `method path`; throws the AttemptFailure it is instead. */
export function readAnswer(
	response: { body: unknown; statusCode: number },
	method: string,
	path: string,
	creds: XoroCredentialData,
	expectData?: boolean,
): XoroEnvelope {
	const status = response.statusCode;
	const raw = typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? '');
	const httpCode = String(status);
	if (status >= 300 && status < 400) {
		throw new AttemptFailure('redirect', `Xoro redirected ${describePath(method, path)} (HTTP ${status}), usually to a login page`, false, {
			httpCode,
			description: 'Check the Base URL in the Xoro credential: use https://res.xorosoft.io/api/xerp, not a tenant UI host.',
		});
	}
	if (status === 401 || status === 403) {
		throw new AttemptFailure('auth', `Xoro refused the API key for ${describePath(method, path)} (HTTP ${status})`, false, {
			httpCode,
			description: 'Check the API key and secret of the Xoro credential.',
		});
	}
	if (status === 400 || status === 404 || status === 405) {
		throw new AttemptFailure('route', `Xoro has no ${describePath(method, path)} route (HTTP ${status})`, false, {
			httpCode,
			description:
				'The endpoint path or method is wrong for your Xoro tenant. Set the path from your Xoro API guide under Advanced → Endpoint Paths.',
		});
	}
	if (status >= 500) {
		throw new AttemptFailure('http', `Xoro answered HTTP ${status} to ${describePath(method, path)}: ${messageOf(raw, creds) ?? 'no message'}`, true, {
			httpCode,
			description:
				'Xoro answers "An error has occurred." for transient errors, unknown paths and for API keys without the scope this endpoint needs (ask your Xoro admin for a Private App covering it).',
		}, true);
	}
	if (status < 200 || status >= 300) {
		throw new AttemptFailure('http', `Xoro answered HTTP ${status} to ${describePath(method, path)}`, false, { httpCode, answer: brief(raw, creds) });
	}
	if (/^\s*</.test(raw)) {
		throw new AttemptFailure('notEnvelope', `Xoro answered ${describePath(method, path)} with HTML instead of JSON`, true, {
			httpCode,
			description: 'Possibly a rate limit or an authentication redirect page.',
			answer: brief(raw, creds),
		});
	}
	const parsed = parseBody(response.body);
	if (parsed.kind !== 'json') {
		const what = parsed.kind === 'empty' ? 'an empty body' : 'a malformed JSON body';
		throw new AttemptFailure('notEnvelope', `Xoro answered ${describePath(method, path)} with ${what}`, true, {
			httpCode,
			description: parsed.kind === 'malformed' ? `Body starts with: ${brief(parsed.text, creds, 80)}` : undefined,
			answer: parsed.kind === 'malformed' ? brief(parsed.text, creds) : '(empty body)',
		}, true);
	}
	const envelope = xoroEnvelopeSchema.safeParse(parsed.value);
	if (!envelope.success) {
		throw new AttemptFailure('notEnvelope', `Xoro answered ${describePath(method, path)} without its {Result, ErrorCode, Data} envelope`, false, {
			httpCode,
			description: envelope.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
			answer: brief(raw, creds),
		});
	}
	const body = envelope.data;
	const empty = isEmptyData(body.Data);
	if (body.Result === true && body.ErrorCode === 0) {
		if (expectData && empty) {
			throw new AttemptFailure('noData', `Xoro accepted ${describePath(method, path)} but returned no data`, true, {}, true);
		}
		return body;
	}
	// Result:false with nothing in Data and no error code is how Xoro throttles: worth a retry.
	const throttled = body.Result !== true && empty && !body.ErrorCode;
	throw new AttemptFailure(
		'refused',
		body.Message ? `Xoro: ${body.Message}` : `Xoro rejected ${describePath(method, path)} (Result ${String(body.Result)}, ErrorCode ${body.ErrorCode})`,
		throttled,
		{
			httpCode,
			errorCode: body.ErrorCode,
			description: throttled ? 'Xoro returned Result:false with no data, which usually means throttling.' : undefined,
			xoroMessage: body.Message || undefined,
		},
	);
}

function isEmptyData(data: unknown): boolean {
	return data === null || data === undefined || data === '' || (Array.isArray(data) && data.length === 0);
}
