import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { ZodError } from 'zod';
import { pageReturns, type LoopDateFilter, type LoopListQuery } from './transport';
import { describeSchemaError, toLoopReturnItem } from './schemas';
import { admit, finishRun, startRun, type PollMemory } from './helpers/pollCursor';
import { chosenStates, statesProperty } from './helpers/states';
import { parseStamp, toUtcIso } from '../shared/dates';
import { MAX_RANGE_DAYS } from '../shared/params';
import { pollDeadline } from '../shared/deadline';

const MINUTE = 60_000;

export class LoopTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Loop Trigger',
		name: 'loopTrigger',
		icon: { light: 'file:loop.svg', dark: 'file:loop.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"] === "newOnly" ? "New returns" : "New and updated returns"}}',
		description: 'Starts the workflow when returns are created or change in Loop Returns (polling)',
		defaults: { name: 'Loop Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'loopReturnsApi', required: true }],
		properties: [
			{
				displayName: 'Trigger On',
				name: 'event',
				type: 'options',
				default: 'newAndUpdated',
				options: [
					{ name: 'New and Updated Returns', value: 'newAndUpdated', description: 'Each return once per change (e.g. open → closed)' },
					{ name: 'New Returns Only', value: 'newOnly', description: 'Each return once, when it is created' },
				],
			},
			statesProperty('Only returns in these states. Loop leaves review and cancelled out unless asked, so "All" asks for them separately.'),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Overlap (Minutes)',
						name: 'overlapMinutes',
						type: 'number',
						default: 10,
						typeOptions: { minValue: 0 },
						description: 'Each poll looks this far behind the last change it saw, so late-stamped changes are not missed; repeats are dropped',
					},
					{
						displayName: 'Returns per Request',
						name: 'pageSize',
						type: 'number',
						default: 250,
						typeOptions: { minValue: 1, maxValue: 750 },
						description: 'Page size of each list request (Loop allows 750)',
					},
					{
						displayName: 'Start From',
						name: 'startFrom',
						type: 'dateTime',
						default: '',
						description: 'On first activation, emit returns from this date on. Empty: start from now, without a backlog.',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const newOnly = this.getNodeParameter('event', 'newAndUpdated') === 'newOnly';
		const field: LoopDateFilter = newOnly ? 'created_at' : 'updated_at';
		const states = chosenStates(this.getNodeParameter('states', ['all']) as string[]);
		const options = this.getNodeParameter('options', {}) as {
			overlapMinutes?: number;
			pageSize?: number;
			startFrom?: string;
		};
		const overlapMs = Math.max(0, options.overlapMinutes ?? 10) * MINUTE;
		const pageSize = options.pageSize ?? 250;
		if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 750) {
			throw new NodeOperationError(this.getNode(), `"Page Size" must be a whole number from 1 to 750, not ${JSON.stringify(pageSize)}`);
		}
		// Read in the workflow's zone, as the date picker means it; "1" or 2024-02-30 is not a date.
		const startFrom = options.startFrom ? parseStamp(options.startFrom, this.getTimezone()) : undefined;
		if (options.startFrom && !startFrom) throw new NodeOperationError(this.getNode(), `"Start From" is not a date: "${options.startFrom}"`);
		if (startFrom && -startFrom.diffNow('days').days > MAX_RANGE_DAYS) {
			throw new NodeOperationError(this.getNode(), `"Start From" is more than ${MAX_RANGE_DAYS} days ago: start later`);
		}

		const toItem = (body: Record<string, unknown>): INodeExecutionData => {
			try {
				return { json: toLoopReturnItem(body) as unknown as IDataObject };
			} catch (error) {
				const detail = error instanceof ZodError ? describeSchemaError(error) : String(error);
				throw new NodeApiError(this.getNode(), { message: 'Unexpected return body' } as JsonObject, {
					message: `Loop sent return ${String(body.id)} in a shape that is not a return: ${detail}`,
					httpCode: '200',
				});
			}
		};

		// A test run shows one return from the default look-back and leaves the cursor alone.
		if (this.getMode() === 'manual') {
			for await (const page of pageReturns(this, { filter: field, states, pageSize: 1 })) {
				if (page.returns.length) return [[toItem(page.returns[0])]];
			}
			return null;
		}

		const staticData = this.getWorkflowStaticData('node');
		// n8n keeps static data in memory between polls even when one fails: work on a copy and
		// commit it only when the poll returns, so a failed poll forgets nothing and skips nothing.
		const memory = JSON.parse(JSON.stringify(staticData)) as PollMemory;
		const commit = () => {
			for (const key of Object.keys(staticData)) delete staticData[key];
			Object.assign(staticData, JSON.parse(JSON.stringify(memory)));
		};
		const now = new Date();
		if (memory.field !== field) {
			// First activation, or the trigger was switched between new-only and new-and-updated.
			// Loop stamps have whole seconds: start at the second, so nothing stamped in it is missed.
			const start = new Date(Math.floor((startFrom ? startFrom.toMillis() : now.getTime()) / 1000) * 1000);
			Object.assign(memory, { field, cursor: start.toISOString(), floor: start.toISOString(), emitted: {}, run: undefined });
			if (!options.startFrom) {
				commit();
				return null;
			}
		}

		const deadline = pollDeadline(this.getPollBudgetMs?.());

		const run = startRun(memory, now, overlapMs);
		memory.run = run;
		const items: INodeExecutionData[] = [];
		let complete = true;
		const query: LoopListQuery = { from: run.from, to: run.to, filter: field, states, pageSize };
		for await (const page of pageReturns(this, query, run.next)) {
			for (const body of page.returns) {
				// Loop writes some stamps without an offset (`2026-11-26 23:30:00`): UTC, whatever the server's TZ.
				const stamp = toUtcIso(body[field]);
				if (!stamp) continue;
				if (admit(memory, run, String(body.id), stamp, newOnly)) items.push(toItem(body));
			}
			if (!page.next) break;
			run.next = page.next;
			if (Date.now() >= deadline) {
				complete = false;
				break;
			}
		}
		if (complete) finishRun(memory, run, overlapMs);
		commit();
		return items.length ? [items] : null;
	}
}
