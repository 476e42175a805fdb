import { canPlace, mark, meetingsIn, place, rollback, unplace, type State } from './state';

/**
 * Local improvement by ejection chains, the scheduling analogue of augmenting paths in matching:
 * to seat request r in slot s, the meetings in the way (either participant's meeting in s, the
 * holder of r's required table, or one meeting of a slot that is out of tables) are taken out and
 * each must find another slot, recursively, up to `depth` levels. A chain either succeeds or is
 * rolled back completely, so meetings never get lost.
 */

/** Limits one search so a hopeless request cannot eat the time budget. */
const NODE_BUDGET = Number(process.env.NB ?? 400);
const DEPTH = Number(process.env.DEPTH ?? 3);

type Search = { state: State; frozen: Set<number>; nodes: number };

/** Tries to schedule the unscheduled request r, moving other free meetings aside. */
function insert(search: Search, r: number, depth: number): boolean {
  const { state } = search;
  const { model } = state;
  const candidates: { s: number; blockers: number[] }[] = [];
  for (const s of model.feasible[r]!) {
    if (canPlace(state, r, s)) {
      place(state, r, s);
      return true;
    }
    const blockers = blockersOf(search, r, s);
    if (blockers) candidates.push({ s, blockers });
  }
  if (depth === 0) return false;
  candidates.sort((x, y) => x.blockers.length - y.blockers.length);
  search.frozen.add(r);
  try {
    for (const { s, blockers } of candidates) {
      for (const evicted of alternatives(search, s, blockers)) {
        if ((search.nodes -= 1) < 0) return false;
        const start = mark(state);
        for (const m of evicted) unplace(state, m);
        if (canPlace(state, r, s)) {
          place(state, r, s);
          if (evicted.every((m) => insert(search, m, depth - 1))) return true;
        }
        rollback(state, start);
      }
    }
    return false;
  } finally {
    search.frozen.delete(r);
  }
}

/**
 * Meetings that must leave slot s so r fits, or null when r cannot fit there by moving meetings
 * (a cap is full, or a blocker is part of the chain being built). An empty list with a full slot
 * means "any one meeting of the slot", expanded by `alternatives`.
 */
function blockersOf(search: Search, r: number, s: number): number[] | null {
  const { state, frozen } = search;
  const { model } = state;
  const S = model.slotCount;
  const a = model.a[r]!;
  const b = model.b[r]!;
  if (state.used[a]! >= model.capLeft[a]! || state.used[b]! >= model.capLeft[b]!) return null;
  const blockers = new Set<number>();
  for (const m of [state.busy[a * S + s]!, state.busy[b * S + s]!]) if (m >= 0) blockers.add(m);
  const t = model.requiredTable[r]!;
  if (t >= 0 && state.tableUse[s * model.tableCount + t]! >= 0) blockers.add(state.tableUse[s * model.tableCount + t]!);
  for (const m of blockers) if (frozen.has(m) || model.lockedSlot[m]! >= 0) return null;
  return [...blockers];
}

/** The eviction sets to try for r in s: the blockers, plus one more meeting if s still lacks a table. */
function* alternatives(search: Search, s: number, blockers: number[]): Generator<number[]> {
  const { state } = search;
  if (state.load[s]! - blockers.length < state.model.freeTables[s]!) {
    yield blockers;
    return;
  }
  // Those with the most other slots first: the likeliest to move.
  const movable = meetingsIn(state, s).sort((x, y) => state.model.feasible[y]!.length - state.model.feasible[x]!.length);
  for (const m of movable) {
    if (!blockers.includes(m) && !search.frozen.has(m)) yield [...blockers, m];
  }
}


/**
 * Stage (1): repeatedly tries to add every unscheduled request (highest priority first) by an
 * ejection chain, until a full pass adds nothing or the deadline passes.
 */
export function augment(state: State, deadline: number): void {
  const { model } = state;
  const order = [...model.open].sort((x, y) => model.priority[y]! - model.priority[x]!);
  for (let improved = true; improved && performance.now() < deadline; ) {
    improved = false;
    for (const r of order) {
      if (state.slotOf[r]! >= 0) continue;
      if (performance.now() >= deadline) return;
      if (insert({ state, frozen: new Set(), nodes: NODE_BUDGET }, r, DEPTH)) improved = true;
    }
  }
  state.journal.length = 0;
}

/**
 * Stage (2): swaps a scheduled meeting for an unscheduled one of higher priority. r replaces a
 * lower-priority meeting m that stands in its way (same participant, or the cheapest meeting of a
 * slot r could use), the rest of the way being cleared by an ejection chain; the meeting count is
 * unchanged and the priority total rises.
 */
export function upgrade(state: State, deadline: number): void {
  const { model } = state;
  const order = [...model.open].sort((x, y) => model.priority[y]! - model.priority[x]!);
  for (let improved = true; improved && performance.now() < deadline; ) {
    improved = false;
    for (const r of order) {
      if (state.slotOf[r]! >= 0) continue;
      for (const m of victims(state, r)) {
        if (performance.now() >= deadline) return;
        const start = mark(state);
        unplace(state, m);
        if (insert({ state, frozen: new Set([m]), nodes: NODE_BUDGET }, r, DEPTH)) {
          improved = true;
          break;
        }
        rollback(state, start);
      }
    }
  }
  state.journal.length = 0;
}

/** Scheduled free meetings of lower priority whose removal could make room for r, cheapest first. */
function victims(state: State, r: number): number[] {
  const { model } = state;
  const found = new Set<number>();
  const consider = (m: number) => {
    if (m >= 0 && model.lockedSlot[m]! < 0 && model.priority[m]! < model.priority[r]!) found.add(m);
  };
  for (let s = 0; s < model.slotCount; s += 1) {
    consider(state.busy[model.a[r]! * model.slotCount + s]!);
    consider(state.busy[model.b[r]! * model.slotCount + s]!);
  }
  for (const s of model.feasible[r]!) {
    if (state.load[s]! < model.freeTables[s]!) continue;
    const inSlot = meetingsIn(state, s);
    if (inSlot.length > 0) consider(inSlot.reduce((x, y) => (model.priority[y]! < model.priority[x]! ? y : x)));
  }
  return [...found].sort((x, y) => model.priority[x]! - model.priority[y]!);
}
