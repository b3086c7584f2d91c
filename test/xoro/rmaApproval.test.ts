/**
 * Approval before the ASN (README, "Xoro's RMA process"): a tenant that creates return ASNs only from
 * approved RMAs, and the credential switch that makes ASN → Create for RMA approve the RMA first, once.
 */
import { XoroAsn } from '../../nodes/Xoro/XoroAsn.node';
import { runNode } from '../harness/n8n';
import { createRmaFor, useSim } from './fixtures';

const asnNode = new XoroAsn();
const xoro = useSim({ startEach: false });

/** The simulator's credentials with the tenant settings of the Xoro credential. */
const withTenant = (settings: Record<string, unknown>, baseUrl = String(xoro.credentials.xoroApi.baseUrl)) => ({
	xoroApi: { ...xoro.credentials.xoroApi, baseUrl, ...settings },
});
const approving = () => withTenant({ rmaApprovalBeforeAsn: true });

const createRma = () => createRmaFor(xoro, '25044701');

const createAsn = (rmaNumber: string, credentials: ReturnType<typeof withTenant>) =>
	runNode(asnNode, { parameters: { resource: 'asn', operation: 'createForRma', rmaNumber }, credentials });
const approvals = () => xoro.sim.requests.filter((r) => r.path.endsWith('/rma/approve'));
const rmaStatus = () => xoro.sim.state.rmas[0].RmaHeader.StatusName;

describe('Xoro ASN: Create for RMA on a tenant that requires approved RMAs', () => {
	it('without the credential switch: Xoro refuses the ASN with its error, and nothing is written', async () => {
		await xoro.start({ rmaApprovalRequired: true });
		const rmaNumber = await createRma();
		await expect(createAsn(rmaNumber, withTenant({}))).rejects.toThrow(`RMA '${rmaNumber}' is not approved`);
		expect(xoro.sim.state.asns).toHaveLength(0);
		expect(rmaStatus()).toBe('Open');
	});

	it('with "RMA Approval Before ASN": approves the RMA, then creates the ASN; a re-run approves nothing again', async () => {
		await xoro.start({ rmaApprovalRequired: true });
		const rmaNumber = await createRma();
		const [first] = await createAsn(rmaNumber, approving());
		expect(first[0].json).toMatchObject({ rmaNumber, alreadyExisted: false, rmaApproved: true });
		expect(rmaStatus()).toBe('Approved');
		const [again] = await createAsn(rmaNumber, approving());
		expect(again[0].json).toMatchObject({ asnNumber: first[0].json.asnNumber, alreadyExisted: true });
		expect(again[0].json.rmaApproved).toBeUndefined();
		expect(approvals()).toHaveLength(1);
		expect(xoro.sim.state.asns).toHaveLength(1);
	});

	it('an RMA approved already (in Xoro\'s UI) is not approved again', async () => {
		await xoro.start({ rmaApprovalRequired: true });
		const rmaNumber = await createRma();
		xoro.sim.state.rmas[0].RmaHeader.StatusName = 'Approved';
		const [out] = await createAsn(rmaNumber, approving());
		expect(out[0].json).toMatchObject({ alreadyExisted: false });
		expect(out[0].json.rmaApproved).toBeUndefined();
		expect(approvals()).toHaveLength(0);
	});

	it('two overlapping runs approve once (the second is refused by Xoro and sees the RMA approved) and keep one ASN', async () => {
		await xoro.start({ rmaApprovalRequired: true });
		const rmaNumber = await createRma();
		const bothApproving = xoro.sim.holdUntil('/rma/approve', 2);
		// Each worker paces on its own lane, so their calls interleave.
		const worker = (n: number) => withTenant({ rmaApprovalBeforeAsn: true }, `${String(xoro.credentials.xoroApi.baseUrl)}${'/'.repeat(n)}`);
		const runs = await Promise.all([1, 2].map((n) => createAsn(rmaNumber, worker(n))));
		await bothApproving;
		expect(runs.map(([out]) => out[0].json.asnNumber)).toEqual(['MAIN-A000001', 'MAIN-A000001']);
		expect(runs.filter(([out]) => out[0].json.rmaApproved === true)).toHaveLength(1);
		expect(approvals().filter((r) => r.status === 200)).toHaveLength(2);
		expect(rmaStatus()).toBe('Approved');
		expect(xoro.sim.state.asns.filter((a) => a.AsnHeaderData.StatusName !== 'Cancelled')).toHaveLength(1);
	});

	it('a failed approval leaves nothing half-written: no ASN, the RMA still Open, and a re-run completes', async () => {
		await xoro.start({ rmaApprovalRequired: true });
		const rmaNumber = await createRma();
		xoro.sim.faults.add({ kind: 'serverError', path: '/rma/approve' });
		await expect(createAsn(rmaNumber, approving())).rejects.toThrow();
		expect(xoro.sim.state.asns).toHaveLength(0);
		expect(rmaStatus()).toBe('Open');
		expect(xoro.sim.requests.some((r) => r.path.endsWith('/asn/create'))).toBe(false);
		xoro.sim.faults.clear();
		const [out] = await createAsn(rmaNumber, approving());
		expect(out[0].json).toMatchObject({ alreadyExisted: false, rmaApproved: true });
	});
});

describe('Xoro ASN: Create for RMA on a tenant that does not require approval', () => {
	it('creates the ASN straight away and leaves the RMA Open, as before', async () => {
		await xoro.start();
		const rmaNumber = await createRma();
		const [out] = await createAsn(rmaNumber, withTenant({}));
		expect(out[0].json).toMatchObject({ rmaNumber, alreadyExisted: false });
		expect(rmaStatus()).toBe('Open');
		expect(approvals()).toHaveLength(0);
	});

	it('with the switch on anyway, approves (Xoro accepts an approval it does not require) and creates the ASN', async () => {
		await xoro.start();
		const rmaNumber = await createRma();
		const [out] = await createAsn(rmaNumber, approving());
		expect(out[0].json).toMatchObject({ rmaApproved: true, alreadyExisted: false });
		expect(xoro.sim.state.asns).toHaveLength(1);
	});
});
