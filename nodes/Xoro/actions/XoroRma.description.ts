/**
 * The Xoro RMA node's description: its resources (which the router dispatches on) and the parameters
 * they make. Everything that documents a return in Xoro's books is a resource of one node, so a
 * workflow reads "Xoro RMA → RMA → Create from Loop Return", "Xoro RMA → Credit Memo → …".
 * To add a resource: import its `<Name>.resource.ts` here and add it to the map; its operations
 * bring their own parameters and the router dispatches to them.
 */
import type { INodeProperties } from 'n8n-workflow';
import { endpointPathsProperty } from '../endpoints';
import { resourceProperties } from './router';
import type { XoroResource } from './types';
import { rma } from './rma/Rma.resource';
import { creditMemo } from './creditMemo/CreditMemo.resource';
import { salesOrder } from './salesOrder/SalesOrder.resource';
import { tenant } from './tenant/Tenant.resource';

// The first resource is the node's default: new ones go last, or saved workflows would change resource.
export const xoroRmaResources: Record<string, XoroResource> = { rma, creditMemo, salesOrder, tenant };

export const xoroRmaProperties: INodeProperties[] = [...resourceProperties(xoroRmaResources), endpointPathsProperty('xoroRma')];
