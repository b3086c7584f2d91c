/** The ordering and liveness rules every create-once decision rests on. */
import { byDocumentNumber, compareDocumentNumbers, isLive } from '../../nodes/Xoro/actions/createOnce';

describe('createOnce rules', () => {
	it('orders document numbers by their counter, not as text', () => {
		const numbers = ['MAIN-R000013', 'MAIN-R000012', 'MAIN-R000100', 'MAIN-R000099'];
		expect([...numbers].sort(compareDocumentNumbers)).toEqual(['MAIN-R000012', 'MAIN-R000013', 'MAIN-R000099', 'MAIN-R000100']);
		// Application ids without zero padding: 999 < 1000 although "999" > "1000" as text.
		expect(['1000', '999'].sort(compareDocumentNumbers)).toEqual(['999', '1000']);
		expect([{ n: 'MAIN-C000010' }, { n: 'MAIN-C000002' }].sort(byDocumentNumber((d: { n: string }) => d.n)).map((d) => d.n)).toEqual(['MAIN-C000002', 'MAIN-C000010']);
	});

	it('counts every status but cancelled, voided, deleted and reversed ones as live', () => {
		for (const status of ['Open', 'Approved', 'Credited', 'Closed', 'Received', 'Refunded', 'Applied', 'Released', 'Invoiced', null]) expect(isLive(status)).toBe(true);
		for (const status of ['Cancelled', 'Canceled', 'cancelled', 'Void', 'Voided', 'Deleted', 'Reversed']) expect(isLive(status)).toBe(false);
	});
});
