/** The States parameter of Get Many and the trigger, and what it asks the transport for. */
import type { INodeProperties } from 'n8n-workflow';
import type { LoopReturnState } from '../../mapping/contracts';

export function statesProperty(description: string): INodeProperties {
	return {
		displayName: 'States',
		name: 'states',
		type: 'multiOptions',
		default: ['all'],
		description,
		options: [
			{ name: 'All', value: 'all' },
			{ name: 'Cancelled', value: 'cancelled' },
			{ name: 'Closed', value: 'closed' },
			{ name: 'Expired', value: 'expired' },
			{ name: 'Open', value: 'open' },
			{ name: 'Review (Flagged)', value: 'review' },
		],
	};
}

/** Nothing chosen, or "All", is 'all': the transport then adds the passes Loop leaves out by default. */
export function chosenStates(chosen: string[]): 'all' | LoopReturnState[] {
	return !chosen.length || chosen.includes('all') ? 'all' : (chosen as LoopReturnState[]);
}
