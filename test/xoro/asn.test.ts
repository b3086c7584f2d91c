import type { IDataObject } from 'n8n-workflow';
import { XoroAsn } from '../../nodes/Xoro/XoroAsn.node';
import { XoroTrigger } from '../../nodes/Xoro/XoroTrigger.node';
import { runNode, runPoll } from '../harness/n8n';
import { createRmaFor, useSim } from './fixtures';

const asnNode = new XoroAsn();

const xoro = useSim({ startEach: false });

const createRma = (returnId = '25044701') => createRmaFor(xoro, returnId);

const asn = (operation: string, extra: Record<string, unknown> = {}) => ({ resource: 'asn', operation, ...extra });

describe('Xoro ASN: Create for RMA', () => {
	it('creates an ASN linked to the RMA with one line per RMA line, and is idempotent', async () => {
		await xoro.start();
		const rmaNumber = await createRma();
		const [first] = await runNode(asnNode, { parameters: asn('createForRma', { rmaNumber }), credentials: xoro.credentials });
		expect(first[0].json).toMatchObject({ rmaNumber, thirdPartyRefNo: '25044701', status: 'Open', alreadyExisted: false });
		expect(first[0].json.lines).toEqual([
			{ itemNumber: 'TEE-PM-S', expected: 2, received: 0 },
			{ itemNumber: 'CAP-NAVY', expected: 1, received: 0 },
		]);
		const [second] = await runNode(asnNode, { parameters: asn('createForRma', { rmaNumber }), credentials: xoro.credentials });
		expect(second[0].json).toMatchObject({ asnNumber: first[0].json.asnNumber, alreadyExisted: true });
		expect(xoro.sim.state.asns).toHaveLength(1);
	});

	it('with "Xoro generates the ASN" it returns Xoro\'s ASN and never creates one', async () => {
		await xoro.start({ asnWithRma: true });
		const rmaNumber = await createRma();
		const [out] = await runNode(asnNode, { parameters: asn('createForRma', { rmaNumber, xoroGeneratesAsn: true }), credentials: xoro.credentials });
		expect(out[0].json).toMatchObject({ rmaNumber, alreadyExisted: true, generatedByXoro: true });
		expect(xoro.sim.state.asns).toHaveLength(1);
		expect(xoro.sim.requests.some((r) => r.path.endsWith('/asn/create'))).toBe(false);
	});

	it('with "Xoro generates the ASN" but none generated, fails clearly after bounded retries', async () => {
		await xoro.start({ asnWithRma: false });
		const rmaNumber = await createRma();
		await expect(runNode(asnNode, { parameters: asn('createForRma', { rmaNumber, xoroGeneratesAsn: true }), credentials: xoro.credentials })).rejects.toThrow(
			`Xoro has not generated an ASN for RMA ${rmaNumber}`,
		);
		expect(xoro.sim.state.asns).toHaveLength(0);
	});
});

