import { DateTime } from 'luxon';
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

const poll = (staticData: IDataObject, mode: 'trigger' | 'manual' = 'trigger', options: IDataObject = {}) =>
	runPoll(trigger, { parameters: { event: 'asnClosed', options: options as never }, credentials: xoro.credentials, staticData, mode });

/** The Xoro requests from index `from` on, as "path?filters" (paging left out). */
const readsSince = (from: number) =>
	xoro.sim.requests.slice(from).map((r) => {
		const filters = [...new URLSearchParams(r.query).keys()].filter((k) => k !== 'page' && k !== 'per_page');
		return `${r.path.replace(/^.*\/api\/xerp\//, '')}?${filters.join('&')}`;
	});
const WINDOW_READ = 'asn/getasn?status&updated_at_min';

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

	it('read per RMA, stops before the poll budget runs out and resumes with the next RMA on the next tick', async () => {
		const perRma = { findAsns: 'perRma' };
		const staticData: IDataObject = {};
		await poll(staticData, 'trigger', perRma);
		const cursorBefore = staticData.cursor;
		const asns = [await asnFor('25044701'), await asnFor('25044702'), await asnFor('25044703')];
		for (const asn of asns) xoro.sim.closeAsn(asn);
		const lookups = () => xoro.sim.requests.filter((r) => r.path.endsWith('/asn/getasn')).map((r) => new URLSearchParams(r.query).get('rma_number'));
		const setup = lookups().length;

		// A budget this small is spent after one ASN lookup: the poll returns that RMA's ASN and keeps its place.
		const tight = () => runPoll(trigger, { parameters: { event: 'asnClosed', options: perRma }, credentials: xoro.credentials, staticData, pollBudgetMs: 1 });
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
		expect((await poll(staticData, 'trigger', perRma)).output).toBeNull();
		expect(lookups().length).toBe(before);
	});

	it('read as a window, stops before the poll budget runs out and resumes on the next tick: the page again, then the next RMA', async () => {
		const staticData: IDataObject = {};
		await poll(staticData);
		const cursorBefore = staticData.cursor;
		const asns = [await asnFor('25044701'), await asnFor('25044702'), await asnFor('25044703')];
		for (const asn of asns) xoro.sim.closeAsn(asn);
		const tight = () => runPoll(trigger, { parameters: { event: 'asnClosed' }, credentials: xoro.credentials, staticData, pollBudgetMs: 1 });

		// A budget this small is spent after the window's page and one RMA check: one ASN a tick.
		const emitted: string[] = [];
		const from = xoro.sim.requests.length;
		emitted.push(...(await tight()).output![0].map((i) => String(i.json.asnNumber)));
		expect(readsSince(from)).toEqual([WINDOW_READ, 'rma/getrma?rma_number']);
		expect(staticData.cursor).toBe(cursorBefore);
		expect(staticData.run).toMatchObject({ read: 'window', page: 1 });

		// A tick whose RMA check fails keeps its place.
		const saved = JSON.stringify(staticData);
		xoro.sim.faults.add({ kind: 'serverError', path: '/rma/getrma' });
		await expect(tight()).rejects.toThrow(/HTTP 500/);
		xoro.sim.faults.clear();
		expect(JSON.stringify(staticData)).toBe(saved);
		for (let tick = 0; tick < 2; tick++) {
			const { output } = await tight();
			expect(output![0]).toHaveLength(1);
			emitted.push(...output![0].map((i) => String(i.json.asnNumber)));
		}
		expect(staticData.run).toBeUndefined();
		expect(emitted.sort()).toEqual([...asns].sort());
		const quiet = xoro.sim.requests.length;
		expect((await poll(staticData)).output).toBeNull();
		expect(readsSince(quiet)).toEqual([WINDOW_READ]);
	});

	it('reads the endpoint path override in the poll context', async () => {
		await asnFor('25044701');
		await expect(
			runPoll(trigger, { parameters: { event: 'asnClosed', endpointPaths: { asnGet: 'asn/listasn' } }, credentials: xoro.credentials, staticData: {} }),
		).rejects.toThrow('Xoro has no GET asn/listasn route (HTTP 400)');
	});
});

