import type { SchedulingInstance } from './types';

/** The instance is malformed (unknown ids, clashing locked meetings…): a caller bug, not a business outcome. */
export class SchedulingInputError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid scheduling instance: ${problems.join('; ')}`);
    this.name = 'SchedulingInputError';
  }
}

/**
 * The instance in index form. Requests, participants, slots and tables are numbered by their
 * position in the instance arrays. Everything locked meetings fix is folded in here once (free
 * tables per slot, remaining caps, slots a request can still use), so the solvers only reason
 * about the free requests.
 */
export type Model = {
  instance: SchedulingInstance;
  slotCount: number;
  tableCount: number;
  participantCount: number;
  requestCount: number;
  isBreak: boolean[];
  /** Requester and recipient of each request. */
  a: number[];
  b: number[];
  priority: number[];
  /** Required table or -1. */
  requiredTable: number[];
  /** Slot and table of a locked request, -1 for a free one. */
  lockedSlot: number[];
  lockedTable: number[];
  /** Non-break slots where both participants are available (ignores locked meetings). */
  common: number[][];
  /** Common slots still usable: neither participant in a locked meeting, a table (the required one) free. */
  feasible: number[][];
  /** feasibleMask[r * slotCount + s] mirrors `feasible` for O(1) checks. */
  feasibleMask: Uint8Array;
  /** Tables left per slot after locked meetings. */
  freeTables: number[];
  /** tableLocked[s * tableCount + t]: a locked meeting holds table t in slot s. */
  tableLocked: Uint8Array;
  /** Meetings a participant may still get beyond its locked ones (Infinity without a cap). */
  capLeft: number[];
  /** Free requests that could be scheduled at all: a feasible slot and cap room on both sides. */
  open: number[];
};

export function buildModel(instance: SchedulingInstance): Model {
  const problems: string[] = [];
  const slotIndex = indexById(instance.slots, 'slot', problems);
  const tableIndex = indexById(instance.tables, 'table', problems);
  const participantIndex = indexById(instance.participants, 'participant', problems);
  const requestIndex = indexById(instance.requests, 'request', problems);
  const slotCount = instance.slots.length;
  const tableCount = instance.tables.length;
  const participantCount = instance.participants.length;
  const requestCount = instance.requests.length;
  const isBreak = instance.slots.map((s) => s.isBreak === true);

  const available = new Uint8Array(participantCount * slotCount);
  const capLeft = instance.participants.map((p, pi) => {
    for (const slotId of p.availableSlotIds) {
      const s = slotIndex.get(slotId);
      if (s === undefined) problems.push(`participant ${p.id} is available in unknown slot ${slotId}`);
      else available[pi * slotCount + s] = 1;
    }
    const cap = p.meetingCap;
    if (cap === undefined || cap === null) return Infinity;
    if (!Number.isInteger(cap) || cap < 0) problems.push(`participant ${p.id} has meeting cap ${cap}`);
    return cap;
  });

  const a: number[] = [];
  const b: number[] = [];
  const requiredTable: number[] = [];
  for (const r of instance.requests) {
    const ai = participantIndex.get(r.requesterId);
    const bi = participantIndex.get(r.recipientId);
    if (ai === undefined) problems.push(`request ${r.id} has unknown requester ${r.requesterId}`);
    if (bi === undefined) problems.push(`request ${r.id} has unknown recipient ${r.recipientId}`);
    if (ai !== undefined && ai === bi) problems.push(`request ${r.id} pairs ${r.requesterId} with itself`);
    if (!Number.isInteger(r.priority) || r.priority < 1 || r.priority > 5) {
      problems.push(`request ${r.id} has priority ${r.priority}, expected 1–5`);
    }
    const t = r.requiredTableId == null ? -1 : (tableIndex.get(r.requiredTableId) ?? -2);
    if (t === -2) problems.push(`request ${r.id} requires unknown table ${r.requiredTableId}`);
    a.push(ai ?? 0);
    b.push(bi ?? 0);
    requiredTable.push(Math.max(t, -1));
  }

  const lockedSlot = new Array<number>(requestCount).fill(-1);
  const lockedTable = new Array<number>(requestCount).fill(-1);
  const tableLocked = new Uint8Array(slotCount * tableCount);
  const lockedBusy = new Uint8Array(participantCount * slotCount);
  const freeTables = new Array<number>(slotCount).fill(tableCount);
  for (const m of instance.locked) {
    const r = requestIndex.get(m.requestId);
    const s = slotIndex.get(m.slotId);
    const t = tableIndex.get(m.tableId);
    if (r === undefined || s === undefined || t === undefined) {
      problems.push(`locked meeting ${m.requestId} refers to an unknown request, slot or table`);
      continue;
    }
    if (lockedSlot[r] !== -1) problems.push(`request ${m.requestId} is locked twice`);
    else if (isBreak[s]) problems.push(`locked meeting ${m.requestId} is in break slot ${m.slotId}`);
    else if (tableLocked[s * tableCount + t]) problems.push(`two locked meetings at table ${m.tableId} in slot ${m.slotId}`);
    else if (lockedBusy[a[r]! * slotCount + s] || lockedBusy[b[r]! * slotCount + s]) {
      problems.push(`locked meeting ${m.requestId} double-books a participant in slot ${m.slotId}`);
    } else {
      lockedSlot[r] = s;
      lockedTable[r] = t;
      tableLocked[s * tableCount + t] = 1;
      lockedBusy[a[r]! * slotCount + s] = 1;
      lockedBusy[b[r]! * slotCount + s] = 1;
      freeTables[s]! -= 1;
      capLeft[a[r]!]! -= 1;
      capLeft[b[r]!]! -= 1;
    }
  }
  if (problems.length > 0) throw new SchedulingInputError(problems);

  const common: number[][] = [];
  const feasible: number[][] = [];
  const feasibleMask = new Uint8Array(requestCount * slotCount);
  const open: number[] = [];
  for (let r = 0; r < requestCount; r += 1) {
    const pa = a[r]! * slotCount;
    const pb = b[r]! * slotCount;
    const shared: number[] = [];
    const usable: number[] = [];
    for (let s = 0; s < slotCount; s += 1) {
      if (isBreak[s] || !available[pa + s] || !available[pb + s]) continue;
      shared.push(s);
      const t = requiredTable[r]!;
      const tableOk = freeTables[s]! > 0 && (t < 0 || !tableLocked[s * tableCount + t]);
      if (lockedSlot[r] === -1 && tableOk && !lockedBusy[pa + s] && !lockedBusy[pb + s]) {
        usable.push(s);
        feasibleMask[r * slotCount + s] = 1;
      }
    }
    common.push(shared);
    feasible.push(usable);
    if (usable.length > 0 && capLeft[a[r]!]! > 0 && capLeft[b[r]!]! > 0) open.push(r);
  }

  return {
    instance,
    slotCount,
    tableCount,
    participantCount,
    requestCount,
    isBreak,
    a,
    b,
    priority: instance.requests.map((r) => r.priority),
    requiredTable,
    lockedSlot,
    lockedTable,
    common,
    feasible,
    feasibleMask,
    freeTables,
    tableLocked,
    capLeft,
    open,
  };
}

function indexById(items: readonly { id: string }[], kind: string, problems: string[]): Map<string, number> {
  const index = new Map<string, number>();
  items.forEach((item, i) => {
    if (index.has(item.id)) problems.push(`duplicate ${kind} id ${item.id}`);
    index.set(item.id, i);
  });
  return index;
}
