import type { IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { returnAction } from '../transport';
import { readReturnId, returnLocator, type OperationResult } from './common';

const displayOptions = { show: { operation: ['cancel'] } };

export const description = updateDisplayOptions(displayOptions, [returnLocator()]);

/** Cancels; the customer may return the same items again. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const returnId = readReturnId.call(this, itemIndex);
	await returnAction(this, returnId, 'cancel', undefined, itemIndex);
	return { returnId, operation: 'cancel', state: 'cancelled' };
}
