/** What the Get Many operations share: Return All, Limit and the Filters collection, their reading, and the read itself. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { shown } from '../../shared/checks';
import { parseStamp, UTC } from '../../shared/dates';
import { parameterError } from '../../shared/params';
import type { XoroEndpointKey } from '../endpoints';
import { isLastPage, xoroCallPage } from '../transport';

/** The Filters collection with these filters. */
export function filtersProperty(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options };
}


/** The Filters collection, with each of its date filters checked to be a real date. */
export function readFilters<T extends IDataObject>(ctx: IExecuteFunctions, itemIndex: number, dateLabels: Record<string, string>): T {
	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as T;
	for (const [name, label] of Object.entries(dateLabels)) {
		const value = filters[name];
		if (value !== undefined && value !== '' && !parseStamp(value, UTC)) {
			throw parameterError(ctx, `Filters: ${label}`, itemIndex, `is not a date: ${shown(value)}`);
		}
	}
	return filters;
}

export interface GetManyRead<T> {
	itemIndex: number;
	/** From readReturnLimit: undefined with Return All */
	limit: number | undefined;
	/** A page's rows as the operation outputs them (parsed; the output shape or what it is made from) */
	parse: (rows: IDataObject[]) => T[];
	/** The filters again: Xoro ignores some of them on some tenants (docs/apis.md §X4.3), and some are ours alone */
	keep: (row: T) => boolean;
}

/**
 * Every Xoro Get Many reads this way: page by page, each page filtered as it comes, until `limit`
 * rows match (then no further page is read) or, with Return All, to the last page. The limit counts
 * matching rows: cutting Xoro's rows to the limit before filtering returned fewer than the limit
 * while more matched, and reading every page before cutting read pages nobody asked for.
 */
export async function readMatching<T>(ctx: IExecuteFunctions, key: XoroEndpointKey, qs: IDataObject, read: GetManyRead<T>): Promise<T[]> {
	const matched: T[] = [];
	for (let page = 1; ; page++) {
		const pageRead = await xoroCallPage(ctx, key, qs, { page, itemIndex: read.itemIndex });
		matched.push(...read.parse(pageRead.rows).filter(read.keep));
		if (read.limit !== undefined && matched.length >= read.limit) return matched.slice(0, read.limit);
		if (isLastPage(page, pageRead)) return matched;
	}
}
