import type { Model } from './model';
import { createRandom } from './random';
import { canPlace, commit, mark, meetingsIn, place, rollback, unplace, type State } from './state';

/**
 * Local improvement by augmenting chains, the scheduling analogue of augmenting paths in
 * matching. To add request r in slot s, the meetings in its way are taken out: either
 * participant's meeting in s, the holder of r's required table, one meeting of s when s is out of
 * tables, one other meeting of a participant at its cap. Each evicted meeting is then resolved,
 * recursively and up to a depth: moved to another slot, or replaced by an unscheduled request of
 * one of its participants (which uses the slot or the cap it freed). A chain adds exactly one
 * meeting net; if it cannot be completed it is rolled back entirely.
 */

/**
 * Chain depths and search budget, tuned on the generated 1,000-request forums: longer chains and
 * bigger budgets cost more time than they find meetings, which `explore` finds faster.
 */
const DEPTH = 3;
const UPGRADE_DEPTH = 2;
/** Nodes per search, so that a hopeless request cannot eat the time budget. */
const NODE_BUDGET = 300;

type Search = {
  state: State;
  /** Open requests of each participant, highest priority first, to find replacements. */
  requestsOf: number[][];
  /** Requests the current chain already placed or evicted: not to be touched again. */
  frozen: Set<number>;
  /** Deepest depth at which placing a request already failed in this search: not worth retrying. */
  failed: Map<number, number>;
  nodes: number;
};

/** Schedules the unscheduled request r, evicting and resolving meetings in its way. */
function insert(search: Search, r: number, depth: number): boolean {
  const { state, frozen } = search;
  const { model } = state;
  for (const s of model.feasible[r]!) {
    if (canPlace(state, r, s)) {
      place(state, r, s);
      return true;
    }
  }
  if (depth === 0 || (search.failed.get(r) ?? -1) >= depth) return false;
  frozen.add(r);
  try {
    for (const s of model.feasible[r]!) {
      for (const evicted of evictions(search, r, s)) {
        if ((search.nodes -= 1) < 0) return false;
        const start = mark(state);
        for (const m of evicted) {
          unplace(state, m);
          frozen.add(m);
        }
        if (canPlace(state, r, s)) {
          place(state, r, s);
          if (evicted.every((m) => resolve(search, m, depth - 1))) return true;
        }
        rollback(state, start);
        for (const m of evicted) frozen.delete(m);
      }
    }
    search.failed.set(r, depth);
    return false;
  } finally {
    frozen.delete(r);
  }
}

/** The evicted meeting m moves to another slot, or an unscheduled request of its participants takes its place. */
function resolve(search: Search, m: number, depth: number): boolean {
  const { state, frozen } = search;
  const { model } = state;
  if (insert(search, m, depth)) return true;
  for (const p of [model.a[m]!, model.b[m]!]) {
    for (const other of search.requestsOf[p]!) {
      if (state.slotOf[other]! >= 0 || frozen.has(other)) continue;
      if ((search.nodes -= 1) < 0) return false;
      if (insert(search, other, depth)) return true;
    }
  }
  return false;
}

/**
 * Sets of free meetings whose removal lets r fit in slot s, none if a locked or frozen meeting is
 * in the way. The participants' meetings in s and the holder of r's table must go; when s is
 * still out of tables or a participant still at its cap, one more meeting of the slot (or of that
 * participant) must go too, tried in turn.
 */
function* evictions(search: Search, r: number, s: number): Generator<number[]> {
  const { state, frozen } = search;
  const { model } = state;
  const S = model.slotCount;
  const a = model.a[r]!;
  const b = model.b[r]!;
  const base = new Set<number>();
  for (const m of [state.busy[a * S + s]!, state.busy[b * S + s]!]) if (m >= 0) base.add(m);
  const t = model.requiredTable[r]!;
  if (t >= 0 && state.tableUse[s * model.tableCount + t]! >= 0) base.add(state.tableUse[s * model.tableCount + t]!);
  for (const m of base) if (frozen.has(m) || model.lockedSlot[m]! >= 0) return;

  const choices: number[][] = [];
  const involving = (p: number) => [...base].filter((m) => model.a[m] === p || model.b[m] === p).length;
  for (const p of [a, b]) {
    if (state.used[p]! - involving(p) >= model.capLeft[p]!) choices.push(meetingsOf(state, p));
  }
  if (state.load[s]! - base.size >= model.freeTables[s]!) choices.push(meetingsIn(state, s));
  if (choices.length === 0) {
    yield [...base];
    return;
  }
  if (choices.length > 1) return; // two extra evictions at once: too rare to be worth the branching
  // Meetings with the most other slots first: the likeliest to move.
  const extra = choices[0]!
    .filter((m) => !base.has(m) && !frozen.has(m))
    .sort((x, y) => model.feasible[y]!.length - model.feasible[x]!.length);
  for (const m of extra) yield [...base, m];
}

