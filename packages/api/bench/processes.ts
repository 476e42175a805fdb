import { type ChildProcess, fork, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Options } from 'autocannon';

/** The API's CLI run as the benches' child processes: the seed, and servers as `pnpm start` runs them. */
const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

/** Runs `cli.ts <command>` to its end (the seed). */
export function runCli(command: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, command], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`))));
  });
}

/** `cli.ts serve` with `env` (its database, PORT); resolves when /healthz answers. */
export async function startServer(env: NodeJS.ProcessEnv): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--max-semi-space-size=32', '--import', 'tsx', cli, 'serve'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${env.PORT}`;
  for (let i = 0; i < 600; i += 1) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('server did not start');
}

export function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** What one autocannon load measured (latencies in ms). */
export type LoadResult = { p50: number; p99: number; max: number; rps: number; requests: number; errors: number; non2xx: number };

/**
 * Runs a load in a child process (`module` started with `--autocannon`, which calls answerLoad):
 * the load generator's work stays off the bench's own event loop.
 */
export function loadInChild(module: string, message: object): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(module), ['--autocannon'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (result) => resolve(result as LoadResult));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`autocannon exited with ${code}`)));
    child.send(message);
  });
}

/** In the child of loadInChild: runs autocannon with the options the parent's message gives, sends back its summary and exits. */
export function answerLoad<M>(options: (message: M) => Options): void {
  process.once('message', async (message: M) => {
    const { default: autocannon } = await import('autocannon');
    const result = await autocannon(options(message));
    const summary: LoadResult = {
      p50: result.latency.p50,
      p99: result.latency.p99,
      max: result.latency.max,
      rps: result.requests.average,
      requests: result.requests.total,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
    };
    process.send!(summary, () => process.exit(0));
  });
}