describe('Xoro Trigger: finding closed ASNs (getasn filters unconfirmed, docs/apis.md §X4.4)', () => {
	/** An ASN's stamps set back two days: closed (and last updated) long before the window. */
	const backdate = (asnNumber: string) => {
		const header = xoro.sim.state.asns.find((a) => a.AsnHeaderData.AsnNumber === asnNumber)!.AsnHeaderData as Record<string, unknown>;
		header.ClosedDate = header.UpdatedDate = DateTime.utc().minus({ days: 2 }).toFormat('MM/dd/yyyy hh:mm:ss a');
	};

	it('polls with one request while Xoro honours the filters; a closing costs one RMA check, a purchase-order ASN none', async () => {
		const staticData: IDataObject = {};
		await poll(staticData);
		const a = await asnFor('25044701');
		await asnFor('25044702');
		let from = xoro.sim.requests.length;
		expect((await poll(staticData)).output).toBeNull();
		expect(readsSince(from)).toEqual([WINDOW_READ]);

		xoro.sim.receiveAsn(a, [{ ItemNumber: 'TEE-PM-S', QtyReceived: 2 }], true);
		xoro.sim.addPurchaseOrderAsns(3, true);
		from = xoro.sim.requests.length;
		const { output } = await poll(staticData);
		expect(readsSince(from)).toEqual([WINDOW_READ, 'rma/getrma?rma_number']);
		expect(output![0]).toHaveLength(1);
		// What Receipt Status needs, so that it reads nothing again.
		expect(output![0][0].json).toMatchObject({
			event: 'asnClosed',
			asnNumber: a,
			status: 'Closed',
			rmaNumber: 'MAIN-R000001',
			loopReturnId: '25044701',
			lines: [
				{ itemNumber: 'TEE-PM-S', expected: 2, received: 2 },
				{ itemNumber: 'CAP-NAVY', expected: 1, received: 0 },
			],
			fullyReceived: false,
			shortLines: [{ itemNumber: 'CAP-NAVY', expected: 1, received: 0, short: 1 }],
		});
		from = xoro.sim.requests.length;
		expect((await poll(staticData)).output).toBeNull();
		expect(readsSince(from)).toEqual([WINDOW_READ]);
		expect(staticData.asnRead).toMatchObject({ read: 'window' });
	});

	it.each([
		['status (and dates)', { asnFiltersIgnored: true }, /status Open/],
		['updated_at_min', { ignoredFilters: ['updated_at_min'] }, /last updated/],
	])('reads per RMA once an answer shows getasn ignoring %s, for a day, then tries the window again', async (_filter, simOptions, reason) => {
		Object.assign(xoro.sim.options, simOptions);
		const staticData: IDataObject = {};
		await poll(staticData);
		await asnFor('25044701');
		const old = await asnFor('25044702');
		xoro.sim.closeAsn(old);
		backdate(old);
		const recent = await asnFor('25044703');
		xoro.sim.closeAsn(recent);

		// The window's answer holds a row that breaks a filter: the same poll reads per RMA instead.
		let from = xoro.sim.requests.length;
		const first = await poll(staticData);
		expect(first.output![0].map((i) => [i.json.asnNumber, i.json.loopReturnId])).toEqual([[recent, '25044703']]);
		expect(readsSince(from)[0]).toBe(WINDOW_READ);
		expect(readsSince(from).slice(1).every((r) => r !== WINDOW_READ)).toBe(true);
		expect(staticData.asnRead).toMatchObject({ read: 'perRma', reason: expect.stringMatching(reason) });

		// Remembered: no window read on the next polls.
		from = xoro.sim.requests.length;
		expect((await poll(staticData)).output).toBeNull();
		expect(readsSince(from)).not.toContain(WINDOW_READ);

		// A day later the window is tried again (one request), and given up again.
		const dayAgo = () => ((staticData.asnRead as IDataObject).at = DateTime.utc().minus({ hours: 25 }).toISO());
		dayAgo();
		from = xoro.sim.requests.length;
		expect((await poll(staticData)).output).toBeNull();
		expect(readsSince(from).filter((r) => r === WINDOW_READ)).toHaveLength(1);
		expect(staticData.asnRead).toMatchObject({ read: 'perRma' });

		// Once Xoro honours the filters, the next try goes back to the window for good.
		Object.assign(xoro.sim.options, { asnFiltersIgnored: false, ignoredFilters: [] });
		dayAgo();
		expect((await poll(staticData)).output).toBeNull();
		expect(staticData.asnRead).toMatchObject({ read: 'window' });
		from = xoro.sim.requests.length;
		expect((await poll(staticData)).output).toBeNull();
		expect(readsSince(from)).toEqual([WINDOW_READ]);
	});

	it('tries the window again for another credential', async () => {
		const staticData: IDataObject = { asnRead: { for: 'another@https://res.xorosoft.io/api/xerp', read: 'perRma', at: DateTime.utc().toISO() } };
		await poll(staticData);
		const from = xoro.sim.requests.length;
		await poll(staticData);
		expect(readsSince(from)).toEqual([WINDOW_READ]);
		expect((staticData.asnRead as IDataObject).for).not.toBe('another@https://res.xorosoft.io/api/xerp');
	});
});
