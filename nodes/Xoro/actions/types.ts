import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** Where a parameter shows: the resource and operations it belongs to. */
export type Show = { resource: string[]; operation: string[] };

/** One operation file: its parameters (with displayOptions) and what it does with the input items. */
export interface XoroOperation {
	option: INodePropertyOptions;
	description: INodeProperties[];
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]>;
}

/** One resource: its option in the Resource list and its operations, keyed by operation value. */
export interface XoroResource {
	option: INodePropertyOptions;
	operations: Record<string, XoroOperation>;
}
