import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `pnpm test`: typecheck, lint and the unit tests, then the database suites, each part timed. Parts of
 * a step run at once: tsgo, Biome and knip are done in seconds and the unit tests take what is left,
 * and the PGlite half (CPU in its workers) overlaps the PostgreSQL half (much of it waiting on the
 * server's disk writes). Starting the database suites with the first step was tried: the contention
 * cost more CPU than the idle gaps it filled. The tests
 * that time the server (`*-alone` projects) still run last, one database after the other, on an
 * otherwise idle machine, on the templates their half built (TEST_TEMPLATES_DIR; global-setup.ts).
 * Output of a part is printed when it ends, so parts never interleave. Beside each part's duration
 * the CPU time of its processes (user + system, from the shell's `times`; the PostgreSQL server's
 * is not among them): on a busy 2-core machine it is CPU, not waiting, that makes the run long.
 *
 * TEST_SERIAL=1 runs every part one after another (the way to compare, or on a one-core machine).
 */

interface Part {
  name: string;
  command: string;
  env?: Record<string, string>;
}

const vitest = (projects: string[], database?: string, workers?: number): Part => ({
  name: projects.join('+'),
  command: `vitest run ${projects.map((p) => `--project ${p}`).join(' ')}${workers ? ` --maxWorkers ${workers}` : ''}`,
  ...(database ? { env: { TEST_DATABASE: database } } : {}),
});

const serial = process.env.TEST_SERIAL === '1';
const templatesDir = mkdtempSync(join(tmpdir(), 'temu-test-templates-'));
const halfWorkers = process.env.TEST_HALF_WORKERS ? Number(process.env.TEST_HALF_WORKERS) : undefined;

const steps: Part[][] = [
  [{ name: 'typecheck', command: 'pnpm run typecheck' }, { name: 'lint', command: 'pnpm run lint' }, vitest(['unit'])],
  [vitest(['pglite'], 'pglite', halfWorkers), vitest(['postgres'], 'postgres', halfWorkers)],
  [vitest(['pglite-alone'], 'pglite')],
  [vitest(['postgres-alone'], 'postgres')],
];

interface Outcome {
  name: string;
  seconds: number;
  /** User + system CPU seconds of the part's processes. */
  cpu: number;
  code: number;
}

/** The CPU seconds of the shell's children in the output of `times` (its second line: user, then system). */
function childrenCpu(times: string): number {
  const line = times.trim().split('\n')[1] ?? '';
  return [...line.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, [, minutes, seconds]) => sum + Number(minutes) * 60 + Number(seconds), 0);
}

function run(part: Part): Promise<Outcome> {
  const started = performance.now();
  console.log(`▶ ${part.name}: ${part.command}`);
  return new Promise((resolve) => {
    const env = { ...process.env, TEST_TEMPLATES_DIR: templatesDir, ...part.env };
    // The shell reports its children's CPU on a fourth pipe, apart from the part's output.
    const command = `${part.command}; status=$?; times >&3; exit $status`;
    const child = spawn(command, { shell: true, env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    const [, stdout, stderr, timesPipe] = child.stdio;
    // Asked for above; Node's types do not know which of the four are pipes.
    if (!stdout || !stderr || !timesPipe) throw new Error(`${part.name}: no pipes to read`);
    const output: Buffer[] = [];
    let times = '';
    stdout.on('data', (chunk: Buffer) => output.push(chunk));
    stderr.on('data', (chunk: Buffer) => output.push(chunk));
    timesPipe.on('data', (chunk: Buffer) => (times += chunk.toString()));
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const cpu = childrenCpu(times);
      process.stdout.write(Buffer.concat(output));
      console.log(`${code === 0 ? '✔' : '✘'} ${part.name}: ${seconds.toFixed(1)} s, CPU ${cpu.toFixed(1)} s${code === 0 ? '' : ` (exit ${code})`}`);
      resolve({ name: part.name, seconds, cpu, code: code ?? 1 });
    });
  });
}

const outcomes: Outcome[] = [];
const started = performance.now();
for (const step of serial ? steps.flat().map((part) => [part]) : steps) {
  outcomes.push(...(await Promise.all(step.map(run))));
  if (outcomes.some((o) => o.code !== 0)) break;
}
const total = (performance.now() - started) / 1000;
console.log('\npart durations (s):    wall      CPU');
const row = (name: string, wall: number, cpu: number) => `  ${name.padEnd(16)} ${wall.toFixed(1).padStart(7)} ${cpu.toFixed(1).padStart(8)}`;
for (const o of outcomes) console.log(`${row(o.name, o.seconds, o.cpu)}${o.code === 0 ? '' : '  FAILED'}`);
console.log(row('total', total, outcomes.reduce((sum, o) => sum + o.cpu, 0)));
// Imported only now: it brings PGlite, Prisma and the seed, seconds of loading.
const { dropSharedTemplates } = await import('../packages/api/test/support/global-setup');
await dropSharedTemplates(templatesDir);
rmSync(templatesDir, { recursive: true, force: true });
process.exit(outcomes.some((o) => o.code !== 0) ? 1 : 0);
