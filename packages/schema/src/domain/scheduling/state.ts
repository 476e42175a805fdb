import type { Model } from './model';
import type { ScheduleObjective } from './types';

/**
 * A mutable slot choice for every request, with the occupancy counters needed to test a move in
 * O(1). Every change goes through `place`/`unplace`, which log it, so a search can try a chain of
 * moves and `rollback` to a mark when the chain fails.
 */
export type State = {
  model: Model;
  /** Slot per request, -1 when unscheduled; locked requests sit in their locked slot. */
  slotOf: Int32Array;
  /** busy[p * slotCount + s]: the request participant p meets in slot s, or -1. */
  busy: Int32Array;
  /** Free (not locked) meetings per slot, compared with model.freeTables. */
  load: Int32Array;
  /** tableUse[s * tableCount + t]: the free request that requires table t in slot s, or -1. */
  tableUse: Int32Array;
  /** Free meetings per participant, compared with model.capLeft. */
  used: Int32Array;
  /** Pairs (request, previous slot), newest last. */
  journal: number[];
};

export function emptyState(model: Model): State {
  const { slotCount, participantCount, tableCount, requestCount } = model;
  const state: State = {
    model,
    slotOf: new Int32Array(requestCount).fill(-1),
    busy: new Int32Array(participantCount * slotCount).fill(-1),
    load: new Int32Array(slotCount),
    tableUse: new Int32Array(slotCount * tableCount).fill(-1),
    used: new Int32Array(participantCount),
    journal: [],
  };
  for (let r = 0; r < requestCount; r += 1) {
    const s = model.lockedSlot[r]!;
    if (s < 0) continue;
    state.slotOf[r] = s;
    state.busy[model.a[r]! * slotCount + s] = r;
    state.busy[model.b[r]! * slotCount + s] = r;
  }
  return state;
}

/** A state holding the given slot choice of the free requests (e.g. from HiGHS or another state). */
export function stateFrom(model: Model, slotOf: ArrayLike<number>): State {
  const state = emptyState(model);
  for (const r of model.open) if (slotOf[r]! >= 0) place(state, r, slotOf[r]!);
  commit(state);
  return state;
}

export function canPlace(state: State, r: number, s: number): boolean {
  const { model } = state;
  const S = model.slotCount;
  const a = model.a[r]!;
  const b = model.b[r]!;
  const t = model.requiredTable[r]!;
  return (
    model.feasibleMask[r * S + s] === 1 &&
    state.busy[a * S + s] === -1 &&
    state.busy[b * S + s] === -1 &&
    state.load[s]! < model.freeTables[s]! &&
    (t < 0 || state.tableUse[s * model.tableCount + t] === -1) &&
    state.used[a]! < model.capLeft[a]! &&
    state.used[b]! < model.capLeft[b]!
  );
}

/** Puts an unscheduled free request in slot s; the caller has checked `canPlace`. */
export function place(state: State, r: number, s: number): void {
  const { model } = state;
  const S = model.slotCount;
  state.journal.push(r, -1);
  state.slotOf[r] = s;
  state.busy[model.a[r]! * S + s] = r;
  state.busy[model.b[r]! * S + s] = r;
  state.load[s]! += 1;
  const t = model.requiredTable[r]!;
  if (t >= 0) state.tableUse[s * model.tableCount + t] = r;
  state.used[model.a[r]!]! += 1;
  state.used[model.b[r]!]! += 1;
}

export function unplace(state: State, r: number): void {
  const { model } = state;
  const S = model.slotCount;
  const s = state.slotOf[r]!;
  state.journal.push(r, s);
  state.slotOf[r] = -1;
  state.busy[model.a[r]! * S + s] = -1;
  state.busy[model.b[r]! * S + s] = -1;
  state.load[s]! -= 1;
  const t = model.requiredTable[r]!;
  if (t >= 0) state.tableUse[s * model.tableCount + t] = -1;
  state.used[model.a[r]!]! -= 1;
  state.used[model.b[r]!]! -= 1;
}

/** Forgets the undo history: the current schedule is kept. */
export function commit(state: State): void {
  state.journal.length = 0;
}

export function mark(state: State): number {
  return state.journal.length;
}

/** Undoes every change made since `mark`, newest first. */
export function rollback(state: State, to: number): void {
  const { journal } = state;
  while (journal.length > to) {
    const previous = journal.pop()!;
    const r = journal.pop()!;
    const length = journal.length;
    if (state.slotOf[r]! >= 0) unplace(state, r);
    if (previous >= 0) place(state, r, previous);
    journal.length = length; // the undo steps themselves are not history
  }
}

/** Free (not locked) meetings in slot s. */
export function meetingsIn(state: State, s: number): number[] {
  const { model } = state;
  const found = new Set<number>();
  for (let p = 0; p < model.participantCount; p += 1) {
    const m = state.busy[p * model.slotCount + s]!;
    if (m >= 0 && model.lockedSlot[m]! < 0) found.add(m);
  }
  return [...found];
}

/** Idle non-break slots between a participant's first and last meeting. */
export function gapsOf(state: State, p: number): number {
  const { slotCount, isBreak } = state.model;
  let gaps = 0;
  let pending = 0;
  let started = false;
  for (let s = 0; s < slotCount; s += 1) {
    if (isBreak[s]) continue;
    if (state.busy[p * slotCount + s]! >= 0) {
      if (started) gaps += pending;
      started = true;
      pending = 0;
    } else pending += 1;
  }
  return gaps;
}

export function objectiveOf(state: State): ScheduleObjective {
  const { model } = state;
  let meetings = 0;
  let priority = 0;
  for (let r = 0; r < model.requestCount; r += 1) {
    if (state.slotOf[r]! < 0) continue;
    meetings += 1;
    priority += model.priority[r]!;
  }
  let gaps = 0;
  for (let p = 0; p < model.participantCount; p += 1) gaps += gapsOf(state, p);
  return { meetings, priority, gaps };
}

/** Lexicographic comparison: positive when x is better than y. */
export function compareObjectives(x: ScheduleObjective, y: ScheduleObjective): number {
  return x.meetings - y.meetings || x.priority - y.priority || y.gaps - x.gaps;
}
