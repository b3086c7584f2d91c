/**
 * The Credit Memo resource of the Xoro RMA node. The credit documents that close a Loop return live
 * beside the RMA (rather than in a further node) so that the editor offers one Xoro node family, one
 * credential, for every returns document: RMA → ASN → credit memo / sales order.
 */
import type { XoroResource } from '../types';
import * as applyToInvoice from './applyToInvoice.operation';
import * as create from './create.operation';
import * as createRefunded from './createRefunded.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export const creditMemo: XoroResource = {
	option: { name: 'Credit Memo', value: 'creditMemo', description: 'Store credit, refunds and their application to invoices' },
	operations: {
		create: create.operation,
		createRefunded: createRefunded.operation,
		applyToInvoice: applyToInvoice.operation,
		get: get.operation,
		getMany: getMany.operation,
	},
};
