import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';
import { ZodError } from 'zod';
import { getNotes } from '../transport';
import { describeSchemaError, toLoopNotes } from '../schemas';
import { readReturnId, returnLocator, type OperationResult } from './common';

const displayOptions = { show: { operation: ['getNotes'] } };

export const description = updateDisplayOptions(displayOptions, [returnLocator()]);

/** One item per input with the notes as a list: a return without notes gives an empty list. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const returnId = readReturnId.call(this, itemIndex);
	const body = await getNotes(this, returnId, itemIndex);
	try {
		const notes = toLoopNotes(body);
		return { returnId, count: notes.length, notes };
	} catch (error) {
		const detail = error instanceof ZodError ? describeSchemaError(error) : String(error);
		throw new NodeApiError(this.getNode(), { message: 'Unexpected notes body' }, {
			message: `Loop answered the notes of return ${returnId} with an unexpected body: ${detail}`,
			httpCode: '200',
			itemIndex,
		});
	}
}
