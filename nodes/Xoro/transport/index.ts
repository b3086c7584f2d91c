/**
 * The one way our nodes talk to Xoro: calls named by endpoint key, so the method and path are always
 * the ones "Advanced: Endpoint Paths" gives (endpoints.ts); Basic auth via the `xoroApi` credential, the
 * {Result, ErrorCode, Message, Data, TotalPages} envelope, page/per_page paging, one request at a
 * time per credential at a configurable pace (in queue mode one pace across all processes), and
 * retries within a time budget. Only what callers use is exported here.
 */
export { XORO_CREDENTIAL, xoroAccountKey, type XoroContext } from './connection';
export { xoroRetryPolicy } from './tuning';
export { xoroFailureOf, type XoroFailureKind } from './errors';
export { xoroCall } from './request';
export { isLastPage, xoroCallAll, xoroCallPage, xoroCallUpTo } from './paging';
