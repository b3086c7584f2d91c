/**
 * Create a Xoro document at most once per third-party reference, even when executions overlap (two
 * n8n queue-mode workers, a scheduled import and a reconciliation re-run, a retry). Xoro does not keep
 * ThirdPartyRefNo unique and has no conditional create, so a look-up before the create cannot stop two
 * racers from both creating. Instead every racer converges on the same document afterwards:
 *
 *   1. Look up the LIVE documents for the reference (cancelled/voided ones do not count). If there are
 *      any, return the canonical one (alreadyExisted) and cancel the other live ones (a race whose
 *      loser could not cancel earlier).
 *   2. Create, and learn the number of the document this execution made (from the create answer's
 *      Data; after a lost answer the transport's re-check finds it, as "what was not there in step 1").
 *   3. Read the live documents back (again, while the read does not list ours: "not yet"). The canonical one is the oldest (see `compareDocumentNumbers`). If ours
 *      is canonical, return it; otherwise a concurrent execution won: cancel ours and return theirs
 *      (alreadyExisted, raceResolved: {cancelled}).
 *
 * Why it converges, for two or N racers: Xoro numbers each kind of document from one counter as it
 * saves it, so a document with a lower number was saved (and readable) before any document with a
 * higher number (MAIN-R000012 existed before MAIN-R000013 was saved; Xoro's internals are not public,
 * this is the usual ERP counter behaviour we rely on). Each racer reads back only after its own create
 * was saved, so it sees every document numbered below its own, the lowest one (the winner's) included.
 * Every loser therefore sees the winner and cancels its own; the winner sees no lower number and keeps
 * its document. Nobody ever cancels the lowest live document, so all racers (and every later look-up)
 * name the same one, and exactly one stays live. A racer whose create answer was lost does not know
 * which document is its own: it cancels every live one but the canonical one, all of them duplicates
 * (a racer that finds one already cancelled by another counts it as done). Should a Xoro tenant ever
 * make a lower number readable after a higher one, the two left live are caught by step 1 of the
 * next run over the reference (the scheduled import's overlap, the nightly reconciliation).
 *
 * If a cancel fails, the item fails with an error naming both documents, never leaving two silently;
 * a re-run's step 1 tries that cancel again.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { z } from 'zod';
import { readUntil } from '../../shared/retry';
import { xoroRetryPolicy } from '../transport';
import { asNodeError } from '../../shared/items';

/** What createOnce needs to know about one kind of Xoro document. */
export interface OnceDocumentKind<T> {
	/** "RMA", "ASN", "credit memo", "sales order", "credit application" */
	what: string;
	/** What undoing one is called in Xoro, for messages: "cancel", "void", "reverse" */
	undo: string;
	/** The reference in words, for messages: "Loop return 25044701" */
	reference: string;
	numberOf(document: T): string | null;
	statusOf(document: T): string | null;
	/**
	 * Every document Xoro holds for the reference (cancelled ones may or may not be listed). `complete`:
	 * the read-back after a create must see them all; a look-up may stop at the first hit.
	 */
	find(complete: boolean): Promise<T[]>;
	/** Sends the create; passes `recheck` to the transport. Resolves to Data, or to what recheck returned. */
	create(recheck: () => Promise<unknown>): Promise<unknown>;
	/** The document named by the create answer's Data, if any */
	parseCreated(data: unknown): T | undefined;
	/** Cancels (voids, reverses) the document; passes `recheck` to the transport */
	cancel(number: string, recheck: () => Promise<unknown>): Promise<unknown>;
	/**
	 * What to return when Xoro confirmed the create but the read-back lists nothing (a tenant whose read
	 * does not show this kind); without it that is an error.
	 */
	unlisted?(answer: unknown): T;
}

export interface OnceResult<T> {
	document: T;
	alreadyExisted: boolean;
	/** Duplicates this execution cancelled (made by a race) */
	cancelled: string[];
}

/** Statuses of documents that no longer count: cancelled, voided, deleted, reversed. */
export function isLive(status: string | null): boolean {
	return !/^\s*(cancel|void|delet|revers)/i.test(status ?? '');
}

/**
 * The one ordering of Xoro documents: by number, digit runs compared as numbers (MAIN-R000002 <
 * MAIN-R000010), because Xoro numbers each kind of document from a counter in creation order. The
 * oldest document is the canonical one of a reference.
 */
export function compareDocumentNumbers(a: string | null, b: string | null): number {
	return (a ?? '').localeCompare(b ?? '', 'en', { numeric: true });
}

export function byDocumentNumber<T>(numberOf: (row: T) => string | null) {
	return (a: T, b: T) => compareDocumentNumbers(numberOf(a), numberOf(b));
}

/** The document a create answer's Data holds, if it parses as one (Xoro's create answers are modeled). */
export function parseCreated<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, data: unknown): T | undefined {
	const row = Array.isArray(data) ? data[0] : data;
	const parsed = schema.safeParse(row);
	return parsed.success ? parsed.data : undefined;
}

/** What the transport's re-check hands back when it found documents after a lost create answer. */
const FOUND_BY_RECHECK = Symbol('found by re-check');

