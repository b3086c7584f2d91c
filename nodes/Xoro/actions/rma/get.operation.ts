import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { readText } from '../../../shared/params';
import { forEachItem } from '../../../shared/items';
import { getRma } from '../lookups';
import { rmaJson } from '../output';
import { xoroTimeZone } from '../../tenant';
import type { XoroOperation } from '../types';

const displayOptions = { show: { resource: ['rma'], operation: ['get'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'RMA Number',
		name: 'rmaNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'MAIN-R000123',
	},
];

const description = updateDisplayOptions(displayOptions, properties);

async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	return [
		await forEachItem(this, items, async (itemIndex) => {
			const zone = await xoroTimeZone(this, itemIndex);
			const rmaNumber = readText(this, 'rmaNumber', 'RMA Number', itemIndex, true);
			const rma = await getRma(this, rmaNumber, itemIndex);
			if (!rma) throw new NodeOperationError(this.getNode(), `Xoro has no RMA ${rmaNumber}`, { itemIndex });
			return rmaJson(rma, zone);
		}),
	];
}

export const operation: XoroOperation = {
	option: { name: 'Get', value: 'get', action: 'Get an RMA', description: 'Get an RMA by its number' },
	description,
	execute,
};
