import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { toUtcIso } from '../../shared/dates';
import { chosenStates, statesProperty } from '../helpers/states';
import { listReturns, loopTransportTuning, type LoopDateFilter } from '../transport';
import { normaliseReturn, type OperationResult } from './common';

const show = { show: { operation: ['getMany'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Date Field',
		name: 'dateFilter',
		type: 'options',
		default: 'created_at',
		options: [
			{ name: 'Created', value: 'created_at', description: 'Returns created in the range' },
			{ name: 'Updated', value: 'updated_at', description: 'Returns changed in the range' },
		],
		displayOptions: show,
	},
	{
		displayName: 'From',
		name: 'from',
		type: 'dateTime',
		default: '',
		description: `Start of the range. Empty: ${loopTransportTuning.defaultLookbackDays} days before "To". Longer ranges are fetched in 120-day windows.`,
		displayOptions: show,
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'dateTime',
		default: '',
		description: 'End of the range. Empty: now.',
		displayOptions: show,
	},
	{
		...statesProperty('Which states to fetch. Loop leaves review and cancelled returns out unless asked, so "All" asks for them separately.'),
		displayOptions: show,
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: show,
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		description: 'Max number of results to return',
		displayOptions: { show: { operation: ['getMany'], returnAll: [false] } },
	},
];

function dateOf(this: IExecuteFunctions, name: 'from' | 'to', itemIndex: number): string | undefined {
	const value = String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (!value) return undefined;
	// n8n's date picker gives ISO text, with or without an offset: without one it is the workflow's zone.
	const iso = toUtcIso(value, this.getTimezone());
	if (!iso) {
		throw new NodeOperationError(this.getNode(), `"${name === 'from' ? 'From' : 'To'}" of item ${itemIndex} is not a date: "${value}"`, {
			itemIndex,
		});
	}
	return iso;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const states = chosenStates(this.getNodeParameter('states', itemIndex, ['all']) as string[]);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Number.POSITIVE_INFINITY : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const from = dateOf.call(this, 'from', itemIndex);
	const to = dateOf.call(this, 'to', itemIndex);
	if (from && to && from > to) {
		throw new NodeOperationError(this.getNode(), `"From" of item ${itemIndex} is after "To"`, { itemIndex });
	}
	const returns = await listReturns(
		this,
		{
			from,
			to,
			filter: this.getNodeParameter('dateFilter', itemIndex, 'created_at') as LoopDateFilter,
			states,
			pageSize: returnAll ? 250 : Math.min(750, limit),
			itemIndex,
		},
		limit,
	);
	return returns.map((body) => normaliseReturn.call(this, body, itemIndex) as unknown as OperationResult) as OperationResult;
}
