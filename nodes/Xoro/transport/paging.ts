/** Xoro's list reads: page/per_page paging until TotalPages or, when Xoro gives none, an empty page. */
import type { IDataObject } from 'n8n-workflow';
import { xoroEndpoint, type XoroEndpointKey } from '../endpoints';
import type { XoroContext } from './connection';
import { requestEnvelope } from './request';

/**
 * One page (1-based) of a list read from `key`'s endpoint, with the page count Xoro reports (0: none).
 * Filters and paging stay in the query string whatever the method: an override changes only what it names.
 */
export async function xoroCallPage(
	ctx: XoroContext,
	key: XoroEndpointKey,
	qs: IDataObject,
	options: { page: number; perPage?: number; itemIndex?: number; once?: boolean },
): Promise<{ rows: IDataObject[]; totalPages: number }> {
	const { method, path } = xoroEndpoint(ctx, key, options.itemIndex);
	const { envelope } = await requestEnvelope(ctx, method, path, {
		qs: { ...qs, page: options.page, per_page: options.perPage ?? 100 },
		itemIndex: options.itemIndex,
		once: options.once,
	});
	const data = envelope?.Data;
	const rows = Array.isArray(data) ? (data as IDataObject[]) : data && typeof data === 'object' ? [data as IDataObject] : [];
	return { rows, totalPages: envelope?.TotalPages ?? 0 };
}

/**
 * Whether `page` was a list read's last: docs/apis.md §X3.3, at TotalPages when Xoro gives it, else
 * at the first empty page. The one rule for every reader, also those that stop between pages.
 */
export function isLastPage(page: number, read: { rows: unknown[]; totalPages: number }): boolean {
	return read.rows.length === 0 || (read.totalPages > 0 && page >= read.totalPages);
}

interface PagingOptions {
	itemIndex?: number;
	perPage?: number;
}

/**
 * Every row of a list read from `key`'s endpoint, or undefined once it would take more than `maxPages`
 * pages. docs/apis.md §X3.3: stop at TotalPages when Xoro gives it (page 1 then tells the cost), else
 * at the first empty page (which counts as a page read). maxPages 0 sends nothing.
 */
export async function xoroCallUpTo(
	ctx: XoroContext,
	key: XoroEndpointKey,
	qs: IDataObject,
	maxPages: number,
	options: PagingOptions = {},
): Promise<IDataObject[] | undefined> {
	const rows: IDataObject[] = [];
	for (let page = 1; page <= maxPages; page++) {
		const read = await xoroCallPage(ctx, key, qs, { ...options, page });
		if (read.totalPages > maxPages) return undefined;
		rows.push(...read.rows);
		if (isLastPage(page, read)) return rows;
	}
	return undefined;
}

/**
 * All pages of a list read from `key`'s endpoint (xoroCallUpTo without a bound).
 * No limit here: a limit counts the rows that match the caller's filters (Get Many: readMatching in actions/getMany.ts).
 */
export async function xoroCallAll(ctx: XoroContext, key: XoroEndpointKey, qs: IDataObject = {}, options: PagingOptions = {}): Promise<IDataObject[]> {
	return (await xoroCallUpTo(ctx, key, qs, Number.POSITIVE_INFINITY, options))!;
}