/** Free meetings of participant p. */
function meetingsOf(state: State, p: number): number[] {
  const { model } = state;
  const found: number[] = [];
  for (let s = 0; s < model.slotCount; s += 1) {
    const m = state.busy[p * model.slotCount + s]!;
    if (m >= 0 && model.lockedSlot[m]! < 0) found.push(m);
  }
  return found;
}

function requestsByParticipant(model: Model): number[][] {
  const requestsOf: number[][] = Array.from({ length: model.participantCount }, () => []);
  const byPriority = [...model.open].sort((x, y) => model.priority[y]! - model.priority[x]!);
  for (const r of byPriority) {
    requestsOf[model.a[r]!]!.push(r);
    requestsOf[model.b[r]!]!.push(r);
  }
  return requestsOf;
}

/**
 * Stage (1): repeatedly tries to add every unscheduled request (highest priority first) by an
 * augmenting chain, until a full pass adds nothing or the deadline passes.
 */
export function augment(state: State, deadline: number): void {
  const { model } = state;
  const requestsOf = requestsByParticipant(model);
  const order = [...model.open].sort((x, y) => model.priority[y]! - model.priority[x]!);
  const bound = meetingBound(model);
  let meetings = model.open.filter((r) => state.slotOf[r]! >= 0).length;
  // Iterative deepening: short chains disturb less and are cheap, so exhaust them first.
  for (let depth = 1; depth <= DEPTH; depth += 1) {
    for (let improved = true; improved; ) {
      improved = false;
      for (const r of order) {
        if (meetings >= bound || performance.now() >= deadline) return;
        if (state.slotOf[r]! >= 0) continue;
        if (insert({ state, requestsOf, frozen: new Set(), failed: new Map(), nodes: NODE_BUDGET }, r, depth)) {
          improved = true;
          meetings += 1;
        }
        commit(state);
      }
    }
  }
}

/**
 * A cheap upper bound on free meetings, to stop searching once it is reached: no more than the
 * free tables of the slots (where wanted at all), and no more than the open requests minus those
 * some participant must turn down (more requests than min(cap, slots it can use)). The second sum
 * runs over participants no two of whom were requested together, so no request counts twice.
 */
function meetingBound(model: Model): number {
  const requests: number[][] = Array.from({ length: model.participantCount }, () => []);
  for (const r of model.open) {
    requests[model.a[r]!]!.push(r);
    requests[model.b[r]!]!.push(r);
  }
  const excess = requests.map((list, p) => {
    const slots = new Set(list.flatMap((r) => model.feasible[r]!));
    return Math.max(0, list.length - Math.min(model.capLeft[p]!, slots.size));
  });
  const blocked = new Set<number>();
  let turnedDown = 0;
  for (const p of excess.map((_, p) => p).sort((x, y) => excess[y]! - excess[x]!)) {
    if (excess[p] === 0) break;
    if (blocked.has(p)) continue;
    turnedDown += excess[p]!;
    for (const r of requests[p]!) blocked.add(model.a[r] === p ? model.b[r]! : model.a[r]!);
  }
  const wanting = new Array<number>(model.slotCount).fill(0);
  for (const r of model.open) for (const s of model.feasible[r]!) wanting[s]! += 1;
  const tables = wanting.reduce((sum, n, s) => sum + Math.min(n, model.freeTables[s]!), 0);
  return Math.min(tables, model.open.length - turnedDown);
}

/**
 * Stage (2): swaps a scheduled meeting for an unscheduled one of higher priority. r replaces a
 * lower-priority meeting m that stands in its way (a meeting of the same participant, or the
 * cheapest meeting of a full slot r could use), the rest of the way being cleared by a chain. The
 * meeting count is unchanged; the swap is kept only if the priority total rises.
 */
export function upgrade(state: State, deadline: number): void {
  const { model } = state;
  const requestsOf = requestsByParticipant(model);
  const order = [...model.open].sort((x, y) => model.priority[y]! - model.priority[x]!);
  for (let improved = true; improved && performance.now() < deadline; ) {
    improved = false;
    for (const r of order) {
      if (state.slotOf[r]! >= 0) continue;
      for (const m of victims(state, r)) {
        if (performance.now() >= deadline) break;
        const before = priorityOf(state);
        const start = mark(state);
        unplace(state, m);
        const search = { state, requestsOf, frozen: new Set([m]), failed: new Map(), nodes: NODE_BUDGET };
        const better = insert(search, r, UPGRADE_DEPTH) && priorityOf(state) > before;
        if (!better) rollback(state, start);
        commit(state);
        if (better) {
          improved = true;
          break;
        }
      }
    }
  }
}

function priorityOf(state: State): number {
  let total = 0;
  for (const r of state.model.open) if (state.slotOf[r]! >= 0) total += state.model.priority[r]!;
  return total;
}

