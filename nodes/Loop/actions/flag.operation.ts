import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { addNote, returnAction } from '../transport';
import { readReturnId, returnLocator, type OperationResult } from './common';
import { readNote } from './addNote.operation';

export const description: INodeProperties[] = [
	returnLocator(['flag']),
	{
		displayName: 'Note',
		name: 'note',
		type: 'string',
		default: '',
		typeOptions: { rows: 2 },
		description: 'Why the return needs review (at most 255 characters). Loop’s flag takes no reason, so it is added as a note.',
		displayOptions: { show: { operation: ['flag'] } },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const returnId = readReturnId.call(this, itemIndex);
	// Check the note before flagging, so a too-long note does not leave a flag without its reason.
	const note = readNote.call(this, 'note', 'Note', itemIndex, false);
	await returnAction(this, returnId, 'flag', undefined, itemIndex);
	if (note) await addNote(this, returnId, note, itemIndex);
	return { returnId, operation: 'flag', state: 'review', note: note ?? null };
}
