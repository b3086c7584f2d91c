/** Per-item execution shared by every operation: pairedItem always, continueOnFail per item. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

export async function forEachItem(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	run: (itemIndex: number, item: INodeExecutionData) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await run(itemIndex, items[itemIndex]);
			for (const json of Array.isArray(result) ? result : [result]) output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const failure = asNodeError(ctx, error, itemIndex);
			if (ctx.continueOnFail()) {
				// `error` on the item is what n8n reads to send it to the error output ("On Error:
				// Continue (using error output)"); json.error alone would stay on the success output.
				output.push({ json: { error: failure.message, description: failure.description ?? null }, error: failure, pairedItem: { item: itemIndex } });
				continue;
			}
			throw failure;
		}
	}
	return output;
}

export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}
