/**
 * The tenant's clock (issue 13 §3): the simulator writes its stamps on America/Los_Angeles, 8 hours
 * from UTC, without an offset. `npm run test:tz` also runs this file with the n8n server in
 * America/New_York and Asia/Kolkata.
 */
import type { IDataObject } from 'n8n-workflow';
import { XoroRma } from '../../nodes/Xoro/XoroRma.node';
import { XoroTrigger } from '../../nodes/Xoro/XoroTrigger.node';
import { parseXoroDate, toMillis } from '../../nodes/shared/dates';
import { runNode, runPoll } from '../harness/n8n';
import { createAsnFor, createRmaFor, useSim } from './fixtures';

const TENANT = 'America/Los_Angeles';
const xoro = useSim({ startEach: false });
const server = process.env.TZ ?? 'unset';

const credentials = (timeZone: string) => ({ xoroApi: { ...xoro.credentials.xoroApi, timeZone } });

async function closedReturnAsn(returnId: string, timeZone: string): Promise<string> {
	const asnNumber = await createAsnFor(xoro, await createRmaFor(xoro, returnId, credentials(timeZone)), credentials(timeZone));
	xoro.sim.closeAsn(asnNumber);
	return asnNumber;
}

/** Three polls, a return ASN closed before each of the last two; what the trigger emitted. */
async function closingsOverPolls(timeZone: string, lookbackMinutes: number) {
	const staticData: IDataObject = {};
	const poll = () => runPoll(new XoroTrigger(), { parameters: { event: 'asnClosed', options: { lookbackMinutes } }, credentials: credentials(timeZone), staticData });
	expect((await poll()).output).toBeNull();
	const closed: string[] = [];
	const emitted: IDataObject[] = [];
	for (const returnId of ['25044701', '25044702']) {
		closed.push(await closedReturnAsn(returnId, timeZone));
		emitted.push(...((await poll()).output?.[0] ?? []).map((i) => i.json));
	}
	emitted.push(...((await poll()).output?.[0] ?? []).map((i) => i.json));
	return { closed, emitted };
}

describe(`Xoro tenant clock in ${TENANT}, n8n server TZ=${server}`, () => {
	beforeEach(() => xoro.start({ clockZone: TENANT }));

	it('the simulator writes its stamps on the tenant clock', async () => {
		await closedReturnAsn('25044701', TENANT);
		const stamp = String(xoro.sim.state.asns[0].AsnHeaderData.ClosedDate);
		expect(stamp).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} [AP]M$/);
		expect(Math.abs(toMillis(parseXoroDate(stamp, TENANT)) - Date.now())).toBeLessThan(60_000);
		expect(Math.abs(toMillis(parseXoroDate(stamp, 'UTC')) - Date.now())).toBeGreaterThan(6 * 3_600_000);
	});

	it.each([1440, 5])('the trigger (look-back %i min) emits every closing once, at its true time', async (lookback) => {
		const started = Date.now();
		const { closed, emitted } = await closingsOverPolls(TENANT, lookback);
		console.log(`Xoro tenant ${TENANT}, server TZ=${server}, look-back ${lookback} min: ${closed.length} closed, ${emitted.length} emitted`);
		expect(emitted.map((e) => e.asnNumber)).toEqual(closed);
		for (const e of emitted) {
			const at = Date.parse(String(e.closedAt));
			expect(at).toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000);
			expect(at).toBeLessThanOrEqual(Date.now());
		}
	});

	it('read in the wrong zone (UTC), closings look 8 hours old and a short look-back drops them', async () => {
		const { closed, emitted } = await closingsOverPolls('UTC', 5);
		expect(closed).toHaveLength(2);
		expect(emitted).toEqual([]);
	});

	it('writes the filters it sends on the tenant clock', async () => {
		await runNode(new XoroRma(), {
			parameters: { resource: 'rma', operation: 'getMany', returnAll: true, filters: { createdAfter: '2026-11-26T23:30:00Z' } },
			credentials: credentials(TENANT),
		});
		const sent = xoro.sim.requests.filter((r) => r.path.endsWith('/rma/getrma')).map((r) => new URLSearchParams(r.query).get('created_at_min'));
		expect(sent).toEqual(['11/26/2026 03:30:00 PM']);
	});

	it('refuses a Time Zone that is not one, naming the setting, before any request', async () => {
		const before = xoro.sim.requests.length;
		await expect(
			runPoll(new XoroTrigger(), { parameters: { event: 'asnClosed' }, credentials: credentials('Pacific Time'), staticData: {} }),
		).rejects.toThrow('"Time Zone" on the Xoro credential is not a time zone: "Pacific Time"');
		expect(xoro.sim.requests.length).toBe(before);
	});
});
