/**
 * "On Error: Continue (using error output)" for Shopify Transactions: n8n routes an item to the error
 * output when it carries `error` (WorkflowExecute.handleNodeErrorOutput). Before the shared runner the
 * node left it off, so failures went down the success output.
 */
import { searchValue } from '../../nodes/Shopify/actions/getExchangeOrders.operation';
import { run, startFixture, windowAroundNow, type Fixture } from './fixtures';

let f: Fixture;
beforeAll(async () => {
	f = await startFixture();
});
afterAll(() => f.sim.close());

it('a failed item carries its error and its pairing; the next item still reads', async () => {
	const window = windowAroundNow(24 * 30);
	const [out] = await run(
		f,
		{ operation: 'getLoopCredits', windowMode: 'range', since: '={{ $json.since }}', until: window.until as string },
		{ items: [{ since: 'not a date' }, { since: window.since as string }], continueOnFail: true },
	);
	expect(out[0]).toMatchObject({ json: { error: '"Since" of item 0 is not a date: "not a date"' }, pairedItem: { item: 0 } });
	expect(out[0].error?.message).toBe(out[0].json.error);
	expect(out.slice(1).every((item) => JSON.stringify(item.pairedItem) === JSON.stringify({ item: 1 }) && !item.error)).toBe(true);
	expect(f.sim.calls.length).toBeGreaterThan(0);
});

it('an unknown operation is refused per item, naming it, instead of a TypeError', async () => {
	const error = await run(f, { operation: 'getEverything', ...windowAroundNow() }).catch((e: Error) => e);
	expect((error as Error).message).toBe('Unknown operation "getEverything"');
});

it('quotes search values with both the quote and the backslash escaped', () => {
	expect(searchValue('EXC-*')).toBe('EXC-*');
	expect(searchValue("a'b\\c")).toBe("'a\\'b\\\\c'");
});
