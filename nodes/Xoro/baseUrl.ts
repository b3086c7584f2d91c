/** The Xoro credential's base URL: one rule for the credential test, the nodes and the trigger. */
import { serviceBaseUrl } from '../shared/urls';

export const XORO_DEFAULT_BASE_URL = 'https://res.xorosoft.io/api/xerp';

export function xoroBaseUrl(credentials: { baseUrl?: unknown }): string {
	return serviceBaseUrl('Xoro', credentials.baseUrl, XORO_DEFAULT_BASE_URL);
}
