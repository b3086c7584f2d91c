/**
 * The Sales Order resource of the Xoro RMA node: the exchange order that closes an exchange return.
 * It lives beside RMA and Credit Memo so one Xoro node family covers every returns document.
 */
import type { XoroResource } from '../types';
import * as createExchange from './createExchange.operation';
import * as get from './get.operation';

export const salesOrder: XoroResource = {
	option: { name: 'Sales Order', value: 'salesOrder', description: 'Exchange orders' },
	operations: { createExchange: createExchange.operation, get: get.operation },
};
