import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { inject } from 'vitest';
import { createFromTemplate, restoreDataFolder } from './database';
import { databaseUrl, dropDatabase, testDatabaseKind, uniqueName } from './templates';

type LogEntry = Record<string, unknown>;

export interface ServeProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** The /graphql endpoint it logged when listening. */
  graphqlUrl: string;
  /** The server's origin (no path). */
  url: string;
  /** Every JSON line it printed so far. */
  logs: LogEntry[];
  /** The first log line, past or future, that matches. */
  logged(match: (entry: LogEntry) => boolean): Promise<LogEntry>;
  exited: Promise<number | null>;
  /** SIGTERM, wait for the exit, drop its database. */
  stop(): Promise<void>;
}

/**
 * Starts `cli serve` as its own process (src built by the global setup), the way an operator runs
 * it, on its own copy of the run's migrated empty database: a PostgreSQL database from the template,
 * or a PGlite data folder restored from the snapshot (no initdb, no migrations in the child). `newFolder`: on PGlite, a folder that
 * does not exist yet, as on a new machine: the server creates the cluster and migrates it itself.
 * `sharedDatabase`: a PostgreSQL URL the process shares with others (it is not dropped on stop).
 */
export async function startServeProcess(env: Record<string, string> = {}, { newFolder = false, sharedDatabase }: { newFolder?: boolean; sharedDatabase?: string } = {}): Promise<ServeProcess> {
  const database = sharedDatabase ? { env: { DATABASE_URL: sharedDatabase }, cleanup: async () => {} } : await ownDatabase(newFolder);
  const child = spawn(process.execPath, [inject('cli'), 'serve'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...database.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogEntry[] = [];
  const waiting: { match: (entry: LogEntry) => boolean; resolve: (entry: LogEntry) => void }[] = [];
  let rest = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines.filter(Boolean)) {
      const entry = JSON.parse(line) as LogEntry;
      logs.push(entry);
      for (const w of waiting.filter((w) => w.match(entry))) w.resolve(entry);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const logged = (match: (entry: LogEntry) => boolean) =>
    new Promise<LogEntry>((resolve) => {
      const past = logs.find(match);
      if (past) resolve(past);
      else waiting.push({ match, resolve });
    });
  const listening = await Promise.race([
    logged((e) => e.msg === 'listening'),
    exited.then((code) => {
      throw new Error(`server exited early with ${code}`);
    }),
  ]).catch(async (error: unknown) => {
    await database.cleanup();
    throw error;
  });
  const graphqlUrl = String(listening.url);
  return {
    child,
    graphqlUrl,
    url: graphqlUrl.replace(/\/graphql$/, ''),
    logs,
    logged,
    exited,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      await database.cleanup();
    },
  };
}

async function ownDatabase(newFolder: boolean): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  if (testDatabaseKind === 'postgres') {
    const name = uniqueName('temu_test_proc');
    await createFromTemplate(name, inject('templates').empty);
    return { env: { DATABASE_URL: databaseUrl(name) }, cleanup: () => dropDatabase(name) };
  }
  const parent = mkdtempSync(join(tmpdir(), 'temu-serve-'));
  const dir = join(parent, 'data');
  if (!newFolder) await restoreDataFolder('empty', dir);
  return { env: { DATA_DIR: dir, DATABASE_URL: '' }, cleanup: async () => rmSync(parent, { recursive: true, force: true }) };
}
