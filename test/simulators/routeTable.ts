/**
 * A simulator's route table: each route it serves, with whether the real service is known to have it
 * (CONFIRMED: its public docs, for Xoro also its guide or working public code) or we modeled it on the
 * service's conventions (MODELED), as docs/apis.md and nodes/Xoro/endpoints.ts mark them.
 */
export type RouteStatus = 'CONFIRMED' | 'MODELED';

export interface SimRoute {
	method: string;
	/** Below the service's base URL; `{name}` is a path parameter (`{id}`: digits), e.g. `/warehouse/return/{id}/process` */
	path: string;
	status: RouteStatus;
}

export interface RouteMatch<K extends string> {
	key: K;
	params: Record<string, string>;
}

/** Matches a request's method and path (under `prefix`) to its route in `routes`; undefined when none is served there. */
export function routeMatcher<K extends string>(routes: Record<K, SimRoute>, prefix = ''): (method: string, path: string) => RouteMatch<K> | undefined {
	const compiled = (Object.entries(routes) as Array<[K, SimRoute]>).map(([key, route]) => {
		const names: string[] = [];
		const source = (prefix + route.path).replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => {
			names.push(name);
			return name === 'id' ? '(\\d+)' : '([^/]+)';
		});
		return { key, method: route.method, names, pattern: new RegExp(`^${source}$`) };
	});
	return (method, path) => {
		for (const { key, method: routeMethod, names, pattern } of compiled) {
			const match = method === routeMethod ? pattern.exec(path) : null;
			if (match) return { key, params: Object.fromEntries(names.map((name, i) => [name, match[i + 1]])) };
		}
		return undefined;
	};
}
