/**
 * The peer bench's Loop returns and what Xoro made of them. Every import reads the open returns of the
 * last hour, so a batch is added (now, open) right before its import and closed in Loop once measured:
 * the next import finds only its own batch. The scenario's own returns are older than a few hours.
 * Every batch is the same: return i is of the i-th scenario order whose first line has a SKU (one line).
 */
import type { Simulators } from '../../simulators';
import { variantById } from '../../simulators/scenario';
import { importedReturn } from '../../e2e/chain/xoroDocs';

/** Loop return ids of the peer bench (the scenario's are 250447xx and 26xxxxxx, the credit side's 27xxxxxx) */
const FIRST_ID = 28000000;

export interface Batches {
	/** Adds `n` open returns to Loop; returns their ids */
	add(n: number): string[];
	/** Loop closes them: the next import does not read them */
	close(ids: string[]): void;
}

export function loopBatches(sims: Simulators): Batches {
	const orders = sims.scenario.orders.filter((o) => variantById(sims.scenario, o.lines[0].variantId).sku);
	let next = FIRST_ID;
	return {
		add: (n) =>
			Array.from({ length: n }, (_, i) => {
				const order = orders[i % orders.length];
				const id = String(next++);
				const lines = [{ lineItemId: `${id}1`, orderLineItemId: order.lines[0].lineItemId, variantId: order.lines[0].variantId, reason: 'Too small' }];
				return sims.loop.addReturn({ id, orderId: order.id, lines }).id;
			}),
		close: (ids) => {
			for (const id of ids) sims.loop.updateReturn(id, { state: 'closed' });
		},
	};
}

export interface InXoro {
	/** Live RMAs beyond the first per Loop return, and live ASNs beyond the first */
	extraRmas: number;
	extraAsns: number;
	/** Loop returns without a live RMA or without a live ASN */
	missing: number;
}

/** What the Xoro simulator holds for these Loop returns (live documents, by ThirdPartyRefNo). */
export function inXoro(sims: Simulators, ids: string[]): InXoro {
	const docs = ids.map((id) => importedReturn(sims.xoro, id));
	return {
		extraRmas: docs.reduce((n, d) => n + Math.max(0, d.rmas - 1), 0),
		extraAsns: docs.reduce((n, d) => n + Math.max(0, d.asns - 1), 0),
		missing: docs.filter((d) => d.rmas === 0 || d.asns === 0).length,
	};
}
