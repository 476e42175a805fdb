import { meetingsWithin, scoreOf, solveExact } from './exact';
import { reduceGaps } from './gaps';
import { firstComeGreedy } from './greedy';
import { runHeuristic } from './heuristic';
import { buildModel, type Model } from './model';
import { toResult } from './result';
import { stateFrom } from './state';
import type { ScheduleMethod, ScheduleOptions, SchedulePhase, ScheduleResult, SchedulingInstance } from './types';

export * from './types';
export { SchedulingInputError } from './model';
export { validateSchedule } from './validate';
export { generateInstance, INSTANCE_SHAPES, type GenerateOptions, type InstanceShape } from './generate';

/** Keeps a default call on a 1,000-request forum under 2 s, model building and tables included. */
export const DEFAULT_TIME_LIMIT_MS = 1_500;
/**
 * The budget of an organiser's schedule run (forumSchedule), its default and its maximum: HiGHS
 * returns as soon as it proves the optimum (well under a second on most forums), a forum is
 * scheduled a few times, and loading, saving and HiGHS overrunning its own limit (seen: 6 s asked, 8.6 s
 * taken on a loaded machine) still fit the server's 10 s execution timeout.
 */
export const ORGANISER_TIME_LIMIT_MS = 4_500;
/**
 * HiGHS runs whenever its model fits in memory: the LP text and HiGHS's own copy take a few
 * hundred bytes per (request, slot) column, so 200,000 columns stay well under 200 MB. The
 * largest generated forum (1,000 requests, 16 slots) has about 11,000. Beyond this only the
 * heuristic runs and the result reports the simple upper bound.
 */
export const EXACT_MAX_COLUMNS = 200_000;
/**
 * What the heuristic may use before HiGHS starts: at least 30 % of the budget, and up to 1.35 s,
 * what it needs on a 1,000-request forum to reach its best (measured); it stops earlier when it
 * runs out of moves, so on small forums HiGHS gets nearly the whole budget.
 */
function heuristicDeadline(started: number, budget: number, exact: boolean): number {
  return started + (exact ? Math.max(0.3 * budget, Math.min(0.9 * budget, HEURISTIC_MS)) : 0.9 * budget);
}
const HEURISTIC_MS = 1_350;

/**
 * Schedules a forum: every accepted request gets at most one slot and table, maximising meetings,
 * then total priority, then fewer idle gaps. The heuristic runs first; HiGHS then gets the rest
 * of the budget whenever the model fits in memory, starting from the heuristic's schedule, so
 * the result is never worse than the heuristic nor than first-come scheduling, and a run that
 * stops at the budget reports how far from proven it is (`meetingsUpperBound`, `gap`). A tenth
 * of the budget is kept for the gap pass. Throws SchedulingInputError on a malformed instance.
 */
export async function schedule(instance: SchedulingInstance, options: ScheduleOptions = {}): Promise<ScheduleResult> {
  const started = performance.now();
  const budget = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  if (!(budget >= 0)) throw new RangeError(`timeLimitMs must be a non-negative number of milliseconds, got ${budget}`);
  const report = progressReporter(options.onProgress, started, budget);
  const model = buildModel(instance);
  const mode = options.exact ?? 'auto';
  const exact = mode === 'always' || (mode === 'auto' && columnCount(model) <= EXACT_MAX_COLUMNS);

  await report('HEURISTIC');
  let state = runHeuristic(model, heuristicDeadline(started, budget, exact));
  let method: ScheduleMethod = 'HEURISTIC';
  let provenOptimal = model.open.every((r) => state.slotOf[r]! >= 0);
  let openBound = provenOptimal ? placedOpen(model, state.slotOf) : simpleBound(model);
  const exactMs = started + 0.9 * budget - performance.now();
  if (exact && !provenOptimal && exactMs > 0) {
    await report('EXACT');
    const solved = await solveExact(model, { timeLimitMs: exactMs, start: state.slotOf });
    const gain = solved.slotOf ? scoreOf(model, solved.slotOf) - scoreOf(model, state.slotOf) : -1;
    // HiGHS's schedule when better, or proven optimal; a time-out returning our own start is not EXACT.
    if (solved.slotOf && (gain > 0 || (gain === 0 && solved.proven))) {
      state = stateFrom(model, solved.slotOf);
      method = 'EXACT';
    }
    // Integer objective: within 1 of the dual bound is optimal.
    provenOptimal = solved.proven || scoreOf(model, state.slotOf) > solved.bound - 1;
    openBound = provenOptimal ? placedOpen(model, state.slotOf) : Math.min(openBound, meetingsWithin(model, solved.bound));
  }
  await report('GAPS');
  reduceGaps(state, Math.max(started + budget, performance.now() + 0.1 * Math.min(budget, DEFAULT_TIME_LIMIT_MS)));
  const result = toResult(state, method, provenOptimal, lockedCount(model) + openBound);
  await report('DONE');
  return result;
}

function lockedCount(model: Model): number {
  return model.lockedSlot.filter((slot) => slot >= 0).length;
}

/**
 * A bound without HiGHS: no more meetings than open requests, than free tables over the slots,
 * nor than half the seats the participants can still fill (each at most its cap left and the
 * slots it can use).
 */
function simpleBound(model: Model): number {
  const S = model.slotCount;
  const usable = new Uint8Array(model.participantCount * S);
  const degree = new Int32Array(model.participantCount);
  for (const r of model.open) {
    for (const p of [model.a[r]!, model.b[r]!]) {
      degree[p] = degree[p]! + 1;
      for (const s of model.feasible[r]!) usable[p * S + s] = 1;
    }
  }
  let seats = 0;
  for (let p = 0; p < model.participantCount; p += 1) {
    let slots = 0;
    for (let s = 0; s < S; s += 1) slots += usable[p * S + s]!;
    seats += Math.min(slots, degree[p]!, model.capLeft[p]!);
  }
  const tables = model.freeTables.reduce((sum, t, s) => sum + (model.isBreak[s] ? 0 : t), 0);
  return Math.min(model.open.length, tables, Math.floor(seats / 2));
}

function placedOpen(model: Model, slotOf: ArrayLike<number>): number {
  return model.open.filter((r) => slotOf[r]! >= 0).length;
}

function progressReporter(onProgress: ScheduleOptions['onProgress'], started: number, budget: number) {
  return async (phase: SchedulePhase) => {
    if (!onProgress) return;
    const elapsedMs = Math.round(performance.now() - started);
    onProgress({ phase, elapsedMs, budgetMs: budget });
    // Let the event loop answer a progress poll between the (synchronous) phases.
    await new Promise((resolve) => setImmediate(resolve));
  };
}

/**
 * The yardstick: requests in creation order, each in its first slot that still fits, no
 * improvement at all. Exposed so the GraphQL layer and benchmarks can show what the optimiser adds.
 */
export function greedyBaseline(instance: SchedulingInstance): ScheduleResult {
  const model = buildModel(instance);
  const state = firstComeGreedy(model);
  return toResult(state, 'HEURISTIC', model.open.every((r) => state.slotOf[r]! >= 0), lockedCount(model) + model.open.length);
}

function columnCount(model: Model): number {
  return model.open.reduce((sum, r) => sum + model.feasible[r]!.length, 0);
}
