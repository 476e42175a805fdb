import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql 16 ships CommonJS and ESM copies; Node always loads the CommonJS one, but Vite would give
// our sources the ESM copy while CommonJS dependencies (graphql-armor) get the other: two realms.
const graphqlEntry = createRequire(new URL('./packages/schema/package.json', import.meta.url)).resolve('graphql');

const database = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'pglite';

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    name: database,
    include: ['packages/*/test/**/*.test.ts', 'examples/test/**/*.test.ts'],
    globalSetup: ['packages/api/test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { TEST_DATABASE: database },
  },
});
