/** Which credential a Loop call signs with, and what it yields: the base URL and the pacing bucket's key. */
import { createHash } from 'node:crypto';
import type { ServiceContext } from '../../shared/context';
import { loopBaseUrl } from '../baseUrl';

export const LOOP_CREDENTIAL = 'loopReturnsApi';

export type LoopContext = ServiceContext;

export async function connection(ctx: LoopContext): Promise<{ baseUrl: string; bucketKey: string }> {
	const credentials = await ctx.getCredentials(LOOP_CREDENTIAL);
	// A blank or foreign base URL is refused here, at once: retrying it cannot help.
	const baseUrl = loopBaseUrl(credentials);
	// The key itself never leaves this function: the bucket is keyed by its hash.
	const bucketKey = createHash('sha256').update(`${String(credentials.apiKey)}\n${baseUrl}`).digest('hex');
	return { baseUrl, bucketKey };
}
