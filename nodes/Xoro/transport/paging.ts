/** Xoro's list reads: page/per_page paging until TotalPages or an empty page. */
import type { IDataObject } from 'n8n-workflow';
import { xoroEndpoint, type XoroEndpointKey } from '../endpoints';
import type { XoroContext } from './connection';
import { requestEnvelope } from './request';

/**
 * One page (1-based) of a list read from `key`'s endpoint, with the page count Xoro reports. Filters
 * and paging stay in the query string whatever the method: an override changes only what it names.
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
 * All pages of a list read from `key`'s endpoint: page 1.., per_page, until TotalPages or an empty page.
 * No limit here: a limit counts the rows that match the caller's filters (Get Many: readMatching in actions/getMany.ts).
 */
export async function xoroCallAll(
	ctx: XoroContext,
	key: XoroEndpointKey,
	qs: IDataObject = {},
	options: { itemIndex?: number; perPage?: number } = {},
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	for (let page = 1; ; page++) {
		const { rows, totalPages } = await xoroCallPage(ctx, key, qs, { ...options, page });
		results.push(...rows);
		if (rows.length === 0 || page >= totalPages) return results;
	}
}
