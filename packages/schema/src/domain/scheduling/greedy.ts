import type { Model } from './model';
import { canPlace, commit, emptyState, place, type State } from './state';

/** The baseline a person would apply by hand: requests in creation order, each in its first free slot. */
export function firstComeGreedy(model: Model): State {
  const state = emptyState(model);
  for (const r of model.open) {
    const s = model.feasible[r]!.find((slot) => canPlace(state, r, slot));
    if (s !== undefined) place(state, r, s);
  }
  commit(state);
  return state;
}

/**
 * Most-constrained first: repeatedly schedules the request with the fewest slots still open to it
 * (higher priority first on ties), in the slot that takes the fewest options away from the other
 * requests of its two participants and from slots short of tables; ties go to a slot next to a
 * participant's other meetings so the day stays compact.
 */
export function constrainedGreedy(model: Model): State {
  const state = emptyState(model);
  const S = model.slotCount;
  const waiting = new Set(model.open);
  const requestsOf: number[][] = Array.from({ length: model.participantCount }, () => []);
  const requestsIn: number[][] = Array.from({ length: S }, () => []);
  // Expected demand per slot: each request spreads one unit over its feasible slots.
  const demand = new Float64Array(S);
  for (const r of model.open) {
    requestsOf[model.a[r]!]!.push(r);
    requestsOf[model.b[r]!]!.push(r);
    for (const s of model.feasible[r]!) {
      requestsIn[s]!.push(r);
      demand[s]! += 1 / model.feasible[r]!.length;
    }
  }
  // Slots still open to each waiting request, refreshed only where a placement can change it.
  const options = new Int32Array(model.requestCount);
  const refresh = (r: number) => {
    let n = 0;
    for (const s of model.feasible[r]!) if (canPlace(state, r, s)) n += 1;
    options[r] = n;
  };
  for (const r of model.open) refresh(r);

  for (;;) {
    let best = -1;
    for (const r of waiting) {
      if (options[r] === 0) waiting.delete(r);
      else if (best < 0 || options[r]! < options[best]!) best = r;
      else if (options[r] === options[best] && model.priority[r]! > model.priority[best]!) best = r;
    }
    if (best < 0) break;
    waiting.delete(best);
    for (const s of model.feasible[best]!) demand[s]! -= 1 / model.feasible[best]!.length;

    let chosen = -1;
    let chosenCost = Infinity;
    for (const s of model.feasible[best]!) {
      if (!canPlace(state, best, s)) continue;
      let cost = demand[s]! / (model.freeTables[s]! - state.load[s]!);
      for (const p of [model.a[best]!, model.b[best]!]) {
        for (const other of requestsOf[p]!) {
          if (other !== best && waiting.has(other) && canPlace(state, other, s)) cost += 1 / options[other]!;
        }
        if (!neighbourBusy(state, p, s)) cost += 1e-3;
      }
      if (cost < chosenCost) {
        chosen = s;
        chosenCost = cost;
      }
    }
    place(state, best, chosen);
    const full = state.load[chosen] === model.freeTables[chosen] || model.requiredTable[best]! >= 0;
    for (const r of full ? requestsIn[chosen]! : []) if (waiting.has(r)) refresh(r);
    for (const p of [model.a[best]!, model.b[best]!]) for (const r of requestsOf[p]!) if (waiting.has(r)) refresh(r);
  }
  commit(state);
  return state;
}

/** The participant already meets in the previous or next non-break slot. */
function neighbourBusy(state: State, p: number, s: number): boolean {
  const { slotCount, isBreak } = state.model;
  for (const step of [-1, 1]) {
    let t = s + step;
    while (t >= 0 && t < slotCount && isBreak[t]) t += step;
    if (t >= 0 && t < slotCount && state.busy[p * slotCount + t]! >= 0) return true;
  }
  return false;
}
