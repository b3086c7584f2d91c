/**
 * The Loop Return node's operations: their parameters, and the per-item loop that runs them with
 * pairedItem on every output item and continueOnFail per item.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { forEachItem, operationFor } from '../../shared/items';
import type { OperationResult } from './common';
import * as addNote from './addNote.operation';
import * as cancel from './cancel.operation';
import * as close from './close.operation';
import * as flag from './flag.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getNotes from './getNotes.operation';
import * as process from './process.operation';
import * as removeLineItems from './removeLineItems.operation';

interface Operation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult>;
}

const operations: Record<string, Operation> = { get, getMany, process, flag, close, cancel, addNote, getNotes, removeLineItems };

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'get',
		options: [
			{ name: 'Add Note', value: 'addNote', action: 'Add a note to a return', description: 'Add a note (at most 255 characters) to the return timeline' },
			{ name: 'Cancel', value: 'cancel', action: 'Cancel a return', description: 'Cancel the return; the customer may return the items again' },
			{ name: 'Close', value: 'close', action: 'Close a return', description: 'Close without fulfilling outcomes' },
			{ name: 'Flag', value: 'flag', action: 'Flag a return for review', description: 'Stop automated processing so a person reviews it, with an optional note' },
			{ name: 'Get', value: 'get', action: 'Get a return', description: 'Get one return by ID, admin URL, order name or Shopify order ID' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many returns', description: 'List returns created or updated in a date range' },
			{ name: 'Get Notes', value: 'getNotes', action: 'Get the notes of a return' },
			{ name: 'Process', value: 'process', action: 'Process a return', description: 'Fulfil the outcomes (refund, credit, exchange) and close it' },
			{ name: 'Remove Line Items', value: 'removeLineItems', action: 'Remove line items and process', description: 'Remove items that were not received, then process the rest' },
		],
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];

export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const output = await forEachItem(this, this.getInputData(), async (itemIndex) => {
		const operation = operationFor(this, operations, itemIndex);
		return (await operation.execute.call(this, itemIndex)) as IDataObject | IDataObject[];
	});
	return [output];
}
