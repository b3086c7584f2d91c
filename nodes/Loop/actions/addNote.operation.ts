import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { textProblem } from '../../shared/checks';
import { addNote, NOTE_LIMIT } from '../transport';
import { readReturnId, returnLocator, type OperationResult } from './common';
import { hasNote } from './refusals';

const displayOptions = { show: { operation: ['addNote'] } };

const properties: INodeProperties[] = [
	returnLocator(),
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 3 },
		description: `The note, at most ${NOTE_LIMIT} characters (Loop's limit; longer notes are refused, never cut)`,
	},
	{
		displayName: 'Skip If Already Noted',
		name: 'skipIfNoted',
		type: 'boolean',
		default: false,
		description: 'Whether to add nothing when the return already carries a note with exactly this content (for reports a rerun would repeat)',
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * Reads a note parameter; over Loop's limit is an error naming the field and the item, never a silent
 * cut. Loop (Laravel's max:255) counts characters as Unicode code points, so an emoji is one, not two.
 */
export function readNote(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
	required: boolean,
): string | undefined {
	const value = this.getNodeParameter(name, itemIndex, '') as unknown;
	const notText = textProblem(value ?? '');
	if (notText) throw new NodeOperationError(this.getNode(), `"${label}" of item ${itemIndex} ${notText}`, { itemIndex });
	const text = String(value ?? '').trim();
	if (!text) {
		if (!required) return undefined;
		throw new NodeOperationError(this.getNode(), `"${label}" of item ${itemIndex} is empty`, { itemIndex });
	}
	const characters = [...text].length;
	if (characters > NOTE_LIMIT) {
		throw new NodeOperationError(
			this.getNode(),
			`"${label}" of item ${itemIndex} has ${characters} characters (Unicode code points, as Loop counts them); Loop accepts at most ${NOTE_LIMIT}`,
			{ itemIndex, description: 'Shorten the note; it is not cut automatically.' },
		);
	}
	return text;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const returnId = readReturnId.call(this, itemIndex);
	const content = readNote.call(this, 'content', 'Content', itemIndex, true)!;
	if (this.getNodeParameter('skipIfNoted', itemIndex, false) && (await hasNote(this, returnId, content, itemIndex))) {
		return { returnId, operation: 'addNote', content, alreadyNoted: true };
	}
	await addNote(this, returnId, content, itemIndex);
	return { returnId, operation: 'addNote', content };
}
