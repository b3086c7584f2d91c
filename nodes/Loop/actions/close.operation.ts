import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { returnAction } from '../transport';
import { readReturnId, returnLocator, type OperationResult } from './common';

export const description: INodeProperties[] = [returnLocator(['close'])];

/** Closes without fulfilling outcomes; the items cannot be returned again. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const returnId = readReturnId.call(this, itemIndex);
	await returnAction(this, returnId, 'close', undefined, itemIndex);
	return { returnId, operation: 'close', state: 'closed' };
}
