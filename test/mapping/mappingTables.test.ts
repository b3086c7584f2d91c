import { ITEM_MAPPING_COLUMNS, mappingFromRows, MappingTableError, REASON_CODE_COLUMNS, STORE_BY_DESTINATION_COLUMNS } from '../../nodes/mapping/mappingTables';

describe('mappingFromRows', () => {
	it('reads rows as a Data Table node outputs them (n8n\'s id and stamps alongside), leaving out rows with an empty side', () => {
		const rows = [
			{ id: 1, destinationId: 7295, storeCode: ' EAST ', createdAt: '2026-12-02T08:00:00.000Z' },
			{ id: 2, destinationId: '8000', storeCode: '' },
			{ id: 3, destinationId: null, storeCode: 'WEST' },
			{},
		];
		expect({ ...mappingFromRows(rows, STORE_BY_DESTINATION_COLUMNS) }).toEqual({ '7295': 'EAST' });
		expect({ ...mappingFromRows('[{"loopReason": "Too small", "reasonCode": "FIT"}]', REASON_CODE_COLUMNS) }).toEqual({ 'Too small': 'FIT' });
	});

	it('finds only what was mapped, never an inherited property', () => {
		expect(mappingFromRows([], ITEM_MAPPING_COLUMNS).constructor).toBeUndefined();
	});

	it.each([
		['a value that is not text', [{ destinationId: 7295, storeCode: 'EAST' }, { destinationId: 8000, storeCode: 12 }], STORE_BY_DESTINATION_COLUMNS, 'row 2: "storeCode" must be text, not a number 12'],
		['a key that is neither text nor a whole number', [{ loopReason: { text: 'Too small' }, reasonCode: 'FIT' }], REASON_CODE_COLUMNS, 'row 1: "loopReason" must be text or a whole number, not an object'],
		['a row that is not an object', [{ shopifyKey: 'SOCK', itemNumber: 'SOCK-1' }, 'SOCK'], ITEM_MAPPING_COLUMNS, 'row 2 must be an object, not string "SOCK"'],
		['a table that is not a list', { destinationId: 1, storeCode: 'EAST' }, STORE_BY_DESTINATION_COLUMNS, 'must be a list of rows, not an object'],
		['text that is not JSON', '[{"destinationId": 1,', STORE_BY_DESTINATION_COLUMNS, 'is not JSON'],
	])('rejects %s, naming the row and the field', (_case, rows, columns, message) => {
		const error = (() => {
			try {
				mappingFromRows(rows, columns);
			} catch (e) {
				return e;
			}
		})();
		expect(error).toBeInstanceOf(MappingTableError);
		expect((error as Error).message).toBe(message);
	});
});
