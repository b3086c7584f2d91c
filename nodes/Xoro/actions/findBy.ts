/** "Find By" and "Value" of the Get operations that look a document up by one of several keys. */
import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** `keys`: what a document can be found by, the first being the default. */
export function findByProperties(keys: INodePropertyOptions[], placeholder: string): INodeProperties[] {
	return [
		{
			displayName: 'Find By',
			name: 'findBy',
			type: 'options',
			options: keys,
			default: keys[0].value,
		},
		{
			displayName: 'Value',
			name: 'value',
			type: 'string',
			required: true,
			default: '',
			placeholder,
		},
	];
}

export function readFindBy<Key extends string>(ctx: IExecuteFunctions, itemIndex: number): { findBy: Key; value: string } {
	return {
		findBy: ctx.getNodeParameter('findBy', itemIndex) as Key,
		value: String(ctx.getNodeParameter('value', itemIndex)).trim(),
	};
}
