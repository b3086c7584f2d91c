/**
 * ASN → Create for RMA. Idempotent by RMA number: a live ASN already linked to the RMA is returned
 * (alreadyExisted), and createOnce cancels the duplicates overlapping executions make. With "Xoro
 * Generates the ASN With the RMA" (Xoro's own Loop flow) it never creates: it waits briefly for
 * Xoro's ASN and returns it. Before it posts an ASN it runs the steps the tenant's RMA process needs
 * (Xoro credential: approval, the old process's conversion to a credit memo; ../rmaProcess.ts).
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { xoroAsnSchema, type XoroAsn } from '../../schemas';
import { dateProblem } from '../../../shared/checks';
import { toXoroDate } from '../../../shared/dates';
import { parameterError, readText } from '../../../shared/params';
import { readUntil } from '../../../shared/retry';
import { xoroCall, xoroRetryPolicy } from '../../transport';
import { createOnce, isLive, onceOutput, parseCreated } from '../createOnce';
import { forEachItem } from '../../../shared/items';
import { findAsnsForRma, getKnownRma } from '../lookups';
import { asnJson } from '../output';
import { prepareRmaForAsn, type RmaReadyForAsn } from '../rmaProcess';
import { xoroTimeZone } from '../../tenant';
import type { XoroOperation } from '../types';

const displayOptions = { show: { resource: ['asn'], operation: ['createForRma'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'RMA Number',
		name: 'rmaNumber',
		type: 'string',
		required: true,
		default: '={{ $json.rmaNumber }}',
		placeholder: 'MAIN-R000123',
	},
	{
		displayName: 'Xoro Generates the ASN With the RMA',
		name: 'xoroGeneratesAsn',
		type: 'boolean',
		default: false,
		description: 'Whether Xoro creates the linked ASN itself (as its Shopify app does for Loop RMAs); then this finds and returns that ASN instead of creating one',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { xoroGeneratesAsn: [false] } },
		options: [{ displayName: 'Delivery Date', name: 'deliveryDate', type: 'dateTime', default: '', description: 'Expected arrival; default today' }],
	},
];

const description = updateDisplayOptions(displayOptions, properties);

async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	return [
		await forEachItem(this, items, async (itemIndex) => {
			const zone = await xoroTimeZone(this, itemIndex);
			const rmaNumber = readText(this, 'rmaNumber', 'RMA Number', itemIndex, true);
			const xoroGenerates = this.getNodeParameter('xoroGeneratesAsn', itemIndex) as boolean;
			const deliveryDate = this.getNodeParameter('options.deliveryDate', itemIndex, '') as string;
			// Checked before any request: "Invalid DateTime" must never reach an ASN.
			if (deliveryDate && dateProblem(deliveryDate)) throw parameterError(this, 'Delivery Date', itemIndex, dateProblem(deliveryDate)!);
			const liveAsns = async () => (await findAsnsForRma(this, rmaNumber, itemIndex)).filter((a) => isLive(a.status));

			if (xoroGenerates) {
				// Xoro may link the ASN a moment after the RMA: look again within the retry budget.
				const asns = await readUntil(liveAsns, (found) => found.length > 0, xoroRetryPolicy);
				if (asns.length) return { ...asnJson(asns[0], zone), alreadyExisted: true, generatedByXoro: true };
				throw new NodeOperationError(this.getNode(), `Xoro has not generated an ASN for RMA ${rmaNumber}`, {
					itemIndex,
					description: 'Turn off "Xoro Generates the ASN With the RMA" if your Xoro does not create return ASNs itself.',
				});
			}

			let ready: RmaReadyForAsn | undefined;
			const result = await createOnce<XoroAsn>(this, itemIndex, {
				what: 'ASN',
				undo: 'cancel',
				reference: `RMA ${rmaNumber}`,
				numberOf: (a) => a.asnNumber,
				statusOf: (a) => a.status,
				find: () => findAsnsForRma(this, rmaNumber, itemIndex),
				create: async (recheck) => {
					const rma = await getKnownRma(this, rmaNumber, itemIndex);
					if (!rma) throw new NodeOperationError(this.getNode(), `Xoro has no RMA ${rmaNumber}`, { itemIndex });
					// A failed step throws before the ASN is posted: no ASN for an RMA Xoro would not accept.
					ready = await prepareRmaForAsn(this, rma, itemIndex);
					const body = {
						AsnHeaderData: {
							RmaNumber: rmaNumber,
							...(ready.creditMemoNumber ? { CreditMemoNumber: ready.creditMemoNumber } : {}),
							ThirdPartyRefNo: rma.thirdPartyRefNo,
							StoreCode: rma.storeCode,
							DeliveryDate: toXoroDate(deliveryDate || new Date(), zone, this.getTimezone()),
						},
						AsnDetailData: rma.lines.map((line) => ({ ItemNumber: line.itemNumber, BaseQtyToReceive: line.qty })),
					};
					return xoroCall(this, 'asnCreate', { body, itemIndex, expectData: true, recheck });
				},
				parseCreated: (data) => parseCreated(xoroAsnSchema, data),
				cancel: async (asnNumber, recheck) => {
					return xoroCall(this, 'asnCancel', { body: { AsnHeaderData: { AsnNumber: asnNumber } }, itemIndex, recheck });
				},
			});
			return {
				...onceOutput(result, (doc) => asnJson(doc, zone)),
				...(ready?.approvedNow ? { rmaApproved: true } : {}),
				...(ready?.creditMemoNumber ? { creditMemoNumber: ready.creditMemoNumber } : {}),
			};
		}),
	];
}

export const operation: XoroOperation = {
	option: { name: 'Create for RMA', value: 'createForRma', action: 'Create an ASN for an RMA', description: 'Idempotent: returns the ASN already linked to the RMA' },
	description,
	execute,
};
