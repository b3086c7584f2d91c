/** "Find By" and "Value" of the Get operations that look a document up by one of several keys. */
import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { Show } from './types';

/** `keys`: what a document can be found by, the first being the default. */
export function findByProperties(show: Show, keys: INodePropertyOptions[], placeholder: string): INodeProperties[] {
	return [
		{
			displayName: 'Find By',
			name: 'findBy',
			type: 'options',
			options: keys,
			default: keys[0].value,
			displayOptions: { show },
		},
		{
			displayName: 'Value',
			name: 'value',
			type: 'string',
			required: true,
			default: '',
			placeholder,
			displayOptions: { show },
		},
	];
}

export function readFindBy<Key extends string>(ctx: IExecuteFunctions, itemIndex: number): { findBy: Key; value: string } {
	return {
		findBy: ctx.getNodeParameter('findBy', itemIndex) as Key,
		value: String(ctx.getNodeParameter('value', itemIndex)).trim(),
	};
}
