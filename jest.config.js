// Two projects: `unit` (pure code, transports and nodes against the simulators on loopback)
// and `e2e` (the packed package inside a real n8n). `npm test` runs both.
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }];

module.exports = {
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			roots: ['<rootDir>/test', '<rootDir>/nodes', '<rootDir>/credentials'],
			testMatch: ['**/*.test.ts'],
			testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/test/e2e/'],
			// Node tests run over loopback HTTP with real pacing: seconds alone, more on a loaded machine.
			testTimeout: 30_000,
			transform: { '^.+\\.ts$': tsJest },
		},
		{
			displayName: 'e2e',
			testEnvironment: 'node',
			roots: ['<rootDir>/test/e2e'],
			testMatch: ['**/*.e2e.test.ts'],
			// A real n8n answers its API in well under a second, but not on a loaded CI machine.
			testTimeout: 120_000,
			transform: { '^.+\\.ts$': tsJest },
		},
	],
};
