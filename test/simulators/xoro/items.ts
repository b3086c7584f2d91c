/** product/item/getitem (confirmed): the item master, paged; honours item_number. */
import { defineRoutes, paged } from './routes';

defineRoutes({
	itemGet: {
		handle: ({ state, query }) => {
			const itemNumber = query.get('item_number');
			const rows = state.items.filter((item) => !itemNumber || item.ItemNumber.toLowerCase() === itemNumber.toLowerCase());
			return paged(rows, query);
		},
	},
});
