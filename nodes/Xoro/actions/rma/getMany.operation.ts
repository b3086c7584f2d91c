import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { forEachItem } from '../../../shared/items';
import { readReturnLimit, returnAllLimit } from '../../../shared/params';
import { filtersProperty, readFilters, readMatching } from '../getMany';
import { parseRows } from '../lookups';
import { xoroRmaSchema } from '../../schemas';
import { rmaJson } from '../output';
import { toMillis, toXoroDateTime } from '../../../shared/dates';
import { xoroTimeZone } from '../../tenant';
import type { XoroOperation } from '../types';

const displayOptions = { show: { resource: ['rma'], operation: ['getMany'] } };

const properties: INodeProperties[] = [
	...returnAllLimit(),
	filtersProperty([
		{ displayName: 'Third-Party Reference (Loop Return ID)', name: 'thirdPartyRefNo', type: 'string', default: '' },
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			default: 'Open',
			options: [
				{ name: 'Open', value: 'Open' },
				{ name: 'Approved', value: 'Approved' },
				{ name: 'Credited', value: 'Credited' },
				{ name: 'Closed', value: 'Closed' },
			],
		},
		{ displayName: 'Created After', name: 'createdAfter', type: 'dateTime', default: '' },
		{ displayName: 'Created Before', name: 'createdBefore', type: 'dateTime', default: '' },
		{ displayName: 'Updated After', name: 'updatedAfter', type: 'dateTime', default: '' },
	]),
];

const description = updateDisplayOptions(displayOptions, properties);

interface Filters extends IDataObject {
	thirdPartyRefNo?: string;
	status?: string;
	createdAfter?: string;
	createdBefore?: string;
	updatedAfter?: string;
}

async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	return [
		await forEachItem(this, items, async (itemIndex) => {
			const limit = readReturnLimit(this, itemIndex);
			const filters = readFilters<Filters>(this, itemIndex, { createdAfter: 'Created After', createdBefore: 'Created Before', updatedAfter: 'Updated After' });
			const qs: IDataObject = {};
			if (filters.thirdPartyRefNo) qs.third_party_ref_no = filters.thirdPartyRefNo;
			if (filters.status) qs.status = filters.status;
			const zone = await xoroTimeZone(this, itemIndex);
			const workflowZone = this.getTimezone();
			if (filters.createdAfter) qs.created_at_min = toXoroDateTime(filters.createdAfter, zone, workflowZone);
			if (filters.createdBefore) qs.created_at_max = toXoroDateTime(filters.createdBefore, zone, workflowZone);
			if (filters.updatedAfter) qs.updated_at_min = toXoroDateTime(filters.updatedAfter, zone, workflowZone);
			const millis = (value: unknown) => toMillis(value, workflowZone);
			return await readMatching(this, 'rmaGet', qs, {
				itemIndex,
				limit,
				parse: (rows) => parseRows(this, xoroRmaSchema, rows, 'RMA', itemIndex).map((rma) => rmaJson(rma, zone)),
				keep: (r) =>
					(!filters.thirdPartyRefNo || r.thirdPartyRefNo === filters.thirdPartyRefNo) &&
					(!filters.status || String(r.status).toLowerCase() === filters.status.toLowerCase()) &&
					(!filters.createdAfter || !r.createdAt || millis(r.createdAt) >= millis(filters.createdAfter)) &&
					(!filters.createdBefore || !r.createdAt || millis(r.createdAt) <= millis(filters.createdBefore)),
			});
		}),
	];
}

export const operation: XoroOperation = {
	option: { name: 'Get Many', value: 'getMany', action: 'Get many RMAs', description: 'Search RMAs by third-party reference, status and dates' },
	description,
	execute,
};
