import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** One operation file: its parameters (shown for its resource and operation) and what it does with the input items. */
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
