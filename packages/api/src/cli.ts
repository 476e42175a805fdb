import { loadConfig } from './config';
import type { Database } from './db/connection';
import { helpRequested, helpText } from './cli/help';
import { createLogger } from './logger';

const USAGE = `temu-bisnis <command>
  start                       migrate, seed the demo data if missing, and serve the API
  serve                       migrate and serve the API
  migrate                     apply pending migrations (PGlite by default; DATABASE_URL for PostgreSQL)
  migration:create --name x   write a new migration from changes to prisma/schema.prisma
  drift                       print SQL that would bring the migrations in line with the schema
  seed                        load the deterministic Kota Semarang demo data (idempotent)
  seed:synthetic --enterprises N --partners M
                              add N synthetic enterprises and M partners for benchmarks (idempotent)
  token --email x             print a 30-day sign-in token for that user (Authorization: Bearer …)
  forum:schedule --forum slug --email staff@…  [--reoptimize] [--time-limit ms]
                              run a forum's scheduler (forumSchedule) with a progress bar, as that officer
  dispatch                    deliver webhooks; run several at once (WEBHOOK_* settings: docs/webhooks.md)
  forum:import --forum slug --email staff@…  --file roster.csv
                              register a roster CSV (forumParticipantImport) with a progress bar, as that officer
  users [--role R]            list the seeded demo accounts (e-mail, role, organisation) to sign in with;
                              R: ADMIN, OFFICER, PARTNER or ENTERPRISE
  docs:reference [--out dir]  write the API reference (HTML, from the schema) to dir/index.html;
                              default docs/reference (the API also serves it at /docs/reference)
  <command> --help            describe one command`;

const config = loadConfig();
const logger = createLogger(config.logLevel);
const [command, ...args] = process.argv.slice(2);

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/** Ctrl-C ends a command (or a server still starting) through process.exit, which gives up the data folder's lock. */
function exitOnSignal(signal: NodeJS.Signals): void {
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

/**
 * The configured database (PGlite folder or DATABASE_URL). The server, Prisma and PGlite are imported
 * by the commands that use them, so that help and a mistyped command answer at once.
 */
async function openConfiguredDatabase(): Promise<Database> {
  return (await import('./db/configured')).openConfiguredDatabase(config);
}

/** Runs a command on the configured database and closes it. */
async function withDatabase(fn: (db: Database) => Promise<void>): Promise<void> {
  const db = await openConfiguredDatabase();
  try {
    await fn(db);
  } finally {
    await db.close();
  }
}

async function serve(withSeed: boolean): Promise<void> {
  const { startApp } = await import('./app');
  const app = await startApp(config, logger, withSeed ? loadDemoData : undefined);
  let stopping = false;
  for (const signal of SIGNALS) {
    process.off(signal, exitOnSignal);
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info('shutting down', { signal });
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error('shutdown failed', { error });
          process.exit(1);
        },
      );
    });
  }
}

async function migrate(): Promise<void> {
  const db = await openConfiguredDatabase();
  try {
    const { applyMigrations } = await import('./db/migrate');
    const { applied, alreadyApplied } = await applyMigrations(db, { log: (line) => console.log(line) });
    console.log(
      `${db.kind}: ${applied.length} migration(s) applied, ${alreadyApplied.length} already applied.`,
    );
  } finally {
    await db.close();
  }
}

async function seed(): Promise<void> {
  const db = await openConfiguredDatabase();
  try {
    const { applyMigrations } = await import('./db/migrate');
    await applyMigrations(db);
    await loadDemoData(db);
  } finally {
    await db.close();
  }
}

async function loadDemoData(db: Database): Promise<void> {
  const { seedDemoData } = await import('./seed/index');
  const summary = await seedDemoData(db, { log: (line) => console.log(line) });
  console.log(`seeded ${db.kind}:`, JSON.stringify(summary));
}

async function token(): Promise<void> {
  const email = args[args.indexOf('--email') + 1];
  if (!args.includes('--email') || !email) throw new Error('Usage: token --email someone@example.org');
  const db = await openConfiguredDatabase();
  try {
    const { issueUserToken } = await import('./auth/tokens');
    const { token, expiresAt } = await issueUserToken(db.prisma, email);
    console.log(`Authorization: Bearer ${token}\n(expires ${expiresAt.toISOString()})`);
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  for (const signal of SIGNALS) process.on(signal, exitOnSignal);
  // `pnpm cli users | head`: a reader that stops early is no failure, as for any Unix tool; the
  // command finishes its work (closing the database) and what it still prints goes nowhere.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  if (command === undefined || helpRequested(command, args)) {
    const help = helpText(USAGE, command, args);
    console.log(help ?? USAGE);
    process.exitCode = help ? 0 : 1;
    return;
  }
  switch (command) {
    case 'start':
      return serve(true);
    case 'serve':
      return serve(false);
    case 'migrate':
      return migrate();
    case 'seed':
      return seed();
    case 'token':
      return token();
    case 'seed:synthetic': {
      const { runSyntheticSeed } = await import('./seed/synthetic');
      return runSyntheticSeed(config, args);
    }
    case 'migration:create': {
      const { runMigrationCreate } = await import('./db/migration-cli');
      await runMigrationCreate(args);
      return;
    }
    case 'forum:schedule': {
      const { runForumSchedule } = await import('./cli/forum-schedule');
      return withDatabase((db) => runForumSchedule(db, args));
    }
    case 'forum:import': {
      const { runForumImport } = await import('./cli/forum-schedule');
      return withDatabase((db) => runForumImport(db, args));
    }
    case 'dispatch': {
      const { runDispatch } = await import('./cli/dispatch');
      return runDispatch(config, logger);
    }
    case 'users': {
      const { runUsersList } = await import('./cli/users');
      return runUsersList(config, args);
    }
    case 'docs:reference': {
      const { writeReference } = await import('./docs/write');
      console.log(`wrote ${writeReference(args)}`);
      return;
    }
    case 'drift': {
      const { runDriftCheck } = await import('./db/migration-cli');
      if (await runDriftCheck()) process.exitCode = 1;
      return;
    }
    default:
      console.error(`Unknown command.\n\n${USAGE}`);
      process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
