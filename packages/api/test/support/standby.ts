import { execFile as execFileCallback, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const execFile = promisify(execFileCallback);

/** Debian's server binaries (pg_ctl is not on PATH there). */
export const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const SETUP_SCRIPT = 'scripts/replication-access.sh';
/** A standby's folder is named for the process that made it (temu_replica_<pid>_…), so a later run knows one whose run was killed. */
const PREFIX = 'temu_replica_';
/** The slowest copy a base backup is allowed, in bytes per millisecond: 50 MB/s (a third of what two busy cores copied here). */
const BACKUP_BYTES_PER_MS = 50_000;
/** Beyond this a base backup is not attempted: the cluster holds scratch databases a test should not copy. */
const MAX_BACKUP_MS = 10 * 60_000;
/** A folder named before owners were: left behind once this old. */
const UNOWNED_STALE_MS = 60 * 60_000;

/** A streaming standby of the local PostgreSQL, in a cluster of its own on another port. */
export interface Standby {
  /** Its data folder. */
  folder: string;
  /** Makes it: pg_basebackup (allowed `backupMs`), then the server, waited for until it streams. */
  start(backupMs: number): Promise<void>;
  url(database: string): string;
  /** Runs one statement on the standby (as its superuser), e.g. pg_wal_replay_pause(). */
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** The standby's server log (its errors, with their statements). */
  log(): string;
  /** Stops the cluster (fast shutdown: its connections end). */
  stop(): Promise<void>;
  /** Whatever start() got to: ends a base backup under way, stops the server, removes the folder. */
  remove(): Promise<void>;
}

/** What a base backup of the local cluster needs here. */
export interface BaseBackupPlan {
  /** The time it is allowed: a minute, and the cluster's size at the slowest expected copy. */
  backupMs: number;
  /** Why it is not attempted (no room for it, or too large to copy in time); null when it is. */
  unavailable: string | null;
}

/** The command as the server's owner when we are root: PostgreSQL refuses to run as root. */
export function asPostgres(command: string, args: string[], signal?: AbortSignal) {
  const [file, argv] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  return execFile(file, argv, { signal });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Processes whose command line names the folder: pg_basebackup -D (and the child streaming its WAL,
 * which outlives it), runuser, a server's postmaster. Linux's /proc; none elsewhere.
 */
export function processesIn(folder: string): number[] {
  const pids = existsSync('/proc') ? readdirSync('/proc').filter((p) => /^\d+$/.test(p)) : [];
  return pids
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(folder);
      } catch {
        return false; // ended meanwhile
      }
    })
    .map(Number);
}

