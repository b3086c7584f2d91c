import { startSimulators, type Simulators } from '../simulators';
import { eventually } from '../harness/wait';
import { fastTuning, LOOP_KEY } from './tuning';
import { runNode } from '../harness/n8n';
import { LoopReturn } from '../../nodes/Loop/LoopReturn.node';

describe('Loop simulator inside startSimulators', () => {
	let sims: Simulators;
	const restore = fastTuning();
	beforeAll(async () => {
		sims = await startSimulators();
	}, 30_000);
	afterAll(async () => {
		await sims.close();
		restore.reset();
	});

	it('a return processed through the node closes in Loop and reaches Shopify as an outcome', async () => {
		const spy = jest.spyOn(sims.shopify, 'applyLoopOutcome');
		await runNode(new LoopReturn(), {
			parameters: { operation: 'process', returnId: { __rl: true, mode: 'id', value: '25044701' } } as never,
			credentials: { loopReturnsApi: { apiKey: LOOP_KEY, baseUrl: sims.loop.baseUrl } },
		});
		await eventually(() => sims.loop.getReturn('25044701')?.state === 'closed', 5000);
		expect(sims.loop.getReturn('25044701')?.state).toBe('closed');
		expect(spy).toHaveBeenCalledWith(expect.objectContaining({ returnId: '25044701', outcome: 'credit', amount: 79.48 }));
	}, 15_000);
});
