import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@temu-bisnis/schema/prisma';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';

export type DatabaseKind = 'pglite' | 'postgres';

/** Raw SQL access beside Prisma, for migrations, health checks and bulk seeding. */
export interface SqlRunner {
  /**
   * `prepared` names the statement on PostgreSQL, which then parses and plans it once per
   * connection; only for a bounded set of statements (each stays in every connection's memory).
   * Ignored on PGlite: the connections of its socket share one session, where a name may be taken.
   */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], prepared?: string): Promise<T[]>;
  /** Runs a script of several statements (simple query protocol). */
  exec(script: string): Promise<void>;
}

export interface Database extends SqlRunner {
  kind: DatabaseKind;
  /** Runs fn on one connection (PGlite has only one), for locks and explicit transactions. */
  session<T>(fn: (sql: SqlRunner) => Promise<T>): Promise<T>;
  prisma: PrismaClient;
  /** Checks that the database answers (`/healthz`), on a connection of its own where there is one. */
  ping(): Promise<void>;
  /** SQL statements sent through Prisma or `query` since the database was opened; tests pin N+1 with it. */
  readonly statementCount: number;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgresql://… selects PostgreSQL; anything else is ignored. */
  url?: string | undefined;
  /**
   * An already opened PGlite (tests load it from a migrated snapshot; data-dir.ts opens a folder
   * under its lock); omitted means a new one in memory.
   */
  pglite?: PGlite | undefined;
  /**
   * PostgreSQL only: the server cancels any statement of this pool that runs longer (its
   * statement_timeout), so that a request the API gave up on (TIMEOUT) does not leave its query
   * running on. Unset: no limit (CLI commands, seeding, migrations).
   */
  statementTimeoutMs?: number | undefined;
}

/** Where pg connects when it is not a URL: the Unix socket on which a server shares its PGlite. */
export interface SocketOptions {
  /** Folder of the socket `.s.PGSQL.<port>`. */
  host: string;
  port: number;
}

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  if (isPostgresUrl(options.url)) {
    const timeout = options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {};
    return openPostgres('postgres', { connectionString: options.url, max: Number(process.env.PG_POOL_SIZE ?? 10), ...timeout });
  }
  const pglite = options.pglite ?? (await PGlite.create());
  const runner: SqlRunner = {
    query: async (sql, params) => (await pglite.query(sql, params as unknown[] | undefined)).rows as never,
    exec: async (script) => {
      await pglite.exec(script);
    },
  };
  return wrap('pglite', new PrismaPGlite(pglite), {
    ...runner,
    session: (fn) => fn(runner),
    ping: async () => void (await pglite.query('SELECT 1')),
    close: () => pglite.close(),
  });
}

/**
 * The PGlite a server shares on a Unix socket, through the PostgreSQL adapter. A CLI command uses
 * one connection: the PGlite is one session that its clients take turns on. The server's own
 * (`server`, PGlite in its worker thread) uses a few, so that the worker has the next statement
 * queued while this thread turns the last answer into GraphQL (its `/healthz` asks the worker).
 */
export function openSharedPGlite({ host, port }: SocketOptions, { server = false } = {}): Promise<Database> {
  const config = { host, port, user: 'postgres', database: 'postgres' };
  return openPostgres('pglite', { ...config, max: server ? 4 : 1 });
}

/** A pool whose idle connections may be ended by the server (restart, DROP DATABASE … FORCE): it drops
 * them and opens others when needed, so the event must not become an uncaught exception. */
function quietPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on('error', () => {});
  return pool;
}

function openPostgres(kind: DatabaseKind, config: pg.PoolConfig): Promise<Database> {
  const pool = quietPool(config);
  const named = kind === 'postgres';
  const runnerOf = (client: pg.Pool | pg.PoolClient): SqlRunner => ({
    query: async (sql, params, prepared) =>
      (await client.query(prepared && named ? { name: prepared, text: sql, values: params } : { text: sql, values: params })).rows,
    exec: async (script) => {
      await client.query(script);
    },
  });
  return wrap(kind, new PrismaPg(pool), {
    ...runnerOf(pool),
    async session(fn) {
      const client = await pool.connect();
      try {
        return await fn(runnerOf(client));
      } finally {
        client.release();
      }
    },
    ping: async () => void (await pool.query('SELECT 1')),
    close: () => pool.end(),
  });
}

async function wrap(
  kind: DatabaseKind,
  adapter: PrismaPg | PrismaPGlite,
  raw: SqlRunner & Pick<Database, 'session' | 'ping' | 'close'>,
): Promise<Database> {
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  let statementCount = 0;
  client.$on('query', () => {
    statementCount += 1;
  });
  const prisma = client as unknown as PrismaClient;
  await prisma.$connect();
  return {
    kind,
    prisma,
    get statementCount() {
      return statementCount;
    },
    query: (sql, params, prepared) => {
      statementCount += 1;
      return raw.query(sql, params, prepared);
    },
    exec: raw.exec,
    session: raw.session,
    ping: raw.ping,
    async close() {
      await prisma.$disconnect();
      await raw.close();
    },
  };
}

/** The same database, closed by `close` (which calls closeDatabase): a socket to stop, a lock or a test database to drop. */
export function withClose(db: Database, close: (closeDatabase: () => Promise<void>) => Promise<void>): Database {
  return {
    ...db,
    get statementCount() {
      return db.statementCount;
    },
    close: () => close(db.close),
  };
}
