import { describe, expect, it } from 'vitest';
import {
  generateInstance,
  greedyBaseline,
  schedule,
  SchedulingInputError,
  validateSchedule,
  type ScheduleResult,
  type SchedulingInstance,
} from '../../../src/domain/scheduling/index';

/** Small forums written by hand, with an optimum one can check on paper. */
function forum(spec: {
  slots: string[];
  breaks?: string[];
  tables?: number;
  people: Record<string, { slots?: string[]; cap?: number }>;
  requests: [id: string, from: string, to: string, priority?: number, table?: string][];
  locked?: [request: string, slot: string, table: string][];
}): SchedulingInstance {
  return {
    slots: spec.slots.map((id) => ({ id, isBreak: spec.breaks?.includes(id) ?? false })),
    tables: Array.from({ length: spec.tables ?? 5 }, (_, i) => ({ id: `t${i + 1}` })),
    participants: Object.entries(spec.people).map(([id, p]) => ({
      id,
      availableSlotIds: p.slots ?? spec.slots,
      meetingCap: p.cap ?? null,
    })),
    requests: spec.requests.map(([id, requesterId, recipientId, priority = 3, requiredTableId]) => ({
      id,
      requesterId,
      recipientId,
      priority,
      requiredTableId,
    })),
    locked: (spec.locked ?? []).map(([requestId, slotId, tableId]) => ({ requestId, slotId, tableId })),
  };
}

const METHODS = [
  ['exact', { exact: 'always', timeLimitMs: Infinity }],
  ['heuristic', { exact: 'never' }],
] as const;

async function both(instance: SchedulingInstance): Promise<ScheduleResult[]> {
  const results = await Promise.all(METHODS.map(([, options]) => schedule(instance, options)));
  for (const result of results) expect(validateSchedule(instance, result)).toEqual([]);
  return results;
}

const slotOf = (result: ScheduleResult, requestId: string) => result.assignments.find((m) => m.requestId === requestId)?.slotId;
const reasonOf = (result: ScheduleResult, requestId: string) => result.unscheduled.find((u) => u.requestId === requestId);

