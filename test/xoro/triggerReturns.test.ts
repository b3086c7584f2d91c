/**
 * Issue 8 §2: the Xoro Trigger emits only ASNs of RMAs made from Loop returns, and a poll's cost does
 * not grow with Xoro's ASN table, even when getasn ignores its status and date filters (issue 11: one
 * request per quiet poll while it honours them).
 */
import type { IDataObject } from 'n8n-workflow';
import { XoroTrigger } from '../../nodes/Xoro/XoroTrigger.node';
import { runPoll } from '../harness/n8n';
import { createAsnFor, createRmaFor, useSim } from './fixtures';

const xoro = useSim({ startEach: false });

async function returnAsn(returnId: string): Promise<string> {
	return createAsnFor(xoro, await createRmaFor(xoro, returnId));
}

const poll = (staticData: IDataObject, options: IDataObject = {}) =>
	runPoll(new XoroTrigger(), { parameters: { event: 'asnClosed', options: options as never }, credentials: xoro.credentials, staticData });

describe('Xoro Trigger: return ASNs only', () => {
	it('ignores a purchase-order ASN closing by default, and can report or include it', async () => {
		await xoro.start();
		const quiet: IDataObject = {};
		const reporting: IDataObject = {};
		const including: IDataObject = {};
		for (const s of [quiet, reporting, including]) await poll(s);
		const ret = await returnAsn('25044701');
		const [po] = xoro.sim.addPurchaseOrderAsns(1, true);
		xoro.sim.closeAsn(ret);

		const { output } = await poll(quiet);
		expect(output![0].map((i) => [i.json.asnNumber, i.json.loopReturnId])).toEqual([[ret, '25044701']]);

		const reported = (await poll(reporting, { reportSkipped: true })).output![0].map((i) => i.json);
		expect(reported).toEqual([
			expect.objectContaining({ event: 'asnClosed', asnNumber: ret }),
			expect.objectContaining({ event: 'asnSkipped', asnNumber: po, reason: expect.stringMatching(/no RMA/) }),
		]);
		expect((await poll(reporting, { reportSkipped: true })).output).toBeNull();

		const included = (await poll(including, { includeOthers: true })).output![0].map((i) => [i.json.event, i.json.asnNumber, i.json.loopReturnId]);
		expect(included.sort()).toEqual([['asnClosed', po, null], ['asnClosed', ret, '25044701']].sort());
	});

	it('ignores an RMA from another source (not a Loop return)', async () => {
		await xoro.start();
		const staticData: IDataObject = {};
		await poll(staticData);
		const asn = await returnAsn('25044701');
		xoro.sim.state.rmas[0].RmaHeader.ThirdPartySource = 'Customer Service';
		xoro.sim.closeAsn(asn);
		expect((await poll(staticData)).output).toBeNull();
		const reported = await poll({ ...staticData, seen: {} }, { reportSkipped: true });
		expect(reported.output![0][0].json).toMatchObject({ event: 'asnSkipped', asnNumber: asn, reason: expect.stringMatching(/not made from a Loop return/) });
	});

	it.each([false, true])('requests per poll stay small with 20,000 non-return ASNs (getasn ignores filters: %s)', async (ignored) => {
		await xoro.start({ asnFiltersIgnored: ignored });
		const staticData: IDataObject = {};
		await poll(staticData);
		const awaiting = [await returnAsn('25044701'), await returnAsn('25044702'), await returnAsn('25044703')];
		const counted = async () => {
			const before = xoro.sim.requests.length;
			const { output } = await poll(staticData);
			return { requests: xoro.sim.requests.slice(before), output };
		};
		const windowReads = (requests: typeof xoro.sim.requests) => requests.filter((r) => r.path.endsWith('/asn/getasn') && !new URLSearchParams(r.query).get('rma_number'));
		const perRma = 3 + awaiting.length;
		const small = await counted();
		xoro.sim.addPurchaseOrderAsns(10_000, true);
		xoro.sim.addPurchaseOrderAsns(10_000, false);
		xoro.sim.closeAsn(awaiting[1]);
		const large = await counted();
		const next = await counted();
		console.log(
			`Xoro Trigger, getasn ${ignored ? 'ignoring' : 'honouring'} its filters: ${small.requests.length} requests per poll with ${awaiting.length} returns awaiting receipt and no other ASNs, ${large.requests.length} with 20,000 purchase-order ASNs (${xoro.sim.state.asns.length} ASNs in the table), then ${next.requests.length}`,
		);
		expect(large.output![0].map((i) => i.json.asnNumber)).toEqual([awaiting[1]]);
		if (!ignored) {
			// Honoured: one read of the ASNs closed in the window.
			expect(small.requests).toHaveLength(1);
			expect(windowReads(small.requests)).toHaveLength(1);
			// 10,000 purchase-order ASNs closed in the window would be 100 pages: page 1 says so, and the
			// poll reads per RMA instead (three RMA listings, one ASN lookup per return awaiting receipt).
			expect(large.requests).toHaveLength(1 + perRma);
		} else {
			// Ignored: the first answer holds an open ASN; the same poll reads per RMA, and so do the next ones.
			expect(small.requests).toHaveLength(1 + perRma);
			expect(large.requests).toHaveLength(perRma);
		}
		// Never more than the first page of the window.
		for (const r of windowReads([...small.requests, ...large.requests])) expect(new URLSearchParams(r.query).get('page')).toBe('1');
		// Remembered, and the closed return's RMA is settled: the next poll looks up only the two still awaiting.
		expect(staticData.asnRead).toMatchObject({ read: 'perRma', reason: expect.stringMatching(ignored ? /status Open/ : /is 10\d pages/) });
		expect(next.requests).toHaveLength(3 + 2);
		expect(windowReads(next.requests)).toEqual([]);
	});
});
