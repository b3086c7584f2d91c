import { XoroAsn } from '../../nodes/Xoro/XoroAsn.node';
import { XoroRma } from '../../nodes/Xoro/XoroRma.node';
import { runNode } from '../harness/n8n';
import type { Scenario } from '../simulators/scenario';
import type { XoroSimulator } from '../simulators/xoro';
import { fastRetries, loopReturnItem, startSim } from './fixtures';

const asnNode = new XoroAsn();
const rmaNode = new XoroRma();
let sim: XoroSimulator;
let scenario: Scenario;
let credentials: Awaited<ReturnType<typeof startSim>>['credentials'];

beforeAll(fastRetries);
afterEach(async () => sim.close());

async function start(options: Parameters<typeof startSim>[0] = {}) {
	({ sim, scenario, credentials } = await startSim(options));
}

async function createRma(returnId = '25044701'): Promise<string> {
	const [out] = await runNode(rmaNode, {
		parameters: { resource: 'rma', operation: 'createFromLoopReturn', storeCode: 'MAIN' },
		items: [loopReturnItem(scenario, returnId) as never],
		credentials,
	});
	return String(out[0].json.rmaNumber);
}

const asn = (operation: string, extra: Record<string, unknown> = {}) => ({ resource: 'asn', operation, ...extra });

describe('Xoro ASN: Create for RMA', () => {
	it('creates an ASN linked to the RMA with one line per RMA line, and is idempotent', async () => {
		await start();
		const rmaNumber = await createRma();
		const [first] = await runNode(asnNode, { parameters: asn('createForRma', { rmaNumber }), credentials });
		expect(first[0].json).toMatchObject({ rmaNumber, thirdPartyRefNo: '25044701', status: 'Open', alreadyExisted: false });
		expect(first[0].json.lines).toEqual([
			{ itemNumber: 'TEE-PM-S', expected: 2, received: 0 },
			{ itemNumber: 'CAP-NAVY', expected: 1, received: 0 },
		]);
		const [second] = await runNode(asnNode, { parameters: asn('createForRma', { rmaNumber }), credentials });
		expect(second[0].json).toMatchObject({ asnNumber: first[0].json.asnNumber, alreadyExisted: true });
		expect(sim.state.asns).toHaveLength(1);
	});

	it('with "Xoro generates the ASN" it returns Xoro\'s ASN and never creates one', async () => {
		await start({ asnWithRma: true });
		const rmaNumber = await createRma();
		const [out] = await runNode(asnNode, { parameters: asn('createForRma', { rmaNumber, xoroGeneratesAsn: true }), credentials });
		expect(out[0].json).toMatchObject({ rmaNumber, alreadyExisted: true, generatedByXoro: true });
		expect(sim.state.asns).toHaveLength(1);
		expect(sim.requests.some((r) => r.path.endsWith('/asn/create'))).toBe(false);
	});

	it('with "Xoro generates the ASN" but none generated, fails clearly after bounded retries', async () => {
		await start({ asnWithRma: false });
		const rmaNumber = await createRma();
		await expect(runNode(asnNode, { parameters: asn('createForRma', { rmaNumber, xoroGeneratesAsn: true }), credentials })).rejects.toThrow(
			`Xoro has not generated an ASN for RMA ${rmaNumber}`,
		);
		expect(sim.state.asns).toHaveLength(0);
	});
});

