/**
 * Get Many reads alike for every Xoro resource (readMatching, nodes/Xoro/actions/getMany.ts): page by
 * page, each page filtered, no page read once `limit` rows matched, every page with Return All. The
 * nodes ask for 100 rows a page; each test holds 250 documents, three pages.
 */
import type { INodeType } from 'n8n-workflow';
import { XoroAsn } from '../../nodes/Xoro/XoroAsn.node';
import { XoroRma } from '../../nodes/Xoro/XoroRma.node';
import { runNode } from '../harness/n8n';
import { nextId, nextNumber } from '../simulators/xoro/state';
import { creditItem } from './credit/transactions';
import { createRmaFor, useSim } from './fixtures';

const xoro = useSim({ startEach: false });

const DOCUMENTS = 250;

interface Resource {
	resource: string;
	node: INodeType;
	/** The read Get Many pages through */
	path: string;
	/** The output field holding the document number */
	numberField: string;
	/** The even documents' status, then the odd ones' */
	statuses: [string, string];
	/** `count` documents in the simulator, oldest first, with alternating statuses; their numbers */
	seed(count: number): Promise<string[]>;
}

const statusOf = (resource: Resource, index: number) => resource.statuses[index % 2];

const rma: Resource = {
	resource: 'rma',
	node: new XoroRma(),
	path: '/rma/getrma',
	numberField: 'rmaNumber',
	statuses: ['Open', 'Approved'],
	async seed(count) {
		await createRmaFor(xoro, '25044701');
		const { rmas } = xoro.sim.state;
		for (let i = 1; i < count; i++) {
			const copy = structuredClone(rmas[0]);
			Object.assign(copy.RmaHeader, { RmaId: nextId(xoro.sim.state, 'rma'), RmaNumber: nextNumber(xoro.sim.state, 'R'), StatusName: statusOf(rma, i) });
			rmas.push(copy);
		}
		return rmas.map((r) => r.RmaHeader.RmaNumber);
	},
};

const asn: Resource = {
	resource: 'asn',
	node: new XoroAsn(),
	path: '/asn/getasn',
	numberField: 'asnNumber',
	statuses: ['Closed', 'Open'],
	async seed(count) {
		return Array.from({ length: count }, (_, i) => xoro.sim.addPurchaseOrderAsns(1, statusOf(asn, i) === 'Closed')[0]);
	},
};

const creditMemo: Resource = {
	resource: 'creditMemo',
	node: new XoroRma(),
	path: '/creditmemo/getcreditmemo',
	numberField: 'creditMemoNumber',
	statuses: ['Open', 'Refunded'],
	async seed(count) {
		await runNode(creditMemo.node, { parameters: { resource: 'creditMemo', operation: 'create' }, items: [creditItem(xoro.scenario, '101') as never], credentials: xoro.credentials });
		const { creditMemos } = xoro.sim.state;
		for (let i = 1; i < count; i++) {
			const copy = structuredClone(creditMemos[0]);
			Object.assign(copy.creditMemoHeader, { CreditMemoNumber: nextNumber(xoro.sim.state, 'C'), StatusName: statusOf(creditMemo, i) });
			creditMemos.push(copy);
		}
		return creditMemos.map((m) => m.creditMemoHeader.CreditMemoNumber);
	},
};

/** Runs Get Many; its output's document numbers and the pages it read. */
async function getMany(resource: Resource, parameters: Record<string, unknown>): Promise<{ numbers: unknown[]; statuses: unknown[]; pages: string[] }> {
	const before = xoro.sim.requests.length;
	const [out] = await runNode(resource.node, { parameters: { resource: resource.resource, operation: 'getMany', ...parameters }, credentials: xoro.credentials });
	const reads = xoro.sim.requests.slice(before).filter((r) => r.path.endsWith(resource.path));
	expect(reads.every((r) => new URLSearchParams(r.query).get('per_page') === '100')).toBe(true);
	return {
		numbers: out.map((o) => o.json[resource.numberField]),
		statuses: out.map((o) => o.json.status),
		pages: reads.map((r) => new URLSearchParams(r.query).get('page') ?? ''),
	};
}

describe.each([rma, asn, creditMemo])('Xoro Get Many, $resource', (resource) => {
	it('with a limit over several pages: exactly the limit, and no page read after the one that filled it', async () => {
		await xoro.start();
		const numbers = await resource.seed(DOCUMENTS);
		const read = await getMany(resource, { returnAll: false, limit: 150 });
		expect(read.numbers).toEqual(numbers.slice(0, 150));
		expect(read.pages).toEqual(['1', '2']);

		const onePage = await getMany(resource, { returnAll: false, limit: 100 });
		expect(onePage.numbers).toEqual(numbers.slice(0, 100));
		expect(onePage.pages).toEqual(['1']);
	});

	it('with Return All: every document, read to the last page', async () => {
		await xoro.start();
		const numbers = await resource.seed(DOCUMENTS);
		const read = await getMany(resource, { returnAll: true });
		expect(read.numbers).toEqual(numbers);
		expect(read.pages).toEqual(['1', '2', '3']);
	});

	it('when a tenant ignores a filter, the rows the filter removes from a page do not count: the limit comes from the next page', async () => {
		await xoro.start({ ignoredFilters: ['status'] });
		const numbers = await resource.seed(DOCUMENTS);
		const matching = numbers.filter((_, i) => i % 2 === 0);
		const [wanted] = resource.statuses;

		// Page 1 holds 50 matching rows: 60 need page 2, and nothing after it.
		const limited = await getMany(resource, { returnAll: false, limit: 60, filters: { status: wanted } });
		expect(limited.numbers).toHaveLength(60);
		expect(limited.numbers).toEqual(matching.slice(0, 60));
		expect(limited.statuses.every((s) => s === wanted)).toBe(true);
		expect(limited.pages).toEqual(['1', '2']);

		// Fewer match than the limit: every page, and what matched.
		const short = await getMany(resource, { returnAll: false, limit: 200, filters: { status: wanted } });
		expect(short.numbers).toEqual(matching);
		expect(short.pages).toEqual(['1', '2', '3']);

		const all = await getMany(resource, { returnAll: true, filters: { status: wanted } });
		expect(all.numbers).toEqual(matching);
		expect(all.pages).toEqual(['1', '2', '3']);
	});
});
