import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { toMillis, toXoroDateTime } from '../../../shared/dates';
import { xoroTimeZone } from '../../tenant';
import { forEachItem } from '../../../shared/items';
import { readReturnLimit, returnAllLimit } from '../../../shared/params';
import { filtersProperty, readFilters, readMatching } from '../getMany';
import { parseRows } from '../lookups';
import { xoroAsnSchema } from '../../schemas';
import { asnJson } from '../output';
import type { XoroOperation } from '../types';

const displayOptions = { show: { resource: ['asn'], operation: ['getMany'] } };

const properties: INodeProperties[] = [
	...returnAllLimit(),
	filtersProperty([
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			default: 'Closed',
			options: [
				{ name: 'Open', value: 'Open' },
				{ name: 'Received', value: 'Received' },
				{ name: 'Closed', value: 'Closed' },
			],
		},
		{ displayName: 'Closed Since', name: 'closedSince', type: 'dateTime', default: '', description: 'Only ASNs closed at or after this time' },
		{ displayName: 'RMA Number', name: 'rmaNumber', type: 'string', default: '' },
	]),
];

const description = updateDisplayOptions(displayOptions, properties);

interface Filters extends IDataObject {
	status?: string;
	closedSince?: string;
	rmaNumber?: string;
}

async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	return [
		await forEachItem(this, items, async (itemIndex) => {
			const limit = readReturnLimit(this, itemIndex);
			const filters = readFilters<Filters>(this, itemIndex, { closedSince: 'Closed Since' });
			const qs: IDataObject = {};
			if (filters.status) qs.status = filters.status;
			if (filters.rmaNumber) qs.rma_number = filters.rmaNumber;
			// Xoro has no "closed since" filter; closing updates the ASN, so updated_at_min narrows it.
			const zone = await xoroTimeZone(this, itemIndex);
			if (filters.closedSince) qs.updated_at_min = toXoroDateTime(filters.closedSince, zone, this.getTimezone());
			const since = filters.closedSince ? toMillis(filters.closedSince, this.getTimezone()) : undefined;
			return await readMatching(this, 'asnGet', qs, {
				itemIndex,
				limit,
				parse: (rows) => parseRows(this, xoroAsnSchema, rows, 'ASN', itemIndex).map((asn) => asnJson(asn, zone)),
				keep: (a) =>
					(!filters.status || String(a.status).toLowerCase() === filters.status.toLowerCase()) &&
					(!filters.rmaNumber || a.rmaNumber === filters.rmaNumber) &&
					(since === undefined || (!!a.closedAt && toMillis(a.closedAt) >= since)),
			});
		}),
	];
}

export const operation: XoroOperation = {
	option: { name: 'Get Many', value: 'getMany', action: 'Get many ASNs', description: 'List ASNs by status, RMA and closing time' },
	description,
	execute,
};