describe('Xoro ASN: receive, close, receipt status', () => {
	async function openAsn(): Promise<string> {
		const rmaNumber = await createRma();
		const [out] = await runNode(asnNode, { parameters: asn('createForRma', { rmaNumber }), credentials });
		return String(out[0].json.asnNumber);
	}

	it('routes a fully received, closed ASN to output 0 with the Loop return id', async () => {
		await start();
		const asnNumber = await openAsn();
		const [received] = await runNode(asnNode, { parameters: asn('receive', { asnNumber, receiveMode: 'allRemaining', closeAfter: true }), credentials });
		expect(received[0].json).toMatchObject({ status: 'Closed' });
		const [full, notFull] = await runNode(asnNode, { parameters: asn('receiptStatus', { asnNumber }), credentials });
		expect(notFull).toHaveLength(0);
		expect(full[0].json).toMatchObject({ asnNumber, fullyReceived: true, closed: true, loopReturnId: '25044701', shortLines: [], expectedQty: 3, receivedQty: 3 });
	});

	it('routes a partial receipt closed short to output 1 listing the short lines', async () => {
		await start();
		const asnNumber = await openAsn();
		await runNode(asnNode, {
			parameters: asn('receive', { asnNumber, receiveMode: 'lines', lines: { line: [{ itemNumber: 'TEE-PM-S', quantity: 1 }] } }),
			credentials,
		});
		const [closed] = await runNode(asnNode, { parameters: asn('close', { asnNumber }), credentials });
		expect(closed[0].json).toMatchObject({ status: 'Closed', alreadyClosed: false });
		const [again] = await runNode(asnNode, { parameters: asn('close', { asnNumber }), credentials });
		expect(again[0].json).toMatchObject({ alreadyClosed: true });
		const [full, notFull] = await runNode(asnNode, { parameters: asn('receiptStatus', { asnNumber }), credentials });
		expect(full).toHaveLength(0);
		expect(notFull[0].json).toMatchObject({ fullyReceived: false, loopReturnId: '25044701' });
		expect(notFull[0].json.shortLines).toEqual([
			{ itemNumber: 'TEE-PM-S', expected: 2, received: 1, short: 1 },
			{ itemNumber: 'CAP-NAVY', expected: 1, received: 0, short: 1 },
		]);
	});

	it.each(['QtyReceived', 'ReceivedQty', 'BaseQtyReceived'])('reads the received quantity when Xoro names it %s', async (field) => {
		await start({ receivedQtyField: field });
		const asnNumber = await openAsn();
		sim.receiveAsn(asnNumber, [{ ItemNumber: 'TEE-PM-S', QtyReceived: 2 }, { ItemNumber: 'CAP-NAVY', QtyReceived: 1 }], true);
		const [full] = await runNode(asnNode, { parameters: asn('receiptStatus', { asnNumber }), credentials });
		expect(full[0].json).toMatchObject({ fullyReceived: true, receivedQty: 3 });
	});

	it('refuses to receive an item that is not on the ASN, naming the line', async () => {
		await start();
		const asnNumber = await openAsn();
		await expect(
			runNode(asnNode, { parameters: asn('receive', { asnNumber, receiveMode: 'lines', lines: { line: [{ itemNumber: 'HOOD-GRY-M', quantity: 1 }] } }), credentials }),
		).rejects.toThrow(`Line 1: item HOOD-GRY-M is not on ASN ${asnNumber}`);
	});

	it('Get Many lists closed ASNs closed since a time', async () => {
		await start();
		const a = await openAsn();
		const since = new Date(Date.now() - 60_000).toISOString();
		sim.closeAsn(a);
		const [out] = await runNode(asnNode, { parameters: asn('getMany', { returnAll: true, filters: { status: 'Closed', closedSince: since } }), credentials });
		expect(out.map((i) => i.json.asnNumber)).toEqual([a]);
		const [none] = await runNode(asnNode, {
			parameters: asn('getMany', { returnAll: true, filters: { status: 'Closed', closedSince: new Date(Date.now() + 3_600_000).toISOString() } }),
			credentials,
		});
		expect(none).toHaveLength(0);
	});
});

