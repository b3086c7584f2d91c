// The credential names the templates ask for; n8n matches them to the user's own on import.
export const LOOP = { loopReturnsApi: { name: 'Loop Returns account' } };
export const XORO = { xoroApi: { name: 'Xoro account' } };
export const SHOPIFY = { shopifyAdminGraphqlApi: { name: 'Shopify Admin account' } };
