import { chmod, rm } from 'node:fs/promises';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** pg and psql find a server's socket as `<host>/.s.PGSQL.<port>`: `psql -h <DATA_DIR>` works too. */
export const SOCKET_NAME = '.s.PGSQL.5432';

/** sun_path holds 108 bytes on Linux and 104 on macOS, terminator included. */
export const MAX_SOCKET_PATH = 103;

export interface SocketServer {
  stop(): Promise<void>;
}

/**
 * Serves the owner's PGlite over the PostgreSQL wire protocol on a Unix socket, so that CLI
 * commands run beside the server use its database instead of opening the folder a second time.
 *
 * PGlite is one session shared by everybody: the server's own queries (through Prisma's PGlite
 * adapter) and every socket client. pglite-socket queues its clients' protocol messages one at a
 * time and keeps serving the same client while PGlite reports a transaction; the server's
 * `query()` and `transaction()` hold PGlite's transaction lock instead. To keep the two apart,
 * `guarded` makes a socket client hold that same lock from its first message until it is neither
 * inside an explicit transaction nor between the Parse and the Sync of an extended-protocol
 * exchange (Prisma and pg send Parse, Bind, Describe, Execute, Sync as separate messages). So no
 * server statement runs inside a client's transaction or between its Parse and its Execute, no
 * client message runs inside a server transaction, and clients take turns by the same rule.
 */
export async function serveOverSocket(pglite: PGlite, path: string): Promise<SocketServer> {
  // A socket file left by a crash; the caller owns the folder, so nobody else is listening on it.
  await rm(path, { force: true });
  const guard = guarded(pglite);
  const server = new PGLiteSocketServer({ db: guard.db, path, maxConnections: 16 });
  await server.start();
  // Only this folder's owner (and root) may connect: the socket asks no password.
  await chmod(path, 0o600);
  return {
    async stop() {
      await server.stop();
      // A client still inside a transaction when the server stopped: undo it before PGlite closes.
      await guard.abandon();
    },
  };
}

/** Message types of the extended query protocol that a Sync ends. */
const EXTENDED = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((c) => c.charCodeAt(0)));

function guarded(pglite: PGlite): { db: PGlite; abandon(): Promise<void> } {
  let release: (() => void) | undefined;
  let midExchange = false;

  const hold = async () => {
    if (release) return;
    await new Promise<void>((held) => {
      void pglite._runExclusiveTransaction(
        () =>
          new Promise<void>((done) => {
            release = done;
            held();
          }),
      );
    });
  };
  const releaseIfIdle = () => {
    if (midExchange || pglite.isInTransaction()) return;
    release?.();
    release = undefined;
  };
  /** Ends the turn of a client that left mid-transaction (or mid-exchange): Sync, then ROLLBACK. */
  const abandon = async () => {
    const turn = release;
    if (!turn) return;
    await pglite.runExclusive(async () => {
      if (release !== turn) return;
      await pglite.execProtocolRaw(Buffer.concat([message('S', ''), message('Q', 'ROLLBACK\0')]));
      midExchange = false;
      release = undefined;
      turn();
    });
  };

  // Only what PGLiteSocketServer uses of PGlite (its QueryQueueManager and start()).
  const db = {
    waitReady: pglite.waitReady,
    isInTransaction: () => release !== undefined,
    async runExclusive<T>(fn: () => Promise<T>): Promise<T> {
      await hold();
      try {
        return await pglite.runExclusive(fn);
      } finally {
        releaseIfIdle();
      }
    },
    execProtocolRawStream(data: Uint8Array, options: Parameters<PGlite['execProtocolRawStream']>[1]) {
      midExchange = EXTENDED.has(data[0] ?? 0);
      return pglite.execProtocolRawStream(data, options);
    },
    // pglite-socket rolls back the transaction of a client that disconnects.
    exec: abandon,
  };
  return { db: db as unknown as PGlite, abandon };
}

/** One frontend message: type byte, length, body. */
function message(type: string, body: string): Buffer {
  const bytes = Buffer.from(body, 'utf8');
  const out = Buffer.alloc(5 + bytes.length);
  out.write(type, 0, 'ascii');
  out.writeInt32BE(4 + bytes.length, 1);
  bytes.copy(out, 5);
  return out;
}
