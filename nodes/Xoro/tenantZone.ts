/**
 * The Xoro tenant's clock. Xoro writes and filters times as text without an offset
 * (`03/16/2026 12:44:27 PM`); they are in the zone set as "Time Zone" on the Xoro credential (UTC by
 * default). Every Xoro call site that formats or parses a date takes its zone from here.
 */
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
