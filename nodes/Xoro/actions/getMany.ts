/** What the Get Many operations share: Return All, Limit and the Filters collection, and their reading. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { shown } from '../../shared/checks';
import { parseStamp, UTC } from '../../shared/dates';
import { parameterError, readLimit as readPositiveLimit } from '../../shared/params';
import type { Show } from './types';

export function returnAllLimit(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

/** The Filters collection with these filters. */
export function filtersProperty(show: Show, options: INodeProperties[]): INodeProperties {
	return { displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, displayOptions: { show }, options };
}

/** The item's limit, or undefined with Return All. */
export function readLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	return returnAll ? undefined : readPositiveLimit(ctx, 'limit', 'Limit', itemIndex);
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

export function takeLimit<T>(rows: T[], limit: number | undefined): T[] {
	return limit === undefined ? rows : rows.slice(0, limit);
}
