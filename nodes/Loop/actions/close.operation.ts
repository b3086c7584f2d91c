import type { IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { returnAction } from '../transport';
import { readReturnId, returnLocator, type OperationResult } from './common';

const displayOptions = { show: { operation: ['close'] } };

export const description = updateDisplayOptions(displayOptions, [returnLocator()]);

/** Closes without fulfilling outcomes; the items cannot be returned again. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const returnId = readReturnId.call(this, itemIndex);
	await returnAction(this, returnId, 'close', undefined, itemIndex);
	return { returnId, operation: 'close', state: 'closed' };
}
