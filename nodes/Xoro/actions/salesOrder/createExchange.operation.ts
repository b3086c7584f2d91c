/**
 * Sales Order → Create Exchange Order. Input: a Shopify Transactions "exchange" item. Idempotent by
 * ThirdPartyRefNo: a separate exchange order (EXC-/L-) carries its Shopify order id, which is also
 * how Xoro's Shopify app imports that order when it syncs it, so an order the app already brought in
 * is returned (`alreadyExisted: true`) rather than duplicated.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { exchangeRefNo, exchangeToSalesOrder } from '../../../mapping/shopifyToXoro';
import { xoroEndpoint } from '../../endpoints';
import { parseList, xoroSalesOrderSchema } from '../../schemas';
import { xoroApiRequest } from '../../transport';
import { documentProperties, mapped, readDocumentSettings, readTransaction } from '../creditMemo/documentSettings';
import { writeResult } from '../creditMemo/lookups';
import { forEachItem } from '../items';
import type { XoroOperation } from '../types';
import { findSalesOrders, readStatuses, salesOrderJson, statusesProperty } from './lookups';

const show = { resource: ['salesOrder'], operation: ['createExchange'] };

async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const output = await forEachItem(this, items, async (itemIndex, item) => {
		const exchange = readTransaction(this, item.json, 'exchange', itemIndex);
		const refNo = mapped(this, itemIndex, () => exchangeRefNo(exchange));
		const statuses = readStatuses(this, itemIndex);
		const result = (orders: Awaited<ReturnType<typeof findSalesOrders>>, alreadyExisted: boolean) =>
			writeResult(salesOrderJson(orders[0]), alreadyExisted, orders.slice(1).map((o) => o.orderNumber), 'sales order');

		const existing = await findSalesOrders(this, 'third_party_ref_no', refNo, statuses, itemIndex);
		if (existing.length) return result(existing, true);

		const body = mapped(this, itemIndex, () => exchangeToSalesOrder(exchange, readDocumentSettings(this, itemIndex)));
		const { method, path } = xoroEndpoint(this, 'salesOrderCreate', itemIndex);
		const created = await xoroApiRequest.call(this, method, path, {
			body: body as unknown as IDataObject,
			itemIndex,
			expectData: true,
			recheck: async () => ((await findSalesOrders(this, 'third_party_ref_no', refNo, statuses, itemIndex))[0] ? true : undefined),
		});
		// Read back under the status Xoro gave the new order first (one request), else every status.
		const status = created && created !== true ? parseList(xoroSalesOrderSchema, created, 'sales order')[0]?.status : null;
		const after = await findSalesOrders(this, 'third_party_ref_no', refNo, status ? [status, ...statuses.filter((s) => s !== status)] : statuses, itemIndex);
		if (!after.length) {
			throw new NodeOperationError(this.getNode(), `Xoro accepted the exchange sales order ${refNo} but does not find it by ThirdPartyRefNo`, {
				itemIndex,
				description: 'Add its status to Statuses to Search, or check the Sales Order: Get / Search endpoint under Advanced: Endpoint Paths.',
			});
		}
		return result(after, false);
	});
	return [output];
}

export const operation: XoroOperation = {
	option: {
		name: 'Create Exchange Order',
		value: 'createExchange',
		action: 'Create an exchange sales order from a Shopify exchange',
		description: 'Sales order from a Shopify Transactions exchange item; returns the existing order for the same exchange',
	},
	description: documentProperties(show, { fallbackLabel: 'Default SKU', moreOptions: [statusesProperty()] }),
	execute,
};
