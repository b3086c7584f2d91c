/**
 * The user's guide tells people to copy the return from Loop Admin's address bar:
 * https://admin.loopreturns.com/returns/52393555 → 52393555. A bare id passes through.
 */
export const ADMIN_URL_PATTERN = '^https?://admin\\.loopreturns\\.com/(?:[^?#]*/)?returns/(\\d+)';

export function returnIdFrom(value: string): string | undefined {
	const text = value.trim();
	if (/^\d+$/.test(text)) return text;
	const match = new RegExp(ADMIN_URL_PATTERN, 'i').exec(text);
	return match?.[1];
}
