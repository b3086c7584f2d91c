import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { XoroResource } from './types';

/** The Resource selector, one Operation selector per resource, then every operation's parameters. */
export function resourceProperties(resources: Record<string, XoroResource>): INodeProperties[] {
	const names = Object.keys(resources);
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: names.map((name) => resources[name].option),
			default: names[0],
		},
	];
	for (const name of names) {
		const operations = Object.values(resources[name].operations);
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [name] } },
			options: operations.map((op) => op.option),
			default: String(operations[0].option.value),
		});
	}
	for (const name of names) {
		for (const op of Object.values(resources[name].operations)) properties.push(...op.description);
	}
	return properties;
}

export async function route(this: IExecuteFunctions, resources: Record<string, XoroResource>): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.operations[operation];
	if (!handler) throw new NodeOperationError(this.getNode(), `Unsupported operation "${operation}" for resource "${resource}"`);
	return handler.execute.call(this, this.getInputData());
}
