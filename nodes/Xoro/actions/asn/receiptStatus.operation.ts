/**
 * ASN → Receipt Status: compares received with expected per line and routes the ASN to
 * "Fully received" (→ process the Loop return) or "Not fully received" (→ flag it), with the short
 * lines listed. Xoro lets a warehouse close an ASN short, so "Closed" alone does not mean received.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { asNodeError } from '../items';
import { getRma } from '../lookups';
import { asnJson } from '../output';
import { xoroTimeZone } from '../../tenantZone';
import type { XoroAsn } from '../../schemas';
import type { XoroOperation } from '../types';
import { asnNumberProperty, isClosed, readAsn } from './params';

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
	const full: INodeExecutionData[] = [];
	const notFull: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const { asn } = await readAsn(this, itemIndex);
			const zone = await xoroTimeZone(this, itemIndex);
			const loopReturnId = asn.thirdPartyRefNo ?? (asn.rmaNumber ? ((await getRma(this, asn.rmaNumber, itemIndex))?.thirdPartyRefNo ?? null) : null);
			const status = receiptStatus(asn);
			const json = { ...asnJson(asn, zone), loopReturnId, closed: isClosed(asn.status), ...status };
			(status.fullyReceived ? full : notFull).push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const failure = asNodeError(this, error, itemIndex);
			if (!this.continueOnFail()) throw failure;
			// Errors go with "Not fully received": the side that moves no money.
			notFull.push({ json: { error: failure.message, fullyReceived: false }, pairedItem: { item: itemIndex } });
		}
	}
	return [full, notFull];
}

export const operation: XoroOperation = {
	option: {
		name: 'Receipt Status',
		value: 'receiptStatus',
		action: 'Check an ASN receipt status',
		description: 'Route an ASN to "Fully received" or "Not fully received" (short lines listed)',
	},
	description: [asnNumberProperty(['receiptStatus'])],
	execute,
};
