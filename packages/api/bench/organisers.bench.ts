import {
  generateInstance,
  greedyBaseline,
  INSTANCE_SHAPES,
  ORGANISER_TIME_LIMIT_MS,
  schedule,
  type ScheduleResult,
  validateSchedule,
} from '@temu-bisnis/schema/domain/scheduling/index';
import { fmt } from './stats';

/**
 * Issue 15: an organiser's default path against the optimum and against first-come booking, on
 * generated forums of 50 to 1,000 requests. The default path is register, request, accept with
 * defaults (every request joins the pool) and forumSchedule with its default budget: exactly
 * `schedule(instance, { timeLimitMs: ORGANISER_TIME_LIMIT_MS })` on the pool, which is what the service
 * calls (forum-organisers.test.ts checks the HTTP path equals the proven optimum on small forums).
 * First-come is what accepting with booking did before: each accept takes the earliest free slot,
 * in request order (`greedyBaseline`). Optimum: HiGHS without a time limit.
 */
const SIZES = [50, 100, 200, 500, 1000];

export async function run(): Promise<string> {
  const rows: string[] = [];
  let worst = Infinity;
  let provenByDefault = 0;
  let total = 0;
  let invalid = 0;
  for (const shape of INSTANCE_SHAPES) {
    for (const requests of SIZES) {
      const instance = generateInstance({ shape, requests, seed: 1 });
      const optimum = await schedule(instance, { exact: 'always', timeLimitMs: Infinity });
      const started = performance.now();
      const byDefault = await schedule(instance, { timeLimitMs: ORGANISER_TIME_LIMIT_MS });
      const defaultMs = performance.now() - started;
      const firstCome = greedyBaseline(instance);
      invalid += [optimum, byDefault, firstCome].filter((r) => validateSchedule(instance, r).length > 0).length;
      const best = optimum.objective.meetings;
      const ratio = (r: ScheduleResult) => (best === 0 ? 1 : r.objective.meetings / best);
      worst = Math.min(worst, ratio(byDefault));
      total += 1;
      if (byDefault.provenOptimal) provenByDefault += 1;
      rows.push(
        `| ${shape} | ${requests} | ${best}${optimum.provenOptimal ? '' : ' (unproven)'} | ${byDefault.objective.meetings} | ${pct(ratio(byDefault))} | ` +
          `${byDefault.method}${byDefault.provenOptimal ? ', proven' : `, gap ${pct(byDefault.gap)}`} | ${fmt(defaultMs)} | ${firstCome.objective.meetings} | ${pct(ratio(firstCome))} |`,
      );
    }
  }
  return [
    '## Organisers: default path vs optimum vs first-come',
    '',
    `Generated forums (seed 1; participants = requests / 5; 6–16 slots). Default path: every accepted request in the pool, ` +
      `then forumSchedule's default run (\`schedule()\` with ${ORGANISER_TIME_LIMIT_MS} ms; HiGHS whenever its model fits, warm-started from the heuristic). ` +
      `First-come: accept-time booking in request order (the old default). Optimum: HiGHS without a time limit. ` +
      'Ratios are meetings over the optimum. Timings on a shared 2-core machine.',
    '',
    '| shape | requests | optimum | default path | ratio | method, proof or gap | default time (ms) | first-come | ratio |',
    '|---|---:|---:|---:|---:|---|---:|---:|---:|',
    ...rows,
    '',
    `- worst default-path ratio: ${pct(worst)}; proven optimal by the default run: ${provenByDefault} of ${total}; invalid schedules: ${invalid}`,
    '',
  ].join('\n');
}

function pct(x: number): string {
  return `${(100 * x).toFixed(2)} %`;
}