describe('schedule on hand-made forums', () => {
  it('beats first-come: moves the flexible meeting out of the only slot the other can use', async () => {
    // A–B fit in s1 or s2, A–C only in s1. First-come puts A–B in s1 and loses A–C.
    const instance = forum({
      slots: ['s1', 's2'],
      people: { A: {}, B: {}, C: { slots: ['s1'] } },
      requests: [
        ['ab', 'A', 'B'],
        ['ac', 'A', 'C'],
      ],
    });
    const greedy = greedyBaseline(instance);
    expect(validateSchedule(instance, greedy)).toEqual([]);
    expect(greedy.objective.meetings).toBe(1);
    for (const result of await both(instance)) {
      expect(result.objective.meetings).toBe(2);
      expect(slotOf(result, 'ac')).toBe('s1');
      expect(slotOf(result, 'ab')).toBe('s2');
      expect(result.provenOptimal).toBe(true);
    }
  });

  it('prefers two low-priority meetings to one high-priority meeting (meetings first)', async () => {
    const instance = forum({
      slots: ['s1'],
      people: { A: {}, B: {}, C: {}, D: {} },
      requests: [
        ['ab', 'A', 'B', 5],
        ['ac', 'A', 'C', 1],
        ['bd', 'B', 'D', 1],
      ],
    });
    for (const result of await both(instance)) {
      expect(result.objective).toMatchObject({ meetings: 2, priority: 2 });
      expect(reasonOf(result, 'ab')?.reason).toBe('OUTRANKED');
    }
  });

  it('keeps the higher priorities when tables are short, and explains the loser', async () => {
    // One table, two slots, three disjoint pairs: the priority-1 request is left out.
    const instance = forum({
      slots: ['s1', 's2'],
      tables: 1,
      people: { A: {}, B: {}, C: {}, D: {}, E: {}, F: {} },
      requests: [
        ['ab', 'A', 'B', 1],
        ['cd', 'C', 'D', 4],
        ['ef', 'E', 'F', 2],
      ],
    });
    for (const result of await both(instance)) {
      expect(result.objective).toMatchObject({ meetings: 2, priority: 6 });
      const reason = reasonOf(result, 'ab');
      expect(reason?.reason).toBe('OUTRANKED');
      expect(reason?.message).toContain('every table is in use');
    }
  });

  it('respects caps and keeps the highest-priority meetings of a capped participant', async () => {
    const instance = forum({
      slots: ['s1', 's2', 's3', 's4'],
      people: { A: { cap: 2 }, B: {}, C: {}, D: {}, E: {} },
      requests: [
        ['ab', 'A', 'B', 2],
        ['ac', 'A', 'C', 5],
        ['ad', 'A', 'D', 1],
        ['ae', 'A', 'E', 4],
      ],
    });
    for (const result of await both(instance)) {
      expect(result.objective).toMatchObject({ meetings: 2, priority: 9, gaps: 0 });
      expect(result.unscheduled.map((u) => [u.requestId, u.reason]).sort()).toEqual([
        ['ab', 'CAP_REACHED'],
        ['ad', 'CAP_REACHED'],
      ]);
      expect(reasonOf(result, 'ab')?.message).toBe('A already has 2 meetings, the most they accept.');
    }
  });

  it('leaves locked meetings where they are and counts them toward caps and tables', async () => {
    // A–B is locked in s2 at t1 although s1 would leave no gap; A's cap of 2 leaves room for one more.
    const instance = forum({
      slots: ['s1', 's2', 's3'],
      tables: 1,
      people: { A: { cap: 2 }, B: {}, C: {}, D: {}, E: { slots: ['s2'] }, F: { slots: ['s2'] } },
      requests: [
        ['ab', 'A', 'B', 1],
        ['ac', 'A', 'C', 3],
        ['ad', 'A', 'D', 2],
        ['ef', 'E', 'F', 5],
      ],
      locked: [['ab', 's2', 't1']],
    });
    for (const result of await both(instance)) {
      expect(result.assignments).toContainEqual({ requestId: 'ab', slotId: 's2', tableId: 't1', locked: true });
      expect(result.objective.meetings).toBe(2);
      expect(slotOf(result, 'ac')).toBeDefined();
      expect(reasonOf(result, 'ad')?.reason).toBe('CAP_REACHED');
      // E and F could only meet in s2, whose single table the locked meeting holds.
      expect(reasonOf(result, 'ef')?.reason).toBe('NO_FREE_SLOT');
    }
  });

  it('reports a pair with no common slot as NO_COMMON_AVAILABILITY', async () => {
    const instance = forum({
      slots: ['s1', 's2', 'lunch', 's3'],
      breaks: ['lunch'],
      people: { A: { slots: ['s1', 'lunch'] }, B: { slots: ['s2', 'lunch', 's3'] } },
      requests: [['ab', 'A', 'B']],
    });
    for (const result of await both(instance)) {
      expect(result.assignments).toEqual([]);
      expect(result.unscheduled).toEqual([
        { requestId: 'ab', reason: 'NO_COMMON_AVAILABILITY', message: 'A and B are not both available in any meeting slot.' },
      ]);
      expect(result.provenOptimal).toBe(true);
    }
  });

  it('seats a request at its required table, one such meeting per slot', async () => {
    const instance = forum({
      slots: ['s1', 's2'],
      tables: 3,
      people: { A: {}, B: {}, C: { slots: ['s1'] }, D: {}, E: { slots: ['s1'] } },
      requests: [
        ['ab', 'A', 'B', 3, 't2'],
        ['cd', 'C', 'D', 3, 't2'],
        ['ae', 'A', 'E', 3, 't2'],
      ],
    });
    for (const result of await both(instance)) {
      expect(result.objective.meetings).toBe(2);
      for (const m of result.assignments) expect(m.tableId).toBe('t2');
      expect(slotOf(result, 'ab')).toBe('s2');
    }
  });

  it('closes idle gaps without losing meetings; breaks are not gaps', async () => {
    // A meets B, C and D; C is free only in s1 and s3 (around the lunch break), D only in s4.
    const instance = forum({
      slots: ['s1', 's2', 'lunch', 's3', 's4'],
      breaks: ['lunch'],
      people: { A: {}, B: {}, C: { slots: ['s1', 's3'] }, D: { slots: ['s4'] } },
      requests: [
        ['ab', 'A', 'B'],
        ['ac', 'A', 'C'],
        ['ad', 'A', 'D'],
      ],
    });
    for (const result of await both(instance)) {
      expect(result.objective).toEqual({ meetings: 3, priority: 9, gaps: 0 });
      expect(slotOf(result, 'ad')).toBe('s4');
      expect(slotOf(result, 'ac')).toBe('s3');
      expect(slotOf(result, 'ab')).toBe('s2');
    }
  });

  it('rejects malformed instances with every problem listed', async () => {
    const instance = forum({
      slots: ['s1'],
      people: { A: {}, B: {} },
      requests: [
        ['ab', 'A', 'B', 7],
        ['ax', 'A', 'X'],
      ],
      locked: [['ab', 's9', 't1']],
    });
    const error = await schedule(instance).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchedulingInputError);
    expect((error as SchedulingInputError).problems).toEqual([
      'request ab has priority 7, expected 1–5',
      'request ax has unknown recipient X',
      'locked meeting ab refers to an unknown request, slot or table',
    ]);

    await expect(schedule(forum({ slots: [], people: {}, requests: [] }), { timeLimitMs: -1 })).rejects.toThrow(RangeError);
  });
});

