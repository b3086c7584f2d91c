import type { XoroResource } from '../types';
import * as close from './close.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as receiptStatus from './receiptStatus.operation';
import * as receive from './receive.operation';

export const asn: XoroResource = {
	option: { name: 'ASN', value: 'asn', description: 'Advance shipping notices that receive returned goods' },
	operations: {
		createForRma: create.operation,
		get: get.operation,
		getMany: getMany.operation,
		receive: receive.operation,
		close: close.operation,
		receiptStatus: receiptStatus.operation,
	},
};
