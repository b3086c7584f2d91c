/**
 * ASN → Receipt Status: compares received with expected per line and routes the ASN to
 * "Fully received" (→ process the Loop return) or "Not fully received" (→ flag it), with the short
 * lines listed. Xoro lets a warehouse close an ASN short, so "Closed" alone does not mean received.
 *
 * After the Xoro Trigger it reads nothing: the trigger's item is the closed ASN with its lines, RMA and
 * Loop return id, and a closed ASN takes no more receipts, so those lines are final (docs/apis.md
 * §X4.4). The ASN is read from Xoro as before when the input item is another ASN, is not closed (its
 * lines could still change), lacks its lines, or the option is off.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { forEachItemRouted } from '../../../shared/items';
import { getKnownRma } from '../lookups';
import { asnJson } from '../output';
import { xoroTimeZone } from '../../tenant';
import type { XoroAsn, XoroAsnLine } from '../../schemas';
import type { XoroOperation } from '../types';
import { asnNumberProperty, isClosed, readAsn, readAsnNumber } from './params';

const displayOptions = { show: { resource: ['asn'], operation: ['receiptStatus'] } };

const properties: INodeProperties[] = [
	asnNumberProperty(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Use Lines From Input Item',
				name: 'useInputLines',
				type: 'boolean',
				default: true,
				description:
					"Whether to take the lines from the input item, without a request, when it is this ASN, closed, with its lines (as the Xoro Trigger outputs it). A closed ASN takes no more receipts, so its lines are final. Otherwise the ASN is read from Xoro.",
			},
		],
	},
];

const description = updateDisplayOptions(displayOptions, properties);

export function receiptStatus(asn: Pick<XoroAsn, 'lines'>): { fullyReceived: boolean; shortLines: IDataObject[]; expectedQty: number; receivedQty: number } {
	const shortLines = asn.lines
		.filter((l) => l.received < l.expected)
		.map((l) => ({ itemNumber: l.itemNumber, expected: l.expected, received: l.received, short: l.expected - l.received }));
	return {
		fullyReceived: asn.lines.length > 0 && shortLines.length === 0,
		shortLines,
		expectedQty: asn.lines.reduce((s, l) => s + l.expected, 0),
		receivedQty: asn.lines.reduce((s, l) => s + l.received, 0),
	};
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);
const quantity = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null);

/** The input item's lines when it is `asnNumber`, closed, and every line has an item number and both quantities. */
function closedLinesFromInput(json: IDataObject, asnNumber: string): XoroAsnLine[] | undefined {
	if (text(json.asnNumber)?.toLowerCase() !== asnNumber.trim().toLowerCase() || !isClosed(text(json.status))) return undefined;
	if (!Array.isArray(json.lines) || json.lines.length === 0) return undefined;
	const lines: XoroAsnLine[] = [];
	for (const line of json.lines as unknown[]) {
		const l = (line && typeof line === 'object' ? line : {}) as IDataObject;
		const itemNumber = text(l.itemNumber);
		const expected = quantity(l.expected);
		const received = quantity(l.received);
		if (itemNumber === null || expected === null || received === null) return undefined;
		lines.push({ itemNumber, expected, received });
	}
	return lines;
}

async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	// Errors go with "Not fully received" (output 1): the side that moves no money.
	return forEachItemRouted(this, items, { outputs: 2, failedTo: 1, failedJson: { fullyReceived: false } }, async (itemIndex) => {
		const useInputLines = this.getNodeParameter('options.useInputLines', itemIndex, true) as boolean;
		const input = items[itemIndex].json;
		const lines = useInputLines ? closedLinesFromInput(input, readAsnNumber(this, itemIndex)) : undefined;
		let asn: IDataObject;
		if (lines) {
			asn = {
				asnNumber: text(input.asnNumber),
				status: text(input.status),
				rmaNumber: text(input.rmaNumber),
				thirdPartyRefNo: text(input.thirdPartyRefNo),
				deliveryDate: input.deliveryDate ?? null,
				closedAt: input.closedAt ?? null,
				lines,
				raw: input.raw ?? null,
			};
		} else {
			const read = (await readAsn(this, itemIndex)).asn;
			asn = asnJson(read, await xoroTimeZone(this, itemIndex));
		}
		const rmaNumber = asn.rmaNumber as string | null;
		const loopReturnId =
			(asn.thirdPartyRefNo as string | null) ??
			(lines ? text(input.loopReturnId) : null) ??
			(rmaNumber ? ((await getKnownRma(this, rmaNumber, itemIndex))?.thirdPartyRefNo ?? null) : null);
		const status = receiptStatus({ lines: asn.lines as XoroAsnLine[] });
		return [
			{
				output: status.fullyReceived ? 0 : 1,
				json: { ...asn, loopReturnId, closed: isClosed(asn.status as string | null), ...status, linesFrom: lines ? 'inputItem' : 'xoro' },
			},
		];
	});
}

export const operation: XoroOperation = {
	option: {
		name: 'Receipt Status',
		value: 'receiptStatus',
		action: 'Check an ASN receipt status',
		description: 'Route an ASN to "Fully received" or "Not fully received" (short lines listed)',
	},
	description,
	execute,
};