describe('Xoro ASN: receive, close, receipt status', () => {
	async function openAsn(returnId?: string): Promise<string> {
		const rmaNumber = await createRma(returnId);
		const [out] = await runNode(asnNode, { parameters: asn('createForRma', { rmaNumber }), credentials: xoro.credentials });
		return String(out[0].json.asnNumber);
	}

	it('routes a fully received, closed ASN to output 0 with the Loop return id', async () => {
		await xoro.start();
		const asnNumber = await openAsn();
		const [received] = await runNode(asnNode, { parameters: asn('receive', { asnNumber, receiveMode: 'allRemaining', closeAfter: true }), credentials: xoro.credentials });
		expect(received[0].json).toMatchObject({ status: 'Closed' });
		const [full, notFull] = await runNode(asnNode, { parameters: asn('receiptStatus', { asnNumber }), credentials: xoro.credentials });
		expect(notFull).toHaveLength(0);
		expect(full[0].json).toMatchObject({ asnNumber, fullyReceived: true, closed: true, loopReturnId: '25044701', shortLines: [], expectedQty: 3, receivedQty: 3 });
	});

	it('routes a partial receipt closed short to output 1 listing the short lines', async () => {
		await xoro.start();
		const asnNumber = await openAsn();
		await runNode(asnNode, {
			parameters: asn('receive', { asnNumber, receiveMode: 'lines', lines: { line: [{ itemNumber: 'TEE-PM-S', quantity: 1 }] } }),
			credentials: xoro.credentials,
		});
		const [closed] = await runNode(asnNode, { parameters: asn('close', { asnNumber }), credentials: xoro.credentials });
		expect(closed[0].json).toMatchObject({ status: 'Closed', alreadyClosed: false });
		const [again] = await runNode(asnNode, { parameters: asn('close', { asnNumber }), credentials: xoro.credentials });
		expect(again[0].json).toMatchObject({ alreadyClosed: true });
		const [full, notFull] = await runNode(asnNode, { parameters: asn('receiptStatus', { asnNumber }), credentials: xoro.credentials });
		expect(full).toHaveLength(0);
		expect(notFull[0].json).toMatchObject({ fullyReceived: false, loopReturnId: '25044701' });
		expect(notFull[0].json.shortLines).toEqual([
			{ itemNumber: 'TEE-PM-S', expected: 2, received: 1, short: 1 },
			{ itemNumber: 'CAP-NAVY', expected: 1, received: 0, short: 1 },
		]);
	});

	it.each(['QtyReceived', 'ReceivedQty', 'BaseQtyReceived'])('reads the received quantity when Xoro names it %s', async (field) => {
		await xoro.start({ receivedQtyField: field });
		const asnNumber = await openAsn();
		xoro.sim.receiveAsn(asnNumber, [{ ItemNumber: 'TEE-PM-S', QtyReceived: 2 }, { ItemNumber: 'CAP-NAVY', QtyReceived: 1 }], true);
		const [full] = await runNode(asnNode, { parameters: asn('receiptStatus', { asnNumber }), credentials: xoro.credentials });
		expect(full[0].json).toMatchObject({ fullyReceived: true, receivedQty: 3 });
	});

	it('refuses to receive an item that is not on the ASN, naming the line', async () => {
		await xoro.start();
		const asnNumber = await openAsn();
		await expect(
			runNode(asnNode, { parameters: asn('receive', { asnNumber, receiveMode: 'lines', lines: { line: [{ itemNumber: 'HOOD-GRY-M', quantity: 1 }] } }), credentials: xoro.credentials }),
		).rejects.toThrow(`Line 1: item HOOD-GRY-M is not on ASN ${asnNumber}`);
	});

	it('after the Xoro Trigger reads nothing: the trigger\'s item carries the closed ASN\'s lines, RMA and Loop return id', async () => {
		await xoro.start();
		const staticData: IDataObject = {};
		const poll = () => runPoll(new XoroTrigger(), { parameters: { event: 'asnClosed' }, credentials: xoro.credentials, staticData });
		await poll();
		const full = await openAsn();
		const short = await openAsn('25044703');
		xoro.sim.receiveAsn(full, [{ ItemNumber: 'TEE-PM-S', QtyReceived: 2 }, { ItemNumber: 'CAP-NAVY', QtyReceived: 1 }], true);
		const [first, second] = xoro.sim.state.asns.find((a) => a.AsnHeaderData.AsnNumber === short)!.AsnDetailData;
		xoro.sim.receiveAsn(short, [{ ItemNumber: first.ItemNumber, QtyReceived: first.BaseQtyToReceive }], true);
		const events = (await poll()).output![0].map((i) => ({ json: i.json }));
		expect(events).toHaveLength(2);

		// As template 04 sets it up: ASN Number = {{ $json.asnNumber }}, no options.
		const check = (extra: Record<string, unknown> = {}) =>
			runNode(asnNode, { parameters: asn('receiptStatus', { asnNumber: '={{ $json.asnNumber }}', ...extra }), items: events, credentials: xoro.credentials });
		const before = xoro.sim.requests.length;
		const [fullyReceived, notFully] = await check();
		expect(xoro.sim.requests.length).toBe(before);
		expect(fullyReceived.map((i) => [i.json.asnNumber, i.json.loopReturnId, i.json.linesFrom])).toEqual([[full, '25044701', 'inputItem']]);
		expect(notFully.map((i) => [i.json.asnNumber, i.json.loopReturnId, i.json.receivedQty])).toEqual([[short, '25044703', first.BaseQtyToReceive]]);
		expect(notFully[0].json.shortLines).toEqual([
			{ itemNumber: second.ItemNumber, expected: second.BaseQtyToReceive, received: 0, short: second.BaseQtyToReceive },
		]);

		// The same answer as reading the ASN from Xoro.
		const [readFull, readShort] = await check({ options: { useInputLines: false } });
		expect(xoro.sim.requests.length).toBe(before + 2);
		const same = (item: { json: IDataObject }) => ({ ...item.json, linesFrom: undefined });
		expect([...readFull, ...readShort].map((i) => i.json.linesFrom)).toEqual(['xoro', 'xoro']);
		expect([...readFull, ...readShort].map(same)).toEqual([...fullyReceived, ...notFully].map(same));
	});

	it('reads the ASN when the input item is another ASN, not closed (its lines may still change) or without its lines', async () => {
		await xoro.start();
		const asnNumber = await openAsn();
		xoro.sim.receiveAsn(asnNumber, [{ ItemNumber: 'TEE-PM-S', QtyReceived: 2 }, { ItemNumber: 'CAP-NAVY', QtyReceived: 1 }], true);
		const [closed] = await runNode(asnNode, { parameters: asn('get', { asnNumber }), credentials: xoro.credentials });
		const stale = { ...closed[0].json, lines: [{ itemNumber: 'TEE-PM-S', expected: 2, received: 0 }] };
		const items = [
			{ ...stale, asnNumber: 'MAIN-A999999' },
			{ ...stale, status: 'Open' },
			{ ...stale, lines: undefined },
			{ ...stale, lines: [{ itemNumber: 'TEE-PM-S', expected: '2', received: 0 }] },
		];
		const before = xoro.sim.requests.length;
		const [full, notFull] = await runNode(asnNode, { parameters: asn('receiptStatus', { asnNumber }), items: items.map((json) => ({ json })), credentials: xoro.credentials });
		expect(xoro.sim.requests.slice(before).map((r) => r.path.replace(/^.*\/api\/xerp\//, ''))).toEqual(Array(4).fill('asn/getasn'));
		expect(notFull).toHaveLength(0);
		expect(full.map((i) => [i.json.linesFrom, i.json.receivedQty])).toEqual(Array(4).fill(['xoro', 3]));
	});

	it('Get Many lists closed ASNs closed since a time', async () => {
		await xoro.start();
		const a = await openAsn();
		const since = new Date(Date.now() - 60_000).toISOString();
		xoro.sim.closeAsn(a);
		const [out] = await runNode(asnNode, { parameters: asn('getMany', { returnAll: true, filters: { status: 'Closed', closedSince: since } }), credentials: xoro.credentials });
		expect(out.map((i) => i.json.asnNumber)).toEqual([a]);
		const [none] = await runNode(asnNode, {
			parameters: asn('getMany', { returnAll: true, filters: { status: 'Closed', closedSince: new Date(Date.now() + 3_600_000).toISOString() } }),
			credentials: xoro.credentials,
		});
		expect(none).toHaveLength(0);
	});
});

describe('Xoro ASN: faults', () => {
	async function openAsn(): Promise<string> {
		const rmaNumber = await createRma();
		const [out] = await runNode(asnNode, { parameters: asn('createForRma', { rmaNumber }), credentials: xoro.credentials });
		return String(out[0].json.asnNumber);
	}

	it('create: a lost answer does not create a second ASN', async () => {
		await xoro.start();
		const rmaNumber = await createRma();
		xoro.sim.loseAnswers('/asn/create');
		const [out] = await runNode(asnNode, { parameters: asn('createForRma', { rmaNumber }), credentials: xoro.credentials });
		expect(out[0].json).toMatchObject({ rmaNumber, alreadyExisted: false });
		expect(xoro.sim.state.asns).toHaveLength(1);
	});

	it('receive: a lost answer is not resent, so quantities are not doubled', async () => {
		await xoro.start();
		const asnNumber = await openAsn();
		xoro.sim.loseAnswers('/asn/receive');
		const [out] = await runNode(asnNode, { parameters: asn('receive', { asnNumber, receiveMode: 'allRemaining' }), credentials: xoro.credentials });
		expect(out[0].json).toMatchObject({ status: 'Received' });
		expect(xoro.sim.state.asns[0].AsnDetailData.map((l) => l.received)).toEqual([2, 1]);
		expect(xoro.sim.requests.filter((r) => r.path.endsWith('/asn/receive'))).toHaveLength(1);
	});

	it('receive: a throttled or failed call that Xoro did not apply is retried', async () => {
		await xoro.start();
		const asnNumber = await openAsn();
		xoro.sim.faults.add([{ kind: 'serverError', path: '/asn/receive', times: 1 }, { kind: 'malformed', path: '/asn/receive', times: 1 }]);
		await runNode(asnNode, { parameters: asn('receive', { asnNumber, receiveMode: 'lines', lines: { line: [{ itemNumber: 'CAP-NAVY', quantity: 1 }] } }), credentials: xoro.credentials });
		expect(xoro.sim.state.asns[0].AsnDetailData.map((l) => l.received)).toEqual([0, 1]);
	});

	it('receive: nothing left to receive is reported, not sent', async () => {
		await xoro.start();
		const asnNumber = await openAsn();
		xoro.sim.receiveAsn(asnNumber, [{ ItemNumber: 'TEE-PM-S', QtyReceived: 2 }, { ItemNumber: 'CAP-NAVY', QtyReceived: 1 }]);
		const [out] = await runNode(asnNode, { parameters: asn('receive', { asnNumber, receiveMode: 'allRemaining' }), credentials: xoro.credentials });
		expect(out[0].json).toMatchObject({ nothingToReceive: true });
		expect(xoro.sim.requests.some((r) => r.path.endsWith('/asn/receive'))).toBe(false);
	});

	it('receive on a closed ASN fails clearly', async () => {
		await xoro.start();
		const asnNumber = await openAsn();
		xoro.sim.closeAsn(asnNumber);
		await expect(runNode(asnNode, { parameters: asn('receive', { asnNumber, receiveMode: 'allRemaining' }), credentials: xoro.credentials })).rejects.toThrow(
			`ASN ${asnNumber} is closed; it cannot receive more`,
		);
	});

	it('close: a lost answer is detected by reading the ASN back', async () => {
		await xoro.start();
		const asnNumber = await openAsn();
		xoro.sim.loseAnswers('/asn/close');
		const [out] = await runNode(asnNode, { parameters: asn('close', { asnNumber }), credentials: xoro.credentials });
		expect(out[0].json).toMatchObject({ status: 'Closed', alreadyClosed: false });
	});

	it('receipt status: with continueOnFail an unknown ASN goes to "Not fully received" with its error', async () => {
		await xoro.start();
		const asnNumber = await openAsn();
		xoro.sim.receiveAsn(asnNumber, [{ ItemNumber: 'TEE-PM-S', QtyReceived: 2 }, { ItemNumber: 'CAP-NAVY', QtyReceived: 1 }], true);
		const [full, notFull] = await runNode(asnNode, {
			parameters: asn('receiptStatus', { asnNumber: '={{ $json.asn }}' }),
			items: [{ asn: asnNumber }, { asn: 'MAIN-A999999' }],
			credentials: xoro.credentials,
			continueOnFail: true,
		});
		expect(full.map((i) => [i.json.asnNumber, i.pairedItem])).toEqual([[asnNumber, { item: 0 }]]);
		expect(notFull.map((i) => [i.json.error, i.pairedItem])).toEqual([['Xoro has no ASN MAIN-A999999', { item: 1 }]]);
	});

	it('receipt status reads the Loop return id from the RMA when the ASN does not carry it', async () => {
		await xoro.start();
		const asnNumber = await openAsn();
		xoro.sim.state.asns[0].AsnHeaderData.ThirdPartyRefNo = null;
		const [, notFull] = await runNode(asnNode, { parameters: asn('receiptStatus', { asnNumber }), credentials: xoro.credentials });
		expect(notFull[0].json).toMatchObject({ loopReturnId: '25044701', fullyReceived: false, closed: false });
	});
});
