import { describe, expect, it } from 'vitest';
import {
  generateInstance,
  greedyBaseline,
  INSTANCE_SHAPES,
  schedule,
  validateSchedule,
  type ScheduleResult,
} from '../../../src/domain/scheduling/index';

/** (meetings, priority) lexicographically: a ≥ b. */
function atLeast(a: ScheduleResult, b: ScheduleResult): boolean {
  return a.objective.meetings > b.objective.meetings ||
    (a.objective.meetings === b.objective.meetings && a.objective.priority >= b.objective.priority);
}

describe('generated instances', () => {
  it('are reproducible from their seed', () => {
    const a = generateInstance({ shape: 'mixed', requests: 100, seed: 7 });
    expect(generateInstance({ shape: 'mixed', requests: 100, seed: 7 })).toEqual(a);
    expect(generateInstance({ shape: 'mixed', requests: 100, seed: 8 })).not.toEqual(a);
    expect(a.requests).toHaveLength(100);
    expect(a.locked.length).toBeGreaterThan(0);
  });

  describe.each(INSTANCE_SHAPES)('%s', (shape) => {
    it.each([20, 60, 200])('%i requests: valid for both methods, never below first-come, optimal meeting count', async (requests) => {
      const instance = generateInstance({ shape, requests, seed: requests });
      const greedy = greedyBaseline(instance);
      const heuristic = await schedule(instance, { exact: 'never' });
      const scheduled = await schedule(instance);
      const exact = await schedule(instance, { exact: 'always', timeLimitMs: Infinity });
      for (const result of [greedy, heuristic, scheduled, exact]) expect(validateSchedule(instance, result)).toEqual([]);
      expect(exact.provenOptimal).toBe(true);
      expect(atLeast(heuristic, greedy)).toBe(true);
      expect(atLeast(scheduled, greedy)).toBe(true);
      expect(scheduled.objective.meetings).toBe(exact.objective.meetings);
      expect(heuristic.objective.meetings).toBe(exact.objective.meetings);
    });
  });

  it('1,000 requests: valid and above first-come within the budget, or with none', async () => {
    const instance = generateInstance({ shape: 'mixed', requests: 1000, participants: 200, slots: 16, seed: 1 });
    const started = performance.now();
    const heuristic = await schedule(instance, { exact: 'never', timeLimitMs: 1000 });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(validateSchedule(instance, heuristic)).toEqual([]);
    expect(atLeast(heuristic, greedyBaseline(instance))).toBe(true);
    expect(heuristic.method).toBe('HEURISTIC');
    // No time at all still yields a valid schedule, at least first-come's.
    const rushed = await schedule(instance, { timeLimitMs: 0 });
    expect(validateSchedule(instance, rushed)).toEqual([]);
    expect(atLeast(rushed, greedyBaseline(instance))).toBe(true);
  });
});
