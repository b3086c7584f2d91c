import { XoroRma } from '../../nodes/Xoro/XoroRma.node';
import { runNode } from '../harness/n8n';
import { loopReturnItem, useSim } from './fixtures';

const node = new XoroRma();

const xoro = useSim();

const createParams = { resource: 'rma', operation: 'createFromLoopReturn', storeCode: 'MAIN' };

describe('Xoro RMA: Create from Loop Return', () => {
	it('creates one RMA line per SKU with quantities summed over Loop units', async () => {
		const [out] = await runNode(node, { parameters: createParams, items: [loopReturnItem(xoro.scenario, '25044701') as never], credentials: xoro.credentials });
		expect(out).toHaveLength(1);
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(out[0].json).toMatchObject({ alreadyExisted: false, loopReturnId: '25044701', status: 'Open', customerName: 'Ada Lovelace', refNo: '1001' });
		expect(JSON.stringify(out)).not.toMatch(/xoro-secret|Authorization|Basic /);
		expect(xoro.sim.state.rmas).toHaveLength(1);
		const stored = xoro.sim.state.rmas[0];
		expect(stored.RmaHeader).toMatchObject({ ThirdPartyRefNo: '25044701', ThirdPartySource: 'Loop', StoreCode: 'MAIN', CurrencyCode: 'USD' });
		expect(stored.RmaItemLineArr.map((l) => [l.ItemNumber, l.Qty, l.UnitPrice])).toEqual([
			['TEE-PM-S', 2, 29.99],
			['CAP-NAVY', 1, 19.5],
		]);
	});

	it('is idempotent: a second run returns the same RMA with alreadyExisted and creates nothing', async () => {
		const item = loopReturnItem(xoro.scenario, '25044702') as never;
		const [first] = await runNode(node, { parameters: createParams, items: [item], credentials: xoro.credentials });
		const [second] = await runNode(node, { parameters: createParams, items: [item], credentials: xoro.credentials });
		expect(xoro.sim.state.rmas).toHaveLength(1);
		expect(second[0].json).toMatchObject({ alreadyExisted: true, rmaNumber: first[0].json.rmaNumber });
		expect(xoro.sim.requests.filter((r) => r.path.endsWith('/rma/create'))).toHaveLength(1);
	});

	it('resolves a line without SKU through the barcode in Xoro\'s item master', async () => {
		const [out] = await runNode(node, { parameters: createParams, items: [loopReturnItem(xoro.scenario, '25044703') as never], credentials: xoro.credentials });
		expect(out[0].json.alreadyExisted).toBe(false);
		expect(xoro.sim.state.rmas[0].RmaItemLineArr.map((l) => l.ItemNumber)).toEqual(['TEE-PM-L', 'SOCK-3PK']);
		expect(xoro.sim.requests.some((r) => r.path.endsWith('/product/item/getitem'))).toBe(true);
	});

	it('a create whose answer is lost (HTTP 500 after Xoro applied it) is not sent again', async () => {
		xoro.sim.loseAnswers('/rma/create');
		const [out] = await runNode(node, { parameters: createParams, items: [loopReturnItem(xoro.scenario, '25044701') as never], credentials: xoro.credentials });
		expect(xoro.sim.state.rmas).toHaveLength(1);
		expect(xoro.sim.requests.filter((r) => r.path.endsWith('/rma/create'))).toHaveLength(1);
		expect(out[0].json).toMatchObject({ alreadyExisted: false, loopReturnId: '25044701' });
	});

	it('a create that Xoro did not apply (HTTP 500, throttled, empty answer) is retried until it lands once', async () => {
		xoro.sim.faults.add([
			{ kind: 'serverError', path: '/rma/create', times: 1 },
			{ kind: 'rateLimit', path: '/rma/create', times: 1 },
			{ kind: 'empty', path: '/rma/create', times: 1 },
		]);
		await runNode(node, { parameters: createParams, items: [loopReturnItem(xoro.scenario, '25044701') as never], credentials: xoro.credentials });
		expect(xoro.sim.state.rmas).toHaveLength(1);
		expect(xoro.sim.requests.filter((r) => r.path.endsWith('/rma/create'))).toHaveLength(4);
	});

	it('reports Xoro\'s validation message for the item, and continueOnFail keeps the other items', async () => {
		const good = loopReturnItem(xoro.scenario, '25044701');
		const [out] = await runNode(node, {
			parameters: { ...createParams, customerName: '={{ $json.id === "25044702" ? "Nobody" : "" }}' },
			items: [good as never, loopReturnItem(xoro.scenario, '25044702') as never, { id: '', lineItems: [] }],
			credentials: xoro.credentials,
			continueOnFail: true,
		});
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json).toMatchObject({ loopReturnId: '25044701', alreadyExisted: false });
		expect(out[1].json.error).toBe("Xoro: Customer 'Nobody' does not exist.");
		expect(out[2].json.error).toBe('Input item 2 is not a Loop return: field "id" is missing');
		expect(xoro.sim.state.rmas).toHaveLength(1);
	});

	it('without continueOnFail, an unresolvable line fails with the item index and the line named', async () => {
		const ret = loopReturnItem(xoro.scenario, '25044703');
		ret.lineItems[1].barcode = '0000000000000';
		const error = await runNode(node, { parameters: createParams, items: [ret as never], credentials: xoro.credentials }).catch((e) => e);
		expect(error.message).toContain(`Loop return 25044703 cannot become a Xoro RMA: line ${ret.lineItems[1].lineItemId}: "Socks 3-pack" has no SKU and no Xoro item has barcode 0000000000000`);
		expect(error.context.itemIndex).toBe(0);
		expect(xoro.sim.state.rmas).toHaveLength(0);
	});

	it('uses a user mapping instead of the item master', async () => {
		const [out] = await runNode(node, {
			parameters: { ...createParams, itemMapping: { mappings: [{ shopifyKey: '41845504835735', itemNumber: 'SOCK-3PK' }] } },
			items: [loopReturnItem(xoro.scenario, '25044703') as never],
			credentials: xoro.credentials,
		});
		expect(out[0].json.lines).toEqual(expect.arrayContaining([expect.objectContaining({ itemNumber: 'SOCK-3PK', qty: 1 })]));
		expect(xoro.sim.requests.some((r) => r.path.endsWith('/product/item/getitem'))).toBe(false);
	});

	it('uses a mapping table (rows as a Data Table node gives them), and a mapping in the node wins over it', async () => {
		const rows = [
			{ id: 1, shopifyKey: 'TEE-PM-L', itemNumber: 'CAP-NAVY', createdAt: '2026-12-02T08:00:00.000Z' },
			{ id: 2, shopifyKey: '', itemNumber: 'IGNORED' },
			{ id: 3, shopifyKey: '41845504835735', itemNumber: 'TEE-PM-S' },
		];
		const [out] = await runNode(node, {
			parameters: { ...createParams, itemMapping: { tables: [{ rows: JSON.stringify(rows) }], mappings: [{ shopifyKey: '41845504835735', itemNumber: 'SOCK-3PK' }] } },
			items: [loopReturnItem(xoro.scenario, '25044703') as never],
			credentials: xoro.credentials,
		});
		const itemNumbers = (out[0].json.lines as Array<{ itemNumber: string }>).map((l) => l.itemNumber).sort();
		expect(itemNumbers).toEqual(['CAP-NAVY', 'SOCK-3PK']);
	});
});

