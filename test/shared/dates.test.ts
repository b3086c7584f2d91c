import { parseStamp, parseXoroDate, toUtcIso, toXoroDate, toXoroDateTime } from '../../nodes/shared/dates';

describe('dates: every stamp in an explicit zone, whatever TZ the server has', () => {
	it('reads Loop text without an offset as UTC and keeps an offset that is given', () => {
		expect(toUtcIso('2026-11-26 23:30:00')).toBe('2026-11-26T23:30:00.000Z');
		expect(toUtcIso('2026-11-26T23:30:00')).toBe('2026-11-26T23:30:00.000Z');
		expect(toUtcIso('2026-11-26T18:30:00-05:00')).toBe('2026-11-26T23:30:00.000Z');
		expect(toUtcIso('2026-11-26 23:30:00', 'America/Los_Angeles')).toBe('2026-11-27T07:30:00.000Z');
	});

	it('refuses what is not a real date', () => {
		for (const bad of ['1', '2026', '2024-02-30', 'yesterday', '', null, 42, new Date(Number.NaN)]) {
			expect(parseStamp(bad)).toBeUndefined();
		}
	});

	it('reads and writes Xoro times on the tenant clock', () => {
		expect(parseXoroDate('11/26/2026 03:30:00 PM')).toBe('2026-11-26T15:30:00Z');
		expect(parseXoroDate('11/26/2026 03:30:00 PM', 'America/Los_Angeles')).toBe('2026-11-26T23:30:00Z');
		expect(parseXoroDate('01/01/0001 12:00:00 AM')).toBeNull();
		expect(toXoroDateTime('2026-11-26T23:30:00Z', 'America/Los_Angeles')).toBe('11/26/2026 03:30:00 PM');
		expect(toXoroDate('2026-11-27T02:00:00Z', 'America/Los_Angeles')).toBe('11/26/2026');
		expect(() => toXoroDate('garbage')).toThrow('"garbage" is not a date');
	});
});
