import type { Model } from './model';

/**
 * Concrete tables, once every meeting has a slot. The slot model guarantees enough tables (at most
 * `freeTables` meetings per slot, at most one per required table), so this always succeeds: locked
 * meetings keep their table, meetings that require a table get it, the others take a free one —
 * preferably the table one of their participants sat at in their previous meeting, so partners
 * receiving many enterprises stay put.
 */
export function assignTables(model: Model, slotOf: ArrayLike<number>): Int32Array {
  const tableOf = new Int32Array(model.requestCount).fill(-1);
  const bySlot: number[][] = Array.from({ length: model.slotCount }, () => []);
  for (let r = 0; r < model.requestCount; r += 1) if (slotOf[r]! >= 0) bySlot[slotOf[r]!]!.push(r);
  const lastTable = new Int32Array(model.participantCount).fill(-1);

  bySlot.forEach((meetings, s) => {
    const taken = new Uint8Array(model.tableCount);
    const take = (r: number, t: number) => {
      tableOf[r] = t;
      taken[t] = 1;
    };
    for (const r of meetings) {
      const fixed = model.lockedSlot[r]! >= 0 ? model.lockedTable[r]! : model.requiredTable[r]!;
      if (fixed >= 0) take(r, fixed);
    }
    for (const r of meetings) {
      if (tableOf[r]! >= 0) continue;
      const usual = [lastTable[model.b[r]!]!, lastTable[model.a[r]!]!].find((t) => t >= 0 && !taken[t]);
      if (usual !== undefined) take(r, usual);
    }
    for (const r of meetings) {
      if (tableOf[r]! >= 0) continue;
      const free = taken.indexOf(0);
      if (free < 0) throw new Error(`internal: no table left in slot ${model.instance.slots[s]!.id}`);
      take(r, free);
    }
    for (const r of meetings) {
      lastTable[model.a[r]!] = tableOf[r]!;
      lastTable[model.b[r]!] = tableOf[r]!;
    }
  });
  return tableOf;
}
