import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';

/**
 * One owner per embedded database folder. PGlite, like PostgreSQL, assumes it alone writes its
 * files, and two instances on one folder corrupt it; PGlite itself does not check, so the owner
 * keeps a lock file in the folder: who holds it, since when, and the Unix socket on which it
 * shares the database with other processes (the API server does, see pglite-socket.ts).
 */
export interface LockHolder {
  pid: number;
  host: string;
  /** The command the holder runs (`cli.ts serve`), for the message of whoever finds it held. */
  command: string;
  /** ISO instant the holder took the folder. */
  since: string;
  /** Where the holder serves the database over the PostgreSQL wire protocol; unset: it does not share. */
  socket?: string;
}

export interface DataDirLock {
  readonly holder: LockHolder;
  /** Records the socket on which this process now shares the database. */
  share(socket: string): void;
  /** Gives the folder up; also done on process exit. */
  release(): void;
}

export const LOCK_FILE = 'temu-bisnis.lock';

/** A second process found the folder held; the message says by whom and what to do. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
    advice: string,
  ) {
    const where = holder.host === hostname() ? 'on this host' : `on host ${holder.host}`;
    super(
      `The embedded database in ${dataDir} is in use by process ${holder.pid} (${holder.command}) ${where} ` +
        `since ${holder.since}. Two processes must never open one data folder. ${advice}`,
    );
    this.name = 'DataDirInUseError';
  }
}

/** Takes the folder, or says who holds it. A holder whose process is gone (it crashed) is replaced. */
export function tryLockDataDir(dataDir: string): { lock: DataDirLock } | { holder: LockHolder } {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  const mine: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command: [basename(process.argv[1] ?? 'node'), process.argv[2]].filter(Boolean).join(' '),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (create(path, mine)) return { lock: ownLock(path, mine) };
    const holder = readHolder(path);
    if (holder === undefined) continue; // released between our attempt and the read
    if (holder && isAlive(holder, path)) return { holder };
    removeStale(path, holder);
  }
  throw new Error(`Could not take ${path}: other processes keep creating and removing it.`);
}

/**
 * Creates the lock file with its whole content at once: written under a private name, then
 * hard-linked to the lock's name, which fails if it exists. Nobody ever reads a half-written lock.
 */
function create(path: string, holder: LockHolder): boolean {
  const draft = `${path}.${process.pid}`;
  writeFileSync(draft, JSON.stringify(holder));
  try {
    linkSync(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(draft);
  }
}

/** The holder; null when the file is unreadable (left by a crash mid-write); undefined when gone. */
function readHolder(path: string): LockHolder | null | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const holder = JSON.parse(text) as LockHolder;
    return Number.isInteger(holder.pid) && typeof holder.host === 'string' ? holder : null;
  } catch {
    return null;
  }
}

/** Lock files this process holds: a lock naming this pid but not listed is a dead holder's (a container restarted). */
const heldHere = new Set<string>();

/**
 * Whether the holder still runs. Its pid may have been given to another process since it died:
 * where /proc shows command lines (Linux), that process must run the holder's command. A process on
 * another host (a shared network folder) cannot be checked: it counts as alive.
 */
function isAlive(holder: LockHolder, path: string): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return heldHere.has(path);
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return readFileSync(`/proc/${holder.pid}/cmdline`, 'utf8').includes(holder.command.split(' ')[0] ?? '');
  } catch {
    return true;
  }
}

/**
 * Removes the lock of a dead holder. Moving it aside first means that of two processes finding the
 * same stale lock only one removes it; should the one moved be a fresh lock that a third process
 * took meanwhile, it goes back.
 */
function removeStale(path: string, stale: LockHolder | null): void {
  const aside = `${path}.stale.${process.pid}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readHolder(aside);
  if (moved && (moved.pid !== stale?.pid || moved.since !== stale.since)) {
    try {
      linkSync(aside, path);
    } catch {
      // Yet another process took the folder meanwhile; it keeps it.
    }
  }
  unlinkSync(aside);
}

function ownLock(path: string, holder: LockHolder): DataDirLock {
  let current = holder;
  heldHere.add(path);
  const release = () => {
    process.off('exit', release);
    heldHere.delete(path);
    const found = readHolder(path);
    // Only our own lock: if someone removed it by hand and another process took the folder, it stays.
    if (found && found.pid === current.pid && found.since === current.since) unlinkSync(path);
  };
  process.on('exit', release);
  return {
    get holder() {
      return current;
    },
    share(socket) {
      current = { ...current, socket };
      const draft = `${path}.${process.pid}`;
      writeFileSync(draft, JSON.stringify(current));
      renameSync(draft, path);
    },
    release,
  };
}
