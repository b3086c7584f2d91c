/** Credit Memo → Get Many: search with Xoro's getcreditmemo filters, read as every Get Many reads (readMatching). */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { toXoroDateTime } from '../../../shared/dates';
import { forEachItem } from '../../../shared/items';
import { xoroCreditMemoSchema } from '../../schemas';
import { readReturnLimit, returnAllLimit } from '../../../shared/params';
import { filtersProperty, readFilters, readMatching } from '../getMany';
import { parseRows, same } from '../lookups';
import type { XoroOperation } from '../types';
import { creditMemoJson } from '../output';
import { xoroTimeZone } from '../../tenant';

const displayOptions = { show: { resource: ['creditMemo'], operation: ['getMany'] } };

/** Editor filter → getcreditmemo query parameter (OFFICIAL names). */
const TEXT_FILTERS: Record<string, string> = {
	customerName: 'customer_name',
	refNo: 'ref_no',
	status: 'status',
	storeName: 'store_name',
	thirdPartyRefNo: 'third_party_ref_no',
	thirdPartySource: 'third_party_source',
};
const DATE_FILTERS: Record<string, string> = {
	createdAfter: 'created_at_min',
	createdBefore: 'created_at_max',
	updatedAfter: 'updated_at_min',
	updatedBefore: 'updated_at_max',
};

const properties: INodeProperties[] = [
	...returnAllLimit(),
	filtersProperty([
		{ displayName: 'Created After', name: 'createdAfter', type: 'dateTime', default: '' },
		{ displayName: 'Created Before', name: 'createdBefore', type: 'dateTime', default: '' },
		{ displayName: 'Customer Name', name: 'customerName', type: 'string', default: '' },
		{ displayName: 'Reference Number', name: 'refNo', type: 'string', default: '', description: 'RefNo, e.g. the Shopify order number' },
		{ displayName: 'Status', name: 'status', type: 'string', default: '', placeholder: 'Open' },
		{ displayName: 'Store Name', name: 'storeName', type: 'string', default: '' },
		{ displayName: 'Third-Party Reference', name: 'thirdPartyRefNo', type: 'string', default: '' },
		{ displayName: 'Third-Party Source', name: 'thirdPartySource', type: 'string', default: '' },
		{ displayName: 'Updated After', name: 'updatedAfter', type: 'dateTime', default: '' },
		{ displayName: 'Updated Before', name: 'updatedBefore', type: 'dateTime', default: '' },
	]),
];

const description = updateDisplayOptions(displayOptions, properties);

async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const output = await forEachItem(this, items, async (itemIndex) => {
		const filters = readFilters(this, itemIndex, { createdAfter: 'Created After', createdBefore: 'Created Before', updatedAfter: 'Updated After', updatedBefore: 'Updated Before' });
		const qs: IDataObject = { include_lines: true };
		const zone = await xoroTimeZone(this, itemIndex);
		for (const [name, param] of Object.entries(TEXT_FILTERS)) if (filters[name]) qs[param] = String(filters[name]).trim();
		for (const [name, param] of Object.entries(DATE_FILTERS)) if (filters[name]) qs[param] = toXoroDateTime(String(filters[name]), zone, this.getTimezone());
		const limit = readReturnLimit(this, itemIndex);
		const memos = await readMatching(this, 'creditMemoGet', qs, {
			itemIndex,
			limit,
			parse: (rows) => parseRows(this, xoroCreditMemoSchema, rows, 'credit memo', itemIndex),
			keep: (m) =>
				(!filters.thirdPartyRefNo || same(m.thirdPartyRefNo, String(filters.thirdPartyRefNo).trim())) &&
				(!filters.status || same(m.status, String(filters.status).trim())),
		});
		return memos.map((m) => creditMemoJson(m, zone));
	});
	return [output];
}

export const operation: XoroOperation = {
	option: { name: 'Get Many', value: 'getMany', action: 'Get many credit memos', description: 'Search credit memos' },
	description,
	execute,
};
