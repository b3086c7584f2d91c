/**
 * Node parameters that must mean something, read and checked once for every node: a limit is a
 * whole number of at least 1, a date is a real date, a range has an end after its start and a
 * bounded span, a duration is not negative. Each error names the parameter and the item.
 */
import type { DateTime } from 'luxon';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { describe, shown } from './checks';
import { parseStamp } from './dates';

type ParameterContext = Pick<IExecuteFunctions, 'getNode' | 'getNodeParameter' | 'getTimezone'>;

export function parameterError(ctx: Pick<IExecuteFunctions, 'getNode'>, label: string, itemIndex: number, problem: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `"${label}" of item ${itemIndex} ${problem}`, { itemIndex });
}

/** A positive whole number (a page size, a limit). */
export function readLimit(ctx: ParameterContext, name: string, label: string, itemIndex: number, fallback = 50): number {
	const value = ctx.getNodeParameter(name, itemIndex, fallback) as unknown;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		throw parameterError(ctx, label, itemIndex, `must be a whole number of at least 1, not ${shown(value)}`);
	}
	return value;
}

/** Zero or more (an overlap, a look-back). */
export function readNonNegative(ctx: ParameterContext, name: string, label: string, itemIndex: number, fallback: number): number {
	const value = ctx.getNodeParameter(name, itemIndex, fallback) as unknown;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
		throw parameterError(ctx, label, itemIndex, `must be a number of 0 or more, not ${shown(value)}`);
	}
	return value;
}

/**
 * A date parameter, undefined when empty. Text without an offset is read in the workflow's zone
 * (what the n8n date picker means); "1", "2024-02-30" and other non-dates are refused.
 */
export function readDate(ctx: ParameterContext, name: string, label: string, itemIndex: number): DateTime | undefined {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	if (value === '' || value === null || value === undefined) return undefined;
	const parsed = parseStamp(value, ctx.getTimezone());
	if (!parsed) throw parameterError(ctx, label, itemIndex, `is not a date: ${shown(value)}`);
	return parsed;
}

/** Longest range a read may span: from 1900 would be a thousand windowed requests. */
export const MAX_RANGE_DAYS = 3 * 366;

/** `from` before `to`, and no more than MAX_RANGE_DAYS apart. */
export function checkRange(
	ctx: Pick<IExecuteFunctions, 'getNode'>,
	range: { from?: DateTime; to?: DateTime; fromLabel: string; toLabel: string },
	itemIndex: number,
): void {
	const { from, to } = range;
	if (!from || !to) return;
	if (from > to) throw parameterError(ctx, range.fromLabel, itemIndex, `is after "${range.toLabel}"`);
	if (to.diff(from, 'days').days > MAX_RANGE_DAYS) {
		throw parameterError(ctx, range.fromLabel, itemIndex, `starts more than ${MAX_RANGE_DAYS} days before "${range.toLabel}": read a shorter range`);
	}
}

/**
 * A text parameter, trimmed. A number from an expression is its digits; an object or a list is
 * refused (it would be written as "[object Object]"). `required`: empty is refused too.
 */
export function readText(ctx: ParameterContext, name: string, label: string, itemIndex: number, required = false): string {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	if (value !== null && value !== undefined && typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
		throw parameterError(ctx, label, itemIndex, `must be text, not ${describe(value)}`);
	}
	const text = String(value ?? '').trim();
	if (required && !text) throw parameterError(ctx, label, itemIndex, 'is empty');
	return text;
}

/** Return All and Limit, as every Get Many shows them. */
export function returnAllLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** The item's limit, or undefined with Return All. */
export function readReturnLimit(ctx: ParameterContext, itemIndex: number): number | undefined {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	return returnAll ? undefined : readLimit(ctx, 'limit', 'Limit', itemIndex);
}
