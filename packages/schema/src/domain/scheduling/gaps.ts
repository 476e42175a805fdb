import { canPlace, commit, gapsOf, mark, meetingsIn, place, rollback, unplace, type State } from './state';

/**
 * Stage (3), fewer idle gaps, as a local search over the schedule that stages (1) and (2) fixed:
 * a meeting of a participant with a gap moves to another slot, alone or swapping with the meeting
 * in its way (the other participant's meeting there, or any meeting of a slot out of tables).
 * Moves never add or drop a meeting, so meetings and priority (proven optimal when HiGHS ran) are
 * untouched. An exact third stage would need span variables per participant and slot, tripling
 * the integer program for a comfort criterion; the moves below remove most gaps in milliseconds.
 */
export function reduceGaps(state: State, deadline: number): void {
  const { model } = state;
  const S = model.slotCount;
  for (let improved = true; improved && performance.now() < deadline; ) {
    improved = false;
    for (const r of model.open) {
      const from = state.slotOf[r]!;
      if (from < 0 || (gapsOf(state, model.a[r]!) === 0 && gapsOf(state, model.b[r]!) === 0)) continue;
      if (performance.now() >= deadline) break;
      for (const s of model.feasible[r]!) {
        if (s === from) continue;
        const inWay = new Set<number>();
        for (const m of [state.busy[model.a[r]! * S + s]!, state.busy[model.b[r]! * S + s]!]) if (m >= 0) inWay.add(m);
        const partners =
          inWay.size > 0 ? [...inWay] : state.load[s]! >= model.freeTables[s]! ? meetingsIn(state, s) : [-1];
        if (inWay.size > 1 || partners.some((m) => m >= 0 && model.lockedSlot[m]! >= 0)) continue;
        if (partners.some((m) => tryMove(state, r, s, m))) {
          commit(state);
          improved = true;
          break;
        }
      }
    }
  }
}

/** Moves r to slot s, and m (if any, -1 for none) from s to r's old slot, when that lowers gaps. */
function tryMove(state: State, r: number, s: number, m: number): boolean {
  const { model } = state;
  const from = state.slotOf[r]!;
  const touched = new Set([model.a[r]!, model.b[r]!]);
  if (m >= 0) touched.add(model.a[m]!).add(model.b[m]!);
  const gaps = () => [...touched].reduce((sum, p) => sum + gapsOf(state, p), 0);
  const before = gaps();
  const start = mark(state);
  unplace(state, r);
  if (m >= 0) unplace(state, m);
  let ok = canPlace(state, r, s);
  if (ok) place(state, r, s);
  if (ok && m >= 0) {
    ok = canPlace(state, m, from);
    if (ok) place(state, m, from);
  }
  if (ok && gaps() < before) return true;
  rollback(state, start);
  return false;
}
