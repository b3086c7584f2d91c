/**
 * What the Xoro credential says about the tenant, read in one place: its clock and its RMA process.
 * Xoro writes and filters times as text without an offset (`03/16/2026 12:44:27 PM`); they are in the
 * zone set as "Time Zone" on the credential (UTC by default), and every Xoro call site that formats or
 * parses a date takes its zone from here. The RMA process settings decide the steps before an ASN and
 * whether a credit memo is imported or recorded on the RMA's own (README, "Xoro's RMA process").
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { isTimeZone, UTC } from '../shared/dates';
import { XORO_CREDENTIAL, type XoroContext } from './transport';

export async function xoroTimeZone(ctx: XoroContext, itemIndex = 0): Promise<string> {
	const credentials = await ctx.getCredentials(XORO_CREDENTIAL);
	const zone = String(credentials.timeZone ?? '').trim();
	if (!zone) return UTC;
	if (!isTimeZone(zone)) {
		throw new NodeOperationError(ctx.getNode(), `"Time Zone" on the Xoro credential is not a time zone: "${zone}"`, {
			itemIndex,
			description: 'Set an IANA zone name such as UTC or America/Los_Angeles.',
		});
	}
	return zone;
}

export type RmaProcess = 'none' | 'new' | 'old';

export interface TenantRmaSettings {
	approvalBeforeAsn: boolean;
	process: RmaProcess;
}

export async function readTenantRmaSettings(ctx: IExecuteFunctions): Promise<TenantRmaSettings> {
	const credentials = await ctx.getCredentials(XORO_CREDENTIAL);
	const process = credentials.rmaProcess;
	return {
		approvalBeforeAsn: credentials.rmaApprovalBeforeAsn === true,
		process: process === 'new' || process === 'old' ? process : 'none',
	};
}