/** Scheduled free meetings of lower priority whose removal could make room for r, cheapest first. */
function victims(state: State, r: number): number[] {
  const { model } = state;
  const found = new Set<number>();
  const consider = (m: number) => {
    if (m >= 0 && model.lockedSlot[m]! < 0 && model.priority[m]! < model.priority[r]!) found.add(m);
  };
  for (const m of [...meetingsOf(state, model.a[r]!), ...meetingsOf(state, model.b[r]!)]) consider(m);
  for (const s of model.feasible[r]!) {
    if (state.load[s]! < model.freeTables[s]!) continue;
    const inSlot = meetingsIn(state, s);
    if (inSlot.length > 0) consider(inSlot.reduce((x, y) => (model.priority[y]! < model.priority[x]! ? y : x)));
  }
  return [...found].sort((x, y) => model.priority[x]! - model.priority[y]!);
}

/**
 * Large-neighbourhood search for when chains find nothing more: take a random unscheduled request
 * r, clear both participants' meetings out of r's slots (and one meeting of a participant at its
 * cap), seat r, then re-seat the cleared meetings with short chains and the other waiting requests
 * of their participants where they fit. The result is kept when it has at least as many meetings —
 * moves that only keep the count let the search drift across plateaus that chains cannot cross —
 * and rolled back otherwise; the best schedule seen (meetings, then priority) is the one left.
 * Stops at the deadline, at the meeting bound, or after a run of attempts without progress.
 */
export function explore(state: State, deadline: number): void {
  const { model } = state;
  const S = model.slotCount;
  const random = createRandom(model.requestCount);
  const requestsOf = requestsByParticipant(model);
  const bound = meetingBound(model);
  let current = { meetings: model.open.filter((r) => state.slotOf[r]! >= 0).length, priority: priorityOf(state) };
  let best = { ...current, slotOf: state.slotOf.slice() };
  const patience = Math.max(200, 2 * model.open.length);
  for (let idle = 0; idle < patience && current.meetings < bound && performance.now() < deadline; idle += 1) {
    let r = -1;
    while (r < 0 || state.slotOf[r]! >= 0) r = model.open[Math.floor(random() * model.open.length)]!;
    const start = mark(state);
    const cleared = new Set<number>();
    const clear = (m: number) => {
      if (m < 0 || model.lockedSlot[m]! >= 0 || cleared.has(m)) return;
      unplace(state, m);
      cleared.add(m);
    };
    for (const p of [model.a[r]!, model.b[r]!]) {
      for (const s of model.feasible[r]!) clear(state.busy[p * S + s]!);
      if (state.used[p]! >= model.capLeft[p]!) {
        const own = meetingsOf(state, p);
        if (own.length > 0) clear(own[Math.floor(random() * own.length)]!);
      }
    }
    const slots = model.feasible[r]!.filter((s) => canPlace(state, r, s));
    if (slots.length === 0) {
      rollback(state, start);
      continue;
    }
    place(state, r, slots[Math.floor(random() * slots.length)]!);
    const search: Search = { state, requestsOf, frozen: new Set([r]), failed: new Map(), nodes: NODE_BUDGET };
    // A chain may already have re-seated a cleared meeting as another's replacement.
    for (const m of [...cleared].sort((x, y) => model.feasible[x]!.length - model.feasible[y]!.length)) {
      if (state.slotOf[m]! < 0) insert(search, m, 2);
    }
    for (const m of cleared) {
      for (const p of [model.a[m]!, model.b[m]!]) {
        for (const other of requestsOf[p]!) if (state.slotOf[other]! < 0) insert(search, other, 0);
      }
    }
    const change = changeSince(state, start);
    if (change.meetings < 0) rollback(state, start);
    else current = { meetings: current.meetings + change.meetings, priority: current.priority + change.priority };
    commit(state);
    if (current.meetings > best.meetings || (current.meetings === best.meetings && current.priority > best.priority)) {
      best = { ...current, slotOf: state.slotOf.slice() };
      idle = -1;
    }
  }
  // Drifting across plateaus may have cost priority: go back to the best schedule seen.
  if (current.priority < best.priority) {
    for (const r of model.open) if (state.slotOf[r]! >= 0) unplace(state, r);
    for (const r of model.open) if (best.slotOf[r]! >= 0) place(state, r, best.slotOf[r]!);
    commit(state);
  }
}

/** Net meetings and priority gained by the changes logged since `start` (moves cancel out). */
function changeSince(state: State, start: number): { meetings: number; priority: number } {
  const { journal } = state;
  let meetings = 0;
  let priority = 0;
  for (let i = start; i < journal.length; i += 2) {
    const sign = journal[i + 1]! < 0 ? 1 : -1;
    meetings += sign;
    priority += sign * state.model.priority[journal[i]!]!;
  }
  return { meetings, priority };
}
