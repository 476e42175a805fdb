import { generateInstance } from '@temu-bisnis/schema/domain/scheduling/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF } from './forum-fixtures';
import { forumOf, PROGRESS, SCHEDULE } from './forum-generated';
import { startTestServer, type TestServer } from './support/server';

/**
 * A schedule run of a 200-participant, 900-request forum solves in a worker thread: while it
 * runs, /healthz and forumProgress answer at once, and a second API process on the same
 * database (server B) sees the progress, which lives in a database row. Timed, so it runs alone
 * (vitest.config.ts, measuredAlone); the rest of a run's behaviour is in forum-schedule-run.test.ts.
 */

let a: TestServer;
let b: TestServer;
let staff: Record<string, string>;

beforeAll(async () => {
  a = await startTestServer({ seeded: true });
  b = await startTestServer({ database: a.db });
  staff = await a.as(STAFF);
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

/**
 * The solver's time limit in the first test: long enough for dozens of polls while it runs (one
 * every 50 ms or so), short enough not to hold the otherwise idle machine for the whole limit.
 */
const SOLVE_MS = 2_000;

/** Milliseconds fn takes. */
async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await fn();
  return [performance.now() - started, value];
}

describe('forumSchedule off the event loop', () => {
  it('while a 200-participant solve runs, /healthz and forumProgress (on another process) answer within 200 ms', async () => {
    const instance = generateInstance({ shape: 'capped', requests: 900, participants: 200, seed: 5 });
    const forum = await forumOf(a, staff, instance, { calls: 0 });
    let done = false;
    const running = a.gql(SCHEDULE, { input: { forumId: forum.id, timeLimitMs: SOLVE_MS } }, staff).finally(() => {
      done = true;
    });
    const health: number[] = [];
    const polls: number[] = [];
    const phases = new Set<string>();
    while (!done) {
      const [healthMs, response] = await timed(() => fetch(`${a.url}/healthz`));
      expect(response.status).toBe(200);
      const [pollMs, polled] = await timed(() => b.gql(PROGRESS, { forumId: forum.id }, staff));
      const progress = polled.data!.forumProgress;
      // Only what was measured while the solver ran counts: the load and the save are database work.
      if (!done && progress?.operation === 'SCHEDULE' && ['HEURISTIC', 'EXACT', 'GAPS'].includes(progress.phase)) {
        health.push(healthMs);
        polls.push(pollMs);
        phases.add(progress.phase);
        expect(progress.finishedAt).toBeNull();
        expect(progress.total).toBe(SOLVE_MS);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const { run, userErrors } = (await running).data!.forumSchedule;
    expect(userErrors).toEqual([]);
    expect(run.objective.meetings).toBeGreaterThan(0);
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    const max = (xs: number[]) => Math.max(...xs);
    console.log(
      `[${a.db.kind}] solver ${run.elapsedMs} ms (${run.method}); during it ${health.length} polls, phases ${[...phases].join(',')}; ` +
        `/healthz median ${median(health).toFixed(0)} ms max ${max(health).toFixed(0)} ms; forumProgress on B median ${median(polls).toFixed(0)} ms max ${max(polls).toFixed(0)} ms`,
    );
    // A blocked event loop answers once the solve ends: seconds, and only one or two polls at all.
    expect(health.length).toBeGreaterThanOrEqual(5);
    expect(median(health)).toBeLessThan(200);
    expect(median(polls)).toBeLessThan(200);
    const after = (await b.gql(PROGRESS, { forumId: forum.id }, staff)).data!.forumProgress;
    expect(after).toMatchObject({ operation: 'SCHEDULE', phase: 'DONE', total: SOLVE_MS });
    expect(after.finishedAt).not.toBeNull();
  }, 240_000);
});
