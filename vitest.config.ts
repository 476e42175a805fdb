import { createRequire } from 'node:module';
import { configDefaults, defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// graphql 16 ships CommonJS and ESM copies; Node always loads the CommonJS one, but Vite would give
// our sources the ESM copy while CommonJS dependencies (graphql-armor) get the other: two realms.
const graphqlEntry = createRequire(new URL('./packages/schema/package.json', import.meta.url)).resolve('graphql');

const database = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'pglite';

/**
 * Tests that use no test database: domain functions, the printed schema, the SDK's codegen and
 * resilience against a scripted server, the migration tool's own engine, the CLI's help. They run once, in project
 * `unit`, without the templates the database project's global setup builds.
 */
const withoutDatabase = [
  'packages/schema/test/**/*.test.ts',
  'packages/sdk/test/codegen.test.ts',
  'packages/sdk/test/resilience.test.ts',
  'packages/api/test/migration-create.test.ts',
  'packages/api/test/cli-help.test.ts',
  'packages/api/test/cli-imports.test.ts',
  'packages/api/test/admission-gate.test.ts',
];

/**
 * Tests whose subject is not the database: the HTTP limits, the GraphiQL, agenda and report pages
 * in a browser, and the embedded database's own machinery (its worker thread, the socket it is
 * shared on). They run once, in the half of the default embedded database; everything that reads or
 * writes through Prisma, migrations and the seed run in both.
 */
const embeddedOnly = [
  'packages/api/test/limits.test.ts',
  'packages/api/test/graphiql.test.ts',
  'packages/api/test/graphiql-browser.test.ts',
  'packages/api/test/forum-agenda-browser.test.ts',
  'packages/api/test/report-browser.test.ts',
  'packages/api/test/pglite-thread.test.ts',
  'packages/api/test/pglite-prepared.test.ts',
  'packages/api/test/socket-server.test.ts',
];

/**
 * Tests of a client of the API, not of its database: the SDK against a running server, its tarball
 * and the examples run from it. And the rate limit two API processes share through Redis: several
 * processes on one database is a PostgreSQL deployment (an embedded folder has one owner), and the
 * limit is HTTP's business; so are the read replicas (a standby streamed from the local server) and
 * two processes' response caches invalidating each other through PostgreSQL. They run once, in the PostgreSQL half, which without them ends before
 * the PGlite half (where every file, and every `cli serve` child, also starts its PGlite on the CPU).
 */
const postgresOnly = [
  'packages/sdk/test/**/*.test.ts',
  'examples/test/examples.test.ts',
  'packages/api/test/rate-limit.test.ts',
  'packages/api/test/read-replicas.test.ts',
  'packages/api/test/response-cache-processes.test.ts',
  // How PostgreSQL's planner reads the API's lists at 100,000 IKM (production's planner and size).
  'packages/api/test/list-plans.test.ts',
  // PostgreSQL's statement_timeout (PGlite has none in this API).
  'packages/api/test/statement-timeout.test.ts',
];

/**
 * Tests that time the server (the hostile-cost test's /healthz latency): they run alone, after the
 * other database tests, so that what they measure is the server, not another test file on the
 * second core.
 */
const measuredAlone = ['packages/api/test/hostile-cost.test.ts', 'packages/api/test/forum-schedule-thread.test.ts'];

/**
 * The longest files of a half (from `pnpm test`'s runs), started first: on a fresh clone vitest has
 * no durations yet and would start them in path order, leaving one worker alone with the examples
 * (over a minute) at the end.
 */
const longestFirst = [
  'examples/test/examples.test.ts',
  'packages/api/test/rate-limit.test.ts',
  'packages/api/test/financing-anonymity.test.ts',
  'packages/api/test/webhook-delivery.test.ts',
  'packages/api/test/data-dir-lock.test.ts',
  'packages/api/test/seed.test.ts',
  'packages/api/test/forum-organisers.test.ts',
  'packages/api/test/forum-accept-concurrency.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = longestFirst.findIndex((path) => f.moduleId.endsWith(path));
      return i < 0 ? longestFirst.length : i;
    };
    const sorted = await super.sort(files);
    // Projects keep vitest's order; within one the listed files come first, the rest keep their
    // order (Array.prototype.sort is stable).
    const projects = [...new Set(sorted.map((f) => f.project.name))];
    const project = (f: TestSpecification) => projects.indexOf(f.project.name);
    return sorted.sort((a, b) => project(a) - project(b) || rank(a) - rank(b));
  }
}

const databaseProject = {
  globalSetup: ['packages/api/test/support/global-setup.ts'],
  env: { TEST_DATABASE: database },
};

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    pool: 'forks',
    maxWorkers: 2,
    // A worker keeps its imported modules from one test file to the next: the schema, the Prisma
    // client and the server are imported (and transformed) once per worker instead of once per file.
    // Each file still gets its own database and server; no test changes module state.
    isolate: false,
    sequence: { sequencer: LongestFirst },
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'unit', include: withoutDatabase, sequence: { groupOrder: 0 } } },
      {
        extends: true,
        test: {
          ...databaseProject,
          name: database,
          include: ['packages/*/test/**/*.test.ts', 'examples/test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...withoutDatabase, ...measuredAlone, ...(database === 'postgres' ? embeddedOnly : postgresOnly)],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          ...databaseProject,
          name: `${database}-alone`,
          include: measuredAlone,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
