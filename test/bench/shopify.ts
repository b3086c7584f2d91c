/**
 * Shopify's figures: Shopify Transactions → Get All over a window holding `perKind` credits, refunds,
 * exchange orders and redemptions, counted from the Shopify simulator's request log (and its GraphQL
 * call log for which queries they were). Its items feed the Xoro credit-side figures.
 */
import type { INodeExecutionData } from 'n8n-workflow';
import { counted, tally } from './count';
import { measureRows, type Row } from './table';
import type { CreditWorld } from './world';

export async function shopifyRows(world: CreditWorld): Promise<{ rows: Row[]; items: INodeExecutionData[] }> {
	let items: INodeExecutionData[] = [];
	const { shopify } = world.sims;
	const rows = await measureRows(
		{ getAll: { operation: `Shopify Transactions: Get All, ${world.perKind} of each kind`, floor: '≈10', target: '≤ 15 (1.5× floor)' } },
		async (put) => {
			shopify.calls.length = 0;
			const run = await counted(shopify, () => world.readShopify({ operation: 'getAll' }));
			items = run.result;
			const found = tally(items.map((i) => String(i.json.kind)));
			const queries = tally(shopify.calls.map((c) => `${c.operationName ?? 'anonymous'}${c.outcome === 'ok' ? '' : ` (${c.outcome})`}`));
			put('getAll', {
				measured: `${run.requests} requests`,
				detail: `found ${found}; queries: ${queries}${run.notOk ? `; ${run.notOk} not HTTP 200` : ''}; ${Math.round(run.ms)} ms`,
			});
		},
	);
	return { rows, items };
}
