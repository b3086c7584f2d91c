import type { SwitchRule } from '../stockNodes';
import type { Position, Workflow } from '../workflow';
import { clearException, logFailures } from './exceptionLog';

/** Each of `nodes` books a transaction from `source`: its failures are logged (one row per Shopify
 *  transaction, under its Loop return); booked ones clear their row. */
export function logTransactionFailures(w: Workflow, source: string, nodes: string[], position: Position, prefix = ''): void {
	const item = `$('${source}').item.json`;
	const key = { returnId: `={{ ${item}.loopReturnId || 'unknown' }}`, step: `={{ 'Shopify ' + ${item}.kind + ' ' + ${item}.id }}` };
	for (const name of nodes) w.onError(name, 'continueErrorOutput');
	clearException(w, nodes, key, position, prefix);
	logFailures(w, nodes, key, [position[0], position[1] + 200], prefix);
}

/** A Switch output for one kind of Shopify transaction (credit, refund, exchange, redemption), named for it. */
export function kindRule(kind: string): SwitchRule {
	return {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'strict' },
			conditions: [{ leftValue: '={{ $json.kind }}', rightValue: kind, operator: { type: 'string', operation: 'equals' } }],
			combinator: 'and',
		},
		renameOutput: true,
		outputKey: kind,
	};
}
