import type { INodeParameters, INodeType } from 'n8n-workflow';
// What n8n's loader adds to every polling node's properties: Poll Times.
import { commonPollingParameters } from 'n8n-core/dist/nodes-loader/constants';
import { name as packageName } from '../../package.json';
import { LoopReturn } from '../../nodes/Loop/LoopReturn.node';
import { LoopTrigger } from '../../nodes/Loop/LoopTrigger.node';
import { ShopifyTransactions } from '../../nodes/Shopify/ShopifyTransactions.node';
import { XoroAsn } from '../../nodes/Xoro/XoroAsn.node';
import { XoroRma } from '../../nodes/Xoro/XoroRma.node';
import { XoroTrigger } from '../../nodes/Xoro/XoroTrigger.node';
import { checkParameters } from './checkParameters';
import type { NodeType } from './workflow';

/** One of this package's nodes, its parameters checked against its own description when placed. */
export function ourNode(node: INodeType, typeVersion: number): NodeType<INodeParameters> {
	const { description } = node;
	const properties = description.polling ? [...commonPollingParameters, ...description.properties] : description.properties;
	return {
		type: `${packageName}.${description.name}`,
		typeVersion,
		check: (where, parameters) => checkParameters(where, { ...description, properties }, typeVersion, parameters),
	};
}

export const loopTrigger = ourNode(new LoopTrigger(), 1);
export const loopReturn = ourNode(new LoopReturn(), 1);
export const xoroRma = ourNode(new XoroRma(), 1);
export const xoroAsn = ourNode(new XoroAsn(), 1);
export const xoroTrigger = ourNode(new XoroTrigger(), 1);
export const shopifyTransactions = ourNode(new ShopifyTransactions(), 1);
