/**
 * Xoro RMA → Credit Memo → Apply to Invoice: a Loop gift card spent on a later order applies the
 * card's credit memo to that order's invoice, once per redemption transaction.
 */
import { XoroRma } from '../../../nodes/Xoro/XoroRma.node';
import { runNode } from '../../harness/n8n';
import { useSim } from '../fixtures';
import { creditItem, newOrderPaidWithGiftCard, redemptionItem } from './transactions';

const node = new XoroRma();

const xoro = useSim();

const apply = { resource: 'creditMemo', operation: 'applyToInvoice' };
const applyPosts = () => xoro.sim.requests.filter((r) => r.path.endsWith('/creditmemo/applytoinvoice')).length;

async function bookCardAndSpendIt(total = 64) {
	await runNode(node, { parameters: { resource: 'creditMemo', operation: 'create' }, items: [creditItem(xoro.scenario) as never], credentials: xoro.credentials });
	xoro.sim.importShopifyOrder(newOrderPaidWithGiftCard(xoro.scenario, total));
	return xoro.sim.state.invoices.find((i) => i.InvoiceHeader.ThirdPartyRefNo === '5000001007')!;
}

describe('Credit Memo: Apply to Invoice', () => {
	it('applies the card amount to the new order\'s invoice and moves both balances', async () => {
		const invoice = await bookCardAndSpendIt();
		const [out] = await runNode(node, { parameters: apply, items: [redemptionItem(xoro.scenario, 30) as never], credentials: xoro.credentials });
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(out[0].json).toMatchObject({
			alreadyExisted: false,
			thirdPartyRefNo: '770001',
			creditMemoNumber: 'MAIN-C000001',
			invoiceNumber: invoice.InvoiceHeader.InvoiceNumber,
			amount: 30,
			creditMemo: { remainingAmount: 49.48, status: 'Partially Applied' },
			invoice: { balanceDue: 34 },
		});
		expect(invoice.InvoiceHeader.BalanceAmount).toBe(34);
		expect(xoro.sim.state.creditApplications).toEqual([expect.objectContaining({ ThirdPartyRefNo: '770001', Amount: 30 })]);
	});

	it('is idempotent per redemption: a rerun finds the application and applies nothing', async () => {
		const invoice = await bookCardAndSpendIt();
		const item = redemptionItem(xoro.scenario, 30) as never;
		await runNode(node, { parameters: apply, items: [item], credentials: xoro.credentials });
		const [second] = await runNode(node, { parameters: apply, items: [item, item], credentials: xoro.credentials });
		expect(second.map((o) => o.json.alreadyExisted)).toEqual([true, true]);
		expect(applyPosts()).toBe(1);
		expect(xoro.sim.state.creditApplications).toHaveLength(1);
		expect(invoice.InvoiceHeader.BalanceAmount).toBe(34);
	});

	it('applies a second redemption of the same card separately', async () => {
		const invoice = await bookCardAndSpendIt();
		await runNode(node, { parameters: apply, items: [redemptionItem(xoro.scenario, 30, '770001'), redemptionItem(xoro.scenario, 20, '770002')] as never[], credentials: xoro.credentials });
		expect(xoro.sim.state.creditApplications.map((a) => a.ThirdPartyRefNo)).toEqual(['770001', '770002']);
		expect(invoice.InvoiceHeader.BalanceAmount).toBe(14);
	});

	it('explains when the card has no credit memo yet', async () => {
		xoro.sim.importShopifyOrder(newOrderPaidWithGiftCard(xoro.scenario));
		await expect(runNode(node, { parameters: apply, items: [redemptionItem(xoro.scenario) as never], credentials: xoro.credentials })).rejects.toThrow(
			'Input item 0: Xoro has no credit memo for gift card 539685323008',
		);
	});

	it('explains when the order is not invoiced in Xoro yet and Wait for Invoice is 0', async () => {
		await runNode(node, { parameters: { resource: 'creditMemo', operation: 'create' }, items: [creditItem(xoro.scenario) as never], credentials: xoro.credentials });
		const params = { ...apply, invoiceWaitDays: 0 };
		await expect(runNode(node, { parameters: params, items: [redemptionItem(xoro.scenario) as never], credentials: xoro.credentials })).rejects.toThrow(
			'Input item 0: Xoro has no open invoice for order #1007 yet',
		);
		expect(applyPosts()).toBe(0);
	});

	it('reports Xoro\'s refusal to over-apply per item with Continue On Fail', async () => {
		await bookCardAndSpendIt(200);
		const items = [redemptionItem(xoro.scenario, 100, '770003'), redemptionItem(xoro.scenario, 20, '770004')] as never[];
		const [out] = await runNode(node, { parameters: apply, items, credentials: xoro.credentials, continueOnFail: true });
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out[0].json.error).toBe('Xoro: Amount 100 exceeds the remaining credit 79.48 of credit memo MAIN-C000001.');
		expect(out[1].json).toMatchObject({ alreadyExisted: false, amount: 20 });
		expect(xoro.sim.state.creditApplications).toHaveLength(1);
	});

	it('rejects a credit item with a clear message', async () => {
		await expect(runNode(node, { parameters: apply, items: [creditItem(xoro.scenario) as never], credentials: xoro.credentials })).rejects.toThrow(
			'Input item 0: Expected a Shopify Transactions "redemption" item, got a "credit" item',
		);
	});

	it('warns when Xoro confirms an application that its credit memo read does not list', async () => {
		await bookCardAndSpendIt();
		// An override pointing at a route that answers Result:true but applies nothing stands in for a
		// tenant whose memo read does not list applications.
		const params = { ...apply, endpointPaths: { creditApply: 'GET product/item/getitem' } };
		const [out] = await runNode(node, { parameters: params, items: [redemptionItem(xoro.scenario, 30) as never], credentials: xoro.credentials });
		expect(out[0].json).toMatchObject({ alreadyExisted: false, creditMemoNumber: 'MAIN-C000001', amount: 30 });
		expect(out[0].json.warning).toMatch(/rerun cannot detect it/);
		expect(xoro.sim.requests.filter((r) => r.path.endsWith('/product/item/getitem'))).toHaveLength(1);
	});

	it('reads the application back after a lost answer instead of applying twice', async () => {
		await bookCardAndSpendIt();
		// The first apply answers HTTP 500 before Xoro applies it; the retry applies once.
		xoro.sim.faults.add({ kind: 'serverError', path: '/creditmemo/applytoinvoice', times: 1 });
		const [out] = await runNode(node, { parameters: apply, items: [redemptionItem(xoro.scenario, 30) as never], credentials: xoro.credentials });
		expect(out[0].json.alreadyExisted).toBe(false);
		expect(xoro.sim.state.creditApplications).toHaveLength(1);
		expect(applyPosts()).toBe(2);
	});
});
