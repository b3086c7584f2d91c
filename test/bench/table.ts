/**
 * The bench's one table: operation | measured | floor | target, printed as Markdown so a run can be
 * pasted as it is (issue 11's closing note), then where each row's requests went.
 */

export interface Row {
	operation: string;
	/** The measured figure, or "not measured: <why>" */
	measured: string;
	/** From issue 11 */
	floor: string;
	/** From issue 11 ("—" where it sets none) */
	target: string;
	/** Requests per route, for the notes under the table */
	detail?: string;
}

export const notMeasured = (why: string): string => `not measured: ${why}`;

type Base = Omit<Row, 'measured' | 'detail'>;
type Measured = Pick<Row, 'measured' | 'detail'>;

/**
 * Rows in the order of `bases`, filled by `measure` as it goes (`put`). Should a step throw, the table
 * still prints: the rows it did not reach say "not measured" with the error.
 */
export async function measureRows<K extends string>(
	bases: Record<K, Base>,
	measure: (put: (key: K, measured: Measured) => void) => Promise<void>,
): Promise<Row[]> {
	const results = new Map<K, Measured>();
	let failure = 'the bench did not reach it';
	try {
		await measure((key, measured) => results.set(key, measured));
	} catch (error) {
		failure = String((error as Error).message ?? error).split('\n')[0];
	}
	return (Object.keys(bases) as K[]).map((key) => ({ ...bases[key], ...(results.get(key) ?? { measured: notMeasured(failure) }) }));
}

export const thousands = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Seconds as "2 h 47 min" (to the nearest minute). */
export function hoursMinutes(seconds: number): string {
	const minutes = Math.round(seconds / 60);
	return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

const escape = (cell: string): string => cell.replace(/\|/g, '\\|');

/** A Markdown table, its columns padded to their widest cell. */
export function printMarkdown(header: string[], rows: string[][]): void {
	const cells = rows.map((r) => r.map(escape));
	const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
	const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i])).join(' | ')} |`;
	console.log([line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n'));
}

export function printTable(rows: Row[]): void {
	printMarkdown(
		['operation', 'measured', 'floor', 'target'],
		rows.map((r) => [r.operation, r.measured, r.floor, r.target]),
	);
	const details = rows.filter((r) => r.detail);
	if (details.length) {
		console.log('\nWhere the requests went:');
		for (const r of details) console.log(`- ${r.operation}: ${r.detail}`);
	}
}