/** Stops a server in the folder at once (no checkpoint: the folder goes next), then ends whatever else still writes there. */
async function endProcessesIn(folder: string): Promise<void> {
  await asPostgres(`${BIN}/pg_ctl`, ['-D', folder, '-m', 'immediate', '-w', 'stop']).catch(() => {}); // none running
  for (const [signal, waitMs] of [['SIGTERM', 5_000], ['SIGKILL', 5_000]] as const) {
    for (const pid of processesIn(folder)) {
      try {
        process.kill(pid, signal);
      } catch {
        // ended meanwhile
      }
    }
    for (const started = Date.now(); processesIn(folder).length > 0 && Date.now() - started < waitMs; ) await new Promise((r) => setTimeout(r, 50));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Standbys whose run was killed before it removed them (their server may still run): each holds a copy of the whole cluster. */
async function removeStaleStandbys(): Promise<void> {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(PREFIX))) {
    const dir = join(tmpdir(), name);
    const owner = /^temu_replica_(\d+)_/.exec(name)?.[1];
    if (owner ? alive(Number(owner)) : Date.now() - statSync(dir).mtimeMs < UNOWNED_STALE_MS) continue;
    await endProcessesIn(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A new standby folder, named for the process that owns it and owned by the server's user. */
export function standbyFolder(owner = process.pid): string {
  const dir = mkdtempSync(join(tmpdir(), `${PREFIX}${owner}_`));
  if (process.getuid?.() === 0) {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, id('-u'), id('-g'));
  }
  return dir;
}

const gb = (bytes: number) => (bytes / 1e9).toFixed(1);

/**
 * Whether a base backup of the primary can be made in the temporary folder, and in what time: it
 * copies every database of the cluster, which on a developer's machine may hold multi-GB scratch
 * databases. Standbys left by killed runs are removed first (their room counts).
 */
export async function baseBackupPlan(primaryUrl: string): Promise<BaseBackupPlan> {
  await removeStaleStandbys();
  const admin = new pg.Client({ connectionString: primaryUrl });
  await admin.connect();
  const { rows } = await admin.query<{ name: string; bytes: string }>('SELECT datname AS name, pg_database_size(oid) AS bytes FROM pg_database ORDER BY 2 DESC');
  await admin.end();
  const bytes = rows.reduce((sum, r) => sum + Number(r.bytes), 0);
  const { bavail, bsize } = statfsSync(tmpdir());
  const free = bavail * bsize;
  const backupMs = 60_000 + Math.ceil(bytes / BACKUP_BYTES_PER_MS);
  const large = rows.filter((r) => Number(r.bytes) >= 1e9).map((r) => `${r.name} ${gb(Number(r.bytes))} GB`);
  const cluster = `the local PostgreSQL holds ${gb(bytes)} GB${large.length > 0 ? ` (${large.join(', ')})` : ''}`;
  const why =
    bytes * 1.1 > free
      ? `${cluster}, more than the ${gb(free)} GB free in ${tmpdir()}`
      : backupMs > MAX_BACKUP_MS
        ? `${cluster}: its base backup could take over ${MAX_BACKUP_MS / 60_000} minutes`
        : null;
  return { backupMs, unavailable: why && `${why}. Drop the large scratch databases, or run on a clean cluster.` };
}

/**
 * A standby to be: its folder, made now, so that remove() can be registered before start() runs.
 * pg_basebackup of the primary at 127.0.0.1:5432 with -R (a standby that streams from it), started
 * on a free port with the primary's limits (a standby refuses lower ones) and trust auth. Needs
 * replication allowed from 127.0.0.1 (scripts/replication-access.sh).
 */
export function createStandby(primaryUrl: string): Standby {
  const primary = new URL(primaryUrl);
  const dir = standbyFolder();
  const removed = new AbortController();
  let port = 0;
  let starting: Promise<void> | null = null;
  const url = (database: string) => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  const query = async (sql: string) => {
    const client = new pg.Client({ connectionString: url('postgres') });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };

  const start = async (backupMs: number) => {
    port = await freePort();
    const backup = AbortSignal.any([removed.signal, AbortSignal.timeout(backupMs)]);
    const args = ['-h', primary.hostname, '-p', primary.port || '5432', '-U', primary.username || 'postgres', '-D', dir, '-R', '-X', 'stream', '-c', 'fast', '--no-sync'];
    await asPostgres('pg_basebackup', args, backup).catch((error: Error & { stderr?: string }) => {
      removed.signal.throwIfAborted();
      if (backup.aborted) throw new Error(`pg_basebackup did not finish within ${backupMs / 1000} s`);
      const refused = /replication connection|pg_hba\.conf/.test(error.stderr ?? '');
      throw new Error(
        refused
          ? `The primary refuses replication from 127.0.0.1: run ${SETUP_SCRIPT} (as root) once, then run the test again.\n${error.stderr}`
          : `pg_basebackup failed: ${error.stderr ?? error.message}`,
      );
    });
    removed.signal.throwIfAborted();
    const admin = new pg.Client({ connectionString: primaryUrl });
    await admin.connect();
    const limits = ['max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction'];
    const settings = await admin.query<{ name: string; setting: string }>('SELECT name, setting FROM pg_settings WHERE name = ANY($1)', [limits]);
    await admin.end();
    const conf = [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${dir}'`,
      `hot_standby = on`,
      `shared_buffers = '32MB'`,
      `fsync = off`,
      ...settings.rows.map((r) => `${r.name} = ${r.setting}`),
    ];
    // Debian keeps the configuration outside the data folder, so the backup holds none.
    writeFileSync(join(dir, 'postgresql.conf'), `${conf.join('\n')}\n`);
    writeFileSync(join(dir, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 trust\n');
    writeFileSync(join(dir, 'pg_ident.conf'), '');
    if (process.getuid?.() === 0) await execFile('chown', ['-R', 'postgres:postgres', dir]);
    // Not abortable: a server pg_ctl has launched must be up (its pid file written) for remove() to stop it.
    await asPostgres(`${BIN}/pg_ctl`, ['-D', dir, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
    for (const started = Date.now(); ; await new Promise((resolve) => setTimeout(resolve, 100))) {
      removed.signal.throwIfAborted();
      const [row] = await query('SELECT status FROM pg_stat_wal_receiver');
      if (row?.status === 'streaming') return;
      if (Date.now() - started > 30_000) throw new Error(`the standby on port ${port} did not start streaming within 30 s`);
    }
  };

  return {
    folder: dir,
    start: (backupMs) => (starting = start(backupMs)),
    url,
    query,
    log: () => readFileSync(join(dir, 'server.log'), 'utf8'),
    stop: async () => {
      if (existsSync(join(dir, 'postmaster.pid'))) await asPostgres(`${BIN}/pg_ctl`, ['-D', dir, '-m', 'fast', '-w', 'stop']);
    },
    remove: async () => {
      removed.abort();
      await starting?.catch(() => {});
      await endProcessesIn(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
