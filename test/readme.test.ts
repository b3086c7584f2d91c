import fs from 'node:fs';
import path from 'node:path';
import { XORO_ENDPOINTS } from '../nodes/Xoro/endpoints';
import pkg from '../package.json';

const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

describe('README', () => {
	it.each(Object.entries(XORO_ENDPOINTS))('lists the Xoro endpoint %s with its default path and status', (_key, endpoint) => {
		const row = readme.split('\n').find((line) => line.startsWith(`| ${endpoint.displayName} |`));
		expect(row).toBeDefined();
		expect(row).toContain(`\`${endpoint.method} ${endpoint.path}\``);
		expect(row).toContain(endpoint.status === 'CONFIRMED' ? '| confirmed |' : '| **modeled** |');
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
