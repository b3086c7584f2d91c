import { parseSearch, type FieldGetter } from './search';

const FIELDS = ['default', 'created_at', 'name', 'tag', 'source'];
const order = (name: string, createdAt: string, tags: string[] = [], source = 'web'): FieldGetter => (field) =>
	field === 'name' ? name : field === 'created_at' ? createdAt : field === 'tag' ? tags : field === 'source' ? source : name;

describe("Shopify search syntax (simulator's subset)", () => {
	const a = order('EXC-1003-1', '2026-11-01T10:00:00Z', ['1003']);
	const b = order('#1004', '2026-11-02T10:00:00Z', ['Loop Exchange', 'Refund'], 'api_client');

	it.each([
		["created_at:>='2026-11-01T12:00:00Z'", [false, true]],
		['created_at:<2026-11-02', [true, false]],
		['name:EXC*', [true, false]],
		["name:'exc-1003-1'", [true, false]],
		['tag:1003 OR tag:Refund', [true, true]],
		["tag:'Loop Exchange' AND source:api_client", [false, true]],
		['-tag:Refund', [true, false]],
		['NOT (name:EXC* OR tag:Refund)', [false, false]],
		['', [true, true]],
	])('%s', (query, expected) => {
		const parsed = parseSearch(query, FIELDS);
		expect([parsed.matches(a), parsed.matches(b)]).toEqual(expected);
		expect(parsed.warnings).toEqual([]);
	});

	it('ignores unknown fields with a warning, as Shopify does', () => {
		const parsed = parseSearch('updated_at:>2026-01-01 AND name:EXC*', FIELDS);
		expect(parsed.matches(a)).toBe(true);
		expect(parsed.warnings).toEqual([{ field: 'updated_at', message: 'Invalid search field for this query.' }]);
	});
});
