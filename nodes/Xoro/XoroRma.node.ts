import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { xoroRmaProperties, xoroRmaResources } from './actions/XoroRma.description';
import { route } from './actions/router';

export class XoroRma implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Xoro RMA',
		name: 'xoroRma',
		icon: { light: 'file:xoro.svg', dark: 'file:xoro.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create and read Xoro RMAs from Loop returns, and the credit documents that settle them',
		defaults: { name: 'Xoro RMA' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'xoroApi', required: true }],
		properties: xoroRmaProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return route.call(this, xoroRmaResources);
	}
}
