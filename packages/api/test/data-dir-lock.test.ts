import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LOCK_FILE, tryLockDataDir } from '../src/db/data-dir-lock';
import { SOCKET_NAME } from '../src/db/socket-server';
import { restoreDataFolder } from './support/database';
import { testDatabaseKind } from './support/templates';

const repoRoot = new URL('../../../', import.meta.url).pathname;
/** src/cli.ts, built by the global setup. */
const cli = inject('cli');
const ADMIN = 'admin@disperin.semarangkota.go.id';

type Child = ChildProcessByStdio<null, Readable, Readable>;

/** A process and everything it printed so far. */
function run(command: string, args: string[], env: Record<string, string>): { child: Child; out: () => string; exited: Promise<number | null> } {
  const child = spawn(command, args, { cwd: repoRoot, env: { ...process.env, DATABASE_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  return { child, out: () => out, exited: new Promise((resolve) => child.once('exit', resolve)) };
}

/** `cli serve` as its own process, the way an operator runs it. */
function serve(dataDir: string) {
  return run(process.execPath, [cli, 'serve'], { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' });
}

async function listening(server: ReturnType<typeof serve>): Promise<string> {
  for (;;) {
    const url = /"msg":"listening","url":"([^"]+)"/.exec(server.out())?.[1];
    if (url) return url;
    if (server.child.exitCode !== null) throw new Error(`server exited with ${server.child.exitCode}:\n${server.out()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The PostgreSQL half has no data folder: DATABASE_URL mode is PostgreSQL's own business.
describe.runIf(testDatabaseKind === 'pglite')('one owner of the embedded database folder', () => {
  let dataDir: string;
  let first: ReturnType<typeof serve>;
  let url: string;

  beforeAll(async () => {
    // The run's seeded database as a data folder, so the server needs neither migrations nor a seed.
    dataDir = mkdtempSync(join(tmpdir(), 'temu-lock-'));
    await restoreDataFolder('seeded', dataDir);
    first = serve(dataDir);
    url = await listening(first);
  }, 60_000);
  afterAll(async () => {
    first?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second server on the same DATA_DIR at once, naming the holder', async () => {
    const second = serve(dataDir);
    expect(await second.exited).toBe(1);
    console.log(`second server's output:\n${second.out()}`);
    expect(second.out()).toContain(
      `The embedded database in ${dataDir} is in use by process ${first.child.pid} (${basename(cli)} serve) on this host since `,
    );
    expect(second.out()).toContain(`Stop that process first (kill ${first.child.pid})`);
    // The first server still answers.
    const health = await fetch(url.replace(/\/graphql$/, '/healthz'));
    expect(await health.json()).toEqual({ status: 'ok', database: 'pglite' });
  }, 90_000);

  it('lets `cli token` beside the server write a token the server accepts at once', async () => {
    // The command `pnpm cli` runs, without pnpm and tsx in front: three Node processes fewer.
    const cliToken = run(process.execPath, [cli, 'token', '--email', ADMIN], { DATA_DIR: dataDir });
    expect(await cliToken.exited).toBe(0);
    console.log(`cli token:\n${cliToken.out()}`);
    const token = /Authorization: Bearer (\S+)/.exec(cliToken.out())?.[1];
    expect(token).toMatch(/^tb_user_/);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ viewer { authenticated role user { email } } }' }),
    });
    const body = await response.json();
    console.log(`viewer with that token: ${JSON.stringify(body)}`);
    expect(body).toEqual({ data: { viewer: { authenticated: true, role: 'ADMIN', user: { email: ADMIN } } } });
  }, 90_000);

  it('gives the folder up on SIGTERM: lock and socket gone', async () => {
    const lock = join(dataDir, LOCK_FILE);
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: first.child.pid, socket: join(dataDir, SOCKET_NAME) });
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect([existsSync(lock), existsSync(join(dataDir, SOCKET_NAME))]).toEqual([false, false]);
  }, 90_000);
});

describe('the lock file of a data folder', () => {
  it('is held while its process lives and replaced once that process has died', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'temu-lock-file-'));
    try {
      const attempt = tryLockDataDir(dir);
      expect('lock' in attempt).toBe(true);
      // Even this process cannot open its folder twice.
      expect(tryLockDataDir(dir)).toMatchObject({ holder: { pid: process.pid, host: hostname() } });
      if ('lock' in attempt) attempt.lock.release();
      expect(existsSync(join(dir, LOCK_FILE))).toBe(false);

      // A holder that crashed: its pid no longer runs.
      const dead = spawn(process.execPath, ['-e', '']);
      await new Promise((resolve) => dead.once('exit', resolve));
      const stale = { pid: dead.pid, host: hostname(), command: 'cli.ts serve', since: '2026-01-01T00:00:00.000Z' };
      writeFileSync(join(dir, LOCK_FILE), JSON.stringify(stale));
      const taken = tryLockDataDir(dir);
      expect(taken).toMatchObject({ lock: { holder: { pid: process.pid } } });
      if ('lock' in taken) taken.lock.release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(existsSync('/proc/self/cmdline'))('is replaced when its pid now belongs to another program', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'temu-lock-file-'));
    // The holder's pid was recycled: a process that is not the holder's command runs under it.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      const recycled = { pid: other.pid, host: hostname(), command: 'cli.ts serve', since: '2026-01-01T00:00:00.000Z' };
      writeFileSync(join(dir, LOCK_FILE), JSON.stringify(recycled));
      const taken = tryLockDataDir(dir);
      expect(taken).toMatchObject({ lock: { holder: { pid: process.pid } } });
      if ('lock' in taken) taken.lock.release();
      // A lock naming this very pid that this process does not hold: a restarted container's.
      writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ ...recycled, pid: process.pid }));
      const again = tryLockDataDir(dir);
      expect(again).toMatchObject({ lock: { holder: { pid: process.pid } } });
      if ('lock' in again) again.lock.release();
    } finally {
      other.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
