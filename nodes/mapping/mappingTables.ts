/**
 * The mapping tables a person keeps (in the templates: n8n Data tables, README "Settings"), read as
 * key → value (pure). A row is what a Data Table node outputs: the two columns plus n8n's own `id`
 * and timestamps, which are left alone. A row with an empty side maps nothing: a row just added in the
 * Data tables tab starts empty, and an empty table reaches a node as one empty item.
 */
import { z } from 'zod';
import { describe } from '../shared/checks';

/** The two columns of a mapping table. */
export interface MappingColumns {
	key: string;
	value: string;
}

export const ITEM_MAPPING_COLUMNS: MappingColumns = { key: 'shopifyKey', value: 'itemNumber' };
export const STORE_BY_DESTINATION_COLUMNS: MappingColumns = { key: 'destinationId', value: 'storeCode' };
export const REASON_CODE_COLUMNS: MappingColumns = { key: 'loopReason', value: 'reasonCode' };

/** A table that cannot be read: `row` (1-based) and `field` say where, when it is one row or cell. */
export class MappingTableError extends Error {
	constructor(
		readonly row: number | null,
		readonly field: string | null,
		readonly problem: string,
	) {
		super(`${row === null ? '' : `row ${row}`}${field === null ? '' : `: "${field}"`} ${problem}`.trim());
	}
}

// A key may be a whole number: a Data table column typed number, or Loop's numeric destination_id.
const keyCell = z.union([z.string(), z.number().int()]).nullish();
const valueCell = z.string().nullish();

function rowsSchema(columns: MappingColumns) {
	return z.array(z.object({ [columns.key]: keyCell, [columns.value]: valueCell }).passthrough());
}

/**
 * Key → value over `rows` (a list, or its JSON text); later rows win. A table without a prototype, so a
 * key such as "constructor" finds only what a person mapped.
 */
export function mappingFromRows(rows: unknown, columns: MappingColumns): Record<string, string> {
	const list = typeof rows === 'string' ? parseJson(rows) : rows;
	if (list === NOT_JSON) throw new MappingTableError(null, null, 'is not JSON');
	const parsed = rowsSchema(columns).safeParse(list);
	if (!parsed.success) throw problemOf(parsed.error.issues[0].path, list, columns);
	const map = Object.create(null) as Record<string, string>;
	for (const row of parsed.data) {
		const key = String(row[columns.key] ?? '').trim();
		const value = String(row[columns.value] ?? '').trim();
		if (key && value) map[key] = value;
	}
	return map;
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text.trim() || '[]');
	} catch {
		return NOT_JSON;
	}
}

function problemOf(path: Array<string | number>, list: unknown, columns: MappingColumns): MappingTableError {
	const [row, field] = path;
	if (typeof row !== 'number') return new MappingTableError(null, null, `must be a list of rows, not ${describe(list)}`);
	const value = (list as unknown[])[row];
	if (typeof field !== 'string') return new MappingTableError(row + 1, null, `must be an object, not ${describe(value)}`);
	const expected = field === columns.key ? 'text or a whole number' : 'text';
	return new MappingTableError(row + 1, field, `must be ${expected}, not ${describe((value as Record<string, unknown>)[field])}`);
}
