import type { IDataObject } from 'n8n-workflow';
import { XoroTrigger } from '../../nodes/Xoro/XoroTrigger.node';
import { runPoll } from '../harness/n8n';
import { createAsnFor, createRmaFor, useSim } from './fixtures';

const trigger = new XoroTrigger();

const xoro = useSim();

/** An RMA + ASN for a scenario return, through the nodes; returns the ASN number. */
async function asnFor(returnId: string): Promise<string> {
	return createAsnFor(xoro, await createRmaFor(xoro, returnId));
}

const poll = (staticData: IDataObject, mode: 'trigger' | 'manual' = 'trigger') =>
	runPoll(trigger, { parameters: { event: 'asnClosed' }, credentials: xoro.credentials, staticData, mode });

describe('Xoro Trigger: ASN Closed', () => {
	it('starts at "now" on first activation, then emits each newly closed ASN exactly once', async () => {
		const before = await asnFor('25044701');
		xoro.sim.receiveAsn(before, [{ ItemNumber: 'TEE-PM-S', QtyReceived: 2 }, { ItemNumber: 'CAP-NAVY', QtyReceived: 1 }], true);
		const staticData: IDataObject = {};
		expect((await poll(staticData)).output).toBeNull();
		expect(staticData.cursor).toEqual(expect.any(String));

		const after = await asnFor('25044702');
		expect((await poll(staticData)).output).toBeNull();
		xoro.sim.closeAsn(after);
		const { output } = await poll(staticData);
		expect(output![0].map((i) => i.json.asnNumber)).toEqual([after]);
		expect(output![0][0].json).toMatchObject({ event: 'asnClosed', loopReturnId: '25044702', fullyReceived: false, status: 'Closed' });
		expect((await poll(staticData)).output).toBeNull();
	});

	it('emits several ASNs closed in the same second, in closing order', async () => {
		const staticData: IDataObject = {};
		await poll(staticData);
		const a = await asnFor('25044701');
		const b = await asnFor('25044702');
		xoro.sim.closeAsn(b);
		xoro.sim.closeAsn(a);
		const { output } = await poll(staticData);
		expect(output![0].map((i) => i.json.asnNumber).sort()).toEqual([a, b].sort());
		expect((await poll(staticData)).output).toBeNull();
	});

	it('loses nothing when a poll fails: the cursor only moves after a successful read', async () => {
		const staticData: IDataObject = {};
		await poll(staticData);
		const a = await asnFor('25044701');
		xoro.sim.closeAsn(a);
		const saved = JSON.stringify(staticData);
		xoro.sim.faults.add({ kind: 'serverError', path: '/asn/getasn', times: 10 });
		await expect(poll(staticData)).rejects.toThrow(/HTTP 500/);
		expect(JSON.stringify(staticData)).toBe(saved);
		xoro.sim.faults.clear();
		const { output } = await poll(staticData);
		expect(output![0].map((i) => i.json.asnNumber)).toEqual([a]);
	});

	it('a manual run returns one sample and leaves the cursor alone', async () => {
		const staticData: IDataObject = {};
		await poll(staticData);
		const saved = JSON.stringify(staticData);
		const a = await asnFor('25044701');
		const b = await asnFor('25044702');
		xoro.sim.closeAsn(a);
		xoro.sim.closeAsn(b);
		const { output } = await poll(staticData, 'manual');
		expect(output![0]).toHaveLength(1);
		expect([a, b]).toContain(output![0][0].json.asnNumber);
		expect(JSON.stringify(staticData)).toBe(saved);
		// The real poll still emits both.
		expect((await poll(staticData)).output![0]).toHaveLength(2);
	});

	it('falls back to the last update when Xoro gives no closing date, and to the RMA for the Loop return id', async () => {
		const staticData: IDataObject = {};
		await poll(staticData);
		const a = await asnFor('25044701');
		xoro.sim.closeAsn(a);
		const header = xoro.sim.state.asns[0].AsnHeaderData as Record<string, unknown>;
		delete header.ClosedDate;
		header.ThirdPartyRefNo = null;
		const { output } = await poll(staticData);
		expect(output![0][0].json).toMatchObject({ asnNumber: a, closedAt: null, loopReturnId: '25044701' });
		expect((await poll(staticData)).output).toBeNull();
	});

	it('a failing RMA lookup fails the poll without moving the cursor', async () => {
		const staticData: IDataObject = {};
		await poll(staticData);
		const a = await asnFor('25044701');
		xoro.sim.closeAsn(a);
		xoro.sim.state.asns[0].AsnHeaderData.ThirdPartyRefNo = null;
		const saved = JSON.stringify(staticData);
		xoro.sim.faults.add({ kind: 'serverError', path: '/rma/getrma' });
		await expect(poll(staticData)).rejects.toThrow(/HTTP 500/);
		xoro.sim.faults.clear();
		expect(JSON.stringify(staticData)).toBe(saved);
		expect((await poll(staticData)).output![0].map((i) => i.json.asnNumber)).toEqual([a]);
	});

	it('stops before the poll budget runs out and resumes with the next RMA on the next tick', async () => {
		const staticData: IDataObject = {};
		await poll(staticData);
		const cursorBefore = staticData.cursor;
		const asns = [await asnFor('25044701'), await asnFor('25044702'), await asnFor('25044703')];
		for (const asn of asns) xoro.sim.closeAsn(asn);
		const lookups = () => xoro.sim.requests.filter((r) => r.path.endsWith('/asn/getasn')).map((r) => new URLSearchParams(r.query).get('rma_number'));
		const setup = lookups().length;

		// A budget this small is spent after one ASN lookup: the poll returns that RMA's ASN and keeps its place.
		const tight = () => runPoll(trigger, { parameters: { event: 'asnClosed' }, credentials: xoro.credentials, staticData, pollBudgetMs: 1 });
		const emitted: string[] = [];
		const first = await tight();
		emitted.push(...first.output![0].map((i) => String(i.json.asnNumber)));
		expect(emitted).toHaveLength(1);
		expect(staticData.cursor).toBe(cursorBefore);
		expect((staticData.run as { pending: unknown[] }).pending).toHaveLength(2);

		// A tick whose lookup fails keeps the same RMAs to read.
		xoro.sim.faults.add({ kind: 'serverError', path: '/asn/getasn' });
		await expect(tight()).rejects.toThrow(/HTTP 500/);
		xoro.sim.faults.clear();
		expect((staticData.run as { pending: unknown[] }).pending).toHaveLength(2);
		for (let tick = 0; tick < 2; tick++) {
			const { output } = await tight();
			expect(output![0]).toHaveLength(1);
			emitted.push(...output![0].map((i) => String(i.json.asnNumber)));
		}
		expect(staticData.run).toBeUndefined();
		expect(emitted.sort()).toEqual([...asns].sort());
		// One lookup per RMA, plus the failed tick's (its first try and the retries its budget allowed).
		const seen = lookups().slice(setup);
		const failedTick = seen.slice(1, -2);
		expect(failedTick.length).toBeGreaterThanOrEqual(2);
		expect(seen).toEqual(['MAIN-R000001', ...failedTick.map(() => 'MAIN-R000002'), 'MAIN-R000002', 'MAIN-R000003']);

		// Read through: the RMAs are settled, the next poll looks none of them up again and emits nothing.
		const before = lookups().length;
		expect((await poll(staticData)).output).toBeNull();
		expect(lookups().length).toBe(before);
	});

	it('reads the endpoint path override in the poll context', async () => {
		await asnFor('25044701');
		await expect(
			runPoll(trigger, { parameters: { event: 'asnClosed', endpointPaths: { asnGet: 'asn/listasn' } }, credentials: xoro.credentials, staticData: {} }),
		).rejects.toThrow('Xoro has no GET asn/listasn route (HTTP 400)');
	});
});
