/** The Tenant resource of the Xoro RMA node: checks of the Xoro tenant itself, before a first run. */
import type { XoroResource } from '../types';
import * as checkEndpoints from './checkEndpoints.operation';

export const tenant: XoroResource = {
	option: { name: 'Tenant', value: 'tenant', description: 'Check the Xoro tenant before a first run' },
	operations: { checkEndpoints: checkEndpoints.operation },
};
