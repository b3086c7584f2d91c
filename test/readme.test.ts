import fs from 'node:fs';
import path from 'node:path';
import { XORO_ENDPOINTS } from '../nodes/Xoro/endpoints';
import pkg from '../package.json';
import { xoroRoutes } from './simulators/xoro';

const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

/** The rows of the README's table "Xoro endpoints: confirmed and modeled", as the route they name. */
function endpointTable(): Array<{ displayName: string; route: string }> {
	const section = readme.split('\n## ').find((s) => s.startsWith('Xoro endpoints'));
	const lines = (section ?? '').split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Operation |') && !line.startsWith('| --- |'));
	return lines.map((line) => {
		const cells = /^\| (.+?) \| `([A-Z]+) ([^`]+)` \| (confirmed|\*\*modeled\*\*) \| .+ \|$/.exec(line);
		if (!cells) throw new Error(`README: an endpoint row that does not read "| Operation | \`METHOD path\` | confirmed or **modeled** | Used by |": ${line}`);
		return { displayName: cells[1], route: `${cells[2]} ${cells[3]} ${cells[4] === 'confirmed' ? 'CONFIRMED' : 'MODELED'}` };
	});
}

describe('README', () => {
	it.each(Object.entries(XORO_ENDPOINTS))('lists the Xoro endpoint %s with its default path and status', (_key, endpoint) => {
		const row = readme.split('\n').find((line) => line.startsWith(`| ${endpoint.displayName} |`));
		expect(row).toBeDefined();
		expect(row).toContain(`\`${endpoint.method} ${endpoint.path}\``);
		expect(row).toContain(endpoint.status === 'CONFIRMED' ? '| confirmed |' : '| **modeled** |');
	});

	it('lists in its Xoro endpoint table only endpoints the nodes call', () => {
		const table = endpointTable();
		expect(table.length).toBeGreaterThan(0);
		const endpoints = Object.values(XORO_ENDPOINTS).map((e) => ({ displayName: e.displayName, route: `${e.method} ${e.path} ${e.status}` }));
		for (const row of table) expect(endpoints).toContainEqual(row);
	});

	it('lists every Xoro route as the simulator serves it, with the same status, and every route the nodes call', () => {
		const served = xoroRoutes().map((r) => `${r.method} ${r.path} ${r.status}`);
		for (const { route } of endpointTable()) expect(served).toContain(route);
		const listed = endpointTable().map((row) => row.route);
		for (const route of xoroRoutes().filter((r) => r.endpoint)) expect(listed).toContain(`${route.method} ${route.path} ${route.status}`);
	});

	it('describes every template in workflows/', () => {
		for (const file of fs.readdirSync(path.join(__dirname, '..', 'workflows'))) expect(readme).toContain(`\`${file}\``);
	});

	it('gives the test command that .ci/run runs', () => {
		const ci = fs.readFileSync(path.join(__dirname, '..', '.ci', 'run'), 'utf8');
		const command = /^npm ci && npm test$/m.exec(ci)?.[0];
		expect(command).toBeDefined();
		expect(readme).toContain(command);
		expect(pkg.scripts.test).toBeDefined();
	});
});
