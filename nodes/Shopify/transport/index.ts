/**
 * The one way to Shopify's Admin GraphQL API: auth, cost-aware pacing, THROTTLED waited out,
 * MAX_COST_EXCEEDED answered with smaller pages, retries within a time budget, cursor paging, bulk
 * operations, scope checks, zod checks, and Shopify's errors as NodeApiError. Nothing here ever puts
 * a token or secret into a message. Only what callers use is exported here.
 */
export { SHOPIFY_CREDENTIAL } from './connection';
export { shopifyTransportTuning } from './tuning';
export { ShopifyGraphql } from './client';
