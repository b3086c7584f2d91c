import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { forEachItem } from '../../../shared/items';
import { asnJson } from '../output';
import { xoroTimeZone } from '../../tenant';
import type { XoroOperation } from '../types';
import { asnNumberProperty, readAsn } from './params';

const displayOptions = { show: { resource: ['asn'], operation: ['get'] } };

const description = updateDisplayOptions(displayOptions, [asnNumberProperty()]);

async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	return [
		await forEachItem(this, items, async (itemIndex) => {
			const zone = await xoroTimeZone(this, itemIndex);
			const { asn } = await readAsn(this, itemIndex);
			return asnJson(asn, zone);
		}),
	];
}

export const operation: XoroOperation = {
	option: { name: 'Get', value: 'get', action: 'Get an ASN', description: 'Get an ASN with its lines and received quantities' },
	description,
	execute,
};
