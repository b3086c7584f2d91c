import { base, type SwitchRule } from '../stockNodes';
import type { Position, Workflow } from '../workflow';

/** Failed transactions fail the run once the others are done, naming the Loop return for the error workflow. */
export function reportFailedTransactions(w: Workflow, source: string, position: Position, failing: string[]): void {
	const item = `$('${source}').item.json`;
	const report = w.node(
		'Report failed transactions',
		base.stopAndError,
		{
			errorType: 'errorMessage',
			errorMessage: `={{ 'Loop return ' + (${item}.loopReturnId || 'unknown') + ', Shopify ' + ${item}.kind + ' ' + ${item}.id + ': ' + $json.error }}`,
		},
		position,
	);
	for (const name of failing) {
		w.onError(name, 'continueErrorOutput');
		w.link(name, report, 1);
	}
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
