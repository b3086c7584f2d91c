/**
 * Process and flag are idempotent: Loop may have processed a return itself (e.g. on a carrier scan),
 * or a person may have flagged or closed it, before the warehouse's answer arrives. Loop then refuses
 * the action (often with HTTP 200); the return's state, read afterwards, tells whether the refusal
 * means "already done".
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { toLoopNotes } from '../schemas';
import { getNotes, getReturnDetails } from '../transport';
import { normaliseReturn } from './common';

/** Loop's refusals of an action: HTTP 200 with errors, or a 422; not auth, not-found or outages. */
function isRefusal(error: unknown): error is NodeApiError {
	return error instanceof NodeApiError && (error.httpCode === '200' || error.httpCode === '422');
}

/** The return's state as Loop holds it now. */
async function stateOf(ctx: IExecuteFunctions, returnId: string, itemIndex: number): Promise<string> {
	return normaliseReturn.call(ctx, await getReturnDetails(ctx, { returnId }, itemIndex), itemIndex).state;
}

/** For an action that failed: returns when Loop refused it because the return is in `doneState` already, else throws the failure. */
export async function passIfAlready(
	ctx: IExecuteFunctions,
	failure: unknown,
	returnId: string,
	doneState: string,
	itemIndex: number,
): Promise<void> {
	if (isRefusal(failure) && (await stateOf(ctx, returnId, itemIndex)) === doneState) return;
	throw failure instanceof NodeApiError ? failure : new NodeOperationError(ctx.getNode(), failure as Error, { itemIndex });
}

/** Whether the return already carries a note with exactly this text. */
export async function hasNote(ctx: IExecuteFunctions, returnId: string, content: string, itemIndex: number): Promise<boolean> {
	return toLoopNotes(await getNotes(ctx, returnId, itemIndex)).some((note) => note.content.trim() === content.trim());
}
