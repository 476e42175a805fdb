import { defineConfig } from 'vitest/config';

const database = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'pglite';

export default defineConfig({
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
