import { scoreOf, solveExact } from './exact';
import { reduceGaps } from './gaps';
import { firstComeGreedy } from './greedy';
import { runHeuristic } from './heuristic';
import { buildModel, type Model } from './model';
import { toResult } from './result';
import { stateFrom } from './state';
import type { ScheduleMethod, ScheduleOptions, ScheduleResult, SchedulingInstance } from './types';

export * from './types';
export { SchedulingInputError } from './model';
export { validateSchedule } from './validate';
export { generateInstance, INSTANCE_SHAPES, type GenerateOptions, type InstanceShape } from './generate';

/** Keeps a default call on a 1,000-request forum under 2 s, model building and tables included. */
export const DEFAULT_TIME_LIMIT_MS = 1_500;
/**
 * HiGHS only gets the leftover budget where it can use it: measured on the generated forums
 * (HiGHS in WebAssembly, one core), it proves the optimum of ~2,000 (request, slot) variables in
 * well under a second but needs 1–15 s for ~11,000, without improving on the heuristic meanwhile.
 */
const COLUMNS_PER_MS = 2;

/**
 * Schedules a forum: every accepted request gets at most one slot and table, maximising meetings,
 * then total priority, then fewer idle gaps. The heuristic runs first; HiGHS then gets the rest
 * of the budget, starting from the heuristic's schedule, so the result is never worse than the
 * heuristic nor than first-come scheduling. A tenth of the budget is kept for the gap pass.
 * Throws SchedulingInputError on a malformed instance.
 */
export async function schedule(instance: SchedulingInstance, options: ScheduleOptions = {}): Promise<ScheduleResult> {
  const started = performance.now();
  const budget = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  if (!(budget >= 0)) throw new RangeError(`timeLimitMs must be a non-negative number of milliseconds, got ${budget}`);
  const model = buildModel(instance);
  const mode = options.exact ?? 'auto';
  const exact = mode === 'always' || (mode === 'auto' && columnCount(model) <= COLUMNS_PER_MS * budget);

  // Where HiGHS runs it is the stronger method, and a third of the budget is plenty for the
  // heuristic to hand it a good start on forums that small.
  let state = runHeuristic(model, started + (exact ? 0.3 : 0.9) * budget);
  let method: ScheduleMethod = 'HEURISTIC';
  let provenOptimal = model.open.every((r) => state.slotOf[r]! >= 0);
  const exactMs = started + 0.9 * budget - performance.now();
  if (exact && !provenOptimal && exactMs > 0) {
    const solved = await solveExact(model, { timeLimitMs: exactMs, start: state.slotOf });
    const gain = solved.slotOf ? scoreOf(model, solved.slotOf) - scoreOf(model, state.slotOf) : -1;
    // HiGHS's schedule when better, or proven optimal; a time-out returning our own start is not EXACT.
    if (solved.slotOf && (gain > 0 || (gain === 0 && solved.proven))) {
      state = stateFrom(model, solved.slotOf);
      method = 'EXACT';
    }
    // Integer objective: within 1 of the dual bound is optimal.
    provenOptimal = solved.proven || scoreOf(model, state.slotOf) > solved.bound - 1;
  }
  reduceGaps(state, Math.max(started + budget, performance.now() + 0.1 * Math.min(budget, DEFAULT_TIME_LIMIT_MS)));
  return toResult(state, method, provenOptimal);
}

/**
 * The yardstick: requests in creation order, each in its first slot that still fits, no
 * improvement at all. Exposed so the GraphQL layer and benchmarks can show what the optimiser adds.
 */
export function greedyBaseline(instance: SchedulingInstance): ScheduleResult {
  const model = buildModel(instance);
  const state = firstComeGreedy(model);
  return toResult(state, 'HEURISTIC', model.open.every((r) => state.slotOf[r]! >= 0));
}

function columnCount(model: Model): number {
  return model.open.reduce((sum, r) => sum + model.feasible[r]!.length, 0);
}
