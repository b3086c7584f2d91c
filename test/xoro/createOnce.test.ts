/** The ordering and liveness rules every create-once decision rests on, its decisions on a failed create, and the batch's steps. */
import { randomUUID } from 'node:crypto';
import type { IExecuteFunctions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import {
	byDocumentNumber,
	compareDocumentNumbers,
	createOnce,
	createOnceBatch,
	isLive,
	type OnceBatchItem,
	type OnceBatchSearch,
	type OnceDocumentKind,
	type OnceOutcome,
} from '../../nodes/Xoro/actions/createOnce';
import { fastRetries } from './fixtures';

beforeAll(fastRetries);

describe('createOnce rules', () => {
	it('orders document numbers by their counter, not as text', () => {
		const numbers = ['MAIN-R000013', 'MAIN-R000012', 'MAIN-R000100', 'MAIN-R000099'];
		expect([...numbers].sort(compareDocumentNumbers)).toEqual(['MAIN-R000012', 'MAIN-R000013', 'MAIN-R000099', 'MAIN-R000100']);
		// Application ids without zero padding: 999 < 1000 although "999" > "1000" as text.
		expect(['1000', '999'].sort(compareDocumentNumbers)).toEqual(['999', '1000']);
		expect([{ n: 'MAIN-C000010' }, { n: 'MAIN-C000002' }].sort(byDocumentNumber((d: { n: string }) => d.n)).map((d) => d.n)).toEqual(['MAIN-C000002', 'MAIN-C000010']);
	});

	it('counts every status but cancelled, voided, deleted and reversed ones as live', () => {
		for (const status of ['Open', 'Approved', 'Credited', 'Closed', 'Received', 'Refunded', 'Applied', 'Released', 'Invoiced', null]) expect(isLive(status)).toBe(true);
		for (const status of ['Cancelled', 'Canceled', 'cancelled', 'Void', 'Voided', 'Deleted', 'Reversed']) expect(isLive(status)).toBe(false);
	});
});

describe('createOnce when the create itself fails', () => {
	const node: INode = { id: '1', name: 'Xoro', type: 'xoroRma', typeVersion: 1, position: [0, 0], parameters: {} };
	const ctx = { getNode: () => node } as unknown as IExecuteFunctions;
	interface Doc {
		number: string;
		status: string;
	}

	/** A Xoro that saves what `create` adds, then answers as `create` says. */
	function kindOver(docs: Doc[], create: () => void): OnceDocumentKind<Doc> {
		return {
			what: 'sales order',
			undo: 'cancel',
			reference: 'ThirdPartyRefNo 9100000009',
			numberOf: (d) => d.number,
			statusOf: (d) => d.status,
			find: async () => docs.map((d) => ({ ...d })),
			create: async () => create(),
			parseCreated: () => undefined,
			cancel: async (number) => {
				docs.find((d) => d.number === number)!.status = 'Cancelled';
			},
		};
	}
	const gaveUp = () => new NodeApiError(node, { message: 'timeout' } as JsonObject, { message: 'Xoro did not answer POST salesorder/create within 90 s (after 4 retries)' });

	it('Xoro saved ours after all, next to a concurrent execution\'s: the oldest is kept, the other cancelled', async () => {
		const docs: Doc[] = [];
		const result = await createOnce(ctx, 0, kindOver(docs, () => {
			docs.push({ number: 'MAIN-S000001', status: 'Open' }, { number: 'MAIN-S000002', status: 'Open' });
			throw gaveUp();
		}));
		expect(result).toMatchObject({ document: { number: 'MAIN-S000001' }, cancelled: ['MAIN-S000002'] });
		expect(docs.filter((d) => isLive(d.status)).map((d) => d.number)).toEqual(['MAIN-S000001']);
	});

	it('Xoro saved ours twice (a timed-out attempt, then the retry), above a concurrent execution\'s: both of ours cancelled, not left live', async () => {
		// The concurrent execution read back before ours were saved: it keeps its own and never sees ours.
		const docs: Doc[] = [];
		const result = await createOnce(ctx, 0, kindOver(docs, () => {
			docs.push({ number: 'MAIN-S000001', status: 'Open' }, { number: 'MAIN-S000002', status: 'Open' }, { number: 'MAIN-S000003', status: 'Open' });
			throw gaveUp();
		}));
		expect(result).toMatchObject({ document: { number: 'MAIN-S000001' }, alreadyExisted: true, cancelled: ['MAIN-S000002', 'MAIN-S000003'] });
		expect(docs.filter((d) => isLive(d.status)).map((d) => d.number)).toEqual(['MAIN-S000001']);
	});

	it('nothing saved: the failure is the answer', async () => {
		const docs: Doc[] = [];
		await expect(createOnce(ctx, 0, kindOver(docs, () => {
			throw gaveUp();
		}))).rejects.toThrow(/did not answer POST salesorder\/create/);
		expect(docs).toEqual([]);
	});
});

describe('createOnceBatch', () => {
	const node: INode = { id: '1', name: 'Xoro', type: 'xoroRma', typeVersion: 1, position: [0, 0], parameters: {} };
	interface Doc {
		number: string;
		status: string;
		ref: string;
	}

	/** A Xoro holding `docs`, counting the batch's searches and the per-item finds. */
	function world(docs: Doc[], read: 'all' | 'overBound' | 'fails' = 'all') {
		const calls = { searches: 0, finds: 0, creates: [] as string[] };
		const kind = (ref: string, failCreate = false): OnceDocumentKind<Doc> => ({
			what: 'RMA',
			undo: 'cancel',
			reference: `Loop return ${ref}`,
			numberOf: (d) => d.number,
			statusOf: (d) => d.status,
			find: async () => {
				calls.finds += 1;
				return docs.filter((d) => d.ref === ref).map((d) => ({ ...d }));
			},
			create: async () => {
				if (failCreate) throw new NodeOperationError(node, `Xoro refused ${ref}`);
				calls.creates.push(ref);
				const doc = { number: `MAIN-R${String(docs.length + 1).padStart(6, '0')}`, status: 'Open', ref };
				docs.push(doc);
				return { ...doc };
			},
			parseCreated: (data) => data as Doc,
			cancel: async (number) => {
				docs.find((d) => d.number === number)!.status = 'Cancelled';
			},
		});
		const search: OnceBatchSearch<Doc> = {
			read: async () => {
				calls.searches += 1;
				if (read === 'fails') throw new Error('HTTP 500');
				return read === 'overBound' ? undefined : docs.map((d) => ({ ...d }));
			},
			referenceOf: (d) => d.ref,
		};
		const item = (itemIndex: number, ref: string, failCreate = false): OnceBatchItem<Doc> => ({ itemIndex, kind: kind(ref, failCreate), reference: ref });
		return { calls, search, item };
	}
	// An account of its own per call: no claim (nodes/shared/claims.ts) carries over from another test.
	const ctxWith = (continueOnFail: boolean) =>
		({ getNode: () => node, continueOnFail: () => continueOnFail, getCredentials: async () => ({ apiKey: randomUUID() }) }) as unknown as IExecuteFunctions;
	const numbers = (outcomes: Map<number, OnceOutcome<Doc>>) => [...outcomes.entries()].sort(([a], [b]) => a - b).map(([i, o]) => [i, o instanceof Error ? o.message : o.document.number, o instanceof Error ? null : o.alreadyExisted]);

	it('one search to look up, one to read back: the existing document is named, the others created once', async () => {
		const docs: Doc[] = [{ number: 'MAIN-R000001', status: 'Open', ref: 'a' }];
		const { calls, search, item } = world(docs);
		const outcomes = await createOnceBatch(ctxWith(false), [item(0, 'a'), item(1, 'b'), item(2, 'c'), item(3, 'B')], search);
		expect(numbers(outcomes)).toEqual([
			[0, 'MAIN-R000001', true],
			[1, 'MAIN-R000002', false],
			[2, 'MAIN-R000003', false],
			[3, 'MAIN-R000002', true],
		]);
		expect(calls).toEqual({ searches: 2, finds: 0, creates: ['b', 'c'] });
	});

	it.each(['overBound', 'fails'] as const)('a search %s: each item looks up and reads back alone, with the same outcome', async (read) => {
		const docs: Doc[] = [{ number: 'MAIN-R000001', status: 'Open', ref: 'a' }];
		const { calls, search, item } = world(docs, read);
		const outcomes = await createOnceBatch(ctxWith(false), [item(0, 'a'), item(1, 'b'), item(2, 'c')], search);
		expect(numbers(outcomes)).toEqual([
			[0, 'MAIN-R000001', true],
			[1, 'MAIN-R000002', false],
			[2, 'MAIN-R000003', false],
		]);
		// The one search that told, then createOnce per item (no second search for the read-backs).
		expect(calls).toEqual({ searches: 1, finds: 3 + 2, creates: ['b', 'c'] });
	});

	it('a batch of one item is createOnce: no search', async () => {
		const { calls, search, item } = world([]);
		const outcomes = await createOnceBatch(ctxWith(false), [item(0, 'a')], search);
		expect(numbers(outcomes)).toEqual([[0, 'MAIN-R000001', false]]);
		expect(calls).toEqual({ searches: 0, finds: 2, creates: ['a'] });
	});

	it('a duplicate already live is cancelled by the look-up; without Continue On Fail nothing is created after a failed item', async () => {
		const docs: Doc[] = [
			{ number: 'MAIN-R000001', status: 'Open', ref: 'a' },
			{ number: 'MAIN-R000002', status: 'Open', ref: 'a' },
		];
		const { calls, search, item } = world(docs);
		const outcomes = await createOnceBatch(ctxWith(false), [item(0, 'a'), item(1, 'b'), item(2, 'c', true), item(3, 'd')], search);
		expect(numbers(outcomes)).toEqual([
			[0, 'MAIN-R000001', true],
			[1, 'MAIN-R000003', false],
			[2, 'Xoro refused c', null],
		]);
		expect((outcomes.get(0) as { cancelled: string[] }).cancelled).toEqual(['MAIN-R000002']);
		expect(calls.creates).toEqual(['b']);

		const more = world(docs);
		const withContinue = await createOnceBatch(ctxWith(true), [more.item(0, 'c', true), more.item(1, 'd')], more.search);
		expect(numbers(withContinue)).toEqual([
			[0, 'Xoro refused c', null],
			[1, 'MAIN-R000004', false],
		]);
	});
});
