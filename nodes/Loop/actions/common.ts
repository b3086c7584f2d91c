import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { ZodError } from 'zod';
import type { LoopReturnItem } from '../../mapping/contracts';
import { describeSchemaError, toLoopReturnItem } from '../schemas';
import { ADMIN_URL_PATTERN, returnIdFrom } from '../helpers/returnId';

export const idMode = {
	displayName: 'By ID',
	name: 'id',
	type: 'string',
	placeholder: '52393555',
	validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'A Loop return ID is a number' } }],
} as const;

export const urlMode = {
	displayName: 'By Admin URL',
	name: 'url',
	type: 'string',
	placeholder: 'https://admin.loopreturns.com/returns/52393555',
	extractValue: { type: 'regex', regex: ADMIN_URL_PATTERN },
	validation: [
		{ type: 'regex', properties: { regex: ADMIN_URL_PATTERN, errorMessage: 'Paste the address of a return in Loop Admin' } },
	],
} as const;

/** The return an action works on: its ID, or its address copied from Loop Admin. */
export function returnLocator(): INodeProperties {
	return {
		displayName: 'Return',
		name: 'returnId',
		type: 'resourceLocator',
		default: { mode: 'id', value: '' },
		required: true,
		description: 'The Loop return, by ID or by its address in Loop Admin',
		modes: [{ ...idMode, validation: [...idMode.validation] }, { ...urlMode, validation: [...urlMode.validation] }],
	};
}

/** Reads the `returnId` locator of item i; a clear error names the field and the item. */
export function readReturnId(this: IExecuteFunctions, itemIndex: number): string {
	const locator = this.getNodeParameter('returnId', itemIndex) as INodeParameterResourceLocator | string;
	const value = String(typeof locator === 'object' ? (locator.value ?? '') : locator);
	const id = returnIdFrom(value);
	if (!id) {
		throw new NodeOperationError(this.getNode(), `"Return" of item ${itemIndex} is not a Loop return ID or admin URL: "${value}"`, {
			itemIndex,
			description: 'Use the number, e.g. 52393555, or the address https://admin.loopreturns.com/returns/52393555',
		});
	}
	return id;
}

/**
 * Normalises Loop's body (with all of it under `raw` unless `raw: false`); a body that is not a return
 * is reported as Loop's fault, with the fields.
 */
export function normaliseReturn(this: IExecuteFunctions, body: unknown, itemIndex: number, options: { raw?: boolean } = {}): LoopReturnItem {
	try {
		return toLoopReturnItem(body, options);
	} catch (error) {
		if (!(error instanceof ZodError)) throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		throw new NodeApiError(this.getNode(), { message: 'Unexpected return body' }, {
			message: `Loop answered with something that is not a return: ${describeSchemaError(error)}`,
			httpCode: '200',
			itemIndex,
		});
	}
}

export type OperationResult = IDataObject | IDataObject[];
