/** How the templates address n8n's Data tables: by name, so a table is found after any import. */
import type { DataTableColumns, DataTableColumnType } from '../stockNodes';

export const tableNamed = (name: string) => ({ __rl: true as const, mode: 'name' as const, value: name });

/** Columns to write, with the schema the editor shows for them. */
export function columnValues(schema: Array<{ name: string; type: DataTableColumnType }>, value: Record<string, string>): DataTableColumns {
	return {
		mappingMode: 'defineBelow',
		value,
		matchingColumns: [],
		schema: schema.map(({ name, type }) => ({ id: name, displayName: name, required: false, defaultMatch: false, display: true, type, canBeUsedToMatch: true })),
	};
}

/** Rows whose columns equal these values (all of them). */
export const whereEqual = (...conditions: Array<[string, string]>) => ({
	matchType: 'allConditions' as const,
	filters: { conditions: conditions.map(([keyName, keyValue]) => ({ keyName, condition: 'eq' as const, keyValue })) },
});

/** Every row. */
export const everyRow = { matchType: 'allConditions' as const, filters: { conditions: [] } };
