/**
 * Reading an HTTP answer's body, the same way in every transport: asked for as text, so an empty
 * body and a malformed one can be told apart from JSON (each is a transient fault to its caller).
 */
export type ParsedBody = { kind: 'json'; value: unknown } | { kind: 'empty' } | { kind: 'malformed'; text: string };

export function parseBody(body: unknown): ParsedBody {
	if (body === undefined || body === null) return { kind: 'empty' };
	if (Buffer.isBuffer(body)) return parseBody(body.toString('utf8'));
	if (typeof body !== 'string') return { kind: 'json', value: body };
	if (body.trim() === '') return { kind: 'empty' };
	try {
		return { kind: 'json', value: JSON.parse(body) };
	} catch {
		return { kind: 'malformed', text: body };
	}
}
