import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { xoroAsnProperties, xoroAsnResources } from './actions/XoroAsn.description';
import { route } from './actions/router';

export class XoroAsn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Xoro ASN',
		name: 'xoroAsn',
		icon: { light: 'file:xoro.svg', dark: 'file:xoro.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, receive, close Xoro return ASNs and check whether they were fully received',
		defaults: { name: 'Xoro ASN' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// Receipt Status routes to two outputs; every other operation has one.
		outputs: `={{ $parameter["operation"] === "receiptStatus" ? [{ "type": "main", "displayName": "Fully received" }, { "type": "main", "displayName": "Not fully received" }] : ["main"] }}`,
		credentials: [{ name: 'xoroApi', required: true }],
		properties: xoroAsnProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return route.call(this, xoroAsnResources);
	}
}
