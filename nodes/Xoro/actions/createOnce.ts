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
 *
 * createOnceBatch (below) takes these steps for a whole execution's items at once: one look-up and one
 * read-back for the batch instead of one each per item.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { z } from 'zod';
import { readUntil } from '../../shared/retry';
import { xoroAccountKey, xoroRetryPolicy } from '../transport';
import { asNodeError } from '../../shared/items';
import { claim } from '../../shared/claims';

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
	const existing = await keepCanonical(ctx, itemIndex, kind, await findLive(kind, false));
	if (existing) return existing;
	const sent = await sendCreate(ctx, itemIndex, kind);
	if ('result' in sent) return sent.result;
	return settle(ctx, itemIndex, kind, sent, await readBack(kind, sent));
}

/** What step 2 sent: Xoro's answer, and the document it names when it names one. */
interface Sent<T> {
	answer: unknown;
	ours: T | undefined;
	ourNumber: string | null;
}

/** The live documents among `docs`, each once (a row read twice across pages counts once), oldest first. */
function liveOnes<T>(kind: OnceDocumentKind<T>, docs: T[]): T[] {
	const seen = new Set<string>();
	const live: T[] = [];
	for (const doc of docs) {
		const number = kind.numberOf(doc);
		if (!isLive(kind.statusOf(doc)) || (number !== null && seen.has(number))) continue;
		if (number !== null) seen.add(number);
		live.push(doc);
	}
	return live.sort(byDocumentNumber(kind.numberOf));
}

async function findLive<T>(kind: OnceDocumentKind<T>, complete: boolean): Promise<T[]> {
	return liveOnes(kind, await kind.find(complete));
}

/** Step 1 on the live documents found: the canonical one, the others cancelled; undefined when there are none. */
async function keepCanonical<T>(ctx: IExecuteFunctions, itemIndex: number, kind: OnceDocumentKind<T>, live: T[]): Promise<OnceResult<T> | undefined> {
	if (!live.length) return undefined;
	const [canonical, ...extras] = live;
	return { document: canonical, alreadyExisted: true, cancelled: await cancelAll(ctx, itemIndex, kind, canonical, extras) };
}

/** Step 2: the create; `result` when a refused create is answered by a concurrent execution's document. */
async function sendCreate<T>(ctx: IExecuteFunctions, itemIndex: number, kind: OnceDocumentKind<T>): Promise<Sent<T> | { result: OnceResult<T> }> {
	let answer: unknown;
	try {
		answer = await kind.create(async () => ((await findLive(kind, true)).length ? FOUND_BY_RECHECK : undefined));
	} catch (error) {
		const failure = asNodeError(ctx, error, itemIndex);
		// Xoro refused it, e.g. because a concurrent execution's document used up what this one needed
		// (an invoice balance): if that document is there now, it is the answer. Or the transport gave up
		// on answers that never came although Xoro saved the create (once or more): ours may then be among
		// the live ones, unknown, and above a racer that already read back and kept its own. As after a
		// lost answer, every live document but the canonical one is a duplicate.
		const [canonical, ...others] = failure instanceof NodeApiError ? await findLive(kind, true).catch(() => []) : [];
		if (canonical) return { result: { document: canonical, alreadyExisted: true, cancelled: await cancelAll(ctx, itemIndex, kind, canonical, others) } };
		throw failure;
	}
	const ours = answer === FOUND_BY_RECHECK ? undefined : kind.parseCreated(answer);
	return { answer, ours, ourNumber: ours ? kind.numberOf(ours) : null };
}

/**
 * Whether a read-back is complete: it lists our own document (or, when ours is unknown, any). One that
 * does not was read too soon or lost, and is read again within the retry budget: without this, a lost
 * read would keep a duplicate live or fail a create that worked.
 */
function listsOurs<T>(kind: OnceDocumentKind<T>, sent: Sent<T>, live: T[]): boolean {
	if (sent.ourNumber === null && kind.unlisted) return true;
	return sent.ourNumber ? live.some((d) => kind.numberOf(d) === sent.ourNumber) : live.length > 0;
}

