// n8n's community-node rules on everything that ships; tests get the TypeScript rules only,
// because the simulators and the harness legitimately use timers, process and node:http.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import jsoncParser from 'jsonc-eslint-parser';

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.n8n-e2e/**', 'gulpfile.js', 'jest.config.js'] },
	...[js.configs.recommended, ...tseslint.configs.recommended].map((config) => ({ ...config, files: ['**/*.ts'] })),
	{
		...n8nCommunityNodesPlugin.configs.recommended,
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		rules: { 'no-console': 'error' },
	},
	{
		// zod and luxon are real runtime dependencies: n8n does not put them on a community package's
		// require path (see README, "Why two runtime dependencies").
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
		rules: { '@n8n/community-nodes/no-runtime-dependencies': 'off' },
	},
	{
		// What queue-mode processes share (nodes/shared/queueRedis.ts: the Xoro pace, the claims) needs a
		// socket to the queue's Redis and n8n's queue variables; n8n Cloud allows neither, and has no queue mode.
		files: ['nodes/shared/redis.ts'],
		rules: { '@n8n/community-nodes/no-restricted-imports': 'off' },
	},
	{
		files: ['nodes/shared/queueRedis.ts'],
		rules: { '@n8n/community-nodes/no-restricted-globals': 'off' },
	},
	{
		files: ['test/**/*.ts'],
		rules: { '@typescript-eslint/no-explicit-any': 'off' },
	},
);
