/** Xoro RMA → Credit Memo: Get and Get Many, with Xoro's paging and a misbehaving envelope. */
import { XoroRma } from '../../../nodes/Xoro/XoroRma.node';
import { runNode } from '../../harness/n8n';
import { useSim } from '../fixtures';
import { creditItem, refundItem } from './transactions';

const node = new XoroRma();

const xoro = useSim();
beforeEach(async () => {
	// Five store-credit memos (five gift cards) and one refunded memo.
	const cards = ['101', '102', '103', '104', '105'].map((n) => creditItem(xoro.scenario, n) as never);
	await runNode(node, { parameters: { resource: 'creditMemo', operation: 'create' }, items: cards, credentials: xoro.credentials });
	await runNode(node, { parameters: { resource: 'creditMemo', operation: 'createRefunded' }, items: [refundItem(xoro.scenario) as never], credentials: xoro.credentials });
});

const getMany = { resource: 'creditMemo', operation: 'getMany' };

describe('Credit Memo: Get Many', () => {
	it('returns every memo with Return All', async () => {
		const [out] = await runNode(node, { parameters: { ...getMany, returnAll: true }, credentials: xoro.credentials });
		expect(out.map((o) => o.json.creditMemoNumber)).toEqual(['MAIN-C000001', 'MAIN-C000002', 'MAIN-C000003', 'MAIN-C000004', 'MAIN-C000005', 'MAIN-C000006']);
		expect(out.every((o) => (o.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('stops at the limit', async () => {
		const [out] = await runNode(node, { parameters: { ...getMany, returnAll: false, limit: 2 }, credentials: xoro.credentials });
		expect(out).toHaveLength(2);
	});

	it('filters by status and third-party reference', async () => {
		const [refunded] = await runNode(node, { parameters: { ...getMany, returnAll: true, filters: { status: 'Refunded' } }, credentials: xoro.credentials });
		expect(refunded.map((o) => o.json.thirdPartyRefNo)).toEqual(['990001']);
		const [byRef] = await runNode(node, { parameters: { ...getMany, returnAll: true, filters: { thirdPartyRefNo: '103' } }, credentials: xoro.credentials });
		expect(byRef.map((o) => o.json.creditMemoNumber)).toEqual(['MAIN-C000003']);
		expect(xoro.sim.requests.at(-1)!.query).toContain('third_party_ref_no=103');
	});

	it('sends date filters in Xoro\'s date-time format', async () => {
		const [out] = await runNode(node, { parameters: { ...getMany, returnAll: true, filters: { createdAfter: '2000-01-01T00:00:00Z' } }, credentials: xoro.credentials });
		expect(out).toHaveLength(6);
		expect(new URLSearchParams(xoro.sim.requests.at(-1)!.query).get('created_at_min')).toBe('01/01/2000 12:00:00 AM');
	});

	it('retries a malformed body and then reads normally', async () => {
		xoro.sim.faults.add({ kind: 'malformed', path: '/creditmemo/getcreditmemo', times: 1 });
		const [out] = await runNode(node, { parameters: { ...getMany, returnAll: true }, credentials: xoro.credentials });
		expect(out).toHaveLength(6);
	});

	it('gives up on a persistently malformed body with a clear error, per item under Continue On Fail', async () => {
		xoro.sim.faults.add({ kind: 'malformed', path: '/creditmemo/getcreditmemo' });
		const [out] = await runNode(node, { parameters: { ...getMany, returnAll: true }, credentials: xoro.credentials, continueOnFail: true });
		expect(out).toEqual([
			{
				json: expect.objectContaining({ error: expect.stringMatching(/malformed JSON body/) }),
				error: expect.objectContaining({ message: expect.stringMatching(/malformed JSON body/) }),
				pairedItem: { item: 0 },
			},
		]);
	});
});

describe('Credit Memo: Get', () => {
	it('gets by number and by third-party reference', async () => {
		const [byNumber] = await runNode(node, { parameters: { resource: 'creditMemo', operation: 'get', findBy: 'creditMemoNumber', value: 'MAIN-C000006' }, credentials: xoro.credentials });
		expect(byNumber[0].json).toMatchObject({ thirdPartyRefNo: '990001', status: 'Refunded', invoiceNumber: 'MAIN-I001002' });
		const [byRef] = await runNode(node, { parameters: { resource: 'creditMemo', operation: 'get', findBy: 'thirdPartyRefNo', value: '102' }, credentials: xoro.credentials });
		expect(byRef[0].json).toMatchObject({ creditMemoNumber: 'MAIN-C000002', remainingAmount: 79.48, lines: [{ itemNumber: 'STORE-CREDIT', qty: 1, unitPrice: 79.48 }] });
	});

	it('errors when there is no such memo', async () => {
		await expect(
			runNode(node, { parameters: { resource: 'creditMemo', operation: 'get', findBy: 'creditMemoNumber', value: 'MAIN-C999999' }, credentials: xoro.credentials }),
		).rejects.toThrow('Xoro has no credit memo with number "MAIN-C999999"');
	});
});