/** Step 3's read, for one item. */
function readBack<T>(kind: OnceDocumentKind<T>, sent: Sent<T>): Promise<T[]> {
	return readUntil(() => findLive(kind, true), (live) => listsOurs(kind, sent, live), xoroRetryPolicy);
}

/** Step 3 on the live documents read back after the create. */
async function settle<T>(ctx: IExecuteFunctions, itemIndex: number, kind: OnceDocumentKind<T>, sent: Sent<T>, after: T[]): Promise<OnceResult<T>> {
	const { answer, ours, ourNumber } = sent;
	// Ours may not be listed yet (or under a status not searched): it still takes part in the ordering.
	const candidates = ours && ourNumber && !after.some((d) => kind.numberOf(d) === ourNumber) ? [...after, ours].sort(byDocumentNumber(kind.numberOf)) : after;
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

/**
 * createOnce for every item of an execution, each step once for the whole batch where Xoro lets one
 * search stand for many (issue 11: a request is half a second of a backfill at Xoro's pace):
 *
 *   1. One search lists the documents of every reference in the batch, instead of a look-up per item.
 *   2. The creates, one per item without a live document, in item order.
 *   3. One search read after the last create lists them again, instead of a read-back per item; it is
 *      read again (within the retry budget) until it lists every document the creates named.
 *
 * Why it still converges: the argument in this file's header is per reference and needs only that a
 * racer's read-back, sent after its own create was saved, lists every document of the reference. The
 * batch's search gives that when it lists a superset of the batch's documents; each item keeps the
 * ones filed under its reference (and that it `owns`). The operations search a window of Xoro's
 * creation date that starts before any document of the batch can have been made (the Loop return's
 * creation for an RMA, the RMA's for its ASN, the Shopify transaction's for a credit memo or sales
 * order, the card's memos' for an application; batchWindow.ts), so the window holds them all whether or not the look-up
 * saw them, and Xoro ignoring the window costs pages, not correctness (docs/apis.md §X4.3). Xoro's pages are not a snapshot: a document that
 * leaves the listing while we page (cancelled by another execution, on a tenant whose reads hide
 * cancelled documents) can shift a live one across a page boundary unseen; the two then left live are
 * caught by the next run's step 1, as this file's header allows for a number made readable late.
 *
 * Bounded: the search is read only while it costs fewer pages than the requests of the items it
 * stands for (`itemRequests` each); past that (`search` answers undefined, or fails) each item goes
 * through createOnce on its own, look-up right before its create, read-back right after (a look-up
 * made for every item before the first create is stale by a late item's create: overlapping runs
 * would each create what the others made meanwhile): at worst one request more than per item, for
 * the page that told. With `readsBackOnly` the look-ups are the plans', the read-back search may
 * still stand for the items' read-backs, and an item whose search failed reads back on its own.
 * A batch of one item is createOnce, request for request.
 *
 * Overlapping executions (a run slower than its schedule, queue-mode workers) would each create what
 * the other made after their look-up, and void it again at their read-back. So before each create an
 * item is claimed (shared/claims.ts); one another execution claimed waits for the end of the batch and
 * then goes through createOnce on its own, looked up again right before its create.
 *
 * Items naming the same document (`key`) twice: the first goes through the steps, the others get
 * its document (alreadyExisted). Without Continue On Fail nothing is created after the first failed
 * item, as when items ran one by one, but everything created is read back and settled.
 */
export interface OnceBatchItem<T> {
	itemIndex: number;
	kind: OnceDocumentKind<T>;
	/** The reference the batch's search files this item's documents under (OnceBatchSearch.referenceOf), any case */
	reference: string;
	/** Items with equal keys are one document; by default the reference, any case */
	key?: string;
	/** Which of the documents filed under the reference are this item's (e.g. by source); by default all */
	owns?(document: T): boolean;
}

export interface OnceBatchSearch<T> {
	/** Every document of the batch's references (a superset), or undefined when that takes more than `maxPages` pages */
	read(maxPages: number): Promise<T[] | undefined>;
	/** The reference a listed document is filed under */
	referenceOf(document: T): string | null;
	/** Requests one item's own look-up or read-back costs (a sales order's: one per status); by default 1 */
	itemRequests?: number;
	/** The items' look-ups are in hand (their plans read them; kind.find(false) answers from that): the search stands for the read-backs only */
	readsBackOnly?: boolean;
}

/** An item's result, or the error it failed with. */
export type OnceOutcome<T> = OnceResult<T> | NodeApiError | NodeOperationError;

export async function createOnceBatch<T>(ctx: IExecuteFunctions, items: Array<OnceBatchItem<T>>, search: OnceBatchSearch<T>): Promise<Map<number, OnceOutcome<T>>> {
	const outcomes = new Map<number, OnceOutcome<T>>();
	let stopAfter = Number.POSITIVE_INFINITY;
	const fail = (item: OnceBatchItem<T>, error: unknown) => {
		outcomes.set(item.itemIndex, asNodeError(ctx, error, item.itemIndex));
		if (!ctx.continueOnFail()) stopAfter = Math.min(stopAfter, item.itemIndex);
	};
	const firstOfKey = new Map<string, OnceBatchItem<T>>();
	for (const item of items) if (!firstOfKey.has(keyOf(item))) firstOfKey.set(keyOf(item), item);
	const firsts = [...firstOfKey.values()];
	// A failed search is read again per item: each then fails (or not) with its own error.
	const searchFor = async (items: number) => (items > 1 ? filed(search, await search.read(items * (search.itemRequests ?? 1) - 1).catch(() => undefined)) : undefined);
	const liveOf = (item: OnceBatchItem<T>, byReference: Map<string, T[]>) =>
		liveOnes(item.kind, (byReference.get(item.reference.toLowerCase()) ?? []).filter((d) => !item.owns || item.owns(d)));

	// Each on its own: look-up right before its create, read-back right after (createOnce).
	const eachOnItsOwn = async (items: Array<OnceBatchItem<T>>) => {
		for (const item of items) {
			if (item.itemIndex > stopAfter) continue;
			try {
				outcomes.set(item.itemIndex, await createOnce(ctx, item.itemIndex, item.kind));
			} catch (error) {
				fail(item, error);
			}
		}
	};
	// What another execution claimed is left to the end and then looked up again (shared/claims.ts).
	const scope = await xoroAccountKey(ctx);
	const claimedByOther: Array<OnceBatchItem<T>> = [];
	const claimed = async (item: OnceBatchItem<T>) => {
		if (await claim(scope, `${item.kind.what}|${keyOf(item)}`, (message) => ctx.logger?.warn(message))) return true;
		claimedByOther.push(item);
		return false;
	};

	// 1. Look up
	const listed = search.readsBackOnly ? undefined : await searchFor(firsts.length);
	if (!listed && !search.readsBackOnly) {
		// No batch look-up (the search does not stand for this batch, or would cost too many pages): each
		// item looks up right before its own create and reads back right after it, as createOnce does.
		// Looking every item up first and creating afterwards would leave a late item's look-up minutes
		// old (a request each, in a pace lane shared with overlapping runs): every run would then create
		// what another run made meanwhile, and leave it live until its read-backs at the very end.
		for (const item of firsts) {
			if (item.itemIndex > stopAfter) break;
			if (await claimed(item)) await eachOnItsOwn([item]);
		}
		await eachOnItsOwn(claimedByOther);
		return settleRepeats(ctx, items, firstOfKey, outcomes, () => stopAfter, fail);
	}
	const toCreate: Array<OnceBatchItem<T>> = [];
	for (const item of firsts) {
		if (item.itemIndex > stopAfter) break;
		try {
			const live = listed ? liveOf(item, listed) : await findLive(item.kind, false);
			const existing = await keepCanonical(ctx, item.itemIndex, item.kind, live);
			if (existing) outcomes.set(item.itemIndex, existing);
			else toCreate.push(item);
		} catch (error) {
			fail(item, error);
		}
	}

	// 2. Create
	const created: Array<{ item: OnceBatchItem<T>; sent: Sent<T> }> = [];
	for (const item of toCreate) {
		if (item.itemIndex > stopAfter) break;
		if (!(await claimed(item))) continue;
		try {
			const sent = await sendCreate(ctx, item.itemIndex, item.kind);
			if ('result' in sent) outcomes.set(item.itemIndex, sent.result);
			else created.push({ item, sent });
		} catch (error) {
			fail(item, error);
		}
	}

	// 3. Read back and settle every document created, also past a failure: a duplicate stays live otherwise.
	const listsAll = (byReference: Map<string, T[]> | undefined) => !byReference || created.every(({ item, sent }) => listsOurs(item.kind, sent, liveOf(item, byReference)));
	const after = created.length > 1 ? await readUntil(() => searchFor(created.length), listsAll, xoroRetryPolicy) : undefined;
	for (const { item, sent } of created) {
		try {
			const live = after ? liveOf(item, after) : await readBack(item.kind, sent);
			outcomes.set(item.itemIndex, await settle(ctx, item.itemIndex, item.kind, sent, live));
		} catch (error) {
			fail(item, error);
		}
	}

	// 4. What another execution claimed, now that it has had the time to make it
	await eachOnItsOwn(claimedByOther);
	return settleRepeats(ctx, items, firstOfKey, outcomes, () => stopAfter, fail);
}

/** Items naming the document of an earlier item (`key`) get its document, or run createOnce when it failed. */
async function settleRepeats<T>(
	ctx: IExecuteFunctions,
	items: Array<OnceBatchItem<T>>,
	firstOfKey: Map<string, OnceBatchItem<T>>,
	outcomes: Map<number, OnceOutcome<T>>,
	stopAfter: () => number,
	fail: (item: OnceBatchItem<T>, error: unknown) => void,
): Promise<Map<number, OnceOutcome<T>>> {
	for (const item of items) {
		const first = firstOfKey.get(keyOf(item))!;
		if (first === item || item.itemIndex > stopAfter()) continue;
		const done = outcomes.get(first.itemIndex);
		try {
			outcomes.set(item.itemIndex, done && !(done instanceof Error) ? { document: done.document, alreadyExisted: true, cancelled: [] } : await createOnce(ctx, item.itemIndex, item.kind));
		} catch (error) {
			fail(item, error);
		}
	}
	return outcomes;
}

function keyOf<T>(item: OnceBatchItem<T>): string {
	return item.key ?? item.reference.toLowerCase();
}

/** The search's documents by reference (any case), or undefined when it was not read. */
function filed<T>(search: OnceBatchSearch<T>, docs: T[] | undefined): Map<string, T[]> | undefined {
	if (!docs) return undefined;
	const byReference = new Map<string, T[]>();
	for (const doc of docs) {
		const reference = (search.referenceOf(doc) ?? '').toLowerCase();
		const group = byReference.get(reference);
		if (group) group.push(doc);
		else byReference.set(reference, [doc]);
	}
	return byReference;
}

/**
 * What each item of a batch operation is made of (its parameters, its input) before createOnceBatch
 * runs, or the error that failed it; without Continue On Fail no item after the first failure is
 * planned, as when items ran one by one. Indexed by item.
 */
export async function planEach<P>(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	plan: (itemIndex: number, item: INodeExecutionData) => Promise<P>,
): Promise<Array<P | NodeApiError | NodeOperationError>> {
	const plans: Array<P | NodeApiError | NodeOperationError> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			plans.push(await plan(itemIndex, items[itemIndex]));
		} catch (error) {
			plans.push(asNodeError(ctx, error, itemIndex));
			if (!ctx.continueOnFail()) break;
		}
	}
	return plans;
}

/** An item's outcome from createOnceBatch; its error is thrown, for forEachItem to report. */
export function outcomeOf<T>(ctx: IExecuteFunctions, outcomes: Map<number, OnceOutcome<T>>, itemIndex: number): OnceResult<T> {
	const outcome = outcomes.get(itemIndex);
	if (!outcome) throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex} was not run: an item before it failed`, { itemIndex });
	if (outcome instanceof Error) throw outcome;
	return outcome;
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
