/**
 * The one way to Loop: auth, base URL, pacing under Loop's 300 requests/minute per key, retries,
 * cursor paging with Loop's quirks, and error mapping. Only what callers use is exported here.
 */
export { type LoopContext } from './connection';
export { loopTransportTuning } from './tuning';
export { listReturns, pageReturns, type LoopDateFilter, type LoopListPosition, type LoopListQuery } from './paging';
export { addNote, getNotes, getReturnDetails, NOTE_LIMIT, removeLineItems, returnAction, type ReturnLookup } from './returns';
