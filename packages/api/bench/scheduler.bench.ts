import {
  DEFAULT_TIME_LIMIT_MS,
  generateInstance,
  greedyBaseline,
  INSTANCE_SHAPES,
  schedule,
  validateSchedule,
  type ScheduleResult,
  type SchedulingInstance,
} from '@temu-bisnis/schema/domain/scheduling/index';
import { fmt, median, sample } from './stats';

/**
 * Forum meeting scheduler: meetings scheduled by `schedule()` with default options, by the
 * heuristic alone and by first-come scheduling, against the optimum HiGHS proves without a time
 * limit; then the run time of a default call on 1,000 requests, 200 participants and 16 slots.
 */
const SIZES = [50, 100, 200, 500, 1000];
const RUNS = 5;

export async function run(): Promise<string> {
  const quality: string[] = [];
  const optimumAt1000 = new Map<string, ScheduleResult>();
  const worst = { all: Infinity, small: Infinity, heuristic: Infinity, belowGreedy: 0, invalid: 0 };
  for (const shape of INSTANCE_SHAPES) {
    for (const requests of SIZES) {
      const instance = generateInstance({ shape, requests, seed: 1 });
      const started = performance.now();
      const exact = await schedule(instance, { exact: 'always', timeLimitMs: Infinity });
      const exactMs = performance.now() - started;
      const scheduled = await schedule(instance);
      const heuristic = await schedule(instance, { exact: 'never' });
      const greedy = greedyBaseline(instance);
      const results = [exact, scheduled, heuristic, greedy];
      worst.invalid += results.filter((r) => validateSchedule(instance, r).length > 0).length;
      const optimum = exact.objective.meetings;
      if (requests === 1000) optimumAt1000.set(shape, exact);
      const ratio = (r: ScheduleResult) => r.objective.meetings / optimum;
      worst.all = Math.min(worst.all, ratio(scheduled));
      if (requests <= 200) worst.small = Math.min(worst.small, ratio(scheduled));
      worst.heuristic = Math.min(worst.heuristic, ratio(heuristic));
      worst.belowGreedy += [scheduled, heuristic].filter((r) => below(r, greedy)).length;
      quality.push(
        `| ${shape} | ${requests} | ${size(instance)} | ${optimum} (${exact.objective.priority})${exact.provenOptimal ? '' : ' unproven'} | ` +
          `${cell(scheduled, optimum)} ${scheduled.method} | ${cell(heuristic, optimum)} | ${cell(greedy, optimum)} | ${fmt(exactMs)} |`,
      );
    }
  }

  const timing: string[] = [];
  for (const shape of INSTANCE_SHAPES) {
    // The 1,000-request forums above: 200 participants, 16 slots.
    const instance = generateInstance({ shape, requests: 1000, seed: 1 });
    const optimum = optimumAt1000.get(shape)!.objective.meetings;
    let last: ScheduleResult | undefined;
    const samples = await sample(
      async () => {
        last = await schedule(instance);
      },
      { runs: RUNS, warmup: 1 },
    );
    const greedySamples = await sample(async () => greedyBaseline(instance), { runs: RUNS, warmup: 1 });
    timing.push(
      `| ${shape} | ${size(instance)} | ${fmt(median(samples))} | ${fmt(Math.max(...samples))} | ${cell(last!, optimum)} ${last!.method} | ` +
        `${optimum} | ${fmt(median(greedySamples))} |`,
    );
  }

  const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
  return [
    '## Forum meeting scheduler',
    '',
    `Meetings scheduled (total priority in brackets) on generated forums (seed 1; participants = requests / 5, ` +
      `6–16 slots with a lunch break). Optimum: \`schedule({ exact: 'always', timeLimitMs: Infinity })\` ` +
      `(the heuristic, then HiGHS from its schedule until the optimum is proven; last column). ` +
      `Scheduler: \`schedule()\` with default options (${DEFAULT_TIME_LIMIT_MS} ms budget). ` +
      `Heuristic: \`schedule({ exact: 'never' })\`. First-come: \`greedyBaseline()\`. Percentages are of the optimum's meetings.`,
    '',
    '| shape | requests | participants × slots × tables | optimum | scheduler | heuristic | first-come | time to proven optimum (ms) |',
    '|---|---:|---|---:|---:|---:|---:|---:|',
    ...quality,
    '',
    `- worst scheduler ratio: ${pct(worst.all)} (goal ≥ 99.5 %); up to 200 requests: ${pct(worst.small)} (goal 100 %)`,
    `- worst heuristic-only ratio: ${pct(worst.heuristic)}`,
    `- results below first-come (meetings, then priority): ${worst.belowGreedy} (goal 0); invalid schedules: ${worst.invalid}`,
    '',
    `Run time of \`schedule()\` with default options on the 1,000-request forums (200 participants, 16 slots; ` +
      `median and max of ${RUNS} runs after a warm-up; goal ≤ 2 s); meetings of the last run; first-come's time for scale.`,
    '',
    '| shape | participants × slots × tables | median (ms) | max (ms) | meetings (priority), method | optimum | first-come median (ms) |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...timing,
    '',
  ].join('\n');
}

function cell(result: ScheduleResult, optimum: number): string {
  const pct = optimum === 0 ? 100 : (100 * result.objective.meetings) / optimum;
  return `${result.objective.meetings} (${result.objective.priority}) ${pct.toFixed(2)} %`;
}

/** Lexicographically worse than first-come on (meetings, priority). */
function below(result: ScheduleResult, greedy: ScheduleResult): boolean {
  const { meetings, priority } = result.objective;
  return meetings < greedy.objective.meetings || (meetings === greedy.objective.meetings && priority < greedy.objective.priority);
}

function size(instance: SchedulingInstance): string {
  return `${instance.participants.length} × ${instance.slots.length} × ${instance.tables.length}`;
}
