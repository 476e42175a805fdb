import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** `pnpm cli` as a person types it: help answers without a database and exits 0. */
const API = fileURLToPath(new URL('..', import.meta.url));

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: API, env: { ...process.env, DATABASE_URL: '' } }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('pnpm cli help', () => {
  it('--help lists every command and exits 0; <command> --help describes that command; an unknown command exits 1', async () => {
    const [all, users, token, unknown] = await Promise.all([cli('--help'), cli('users', '--help'), cli('help', 'token'), cli('no-such-command')]);
    expect(all.code).toBe(0);
    for (const command of ['start', 'serve', 'migrate', 'migration:create', 'drift', 'seed', 'seed:synthetic', 'token', 'users']) {
      expect(all.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
    expect(users).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Usage: pnpm cli users \[--role R\]\n\n {2}list the seeded demo accounts/) });
    expect(token).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Usage: pnpm cli token --email x\n/) });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unknown command.');
  }, 60_000);
});

describe('pnpm cli output piped to a reader that stops early (`| head`)', () => {
  it('is no error: exit 0 and nothing on stderr', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--help'], { cwd: API, env: { ...process.env, DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader is gone before the command prints (it takes a second to start).
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  }, 60_000);
});
