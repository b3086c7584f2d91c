/** The ordering and liveness rules every create-once decision rests on, and its decisions on a failed create. */
import type { IExecuteFunctions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { byDocumentNumber, compareDocumentNumbers, createOnce, isLive, type OnceDocumentKind } from '../../nodes/Xoro/actions/createOnce';
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
