/** Sales Order → Get: by order number or third-party reference, searched across the given statuses. */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { findByProperties, readFindBy } from '../findBy';
import { forEachItem } from '../../../shared/items';
import type { XoroOperation } from '../types';
import { salesOrderJson } from '../output';
import { findSalesOrders } from './lookups';
import { readStatuses, statusesProperty } from './params';
import { xoroTimeZone } from '../../tenant';

const displayOptions = { show: { resource: ['salesOrder'], operation: ['get'] } };

const properties: INodeProperties[] = [
	...findByProperties(
		[
			{ name: 'Order Number', value: 'order_number' },
			{ name: 'Third-Party Reference', value: 'third_party_ref_no', description: 'E.g. the Shopify order ID' },
		],
		'MAIN-S000123',
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [statusesProperty()],
	},
];

const description = updateDisplayOptions(displayOptions, properties);

async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const output = await forEachItem(this, items, async (itemIndex) => {
		const { findBy, value } = readFindBy<'order_number' | 'third_party_ref_no'>(this, itemIndex);
		const orders = await findSalesOrders(this, findBy, value, readStatuses(this, itemIndex), itemIndex);
		if (!orders.length) {
			throw new NodeOperationError(this.getNode(), `Xoro has no sales order with ${findBy === 'order_number' ? 'number' : 'ThirdPartyRefNo'} "${value}" in the searched statuses`, { itemIndex });
		}
		const zone = await xoroTimeZone(this, itemIndex);
		return orders.map((o) => salesOrderJson(o, zone));
	});
	return [output];
}

export const operation: XoroOperation = {
	option: { name: 'Get', value: 'get', action: 'Get a sales order', description: 'Get sales orders by number or third-party reference' },
	description,
	execute,
};
