/**
 * The per-item runner every action node uses (Loop Return, Xoro RMA, Xoro ASN, Shopify
 * Transactions): every output item is paired with its input item, every error names its item, and
 * under continueOnFail a failed item carries `error` and the next items go on.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** One item's result when a node has more than one output: which output, and what goes there. */
export interface RoutedResult {
	output: number;
	json: IDataObject;
}

export async function forEachItem(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	run: (itemIndex: number, item: INodeExecutionData) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const [output] = await forEachItemRouted(ctx, items, { outputs: 1, failedTo: 0 }, async (itemIndex, item) => {
		const result = await run(itemIndex, item);
		return (Array.isArray(result) ? result : [result]).map((json) => ({ output: 0, json }));
	});
	return output;
}

/** As forEachItem, for a node whose items go to one of several outputs; failed items go to `failedTo`. */
export async function forEachItemRouted(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	routing: { outputs: number; failedTo: number; failedJson?: IDataObject },
	run: (itemIndex: number, item: INodeExecutionData) => Promise<RoutedResult[]>,
): Promise<INodeExecutionData[][]> {
	const outputs: INodeExecutionData[][] = Array.from({ length: routing.outputs }, () => []);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			for (const { output, json } of await run(itemIndex, items[itemIndex])) outputs[output].push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const failure = asNodeError(ctx, error, itemIndex);
			if (!ctx.continueOnFail()) throw failure;
			// `error` on the item is what n8n reads to send it to the error output ("On Error:
			// Continue (using error output)"); json.error alone would stay on the success output.
			outputs[routing.failedTo].push({ json: { ...failureJson(failure), ...routing.failedJson }, error: failure, pairedItem: { item: itemIndex } });
		}
	}
	return outputs;
}

function failureJson(failure: NodeApiError | NodeOperationError): IDataObject {
	return {
		error: failure.message,
		description: failure.description ?? null,
		...(failure.context?.loopCode ? { loopCode: failure.context.loopCode as string } : {}),
		...(failure instanceof NodeApiError && failure.httpCode ? { httpCode: failure.httpCode } : {}),
	};
}

/** The error as n8n's own, naming the item (an error that already names one keeps it). */
export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/** The item's operation from a node's table of them; a name the table does not hold is refused. */
export function operationFor<T>(ctx: IExecuteFunctions, operations: Record<string, T>, itemIndex: number): T {
	const name = ctx.getNodeParameter('operation', itemIndex) as string;
	if (!Object.hasOwn(operations, name)) throw new NodeOperationError(ctx.getNode(), `Unknown operation "${name}"`, { itemIndex });
	return operations[name];
}
