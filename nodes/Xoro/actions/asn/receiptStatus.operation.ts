/**
 * ASN → Receipt Status: compares received with expected per line and routes the ASN to
 * "Fully received" (→ process the Loop return) or "Not fully received" (→ flag it), with the short
 * lines listed. Xoro lets a warehouse close an ASN short, so "Closed" alone does not mean received.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { forEachItemRouted } from '../../../shared/items';
import { getKnownRma } from '../lookups';
import { asnJson } from '../output';
import { xoroTimeZone } from '../../tenant';
import type { XoroAsn } from '../../schemas';
import type { XoroOperation } from '../types';
import { asnNumberProperty, isClosed, readAsn } from './params';

const displayOptions = { show: { resource: ['asn'], operation: ['receiptStatus'] } };

const description = updateDisplayOptions(displayOptions, [asnNumberProperty()]);

export function receiptStatus(asn: XoroAsn): { fullyReceived: boolean; shortLines: IDataObject[]; expectedQty: number; receivedQty: number } {
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

async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	// Errors go with "Not fully received" (output 1): the side that moves no money.
	return forEachItemRouted(this, items, { outputs: 2, failedTo: 1, failedJson: { fullyReceived: false } }, async (itemIndex) => {
		const { asn } = await readAsn(this, itemIndex);
		const zone = await xoroTimeZone(this, itemIndex);
		const loopReturnId = asn.thirdPartyRefNo ?? (asn.rmaNumber ? ((await getKnownRma(this, asn.rmaNumber, itemIndex))?.thirdPartyRefNo ?? null) : null);
		const status = receiptStatus(asn);
		return [{ output: status.fullyReceived ? 0 : 1, json: { ...asnJson(asn, zone), loopReturnId, closed: isClosed(asn.status), ...status } }];
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
