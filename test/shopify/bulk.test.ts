import { shopifyTransportTuning } from '../../nodes/Shopify/transport';
import type { ShopifyRedemption } from '../../nodes/mapping/contracts';
import { loopProcessed, run, startFixture, transactions, windowAroundNow, type Fixture } from './fixtures';

const saved = { ...shopifyTransportTuning };

describe('bulk operation path', () => {
	let f: Fixture;
	beforeEach(async () => {
		Object.assign(shopifyTransportTuning, { bulkPollMs: 50 });
		f = await startFixture();
	});
	afterEach(async () => {
		Object.assign(shopifyTransportTuning, saved);
		await f.sim.close();
	});

	it('reads every Loop credit of a long window through one bulk operation and its JSONL file', async () => {
		for (let i = 0; i < 300; i++) {
			f.sim.applyLoopOutcome({ ...loopProcessed(f.scenario, '25044701', 'credit'), returnId: String(28000000 + i) });
		}
		f.sim.setBulkDelay(300);
		const credits = transactions(await run(f, { operation: 'getLoopCredits', useBulkOperation: true, ...windowAroundNow() }));
		expect(credits).toHaveLength(300);
		const operations = f.sim.calls.map((c) => c.operationName);
		expect(operations[0]).toBe('BulkRun');
		expect(operations.filter((o) => o === 'BulkStatus').length).toBeGreaterThan(1);
		expect(operations).not.toContain('LoopGiftCards');
		expect(f.sim.requests.some((r) => r.method === 'GET' && /\/bulk-results\/\d+\.jsonl$/.test(r.path))).toBe(true);
		// Same answer as paging.
		const paged = transactions(await run(f, { operation: 'getLoopCredits', ...windowAroundNow() }));
		expect(paged.map((t) => t.id)).toEqual(credits.map((t) => t.id));
	});

	it('reads gift-card redemptions through a bulk operation', async () => {
		f.sim.applyLoopOutcome(loopProcessed(f.scenario, '25044701', 'credit'));
		const card = f.sim.store.giftCards.at(-1)!;
		f.sim.spendGiftCard({ giftCardId: card.id, amount: 12 });
		const [redemption] = transactions(
			await run(f, { operation: 'getGiftCardRedemptions', useBulkOperation: true, ...windowAroundNow() }),
		) as ShopifyRedemption[];
		expect(redemption).toMatchObject({ kind: 'redemption', amount: 12, giftCardId: `gid://shopify/GiftCard/${card.id}`, loopReturnId: '25044701' });
	});

	it('reports a failed bulk operation with its error code', async () => {
		f.sim.grantToken('shpat_no_gift_cards', ['read_orders', 'read_all_orders', 'read_returns']);
		const credentials = { ...f.credentials, accessToken: 'shpat_no_gift_cards' };
		await expect(
			run(f, { operation: 'getLoopCredits', useBulkOperation: true, ...windowAroundNow() }, { credentials }),
		).rejects.toThrow(/bulk operation ended FAILED \(ACCESS_DENIED\)/);
	});
});
