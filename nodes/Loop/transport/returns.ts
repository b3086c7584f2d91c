/** One return by id or order, its actions (process, flag, close, cancel), line-item removal and notes. */
import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { LoopContext } from './connection';
import { loopRequest } from './request';

export type ReturnLookup = { returnId: string } | { orderId: string } | { orderName: string };

export async function getReturnDetails(ctx: LoopContext, lookup: ReturnLookup, itemIndex?: number): Promise<unknown> {
	const qs: IDataObject =
		'returnId' in lookup ? { return_id: lookup.returnId }
		: 'orderId' in lookup ? { order_id: lookup.orderId }
		: { order_name: lookup.orderName };
	return await loopRequest(ctx, { method: 'GET', path: '/warehouse/return/details', qs, itemIndex });
}

export type ReturnAction = 'process' | 'flag' | 'close' | 'cancel';

export async function returnAction(
	ctx: LoopContext,
	returnId: string,
	action: ReturnAction,
	body?: IDataObject,
	itemIndex?: number,
): Promise<unknown> {
	const path = `/warehouse/return/${encodeURIComponent(returnId)}/${action}`;
	return await loopRequest(ctx, { method: 'POST', path, body, action: true, itemIndex, label: `${action} return ${returnId}` });
}

export async function removeLineItems(ctx: LoopContext, returnId: string, lineItemIds: string[], itemIndex?: number): Promise<unknown> {
	const path = `/warehouse/return/${encodeURIComponent(returnId)}/remove`;
	return await loopRequest(ctx, {
		method: 'POST',
		path,
		qs: { line_item_id: lineItemIds.join(',') },
		action: true,
		itemIndex,
		label: `remove line items ${lineItemIds.join(', ')} from return ${returnId}`,
	});
}

export const NOTE_LIMIT = 255;

export async function addNote(ctx: LoopContext, returnId: string, content: string, itemIndex?: number): Promise<unknown> {
	const path = `/warehouse/return/${encodeURIComponent(returnId)}/note`;
	return await loopRequest(ctx, { method: 'POST', path, body: { content }, action: true, itemIndex, label: `add a note to return ${returnId}` });
}

/** Loop answers 422 NoReturnNotes for a return without notes: that is an empty list. */
export async function getNotes(ctx: LoopContext, returnId: string, itemIndex?: number): Promise<unknown> {
	const path = `/warehouse/return/${encodeURIComponent(returnId)}/notes`;
	try {
		return await loopRequest(ctx, { method: 'GET', path, itemIndex });
	} catch (error) {
		const e = error as NodeApiError;
		if (e.httpCode === '422' && /NoReturnNotes/i.test(`${e.message} ${String(e.context?.loopCode ?? '')}`)) return [];
		throw new NodeApiError(ctx.getNode(), e as unknown as JsonObject, { itemIndex });
	}
}
