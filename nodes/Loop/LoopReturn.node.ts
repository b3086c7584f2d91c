import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { properties, route } from './actions/router';

export class LoopReturn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Loop Return',
		name: 'loopReturn',
		icon: { light: 'file:loop.svg', dark: 'file:loop.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Get, list, process, flag, close, cancel and annotate Loop Returns returns',
		defaults: { name: 'Loop Return' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'loopReturnsApi', required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