describe('schedule: proof, bound and progress', () => {
  it('runs HiGHS by default on a forum beyond the old 2-pairs-per-ms rule, and reports its phases', async () => {
    // 200 requests × 16 slots: about 2,400 (request, slot) pairs, more than 2 per ms of a 1 s budget.
    const instance = generateInstance({ shape: 'popular-partner', requests: 200, seed: 1 });
    const phases: string[] = [];
    const result = await schedule(instance, { timeLimitMs: 3_000, onProgress: (p) => phases.push(p.phase) });
    expect(phases).toEqual(['HEURISTIC', 'EXACT', 'GAPS', 'DONE']);
    expect(validateSchedule(instance, result)).toEqual([]);
    const optimum = await schedule(instance, { exact: 'always', timeLimitMs: Infinity });
    expect(optimum.provenOptimal).toBe(true);
    expect(optimum.gap).toBe(0);
    expect(optimum.meetingsUpperBound).toBe(optimum.objective.meetings);
    // Whatever the machine's speed: the bound is never below the optimum, and the gap says how far off a result may be.
    expect(result.meetingsUpperBound).toBeGreaterThanOrEqual(optimum.objective.meetings);
    expect(result.gap).toBeCloseTo((result.meetingsUpperBound - result.objective.meetings) / result.meetingsUpperBound, 10);
  });

  it('without HiGHS still bounds the meetings: tables, caps and open requests', async () => {
    // 3 requests, 2 meeting slots, 1 table: at most 2 meetings; the heuristic finds them but cannot prove priority.
    const instance = forum({
      slots: ['s1', 's2'],
      tables: 1,
      people: { A: {}, B: {}, C: {}, D: {} },
      requests: [
        ['ab', 'A', 'B', 1],
        ['cd', 'C', 'D', 5],
        ['ac', 'A', 'C', 2],
      ],
    });
    const result = await schedule(instance, { exact: 'never' });
    expect(result.objective.meetings).toBe(2);
    expect(result.meetingsUpperBound).toBe(2);
    expect(result.gap).toBe(0);
    expect(result.provenOptimal).toBe(false);
  });
});

describe('validateSchedule', () => {
  const instance = forum({
    slots: ['s1', 's2'],
    tables: 2,
    people: { A: { cap: 1 }, B: {}, C: { slots: ['s2'] } },
    requests: [
      ['ab', 'A', 'B', 2],
      ['bc', 'B', 'C', 3],
      ['ac', 'A', 'C', 1],
    ],
  });
  const valid: ScheduleResult = {
    assignments: [
      { requestId: 'ab', slotId: 's1', tableId: 't1', locked: false },
      { requestId: 'bc', slotId: 's2', tableId: 't1', locked: false },
    ],
    unscheduled: [{ requestId: 'ac', reason: 'CAP_REACHED', message: 'A already has 1 meeting.' }],
    objective: { meetings: 2, priority: 5, gaps: 0 },
    method: 'HEURISTIC',
    provenOptimal: true,
    meetingsUpperBound: 2,
    gap: 0,
  };

  it('accepts a valid schedule', () => {
    expect(validateSchedule(instance, valid)).toEqual([]);
  });

  it('finds double bookings, unavailability, caps, missing requests and a wrong objective', () => {
    const broken: ScheduleResult = {
      ...valid,
      assignments: [
        { requestId: 'ab', slotId: 's2', tableId: 't1', locked: false },
        { requestId: 'bc', slotId: 's2', tableId: 't1', locked: false },
        { requestId: 'ac', slotId: 's1', tableId: 't2', locked: false },
      ],
      unscheduled: [],
    };
    expect(validateSchedule(instance, broken)).toEqual([
      'table t1 is booked twice in slot s2',
      'participant B is booked twice in slot s2',
      'C is not available in s1 for ac',
      'A has 2 meetings, over the cap of 1',
      'objective meetings is 2, actually 3',
      'objective priority is 5, actually 6',
    ]);
  });

  it('finds a moved locked meeting and an unexplained request', () => {
    const locked = { ...instance, locked: [{ requestId: 'ab', slotId: 's1', tableId: 't2' }] };
    expect(validateSchedule(locked, { ...valid, unscheduled: [] })).toEqual([
      'locked meeting ab was moved or unlocked',
      'request ac is neither scheduled nor unscheduled',
    ]);
  });
});
