import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSharedPGlite } from '../src/db/connection';
import { copyText } from '../src/db/copy-text';
import { preparedStatements } from '../src/db/pglite-prepared';
import { SOCKET_NAME, type SocketServer, serveOverSocket } from '../src/db/socket-server';
import { restorePGlite } from './support/database';

/**
 * The server's PGlite is one session shared by the server's own queries and the CLI commands that
 * reach it through the socket; neither may run inside the other's transaction. (In-memory PGlite,
 * in the PGlite half of the suite: this is about the embedded database only.)
 */
describe('a PGlite shared on a Unix socket', () => {
  let dir: string;
  let pglite: PGlite;
  let socket: SocketServer;
  const clients: pg.Pool[] = [];

  /** One connection, like a CLI command's. */
  const connect = () => {
    const client = new pg.Pool({ host: dir, port: 5432, user: 'postgres', database: 'postgres', max: 1 });
    client.on('error', () => {});
    clients.push(client);
    return client;
  };
  const rows = async () => (await pglite.query<{ who: string }>('SELECT who FROM t ORDER BY who')).rows.map((r) => r.who);
  const tick = () => new Promise((resolve) => setTimeout(resolve, 50));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'temu-socket-'));
    pglite = await restorePGlite('fresh');
    await pglite.exec('CREATE TABLE t (who text)');
    socket = await serveOverSocket(pglite, join(dir, SOCKET_NAME));
  });
  afterAll(async () => {
    await socket.stop();
    await pglite.close();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.end().catch(() => {})));
    await pglite.exec('TRUNCATE t');
  });

  it.each([
    ['unnamed', (sql: string, params: unknown[]) => pglite.query(sql, params)],
    ['named (prepared once)', (sql: string, params: unknown[]) => preparedStatements(pglite)('server_insert', sql, params)],
  ])('runs no server statement inside a client transaction: %s', async (_how, serverQuery) => {
    const client = await connect().connect();
    await client.query('BEGIN');
    await client.query('INSERT INTO t VALUES ($1)', ['client']);
    const server = serverQuery('INSERT INTO t VALUES ($1)', ['server']);
    await tick();
    await client.query('ROLLBACK');
    client.release();
    await server;
    expect(await rows()).toEqual(['server']);
  });

  it("writes a bulk load's rows through the socket (which has no COPY protocol), as seed:synthetic does beside a running server", async () => {
    const db = await openSharedPGlite({ host: dir, port: 5432 });
    try {
      await db.copy('t', ['who'], copyText([{ who: 'tab\there' }, { who: 'line\nbreak' }], ['who']));
    } finally {
      await db.close();
    }
    expect(await rows()).toEqual(['line\nbreak', 'tab\there']);
  });

  it('runs no client statement inside a server transaction', async () => {
    const client = connect();
    await client.query('SELECT 1');
    let sent = () => {};
    const clientSent = new Promise<void>((resolve) => {
      sent = resolve;
    });
    const serverTx = pglite.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES ($1)', ['server']);
      await clientSent;
      await tick();
      await tx.rollback();
    });
    await tick();
    const insert = client.query('INSERT INTO t VALUES ($1)', ['client']);
    sent();
    await Promise.all([insert, serverTx]);
    expect(await rows()).toEqual(['client']);
  });

  it('answers two clients and the server each their own questions when all ask at once', async () => {
    const [a, b] = [connect(), connect()];
    // Each source asks one question after the other; the three sources at once.
    const ask = async (ask: (n: number) => Promise<number>) => {
      const answers = [];
      for (let n = 0; n < 60; n += 1) answers.push(await ask(n));
      return answers;
    };
    const [fromA, fromB, fromServer] = await Promise.all([
      ask(async (n) => (await a.query<{ n: number }>('SELECT $1::int AS n', [n])).rows[0]!.n),
      ask(async (n) => (await b.query<{ n: number }>('SELECT $1::int + 1000 AS n', [n])).rows[0]!.n),
      ask(async (n) => (await pglite.query<{ n: number }>('SELECT $1::int + 2000 AS n', [n])).rows[0]!.n),
    ]);
    const expected = (offset: number) => Array.from({ length: 60 }, (_, n) => n + offset);
    expect([fromA, fromB, fromServer]).toEqual([expected(0), expected(1000), expected(2000)]);
  });

  it('rolls back the transaction of a client that goes away, and the server carries on', async () => {
    const client = await connect().connect();
    await client.query('BEGIN');
    await client.query('INSERT INTO t VALUES ($1)', ['gone']);
    // The connection drops as when a CLI command is killed.
    client.release(new Error('killed'));
    await pglite.query('INSERT INTO t VALUES ($1)', ['server']);
    expect(await rows()).toEqual(['server']);
    expect(pglite.isInTransaction()).toBe(false);
  });
});
