import { XoroAsn } from '../../nodes/Xoro/XoroAsn.node';
import { XoroRma } from '../../nodes/Xoro/XoroRma.node';
import { runNode } from '../harness/n8n';
import { loopReturnItem, useSim } from './fixtures';

// The merchant's tables on Create From Loop Return (issue 9 §2), booked in the Xoro simulator.
const rmaNode = new XoroRma();
const asnNode = new XoroAsn();
const xoro = useSim();

const createParams = { resource: 'rma', operation: 'createFromLoopReturn', storeCode: 'MAIN' };
/** The rows as the templates' Data Table nodes give them: n8n's id alongside, every cell text. */
const storeTable = { tables: [{ rows: JSON.stringify([{ id: 1, destinationId: '7295', storeCode: 'EAST' }]) }] };
const reasonTable = { tables: [{ rows: JSON.stringify([{ id: 1, loopReason: 'too small', reasonCode: 'FIT' }]) }] };

function returnTo(destinationId: number) {
	const ret = loopReturnItem(xoro.scenario, '25044701');
	ret.raw = { ...ret.raw, destination_id: destinationId };
	return ret;
}

describe('Xoro RMA: Create From Loop Return with the merchant\'s tables', () => {
	beforeEach(() => xoro.sim.state.otherStoreCodes.push('EAST'));

	it('books the RMA to the store of its Loop destination with the mapped reason code, and its ASN to the same store', async () => {
		const [out] = await runNode(rmaNode, {
			parameters: { ...createParams, options: { storeByDestination: storeTable, reasonCodes: reasonTable } },
			items: [returnTo(7295) as never],
			credentials: xoro.credentials,
		});
		expect(out[0].json).toMatchObject({ alreadyExisted: false, storeCode: 'EAST' });
		const [stored] = xoro.sim.state.rmas;
		expect(stored.RmaHeader.StoreCode).toBe('EAST');
		expect(stored.RmaItemLineArr.map((l) => [l.ItemNumber, l.ReturnReason])).toEqual([
			['TEE-PM-S', 'FIT'],
			['CAP-NAVY', 'Changed my mind'],
		]);

		// Fed the RMA node's item (no RMA read), and by RMA number alone (the RMA read): the RMA's store both ways.
		const [fromItem] = await runNode(asnNode, { parameters: { resource: 'asn', operation: 'createForRma', rmaNumber: '={{ $json.rmaNumber }}' }, items: out as never, credentials: xoro.credentials });
		expect(fromItem[0].json.alreadyExisted).toBe(false);
		xoro.sim.state.asns.length = 0;
		stored.RmaHeader.AsnNumber = null;
		await runNode(asnNode, { parameters: { resource: 'asn', operation: 'createForRma', rmaNumber: stored.RmaHeader.RmaNumber }, credentials: xoro.credentials });
		expect(xoro.sim.state.asns.map((a) => a.AsnHeaderData.StoreCode)).toEqual(['EAST']);
	});

	it('books a return whose destination is not in the table to the Store Code', async () => {
		await runNode(rmaNode, { parameters: { ...createParams, options: { storeByDestination: storeTable } }, items: [returnTo(8000) as never], credentials: xoro.credentials });
		expect(xoro.sim.state.rmas.map((r) => r.RmaHeader.StoreCode)).toEqual(['MAIN']);
	});

	it('with a Default SKU, books a line whose SKU Xoro does not have under it and says so; the item master is read once per run', async () => {
		const unknown = loopReturnItem(xoro.scenario, '25044701');
		unknown.lineItems[2].sku = 'CAP-NOT-IN-XORO';
		const [out] = await runNode(rmaNode, {
			parameters: { ...createParams, options: { defaultSku: 'SOCK-3PK' } },
			items: [unknown as never, loopReturnItem(xoro.scenario, '25044702') as never],
			credentials: xoro.credentials,
		});
		expect(xoro.sim.state.rmas[0].RmaItemLineArr.map((l) => [l.ItemNumber, l.Qty])).toEqual([['TEE-PM-S', 2], ['SOCK-3PK', 1]]);
		expect(out[0].json.defaultedLines).toEqual([
			expect.objectContaining({ lineItemId: unknown.lineItems[2].lineItemId, sku: 'CAP-NOT-IN-XORO', itemNumber: 'SOCK-3PK', reason: 'Xoro has no item CAP-NOT-IN-XORO' }),
		]);
		expect(out[1].json.defaultedLines).toBeUndefined();
		expect(xoro.sim.requests.filter((r) => r.path.endsWith('/product/item/getitem') && new URLSearchParams(r.query).get('page') === '1')).toHaveLength(1);
	});

	it('without a Default SKU, a SKU Xoro does not have fails the item with Xoro naming it, as before', async () => {
		const unknown = loopReturnItem(xoro.scenario, '25044701');
		unknown.lineItems[2].sku = 'CAP-NOT-IN-XORO';
		const error = await runNode(rmaNode, { parameters: createParams, items: [unknown as never], credentials: xoro.credentials }).catch((e) => e);
		expect(error.message).toBe("Xoro: Item 'CAP-NOT-IN-XORO' does not exist.");
		expect(xoro.sim.requests.some((r) => r.path.endsWith('/product/item/getitem'))).toBe(false);
	});
});
