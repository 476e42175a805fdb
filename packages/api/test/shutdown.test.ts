import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { adminQuery, databaseUrl, dropDatabase, testDatabaseKind, uniqueName } from './support/templates';

const cli = new URL('../src/cli.ts', import.meta.url).pathname;

/** Starts `cli serve` as its own process, the way an operator runs it. */
async function environmentForServer(): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  if (testDatabaseKind === 'postgres') {
    const name = uniqueName('temu_test_proc');
    await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${inject('templates').empty}"`);
    return { env: { DATABASE_URL: databaseUrl(name) }, cleanup: () => dropDatabase(name) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'temu-serve-'));
  return { env: { DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

describe('the server process', () => {
  it('finishes the in-flight request on SIGTERM, closes the database and exits 0', async () => {
    const { env, cleanup } = await environmentForServer();
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve'], {
      env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug', DATABASE_URL: env.DATABASE_URL ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: Record<string, unknown>[] = [];
    let received: () => void = () => {};
    const requestReceived = new Promise<void>((resolve) => {
      received = resolve;
    });
    const listening = new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        for (const line of chunk.split('\n').filter(Boolean)) {
          const entry = JSON.parse(line) as Record<string, unknown>;
          lines.push(entry);
          if (entry.msg === 'listening') resolve(String(entry.url));
          if (entry.msg === 'request received' && entry.path === '/graphql') received();
        }
      });
      child.once('exit', (code) => reject(new Error(`server exited early with ${code}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const url = await listening;
      const inFlight = fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ districts(first: 16) { totalCount } }' }),
      });
      // SIGTERM only once the server holds the request, so it is truly in flight.
      await requestReceived;
      child.kill('SIGTERM');
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { districts: { totalCount: 0 } } });
      expect(await exited).toBe(0);
      expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
    } finally {
      child.kill('SIGKILL');
      await cleanup();
    }
  }, 60_000);
});
