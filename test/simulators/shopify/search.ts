/**
 * Shopify's search syntax, the subset our queries use: `field:value`, comparisons (`:>`, `:>=`,
 * `:<`, `:<=`), quoted values, trailing `*` wildcards, AND / OR / NOT (and `-term`), parentheses,
 * implicit AND between terms. Unknown fields are ignored with a warning, as Shopify does.
 */

export type FieldValue = string | string[] | number | null | undefined;
/** How a searchable object exposes its fields: dates as ISO strings, tags as a list. */
export type FieldGetter = (field: string) => FieldValue;

interface Term {
	field: string | null;
	op: ':' | '>' | '>=' | '<' | '<=';
	value: string;
	negate: boolean;
}
type Node = { and: Node[] } | { or: Node[] } | { not: Node } | { term: Term };

export interface SearchWarning {
	field: string;
	message: string;
}

export interface ParsedSearch {
	matches(get: FieldGetter): boolean;
	warnings: SearchWarning[];
}

export function parseSearch(query: string | null | undefined, knownFields: readonly string[]): ParsedSearch {
	const tokens = tokenize(query ?? '');
	let pos = 0;
	const warnings: SearchWarning[] = [];

	const parseOr = (): Node => {
		const parts = [parseAnd()];
		while (tokens[pos] === 'OR') {
			pos++;
			parts.push(parseAnd());
		}
		return parts.length === 1 ? parts[0] : { or: parts };
	};
	const parseAnd = (): Node => {
		const parts: Node[] = [];
		while (pos < tokens.length && tokens[pos] !== 'OR' && tokens[pos] !== ')') {
			if (tokens[pos] === 'AND') {
				pos++;
				continue;
			}
			parts.push(parseUnary());
		}
		return parts.length === 1 ? parts[0] : { and: parts };
	};
	const parseUnary = (): Node => {
		const token = tokens[pos++];
		if (token === 'NOT') return { not: parseUnary() };
		if (token === '(') {
			const inner = parseOr();
			if (tokens[pos] === ')') pos++;
			return inner;
		}
		const term = parseTerm(token);
		if (term.field && !knownFields.includes(term.field)) {
			warnings.push({ field: term.field, message: 'Invalid search field for this query.' });
			return { and: [] };
		}
		return { term };
	};

	const root = tokens.length ? parseOr() : { and: [] };
	return { matches: (get) => evaluate(root, get), warnings };
}

function tokenize(query: string): string[] {
	const tokens: string[] = [];
	const re = /\s*(\(|\)|(?:[^\s()"']|"[^"]*"|'[^']*')+)/g;
	let m: RegExpExecArray | null;
	while ((m = re.exec(query))) tokens.push(m[1]);
	return tokens;
}

function parseTerm(token: string): Term {
	const negate = token.startsWith('-');
	const body = negate ? token.slice(1) : token;
	const m = /^([a-z_]+):(>=|<=|>|<)?(.*)$/.exec(body);
	if (!m) return { field: null, op: ':', value: unquote(body), negate };
	return { field: m[1], op: (m[2] as Term['op']) ?? ':', value: unquote(m[3]), negate };
}

function unquote(value: string): string {
	return value.replace(/^(['"])(.*)\1$/, '$2');
}

function evaluate(node: Node, get: FieldGetter): boolean {
	if ('and' in node) return node.and.every((n) => evaluate(n, get));
	if ('or' in node) return node.or.some((n) => evaluate(n, get));
	if ('not' in node) return !evaluate(node.not, get);
	const { term } = node;
	const result = matchTerm(term, get);
	return term.negate ? !result : result;
}

function matchTerm(term: Term, get: FieldGetter): boolean {
	const actual = get(term.field ?? 'default');
	if (actual === null || actual === undefined) return false;
	const values = Array.isArray(actual) ? actual : [actual];
	return values.some((v) => compare(v, term));
}

function compare(actual: string | number, term: Term): boolean {
	if (term.op === ':') {
		const want = term.value.toLowerCase();
		const have = String(actual).toLowerCase();
		if (want.endsWith('*')) return have.startsWith(want.slice(0, -1));
		return have === want;
	}
	const a = typeof actual === 'number' ? actual : toComparable(actual);
	const b = typeof actual === 'number' ? Number(term.value) : toComparable(term.value);
	if (Number.isNaN(a) || Number.isNaN(b)) return false;
	if (term.op === '>') return a > b;
	if (term.op === '>=') return a >= b;
	if (term.op === '<') return a < b;
	return a <= b;
}

/** Dates compare as instants; a bare date means midnight UTC. */
function toComparable(value: string): number {
	const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
	return Number.isNaN(t) ? Number(value) : t;
}
