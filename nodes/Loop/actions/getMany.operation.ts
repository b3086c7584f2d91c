import { DateTime } from 'luxon';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { checkRange, readDate, readReturnLimit, returnAllLimit } from '../../shared/params';
import { chosenStates, statesProperty } from '../helpers/states';
import { listReturns, loopTransportTuning, type LoopDateFilter } from '../transport';
import { normaliseReturn, type OperationResult } from './common';

const displayOptions = { show: { operation: ['getMany'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Date Field',
		name: 'dateFilter',
		type: 'options',
		default: 'created_at',
		options: [
			{ name: 'Created', value: 'created_at', description: 'Returns created in the range' },
			{ name: 'Updated', value: 'updated_at', description: 'Returns changed in the range' },
		],
	},
	{
		displayName: 'From',
		name: 'from',
		type: 'dateTime',
		default: '',
		description: `Start of the range. Empty: ${loopTransportTuning.defaultLookbackDays} days before "To". Longer ranges are fetched in 120-day windows.`,
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'dateTime',
		default: '',
		description: 'End of the range. Empty: now.',
	},
	statesProperty('Which states to fetch. Loop leaves review and cancelled returns out unless asked, so "All" asks for them separately.'),
	...returnAllLimit(),
	{
		displayName: 'Include Raw Body',
		name: 'includeRaw',
		type: 'boolean',
		default: false,
		description:
			"Whether to add Loop's whole answer for each return under raw, next to the normalised fields. Off, raw keeps only customer_detail (the customer's name the Xoro nodes use) when Loop sends it, and a long listing holds less memory.",
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const states = chosenStates(this.getNodeParameter('states', itemIndex, ['all']) as string[]);
	const limit = readReturnLimit(this, itemIndex) ?? Number.POSITIVE_INFINITY;
	const fromDate = readDate(this, 'from', 'From', itemIndex);
	const toDate = readDate(this, 'to', 'To', itemIndex);
	checkRange(this, { from: fromDate, to: toDate ?? DateTime.utc(), fromLabel: 'From', toLabel: toDate ? 'To' : 'now' }, itemIndex);
	const from = fromDate?.toUTC().toISO() ?? undefined;
	const to = toDate?.toUTC().toISO() ?? undefined;
	const raw = this.getNodeParameter('includeRaw', itemIndex, false) as boolean;
	// Each page is normalised as it arrives: Loop's bodies are not all held at once.
	const returns = await listReturns(
		this,
		{
			from,
			to,
			filter: this.getNodeParameter('dateFilter', itemIndex, 'created_at') as LoopDateFilter,
			states,
			pageSize: Math.min(loopTransportTuning.maxPageSize, limit),
			itemIndex,
		},
		limit,
		(body) => normaliseReturn.call(this, body, itemIndex, { raw }),
	);
	return returns as unknown as IDataObject[];
}
