import { execFile as execFileCallback } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const execFile = promisify(execFileCallback);

/** Debian's server binaries (pg_ctl is not on PATH there). */
const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const SETUP_SCRIPT = 'scripts/replication-access.sh';

/** A streaming standby of the local PostgreSQL, in a cluster of its own on another port. */
export interface Standby {
  port: number;
  url(database: string): string;
  /** Runs one statement on the standby (as its superuser), e.g. pg_wal_replay_pause(). */
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** The standby's server log (its errors, with their statements). */
  log(): string;
  /** Stops the cluster (fast shutdown: its connections end). */
  stop(): Promise<void>;
  /** Stops it if it runs and removes its folder. */
  remove(): Promise<void>;
}

/** The command as the server's owner when we are root: PostgreSQL refuses to run as root. */
function asPostgres(command: string, args: string[]) {
  return process.getuid?.() === 0 ? execFile('runuser', ['-u', 'postgres', '--', command, ...args]) : execFile(command, args);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * pg_basebackup of the primary at 127.0.0.1:5432 with -R (a standby that streams from it), started on
 * a free port with the primary's limits (a standby refuses lower ones) and trust auth, and waited for
 * until its WAL receiver streams. Needs replication allowed from 127.0.0.1 (scripts/replication-access.sh).
 */
export async function startStandby(primaryUrl: string): Promise<Standby> {
  const primary = new URL(primaryUrl);
  const dir = mkdtempSync(join(tmpdir(), 'temu_replica_'));
  if (process.getuid?.() === 0) {
    const { stdout } = await execFile('id', ['-u', 'postgres']);
    const { stdout: gid } = await execFile('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout), Number(gid));
  }
  const port = await freePort();
  let running = false;
  const stop = async () => {
    if (running) await asPostgres(`${BIN}/pg_ctl`, ['-D', dir, '-m', 'fast', '-w', 'stop']);
    running = false;
  };
  const remove = async () => {
    await stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await asPostgres('pg_basebackup', ['-h', primary.hostname, '-p', primary.port || '5432', '-U', primary.username || 'postgres', '-D', dir, '-R', '-X', 'stream', '-c', 'fast', '--no-sync']).catch(
      (error: Error & { stderr?: string }) => {
        const refused = /replication connection|pg_hba\.conf/.test(error.stderr ?? '');
        throw new Error(
          refused
            ? `The primary refuses replication from 127.0.0.1: run ${SETUP_SCRIPT} (as root) once, then run the test again.\n${error.stderr}`
            : `pg_basebackup failed: ${error.stderr ?? error.message}`,
        );
      },
    );
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
    await asPostgres(`${BIN}/pg_ctl`, ['-D', dir, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
    running = true;
  } catch (error) {
    await remove();
    throw error;
  }
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
  for (const started = Date.now(); ; ) {
    const [row] = await query('SELECT status FROM pg_stat_wal_receiver');
    if (row?.status === 'streaming') break;
    if (Date.now() - started > 30_000) {
      await remove();
      throw new Error(`the standby on port ${port} did not start streaming within 30 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { port, url, query, log: () => readFileSync(join(dir, 'server.log'), 'utf8'), stop, remove };
}
