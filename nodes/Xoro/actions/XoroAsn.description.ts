/** The Xoro ASN node's description: its resources and the parameters they make; add one by importing its `<Name>.resource.ts` and adding it here. */
import type { INodeProperties } from 'n8n-workflow';
import { endpointPathsProperty } from '../endpoints';
import { asn } from './asn/Asn.resource';
import { resourceProperties } from './router';
import type { XoroResource } from './types';

export const xoroAsnResources: Record<string, XoroResource> = { asn };

export const xoroAsnProperties: INodeProperties[] = [...resourceProperties(xoroAsnResources), endpointPathsProperty('xoroAsn')];
