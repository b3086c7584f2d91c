/**
 * ASN → Receive: records received quantities per line (for warehouses that receive through the API,
 * and for the demo). Quantities add up in Xoro, so this is not idempotent; after an ambiguous
 * failure it re-reads the ASN and does not resend when the receipt already landed.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { XoroAsn } from '../../schemas';
import { xoroCall } from '../../transport';
import { forEachItem } from '../../../shared/items';
import { getAsn } from '../lookups';
import { asnJson } from '../output';
import { xoroTimeZone } from '../../tenant';
import type { XoroOperation } from '../types';
import { asnNumberProperty, isClosed, readAsn } from './params';

const displayOptions = { show: { resource: ['asn'], operation: ['receive'] } };

const properties: INodeProperties[] = [
	asnNumberProperty(),
	{
		displayName: 'Receive',
		name: 'receiveMode',
		type: 'options',
		default: 'allRemaining',
		options: [
			{ name: 'All Remaining Quantities', value: 'allRemaining', description: 'Every line up to its expected quantity' },
			{ name: 'Specific Lines', value: 'lines' },
		],
	},
	{
		displayName: 'Lines',
		name: 'lines',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Line',
		default: {},
		displayOptions: { show: { receiveMode: ['lines'] } },
		options: [
			{
				displayName: 'Line',
				name: 'line',
				values: [
					{ displayName: 'Item Number', name: 'itemNumber', type: 'string', default: '' },
					{ displayName: 'Quantity', name: 'quantity', type: 'number', typeOptions: { minValue: 0 }, default: 1 },
				],
			},
		],
	},
	{
		displayName: 'Receive Location',
		name: 'location',
		type: 'string',
		default: '',
		placeholder: 'RETURNS',
		description: 'Xoro location the goods go to (ReceiveLocationName); empty leaves it to Xoro',
	},
	{
		displayName: 'Close After Receiving',
		name: 'closeAfter',
		type: 'boolean',
		default: false,
		description: 'Whether to close the ASN in the same call (CloseASN)',
	},
];

const description = updateDisplayOptions(displayOptions, properties);

function receiptLines(ctx: IExecuteFunctions, asn: XoroAsn, itemIndex: number): Array<{ itemNumber: string; quantity: number }> {
	if (ctx.getNodeParameter('receiveMode', itemIndex) === 'allRemaining') {
		return asn.lines.map((l) => ({ itemNumber: l.itemNumber, quantity: l.expected - l.received })).filter((l) => l.quantity > 0);
	}
	const lines = ctx.getNodeParameter('lines.line', itemIndex, []) as Array<{ itemNumber: string; quantity: number }>;
	return lines.map((line, index) => {
		const itemNumber = String(line.itemNumber ?? '').trim();
		if (!itemNumber) throw new NodeOperationError(ctx.getNode(), `Line ${index + 1}: Item Number is empty`, { itemIndex });
		if (!asn.lines.some((l) => l.itemNumber.toLowerCase() === itemNumber.toLowerCase())) {
			throw new NodeOperationError(ctx.getNode(), `Line ${index + 1}: item ${itemNumber} is not on ASN ${asn.asnNumber}`, { itemIndex });
		}
		if (!(Number(line.quantity) > 0)) throw new NodeOperationError(ctx.getNode(), `Line ${index + 1}: Quantity must be greater than 0`, { itemIndex });
		return { itemNumber, quantity: Number(line.quantity) };
	});
}

async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	return [
		await forEachItem(this, items, async (itemIndex) => {
			const zone = await xoroTimeZone(this, itemIndex);
			const { asnNumber, asn: before } = await readAsn(this, itemIndex);
			if (isClosed(before.status)) {
				throw new NodeOperationError(this.getNode(), `ASN ${asnNumber} is closed; it cannot receive more`, { itemIndex });
			}
			const lines = receiptLines(this, before, itemIndex);
			if (!lines.length) return { ...asnJson(before, zone), received: [], nothingToReceive: true };
			const location = (this.getNodeParameter('location', itemIndex, '') as string).trim();
			const closeAfter = this.getNodeParameter('closeAfter', itemIndex) as boolean;
			const body = {
				AsnHeaderData: { AsnNumber: before.asnNumber, CloseASN: closeAfter },
				AsnDetailLocationData: lines.map((l) => ({
					ItemNumber: l.itemNumber,
					QtyReceived: l.quantity,
					...(location ? { ReceiveLocationName: location } : {}),
				})),
			};
			const receivedBefore = (itemNumber: string) =>
				before.lines.filter((l) => l.itemNumber.toLowerCase() === itemNumber.toLowerCase()).reduce((s, l) => s + l.received, 0);
			await xoroCall(this, 'asnReceive', {
				body,
				itemIndex,
				recheck: async () => {
					const now = await getAsn(this, asnNumber, itemIndex);
					const landed = now && lines.every((l) => now.lines.filter((x) => x.itemNumber.toLowerCase() === l.itemNumber.toLowerCase()).reduce((s, x) => s + x.received, 0) >= receivedBefore(l.itemNumber) + l.quantity);
					return landed ? true : undefined;
				},
			});
			const after = await getAsn(this, asnNumber, itemIndex);
			if (!after) throw new NodeOperationError(this.getNode(), `ASN ${asnNumber} disappeared after receiving`, { itemIndex });
			return { ...asnJson(after, zone), received: lines };
		}),
	];
}

export const operation: XoroOperation = {
	option: { name: 'Receive', value: 'receive', action: 'Receive an ASN', description: 'Record received quantities on an ASN' },
	description,
	execute,
};
