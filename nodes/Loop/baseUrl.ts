/** The Loop credential's base URL: one rule for the credential test, the node and the trigger. */
import { serviceBaseUrl } from '../shared/urls';

export const LOOP_DEFAULT_BASE_URL = 'https://api.loopreturns.com/api/v1';

export function loopBaseUrl(credentials: { baseUrl?: unknown }): string {
	return serviceBaseUrl('Loop', credentials.baseUrl, LOOP_DEFAULT_BASE_URL);
}
