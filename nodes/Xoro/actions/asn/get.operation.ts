import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { forEachItem } from '../items';
import { getAsn } from '../lookups';
import { asnJson } from '../output';
import type { XoroOperation } from '../types';
import { asnNumberProperty, readAsnNumber } from './params';

async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	return [
		await forEachItem(this, items, async (itemIndex) => {
			const asnNumber = readAsnNumber(this, itemIndex);
			const asn = await getAsn(this, asnNumber, itemIndex);
			if (!asn) throw new NodeOperationError(this.getNode(), `Xoro has no ASN ${asnNumber}`, { itemIndex });
			return asnJson(asn);
		}),
	];
}

export const operation: XoroOperation = {
	option: { name: 'Get', value: 'get', action: 'Get an ASN', description: 'Get an ASN with its lines and received quantities' },
	description: [asnNumberProperty(['get'])],
	execute,
};
