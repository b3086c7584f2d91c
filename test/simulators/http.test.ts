import { request } from 'undici';
import { serve, type SimServer } from './http';

describe('simulator HTTP base', () => {
	let sim: SimServer;
	let calls = 0;

	beforeAll(async () => {
		sim = await serve({
			handler: () => ({ status: 200, body: { calls: ++calls } }),
			responders: {
				rateLimit: () => ({ status: 429, body: { message: 'slow down' } }),
				serverError: () => ({ status: 500, body: { Message: 'An error has occurred.' } }),
				empty: () => ({ status: 200, body: [] }),
			},
			state: () => ({ calls }),
		});
	});
	afterAll(() => sim.close());
	afterEach(() => sim.faults.clear());

	it('serves the handler and logs each request', async () => {
		const res = await request(`${sim.url}/x?a=1`);
		expect(res.statusCode).toBe(200);
		expect(await res.body.json()).toEqual({ calls: calls });
		expect(sim.requests.at(-1)).toMatchObject({ method: 'GET', path: '/x', query: 'a=1', status: 200 });
	});

	it('injects a counted fault, then recovers', async () => {
		sim.faults.add({ kind: 'serverError', times: 2 });
		const statuses = [];
		for (let i = 0; i < 3; i++) statuses.push((await request(`${sim.url}/y`)).statusCode);
		expect(statuses).toEqual([500, 500, 200]);
	});

	it('answers malformed JSON with a 200 that does not parse', async () => {
		sim.faults.add({ kind: 'malformed', times: 1 });
		const res = await request(`${sim.url}/z`);
		expect(res.statusCode).toBe(200);
		await expect(res.body.json()).rejects.toThrow();
	});

	it('spreads rate-based faults by a seeded sequence and honours path filters', async () => {
		sim.faults.add({ kind: 'rateLimit', rate: 0.5, path: '/limited' });
		const limited = [];
		for (let i = 0; i < 40; i++) limited.push((await request(`${sim.url}/limited`)).statusCode);
		const n429 = limited.filter((s) => s === 429).length;
		expect(n429).toBeGreaterThan(8);
		expect(n429).toBeLessThan(32);
		expect((await request(`${sim.url}/other`)).statusCode).toBe(200);
	});

	it('takes fault rules over its admin route, from another process', async () => {
		await request(`${sim.url}/__sim/faults`, { method: 'POST', body: JSON.stringify({ kind: 'empty', times: 1 }) });
		expect(await (await request(`${sim.url}/a`)).body.json()).toEqual([]);
		const state = await (await request(`${sim.url}/__sim/state`)).body.json();
		expect(state).toEqual({ calls });
	});

	it('holds a request open on a timeout fault', async () => {
		sim.faults.add({ kind: 'timeout', times: 1 });
		await expect(request(`${sim.url}/slow`, { headersTimeout: 300 })).rejects.toThrow(/timeout/i);
	});
});
