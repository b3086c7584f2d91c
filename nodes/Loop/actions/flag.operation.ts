import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { addNote, returnAction } from '../transport';
import { readReturnId, returnLocator, type OperationResult } from './common';
import { readNote } from './addNote.operation';
import { hasNote, passIfAlready } from './refusals';

const displayOptions = { show: { operation: ['flag'] } };

const properties: INodeProperties[] = [
	returnLocator(),
	{
		displayName: 'Note',
		name: 'note',
		type: 'string',
		default: '',
		typeOptions: { rows: 2 },
		description: 'Why the return needs review (at most 255 characters). Loop’s flag takes no reason, so it is added as a note.',
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * A return that is flagged already (a person did it, or an earlier run whose note may have failed) is
 * a success with `alreadyFlagged`; its note is added only if the return does not carry it yet, so a
 * rerun never writes it twice.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const returnId = readReturnId.call(this, itemIndex);
	// Check the note before flagging, so a too-long note does not leave a flag without its reason.
	const note = readNote.call(this, 'note', 'Note', itemIndex, false);
	let alreadyFlagged = false;
	try {
		await returnAction(this, returnId, 'flag', undefined, itemIndex);
	} catch (error) {
		await passIfAlready(this, error, returnId, 'review', itemIndex);
		alreadyFlagged = true;
	}
	if (note && !(alreadyFlagged && (await hasNote(this, returnId, note, itemIndex)))) await addNote(this, returnId, note, itemIndex);
	return { returnId, operation: 'flag', state: 'review', alreadyFlagged, note: note ?? null };
}
