import type { XoroResource } from '../types';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export const rma: XoroResource = {
	option: { name: 'RMA', value: 'rma', description: 'Return merchandise authorisations' },
	operations: { createFromLoopReturn: create.operation, get: get.operation, getMany: getMany.operation },
};
