import { XoroRma } from '../../nodes/Xoro/XoroRma.node';
import { runNode } from '../harness/n8n';
import type { XoroSimulator } from '../simulators/xoro';
import type { Scenario } from '../simulators/scenario';
import { fastRetries, loopReturnItem, startSim } from './fixtures';

const node = new XoroRma();
let sim: XoroSimulator;
let scenario: Scenario;
let credentials: Awaited<ReturnType<typeof startSim>>['credentials'];

beforeAll(fastRetries);
beforeEach(async () => {
	({ sim, scenario, credentials } = await startSim());
});
afterEach(async () => sim.close());

const createParams = { resource: 'rma', operation: 'createFromLoopReturn', storeCode: 'MAIN' };

describe('Xoro RMA: Create from Loop Return', () => {
	it('creates one RMA line per SKU with quantities summed over Loop units', async () => {
		const [out] = await runNode(node, { parameters: createParams, items: [loopReturnItem(scenario, '25044701') as never], credentials });
		expect(out).toHaveLength(1);
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(out[0].json).toMatchObject({ alreadyExisted: false, loopReturnId: '25044701', status: 'Open', customerName: 'Ada Lovelace', refNo: '1001' });
		expect(sim.state.rmas).toHaveLength(1);
		const stored = sim.state.rmas[0];
		expect(stored.RmaHeader).toMatchObject({ ThirdPartyRefNo: '25044701', ThirdPartySource: 'Loop', StoreCode: 'MAIN', CurrencyCode: 'USD' });
		expect(stored.RmaItemLineArr.map((l) => [l.ItemNumber, l.Qty, l.UnitPrice])).toEqual([
			['TEE-PM-S', 2, 29.99],
			['CAP-NAVY', 1, 19.5],
		]);
	});

	it('is idempotent: a second run returns the same RMA with alreadyExisted and creates nothing', async () => {
		const item = loopReturnItem(scenario, '25044702') as never;
		const [first] = await runNode(node, { parameters: createParams, items: [item], credentials });
		const [second] = await runNode(node, { parameters: createParams, items: [item], credentials });
		expect(sim.state.rmas).toHaveLength(1);
		expect(second[0].json).toMatchObject({ alreadyExisted: true, rmaNumber: first[0].json.rmaNumber });
		expect(sim.requests.filter((r) => r.path.endsWith('/rma/create'))).toHaveLength(1);
	});

	it('resolves a line without SKU through the barcode in Xoro\'s item master', async () => {
		const [out] = await runNode(node, { parameters: createParams, items: [loopReturnItem(scenario, '25044703') as never], credentials });
		expect(out[0].json.alreadyExisted).toBe(false);
		expect(sim.state.rmas[0].RmaItemLineArr.map((l) => l.ItemNumber)).toEqual(['TEE-PM-L', 'SOCK-3PK']);
		expect(sim.requests.some((r) => r.path.endsWith('/product/item/getitem'))).toBe(true);
	});
});