describe('Xoro ASN: faults', () => {
	async function openAsn(): Promise<string> {
		const rmaNumber = await createRma();
		const [out] = await runNode(asnNode, { parameters: asn('createForRma', { rmaNumber }), credentials });
		return String(out[0].json.asnNumber);
	}

	it('create: a lost answer does not create a second ASN', async () => {
		await start();
		const rmaNumber = await createRma();
		sim.loseAnswers('/asn/create');
		const [out] = await runNode(asnNode, { parameters: asn('createForRma', { rmaNumber }), credentials });
		expect(out[0].json).toMatchObject({ rmaNumber, alreadyExisted: false });
		expect(sim.state.asns).toHaveLength(1);
	});

	it('receive: a lost answer is not resent, so quantities are not doubled', async () => {
		await start();
		const asnNumber = await openAsn();
		sim.loseAnswers('/asn/receive');
		const [out] = await runNode(asnNode, { parameters: asn('receive', { asnNumber, receiveMode: 'allRemaining' }), credentials });
		expect(out[0].json).toMatchObject({ status: 'Received' });
		expect(sim.state.asns[0].AsnDetailData.map((l) => l.received)).toEqual([2, 1]);
		expect(sim.requests.filter((r) => r.path.endsWith('/asn/receive'))).toHaveLength(1);
	});

	it('receive: a throttled or failed call that Xoro did not apply is retried', async () => {
		await start();
		const asnNumber = await openAsn();
		sim.faults.add([{ kind: 'serverError', path: '/asn/receive', times: 1 }, { kind: 'malformed', path: '/asn/receive', times: 1 }]);
		await runNode(asnNode, { parameters: asn('receive', { asnNumber, receiveMode: 'lines', lines: { line: [{ itemNumber: 'CAP-NAVY', quantity: 1 }] } }), credentials });
		expect(sim.state.asns[0].AsnDetailData.map((l) => l.received)).toEqual([0, 1]);
	});

	it('receive: nothing left to receive is reported, not sent', async () => {
		await start();
		const asnNumber = await openAsn();
		sim.receiveAsn(asnNumber, [{ ItemNumber: 'TEE-PM-S', QtyReceived: 2 }, { ItemNumber: 'CAP-NAVY', QtyReceived: 1 }]);
		const [out] = await runNode(asnNode, { parameters: asn('receive', { asnNumber, receiveMode: 'allRemaining' }), credentials });
		expect(out[0].json).toMatchObject({ nothingToReceive: true });
		expect(sim.requests.some((r) => r.path.endsWith('/asn/receive'))).toBe(false);
	});

	it('receive on a closed ASN fails clearly', async () => {
		await start();
		const asnNumber = await openAsn();
		sim.closeAsn(asnNumber);
		await expect(runNode(asnNode, { parameters: asn('receive', { asnNumber, receiveMode: 'allRemaining' }), credentials })).rejects.toThrow(
			`ASN ${asnNumber} is closed; it cannot receive more`,
		);
	});

	it('close: a lost answer is detected by reading the ASN back', async () => {
		await start();
		const asnNumber = await openAsn();
		sim.loseAnswers('/asn/close');
		const [out] = await runNode(asnNode, { parameters: asn('close', { asnNumber }), credentials });
		expect(out[0].json).toMatchObject({ status: 'Closed', alreadyClosed: false });
	});

	it('receipt status: with continueOnFail an unknown ASN goes to "Not fully received" with its error', async () => {
		await start();
		const asnNumber = await openAsn();
		sim.receiveAsn(asnNumber, [{ ItemNumber: 'TEE-PM-S', QtyReceived: 2 }, { ItemNumber: 'CAP-NAVY', QtyReceived: 1 }], true);
		const [full, notFull] = await runNode(asnNode, {
			parameters: asn('receiptStatus', { asnNumber: '={{ $json.asn }}' }),
			items: [{ asn: asnNumber }, { asn: 'MAIN-A999999' }],
			credentials,
			continueOnFail: true,
		});
		expect(full.map((i) => [i.json.asnNumber, i.pairedItem])).toEqual([[asnNumber, { item: 0 }]]);
		expect(notFull.map((i) => [i.json.error, i.pairedItem])).toEqual([['Xoro has no ASN MAIN-A999999', { item: 1 }]]);
	});

	it('receipt status reads the Loop return id from the RMA when the ASN does not carry it', async () => {
		await start();
		const asnNumber = await openAsn();
		sim.state.asns[0].AsnHeaderData.ThirdPartyRefNo = null;
		const [, notFull] = await runNode(asnNode, { parameters: asn('receiptStatus', { asnNumber }), credentials });
		expect(notFull[0].json).toMatchObject({ loopReturnId: '25044701', fullyReceived: false, closed: false });
	});
});
