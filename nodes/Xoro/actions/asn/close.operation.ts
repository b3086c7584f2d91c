import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { xoroCall } from '../../transport';
import { forEachItem } from '../../../shared/items';
import { getAsn } from '../lookups';
import { asnJson } from '../output';
import { xoroTimeZone } from '../../tenant';
import type { XoroOperation } from '../types';
import { asnNumberProperty, isClosed, readAsn } from './params';

const displayOptions = { show: { resource: ['asn'], operation: ['close'] } };

const description = updateDisplayOptions(displayOptions, [asnNumberProperty()]);

async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	return [
		await forEachItem(this, items, async (itemIndex) => {
			const zone = await xoroTimeZone(this, itemIndex);
			const { asnNumber, asn: before } = await readAsn(this, itemIndex);
			if (isClosed(before.status)) return { ...asnJson(before, zone), alreadyClosed: true };
			await xoroCall(this, 'asnClose', {
				body: { AsnHeaderData: { AsnNumber: before.asnNumber } },
				itemIndex,
				recheck: async () => (isClosed((await getAsn(this, asnNumber, itemIndex))?.status) ? true : undefined),
			});
			const after = await getAsn(this, asnNumber, itemIndex);
			if (!after || !isClosed(after.status)) {
				throw new NodeOperationError(this.getNode(), `Xoro accepted closing ASN ${asnNumber} but it is still ${after?.status ?? 'missing'}`, { itemIndex });
			}
			return { ...asnJson(after, zone), alreadyClosed: false };
		}),
	];
}

export const operation: XoroOperation = {
	option: { name: 'Close', value: 'close', action: 'Close an ASN', description: 'Close an ASN (idempotent: an already closed ASN is returned as is)' },
	description,
	execute,
};
