/** Bulk operations for long backfills: start one, poll it until its JSONL file is ready, read the file. */
import { sleep } from 'n8n-workflow';
import type { z } from 'zod';
import { parseBody } from '../../shared/body';
import { RetryBudget } from '../../shared/retry';
import { BULK_RUN, BULK_STATUS } from '../queries';
import { bulkRunSchema, bulkStatusSchema } from '../schemas';
import type { ShopifySession } from './connection';
import { shopifyError } from './errors';
import { request } from './request';
import { shopifyTransportTuning } from './tuning';

/**
 * Runs `query` as a bulk operation (no paging, no cost limit: for long backfills), waits for it,
 * and returns the top-level nodes of its JSONL file checked against `nodeSchema`. Queries whose
 * nested lists are plain lists (not connections) keep them inline.
 */
export async function bulkQuery<S extends z.ZodTypeAny>(session: ShopifySession, query: string, nodeSchema: S): Promise<Array<z.infer<S>>> {
	const started = await request(session, BULK_RUN, { query }, bulkRunSchema);
	const id = started.bulkOperationRunQuery?.bulkOperation?.id;
	if (!id) throw shopifyError(session, 'Shopify did not start the bulk operation', '200');
	const deadline = Date.now() + shopifyTransportTuning.bulkMaxWaitMs;
	let url: string | null | undefined;
	for (;;) {
		await sleep(shopifyTransportTuning.bulkPollMs);
		const { bulkOperation } = await request(session, BULK_STATUS, { id }, bulkStatusSchema);
		if (!bulkOperation) throw shopifyError(session, `Shopify lost bulk operation ${id}`, '200');
		if (bulkOperation.status === 'COMPLETED') {
			url = bulkOperation.url;
			break;
		}
		if (['FAILED', 'CANCELED', 'EXPIRED'].includes(bulkOperation.status)) {
			throw shopifyError(session, `Shopify's bulk operation ended ${bulkOperation.status} (${bulkOperation.errorCode ?? 'no error code'})`, '200');
		}
		if (Date.now() > deadline) throw shopifyError(session, `Shopify's bulk operation ${id} did not finish in time`, undefined);
	}
	if (!url) return [];
	const lines = (await download(session, url)).split('\n').filter((line) => line.trim());
	const nodes: Array<z.infer<S>> = [];
	for (const [index, line] of lines.entries()) {
		const parsed = parseBody(line);
		const value = parsed.kind === 'json' ? (parsed.value as Record<string, unknown> | null) : undefined;
		if (!value) throw shopifyError(session, `Shopify's bulk result line ${index + 1} is not JSON`, '200');
		if (value.__parentId !== undefined) continue;
		const node = nodeSchema.safeParse(value);
		if (!node.success) throw shopifyError(session, `Shopify's bulk result line ${index + 1} has an unexpected shape`, '200');
		nodes.push(node.data);
	}
	return nodes;
}

/** The JSONL file behind a signed URL: no Shopify token goes there. */
async function download(session: ShopifySession, url: string): Promise<string> {
	const budget = new RetryBudget(shopifyTransportTuning);
	for (;;) {
		try {
			const body = (await session.ctx.helpers.httpRequest({ method: 'GET', url, encoding: 'text', json: false, timeout: shopifyTransportTuning.requestTimeoutMs })) as unknown;
			return Buffer.isBuffer(body) ? body.toString('utf8') : String(body ?? '');
		} catch (error) {
			if (!(await budget.wait())) {
				throw shopifyError(session, `Could not download Shopify's bulk result: ${(error as Error).message?.split('\n')[0] ?? 'failed'}`, undefined);
			}
		}
	}
}
