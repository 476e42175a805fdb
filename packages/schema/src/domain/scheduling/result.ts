import { objectiveOf, type State } from './state';
import { assignTables } from './tables';
import type { Assignment, ScheduleMethod, ScheduleResult, Unscheduled } from './types';

/** Turns a final slot choice into the public result: tables, reasons and objective values. */
export function toResult(state: State, method: ScheduleMethod, provenOptimal: boolean, meetingsUpperBound: number): ScheduleResult {
  const { model } = state;
  const { instance } = model;
  const tableOf = assignTables(model, state.slotOf);
  const assignments: Assignment[] = [];
  const unscheduled: Unscheduled[] = [];
  for (let r = 0; r < model.requestCount; r += 1) {
    const s = state.slotOf[r]!;
    if (s < 0) unscheduled.push(explain(state, r));
    else {
      assignments.push({
        requestId: instance.requests[r]!.id,
        slotId: instance.slots[s]!.id,
        tableId: instance.tables[tableOf[r]!]!.id,
        locked: model.lockedSlot[r]! >= 0,
      });
    }
  }
  const slotIndex = new Map(instance.slots.map((slot, i) => [slot.id, i]));
  const tableIndex = new Map(instance.tables.map((table, i) => [table.id, i]));
  assignments.sort(
    (x, y) => slotIndex.get(x.slotId)! - slotIndex.get(y.slotId)! || tableIndex.get(x.tableId)! - tableIndex.get(y.tableId)!,
  );
  const objective = objectiveOf(state);
  const upper = Math.max(meetingsUpperBound, objective.meetings);
  const gap = upper === 0 ? 0 : (upper - objective.meetings) / upper;
  return { assignments, unscheduled, objective, method, provenOptimal, meetingsUpperBound: upper, gap };
}

/** Why request r got no slot, in the order an officer would check: availability, caps, locked slots, competition. */
function explain(state: State, r: number): Unscheduled {
  const { model } = state;
  const { instance } = model;
  const requestId = instance.requests[r]!.id;
  const who = (p: number) => instance.participants[p]!.label ?? instance.participants[p]!.id;
  const when = (s: number) => instance.slots[s]!.label ?? instance.slots[s]!.id;
  const a = model.a[r]!;
  const b = model.b[r]!;
  const pair = `${who(a)} and ${who(b)}`;

  if (model.common[r]!.length === 0) {
    return { requestId, reason: 'NO_COMMON_AVAILABILITY', message: `${pair} are not both available in any meeting slot.` };
  }
  const capped = [a, b].find((p) => meetingsOf(state, p) >= (instance.participants[p]!.meetingCap ?? Infinity));
  if (capped !== undefined) {
    const cap = instance.participants[capped]!.meetingCap!;
    return {
      requestId,
      reason: 'CAP_REACHED',
      message: `${who(capped)} already has ${cap} meeting${cap === 1 ? '' : 's'}, the most they accept.`,
    };
  }
  const shared = model.common[r]!.map(when).join(', ');
  if (model.feasible[r]!.length === 0) {
    return {
      requestId,
      reason: 'NO_FREE_SLOT',
      message: `Every slot ${pair} share (${shared}) is taken by a locked meeting of one of them or has no table left.`,
    };
  }
  const S = model.slotCount;
  const details = model.feasible[r]!.slice(0, 3).map((s) => {
    const t = model.requiredTable[r]!;
    for (const p of [a, b]) {
      const m = state.busy[p * S + s]!;
      if (m >= 0) return `at ${when(s)} ${who(p)} meets ${who(model.a[m] === p ? model.b[m]! : model.a[m]!)}`;
    }
    if (t >= 0 && state.tableUse[s * model.tableCount + t]! >= 0) {
      return `at ${when(s)} ${instance.tables[t]!.label ?? instance.tables[t]!.id} is in use`;
    }
    return `at ${when(s)} every table is in use`;
  });
  const more = model.feasible[r]!.length > 3 ? '; …' : '';
  return {
    requestId,
    reason: 'OUTRANKED',
    message:
      `${pair} could meet at ${model.feasible[r]!.map(when).join(', ')}, but the schedule gives those slots ` +
      `to other meetings so that more meetings or higher priorities fit (${details.join('; ')}${more}).`,
  };
}

/** All meetings of participant p in the schedule, locked ones included. */
function meetingsOf(state: State, p: number): number {
  let count = 0;
  for (let s = 0; s < state.model.slotCount; s += 1) if (state.busy[p * state.model.slotCount + s]! >= 0) count += 1;
  return count;
}
