import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type Database, openDatabase, openSharedPGlite, withClose } from './connection';
import { DataDirInUseError, type DataDirLock, type LockHolder, tryLockDataDir } from './data-dir-lock';
import { openPGliteThread } from './pglite-thread';
import { MAX_SOCKET_PATH, SOCKET_NAME, serveOverSocket } from './socket-server';

/** The embedded database opened by the process that owns its folder. */
export interface OwnedDatabase {
  db: Database;
  /**
   * Serves the database to other processes (CLI commands) on a Unix socket in the folder and
   * records it in the lock. Returns the socket's path; null when the folder's path is too long
   * for a socket address.
   */
  share(): Promise<string | null>;
}

/**
 * Opens the folder as its only owner (the API server), or fails at once naming the holder.
 * `thread`: PGlite runs in a worker thread behind the folder's socket (pglite-thread.ts), unless
 * the folder's path is too long for a socket; otherwise on this thread.
 */
export async function openDataDirAsOwner(dataDir: string, { thread = false } = {}): Promise<OwnedDatabase> {
  const attempt = tryLockDataDir(dataDir);
  if ('holder' in attempt) {
    throw new DataDirInUseError(
      dataDir,
      attempt.holder,
      `Stop that process first (kill ${attempt.holder.pid}), or give this one another folder with DATA_DIR.`,
    );
  }
  const socket = socketOf(dataDir);
  return thread && socket ? ownedInThread(attempt.lock, dataDir, socket) : ownedBy(attempt.lock, dataDir);
}

/** The folder's socket; null when its path is too long for a socket address. */
function socketOf(dataDir: string): string | null {
  const socket = join(dataDir, SOCKET_NAME);
  return Buffer.byteLength(socket) > MAX_SOCKET_PATH ? null : socket;
}

/** The socket is served from the start; the lock names it (to CLI commands) once share() is called. */
async function ownedInThread(lock: DataDirLock, dataDir: string, socket: string): Promise<OwnedDatabase> {
  let opened: Database;
  try {
    opened = await openPGliteThread(dataDir, socket);
  } catch (error) {
    lock.release();
    throw error;
  }
  const db = withClose(opened, async (closeDatabase) => {
    await closeDatabase();
    lock.release();
  });
  return {
    db,
    async share() {
      lock.share(socket);
      return socket;
    },
  };
}

/**
 * Opens the folder for a CLI command: as its owner while nobody holds it; through the socket of
 * the server that holds it (the command's writes are the server's, seen at once); otherwise it
 * fails at once, naming the holder.
 */
export async function openDataDir(dataDir: string): Promise<Database> {
  const attempt = tryLockDataDir(dataDir);
  if ('lock' in attempt) {
    const { db } = await ownedBy(attempt.lock, dataDir);
    return db;
  }
  const { holder } = attempt;
  if (!holder.socket) {
    throw new DataDirInUseError(
      dataDir,
      holder,
      'It does not share the database (it is still starting, or it is a command that works alone): ' +
        `wait until it is done, or stop it (kill ${holder.pid}), and run this command again.`,
    );
  }
  return connectThrough(dataDir, holder, holder.socket);
}

async function ownedBy(lock: DataDirLock, dataDir: string): Promise<OwnedDatabase> {
  let pglite: PGlite | undefined;
  let opened: Database;
  try {
    pglite = await PGlite.create({ dataDir });
    opened = await openDatabase({ pglite });
  } catch (error) {
    await pglite?.close();
    lock.release();
    throw error;
  }
  const shared = pglite;
  let stopSocket = async () => {};
  const db = withClose(opened, async (closeDatabase) => {
    await stopSocket();
    await closeDatabase();
    lock.release();
  });
  return {
    db,
    async share() {
      const socket = socketOf(dataDir);
      if (!socket) return null;
      stopSocket = (await serveOverSocket(shared, socket)).stop;
      lock.share(socket);
      return socket;
    },
  };
}

async function connectThrough(dataDir: string, holder: LockHolder, socket: string): Promise<Database> {
  let db: Database | undefined;
  try {
    db = await openSharedPGlite({ host: dirname(socket), port: Number(socket.split('.').pop()) });
    await db.query('SELECT 1');
  } catch (error) {
    await db?.close();
    throw new DataDirInUseError(
      dataDir,
      holder,
      `Its database socket ${socket} did not answer (${error instanceof Error ? error.message : String(error)}): ` +
        `check that process, or stop it (kill ${holder.pid}), and run this command again.`,
    );
  }
  console.error(`Using the database of process ${holder.pid} (${holder.command}), which holds ${dataDir}.`);
  return db;
}
