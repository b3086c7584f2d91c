import { readText } from '../../../shared/params';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { XoroAsn } from '../../schemas';
import { getAsn } from '../lookups';

export function asnNumberProperty(): INodeProperties {
	return {
		displayName: 'ASN Number',
		name: 'asnNumber',
		type: 'string',
		required: true,
		default: '={{ $json.asnNumber }}',
		placeholder: 'MAIN-A000330',
	};
}

export function readAsnNumber(ctx: IExecuteFunctions, itemIndex: number): string {
	return readText(ctx, 'asnNumber', 'ASN Number', itemIndex, true);
}

/** The ASN the item's ASN Number names, as Xoro holds it now; an error when Xoro has none. */
export async function readAsn(ctx: IExecuteFunctions, itemIndex: number): Promise<{ asnNumber: string; asn: XoroAsn }> {
	const asnNumber = readAsnNumber(ctx, itemIndex);
	const asn = await getAsn(ctx, asnNumber, itemIndex);
	if (!asn) throw new NodeOperationError(ctx.getNode(), `Xoro has no ASN ${asnNumber}`, { itemIndex });
	return { asnNumber, asn };
}

export const isClosed = (status: string | null | undefined): boolean => status?.toLowerCase() === 'closed';
