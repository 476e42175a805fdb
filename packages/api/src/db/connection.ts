import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@temu-bisnis/schema/prisma';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { copyRows } from './copy-text';
import { estimatingAdapter, unorderedCounts } from './count-adapters';
import { preparedStatements } from './pglite-prepared';

export type DatabaseKind = 'pglite' | 'postgres';

/** Raw SQL access beside Prisma, for migrations, health checks and bulk seeding. */
export interface SqlRunner {
  /**
   * `prepared` names the statement, which the database then parses and plans once per connection;
   * only for a bounded set of statements (each stays in every connection's memory). On PGlite: once
   * in this process (pglite-prepared.ts), or per connection of a server's socket, which share one
   * session (openSharedPGlite); a CLI command on that socket does not name its statements.
   */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], prepared?: string): Promise<T[]>;
  /** Runs a script of several statements (simple query protocol). */
  exec(script: string): Promise<void>;
  /**
   * Writes rows, given in COPY's text format (copy-text.ts), or its UTF-8, into these columns of a table, for
   * bulk loads: by COPY, several times faster than an INSERT of the same rows; through a server's
   * shared PGlite, which has no COPY protocol on its socket, as one INSERT of the rows in a JSON parameter.
   */
  copy(table: string, columns: readonly string[], text: string | Uint8Array<ArrayBuffer>): Promise<void>;
}

function copyStatement(table: string, columns: readonly string[], from: string): string {
  return `COPY "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM ${from}`;
}

function jsonInsert(table: string, columns: readonly string[]): string {
  const list = columns.map((c) => `"${c}"`).join(', ');
  return `INSERT INTO "${table}" (${list}) SELECT ${list} FROM json_populate_recordset(NULL::"${table}", $1::json)`;
}

export interface Database extends SqlRunner {
  kind: DatabaseKind;
  /** Runs fn on one connection (PGlite has only one), for locks and explicit transactions. */
  session<T>(fn: (sql: SqlRunner) => Promise<T>): Promise<T>;
  prisma: PrismaClient;
  /** The same database, whose `count()` answers the planner's estimate instead of counting (count-adapters.ts). */
  estimator: PrismaClient;
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
    // No JIT: it compiles a large query's expressions at every run, 0.2 to 0.5 s (EXPLAIN ANALYZE
    // at a million IKM), for statements that run in milliseconds from their indexes.
    return openPostgres('postgres', { connectionString: options.url, max: Number(process.env.PG_POOL_SIZE ?? 10), options: '-c jit=off', ...timeout });
  }
  const pglite = options.pglite ?? (await PGlite.create());
  const prepared = preparedStatements(pglite);
  const runner: SqlRunner = {
    query: async (sql, params, name) => (name ? prepared(name, sql, params) : (await pglite.query(sql, params as unknown[] | undefined)).rows) as never,
    exec: async (script) => {
      await pglite.exec(script);
    },
    copy: async (table, columns, text) => {
      await pglite.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([text]) });
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
 * The server's connections stay open, and prepare its statements (planning a page's statement is
 * a third of its time on PGlite): each connection under names of its own, as the session is one.
 */
export function openSharedPGlite({ host, port }: SocketOptions, { server = false } = {}): Promise<Database> {
  const config = { host, port, user: 'postgres', database: 'postgres' };
  return openPostgres('pglite', server ? { ...config, max: 4, idleTimeoutMillis: 0 } : { ...config, max: 1 }, { prepare: server });
}

/** A pool whose idle connections may be ended by the server (restart, DROP DATABASE … FORCE): it drops
 * them and opens others when needed, so the event must not become an uncaught exception. */
function quietPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on('error', () => {});
  return pool;
}

/** A connection's number, naming its prepared statements on a session its pool's connections share. */
const connectionNumbers = new WeakMap<pg.ClientBase, number>();
let connectionsNumbered = 0;

/**
 * A statement prepared on one of the shared PGlite's connections: pg prepares a name once per
 * connection, and PGlite is one session for them all, so a name is the connection's own.
 */
async function preparedOnConnection(pool: pg.Pool, on: pg.PoolClient | null, name: string, sql: string, params: unknown[] | undefined) {
  const client = on ?? (await pool.connect());
  try {
    let number = connectionNumbers.get(client);
    if (number === undefined) connectionNumbers.set(client, (number = connectionsNumbered++));
    return (await client.query({ name: `${name}_${number}`, text: sql, values: params })).rows;
  } finally {
    if (!on) client.release();
  }
}

function openPostgres(kind: DatabaseKind, config: pg.PoolConfig, { prepare = kind === 'postgres' } = {}): Promise<Database> {
  const pool = quietPool(config);
  const runnerOf = (client: pg.Pool | pg.PoolClient): SqlRunner => ({
    query: async (sql, params, prepared) => {
      if (!prepared || !prepare) return (await client.query({ text: sql, values: params })).rows;
      if (kind === 'postgres') return (await client.query({ name: prepared, text: sql, values: params })).rows;
      return preparedOnConnection(pool, client === pool ? null : (client as pg.PoolClient), prepared, sql, params);
    },
    exec: async (script) => {
      await client.query(script);
    },
    copy: async (table, columns, text) => {
      if (kind === 'pglite') {
        await client.query(jsonInsert(table, columns), [JSON.stringify(copyRows(typeof text === 'string' ? text : new TextDecoder().decode(text), columns))]);
        return;
      }
      const on = client instanceof pg.Pool ? await client.connect() : client;
      try {
        await pipeline(Readable.from([text]), on.query(copyFrom(copyStatement(table, columns, 'STDIN'))));
      } finally {
        if (on !== client) (on as pg.PoolClient).release();
      }
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
  const client = new PrismaClient({ adapter: unorderedCounts(adapter), log: [{ emit: 'event', level: 'query' }] });
  let statementCount = 0;
  client.$on('query', () => {
    statementCount += 1;
  });
  const prisma = client as unknown as PrismaClient;
  await prisma.$connect();
  const estimator = new PrismaClient({ adapter: estimatingAdapter(adapter) });
  return {
    kind,
    prisma,
    estimator,
    get statementCount() {
      return statementCount;
    },
    query: (sql, params, prepared) => {
      statementCount += 1;
      return raw.query(sql, params, prepared);
    },
    exec: raw.exec,
    copy: raw.copy,
    session: raw.session,
    ping: raw.ping,
    async close() {
      await prisma.$disconnect();
      await estimator.$disconnect();
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