describe('Xoro RMA: Get and Get Many', () => {
	it('gets an RMA by number and searches by third-party ref and status', async () => {
		for (const id of ['25044701', '25044702']) {
			await runNode(node, { parameters: createParams, items: [loopReturnItem(xoro.scenario, id) as never], credentials: xoro.credentials });
		}
		const [got] = await runNode(node, { parameters: { resource: 'rma', operation: 'get', rmaNumber: 'MAIN-R000002' }, credentials: xoro.credentials });
		expect(got[0].json).toMatchObject({ rmaNumber: 'MAIN-R000002', loopReturnId: '25044702' });
		await expect(runNode(node, { parameters: { resource: 'rma', operation: 'get', rmaNumber: 'MAIN-R000099' }, credentials: xoro.credentials })).rejects.toThrow(
			'Xoro has no RMA MAIN-R000099',
		);
		const [byRef] = await runNode(node, { parameters: { resource: 'rma', operation: 'getMany', returnAll: true, filters: { thirdPartyRefNo: '25044701' } }, credentials: xoro.credentials });
		expect(byRef.map((i) => i.json.rmaNumber)).toEqual(['MAIN-R000001']);
		const [open] = await runNode(node, { parameters: { resource: 'rma', operation: 'getMany', returnAll: false, limit: 1, filters: { status: 'Open' } }, credentials: xoro.credentials });
		expect(open).toHaveLength(1);
		const [future] = await runNode(node, {
			parameters: { resource: 'rma', operation: 'getMany', returnAll: true, filters: { createdAfter: new Date(Date.now() + 86_400_000).toISOString() } },
			credentials: xoro.credentials,
		});
		expect(future).toHaveLength(0);
	});
});
