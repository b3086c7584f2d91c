/**
 * Apply to Invoice waits for the invoice: Xoro invoices an order when it ships, often hours after the
 * gift card was spent. On a simulated clock (luxon's `Settings.now`, which the node reads), the
 * redemption is pending until the invoice appears an hour later, then applied exactly once; past
 * Wait for Invoice it fails.
 */
import { DateTime, Settings } from 'luxon';
import type { IDataObject } from 'n8n-workflow';
import { XoroRma } from '../../../nodes/Xoro/XoroRma.node';
import { runNode } from '../../harness/n8n';
import { useSim } from '../fixtures';
import { creditItem, newOrderPaidWithGiftCard, redemptionItem } from './transactions';

const node = new XoroRma();
const xoro = useSim();
const apply = { resource: 'creditMemo', operation: 'applyToInvoice' };
const realNow = Settings.now;

describe('Credit Memo: Apply to Invoice waits for the invoice', () => {
	let clock: DateTime;
	const at = (minutes: number) => {
		Settings.now = () => clock.plus({ minutes }).toMillis();
	};
	beforeEach(async () => {
		clock = DateTime.utc().startOf('second');
		Settings.now = () => clock.toMillis();
		await runNode(node, { parameters: { resource: 'creditMemo', operation: 'create' }, items: [creditItem(xoro.scenario) as never], credentials: xoro.credentials });
		// The order paid with the card reaches Xoro (sales order), but ships, and is invoiced, later.
		xoro.sim.importShopifyOrder(newOrderPaidWithGiftCard(xoro.scenario, 64));
		xoro.sim.holdInvoice('5000001007');
	});
	afterEach(() => {
		Settings.now = realNow;
	});

	const redemption = () => ({ ...redemptionItem(xoro.scenario, 30), occurredAt: clock.toISO() });
	const run = (staticData: IDataObject, item: IDataObject = redemption(), parameters: IDataObject = apply) =>
		runNode(node, { parameters: parameters as never, items: [item], credentials: xoro.credentials, staticData });
	const pendingIds = (staticData: IDataObject) => Object.keys(((staticData.global as IDataObject)?.pendingRedemptions ?? {}) as IDataObject);

	it('is pending while the order has no invoice, then applied once when the invoice appears an hour later', async () => {
		const staticData: IDataObject = {};
		at(1);
		const [first] = await run(staticData);
		expect(first).toHaveLength(1);
		expect(first[0].error).toBeUndefined();
		expect(first[0].pairedItem).toEqual({ item: 0 });
		expect(first[0].json).toMatchObject({
			pending: true,
			thirdPartyRefNo: '770001',
			amount: 30,
			reason: 'Input item 0: Xoro has no open invoice for order #1007 yet',
			pendingSince: clock.plus({ minutes: 1 }).toISO(),
			giveUpAt: clock.plus({ days: 60 }).toISO(),
		});
		expect(pendingIds(staticData)).toEqual(['gid://shopify/OrderTransaction/770001']);

		// Still not shipped 15 minutes later: still pending, since the first time.
		at(16);
		const [second] = await run(staticData);
		expect(second[0].json).toMatchObject({ pending: true, pendingSince: clock.plus({ minutes: 1 }).toISO() });
		expect(xoro.sim.state.creditApplications).toEqual([]);

		at(60);
		xoro.sim.shipOrder('5000001007');
		at(61);
		const [third] = await run(staticData);
		expect(third[0].json).toMatchObject({ alreadyExisted: false, amount: 30, thirdPartyRefNo: '770001' });
		expect(third[0].json.pending).toBeUndefined();
		expect(pendingIds(staticData)).toEqual([]);

		at(76);
		const [fourth] = await run(staticData);
		expect(fourth[0].json).toMatchObject({ alreadyExisted: true });
		expect(xoro.sim.state.creditApplications).toEqual([expect.objectContaining({ ThirdPartyRefNo: '770001', Amount: 30 })]);
		expect(xoro.sim.state.invoices.find((i) => i.InvoiceHeader.ThirdPartyRefNo === '5000001007')!.InvoiceHeader.BalanceAmount).toBe(34);
	});

	it('fails the item once Wait for Invoice has passed since the card was spent, and forgets it', async () => {
		const staticData: IDataObject = {};
		at(1);
		await run(staticData, redemption(), { ...apply, invoiceWaitDays: 2 });
		expect(pendingIds(staticData)).toHaveLength(1);
		at(2 * 24 * 60);
		const [out] = await runNode(node, {
			parameters: { ...apply, invoiceWaitDays: 2 },
			items: [redemption()],
			credentials: xoro.credentials,
			staticData,
			continueOnFail: true,
		});
		expect(out[0].error).toBeDefined();
		expect(out[0].json.error).toBe('Input item 0: Xoro has no open invoice for order #1007 yet, 2 days after the gift card was spent');
		expect(out[0].json.description).toMatch(/waited 2 days \(Wait for Invoice\) and no longer tries/);
		expect(pendingIds(staticData)).toEqual([]);
		expect(xoro.sim.state.creditApplications).toEqual([]);
	});
});
