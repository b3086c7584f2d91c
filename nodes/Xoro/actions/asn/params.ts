import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export function asnNumberProperty(operations: string[]): INodeProperties {
	return {
		displayName: 'ASN Number',
		name: 'asnNumber',
		type: 'string',
		required: true,
		default: '={{ $json.asnNumber }}',
		placeholder: 'MAIN-A000330',
		displayOptions: { show: { resource: ['asn'], operation: operations } },
	};
}

export function readAsnNumber(ctx: IExecuteFunctions, itemIndex: number): string {
	const value = String(ctx.getNodeParameter('asnNumber', itemIndex) ?? '').trim();
	if (!value) throw new NodeOperationError(ctx.getNode(), `ASN Number is empty for item ${itemIndex}`, { itemIndex });
	return value;
}
