/** Credit Memo → Get: by credit memo number or by third-party reference (which Xoro does not keep unique). */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { findByProperties, readFindBy } from '../findBy';
import { forEachItem } from '../../../shared/items';
import type { XoroOperation } from '../types';
import { same } from '../lookups';
import { creditMemoJson } from '../output';
import { findCreditMemosByRef, searchCreditMemos } from './lookups';
import { xoroTimeZone } from '../../tenant';

const displayOptions = { show: { resource: ['creditMemo'], operation: ['get'] } };

const properties: INodeProperties[] = findByProperties(
	[
		{ name: 'Credit Memo Number', value: 'creditMemoNumber' },
		{ name: 'Third-Party Reference', value: 'thirdPartyRefNo', description: 'E.g. the Shopify gift card or refund transaction number' },
	],
	'MAIN-C000123',
);

const description = updateDisplayOptions(displayOptions, properties);

async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const output = await forEachItem(this, items, async (itemIndex) => {
		const { findBy, value } = readFindBy<'creditMemoNumber' | 'thirdPartyRefNo'>(this, itemIndex);
		const memos =
			findBy === 'thirdPartyRefNo'
				? await findCreditMemosByRef(this, value, itemIndex)
				: (await searchCreditMemos(this, { credit_memo_number: value }, itemIndex)).filter((m) => same(m.creditMemoNumber, value));
		if (!memos.length) {
			throw new NodeOperationError(this.getNode(), `Xoro has no credit memo with ${findBy === 'thirdPartyRefNo' ? 'ThirdPartyRefNo' : 'number'} "${value}"`, { itemIndex });
		}
		const zone = await xoroTimeZone(this, itemIndex);
		return memos.map((m) => creditMemoJson(m, zone));
	});
	return [output];
}

export const operation: XoroOperation = {
	option: { name: 'Get', value: 'get', action: 'Get a credit memo', description: 'Get credit memos by number or third-party reference' },
	description,
	execute,
};