export async function createOnce<T>(ctx: IExecuteFunctions, itemIndex: number, kind: OnceDocumentKind<T>): Promise<OnceResult<T>> {
	const order = byDocumentNumber(kind.numberOf);
	const live = async (complete: boolean) => (await kind.find(complete)).filter((d) => isLive(kind.statusOf(d))).sort(order);

	const before = await live(false);
	if (before.length) {
		const [canonical, ...extras] = before;
		return { document: canonical, alreadyExisted: true, cancelled: await cancelAll(ctx, itemIndex, kind, canonical, extras) };
	}

	let answer: unknown;
	try {
		answer = await kind.create(async () => ((await live(true)).length ? FOUND_BY_RECHECK : undefined));
	} catch (error) {
		const failure = asNodeError(ctx, error, itemIndex);
		// Xoro refused it, e.g. because a concurrent execution's document used up what this one needed
		// (an invoice balance): if that document is there now, it is the answer. Or the transport gave up
		// on answers that never came although Xoro saved the create (once or more): ours may then be among
		// the live ones, unknown, and above a racer that already read back and kept its own. As after a
		// lost answer, every live document but the canonical one is a duplicate.
		const [canonical, ...others] = failure instanceof NodeApiError ? await live(true).catch(() => []) : [];
		if (canonical) return { document: canonical, alreadyExisted: true, cancelled: await cancelAll(ctx, itemIndex, kind, canonical, others) };
		throw failure;
	}
	const ours = answer === FOUND_BY_RECHECK ? undefined : kind.parseCreated(answer);
	const ourNumber = ours ? kind.numberOf(ours) : null;

	// A read-back that does not list our own document (or, when ours is unknown, lists nothing) was read
	// too soon or lost: it is read again, within the retry budget. Without this, a lost read would keep
	// a duplicate live or fail a create that worked.
	const waitForListing = ourNumber !== null || !kind.unlisted;
	const listsOurs = (docs: T[]) => (ourNumber ? docs.some((d) => kind.numberOf(d) === ourNumber) : docs.length > 0);
	const after = await readUntil(() => live(true), (docs) => !waitForListing || listsOurs(docs), xoroRetryPolicy);
	// Ours may not be listed yet (or under a status not searched): it still takes part in the ordering.
	const candidates = ours && ourNumber && !after.some((d) => kind.numberOf(d) === ourNumber) ? [...after, ours].sort(order) : after;
	if (!candidates.length) {
		if (kind.unlisted) return { document: kind.unlisted(answer), alreadyExisted: false, cancelled: [] };
		throw new NodeOperationError(ctx.getNode(), `Xoro accepted the ${kind.what} for ${kind.reference} but does not find it`, {
			itemIndex,
			description: `Check the ${kind.what} search endpoint under Advanced: Endpoint Paths.`,
		});
	}
	const [canonical, ...others] = candidates;
	if (ourNumber) {
		if (kind.numberOf(canonical) === ourNumber) return { document: canonical, alreadyExisted: false, cancelled: [] };
		const mine = others.filter((d) => kind.numberOf(d) === ourNumber);
		return { document: canonical, alreadyExisted: true, cancelled: await cancelAll(ctx, itemIndex, kind, canonical, mine) };
	}
	// Our own number is unknown (lost answer): every live document but the canonical one is a duplicate.
	const cancelled = await cancelAll(ctx, itemIndex, kind, canonical, others);
	return { document: canonical, alreadyExisted: cancelled.length > 0, cancelled };
}

/** The operation's output for a createOnce result: the document's JSON, alreadyExisted, raceResolved. */
export function onceOutput<T>(result: OnceResult<T>, json: (document: T) => IDataObject): IDataObject {
	return {
		...json(result.document),
		alreadyExisted: result.alreadyExisted,
		...(result.cancelled.length ? { raceResolved: { cancelled: result.cancelled } } : {}),
	};
}

async function cancelAll<T>(ctx: IExecuteFunctions, itemIndex: number, kind: OnceDocumentKind<T>, canonical: T, duplicates: T[]): Promise<string[]> {
	const cancelled: string[] = [];
	for (const duplicate of duplicates) {
		const number = kind.numberOf(duplicate);
		if (!number) continue;
		const stillLive = async () => (await kind.find(true)).some((d) => kind.numberOf(d) === number && isLive(kind.statusOf(d)));
		try {
			await kind.cancel(number, async () => ((await stillLive()) ? undefined : true));
		} catch (error) {
			// A concurrent racer may have cancelled it first: what matters is that it is no longer live.
			if (await stillLive().catch(() => true)) {
				const cause = asNodeError(ctx, error, itemIndex);
				const kept = kind.numberOf(canonical);
				throw new NodeOperationError(
					ctx.getNode(),
					`Xoro holds two ${kind.what}s for ${kind.reference}: ${kept} (kept) and ${number} (a duplicate from overlapping runs); could not ${kind.undo} ${number}: ${cause.message}`,
					{
						itemIndex,
						description: `${kind.undo[0].toUpperCase()}${kind.undo.slice(1)} ${number} in Xoro, or run this again to retry. ${kept} is the ${kind.what} to keep.`,
					},
				);
			}
		}
		cancelled.push(number);
	}
	return cancelled;
}
