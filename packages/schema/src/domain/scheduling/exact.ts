import { getHighs } from '../highs';
import type { Model } from './model';

/**
 * One objective for stages (1) and (2): a meeting is worth W + priority with W = 4·n + 1 (n free
 * requests), so one more meeting (+W+1 at least) outweighs any priority reshuffle among n
 * meetings (at most 4·n). HiGHS therefore maximises meetings first and priority second in a
 * single solve, with integer weights so an absolute gap below 1 proves optimality.
 */
function meetingWeight(model: Model): number {
  return 4 * model.open.length + 1;
}

/** Objective value of a slot choice in the scale of the integer program. */
export function scoreOf(model: Model, slotOf: ArrayLike<number>): number {
  const w = meetingWeight(model);
  let score = 0;
  for (const r of model.open) if (slotOf[r]! >= 0) score += w + model.priority[r]!;
  return score;
}

/** Most meetings a schedule of the free requests scoring at most `bound` can hold: each scores at least W + 1. */
export function meetingsWithin(model: Model, bound: number): number {
  return Math.floor((bound + 1e-6) / (meetingWeight(model) + 1));
}

export type LpModel = {
  text: string;
  /** Column k of the model is request columns[k].r in slot columns[k].s. */
  columns: { r: number; s: number }[];
};

/**
 * The integer program in CPLEX LP format. Tables are interchangeable, so instead of a variable per
 * (request, slot, table) there is one per feasible (request, slot) — x<r>_<s> — and a slot holding
 * k meetings only needs k ≤ free tables; a request naming its table adds one ≤ 1 row per (table,
 * slot). Concrete tables are assigned afterwards (tables.ts). Rows that cannot bind (no more
 * candidates than the right-hand side) are left out so the model stays small.
 */
export function buildLp(model: Model): LpModel {
  const S = model.slotCount;
  const w = meetingWeight(model);
  const columns: { r: number; s: number }[] = [];
  const objective: string[] = [];
  const rows: string[] = [];
  const group = (map: Map<number, string[]>, key: number, names: string[]) => {
    const list = map.get(key);
    if (list) list.push(...names);
    else map.set(key, [...names]);
  };
  const byParticipantSlot = new Map<number, string[]>();
  const bySlot = new Map<number, string[]>();
  const byTableSlot = new Map<number, string[]>();
  const byParticipant = new Map<number, string[]>();
  const requestsOf = new Map<number, number>();

  for (const r of model.open) {
    const a = model.a[r]!;
    const b = model.b[r]!;
    const names = model.feasible[r]!.map((s) => {
      const name = `x${r}_${s}`;
      columns.push({ r, s });
      objective.push(`${w + model.priority[r]!} ${name}`);
      group(byParticipantSlot, a * S + s, [name]);
      group(byParticipantSlot, b * S + s, [name]);
      group(bySlot, s, [name]);
      if (model.requiredTable[r]! >= 0) group(byTableSlot, model.requiredTable[r]! * S + s, [name]);
      return name;
    });
    if (names.length > 1) rows.push(constraint(`once${r}`, names, 1));
    for (const p of [a, b]) {
      group(byParticipant, p, names);
      requestsOf.set(p, (requestsOf.get(p) ?? 0) + 1);
    }
  }
  for (const [key, names] of byParticipantSlot) {
    if (names.length > 1) rows.push(constraint(`busy${Math.floor(key / S)}_${key % S}`, names, 1));
  }
  for (const [s, names] of bySlot) {
    if (names.length > model.freeTables[s]!) rows.push(constraint(`tables${s}`, names, model.freeTables[s]!));
  }
  for (const [key, names] of byTableSlot) {
    if (names.length > 1) rows.push(constraint(`table${Math.floor(key / S)}_${key % S}`, names, 1));
  }
  for (const [p, names] of byParticipant) {
    if (requestsOf.get(p)! > model.capLeft[p]!) rows.push(constraint(`cap${p}`, names, model.capLeft[p]!));
  }

  const binaries = columns.map(({ r, s }) => `x${r}_${s}`);
  const lines = ['Maximize', ` obj: ${terms(objective)}`, 'Subject To', ...rows, 'Binary'];
  for (let i = 0; i < binaries.length; i += PER_LINE) lines.push(` ${binaries.slice(i, i + PER_LINE).join(' ')}`);
  lines.push('End');
  return { text: lines.join('\n'), columns };
}

/** Keeps lines short: LP readers are not obliged to accept long ones; a line break continues a sum. */
const PER_LINE = 12;

function terms(list: string[]): string {
  const chunks: string[] = [];
  for (let i = 0; i < list.length; i += PER_LINE) chunks.push(list.slice(i, i + PER_LINE).join(' + '));
  return chunks.join(' +\n  ');
}

function constraint(name: string, names: string[], rhs: number): string {
  return ` ${name}: ${terms(names)} <= ${rhs}`;
}

export type ExactOutcome = {
  /** Best slot choice HiGHS found (free requests; -1 unscheduled), null when it found none. */
  slotOf: Int32Array | null;
  /** HiGHS proved it optimal. */
  proven: boolean;
  /** Upper bound on `scoreOf` of any schedule (HiGHS's dual bound). */
  bound: number;
};

/**
 * Solves the integer program with HiGHS within `timeLimitMs` (Infinity: no limit). `start` (e.g.
 * the heuristic's schedule) is handed over as the first incumbent, so a time-limited run can only
 * improve on it and a tight LP bound proves it optimal at the root.
 */
export async function solveExact(
  model: Model,
  { timeLimitMs, start }: { timeLimitMs: number; start?: ArrayLike<number> },
): Promise<ExactOutcome> {
  const { text, columns } = buildLp(model);
  const unscheduled = new Int32Array(model.requestCount).fill(-1);
  if (columns.length === 0) return { slotOf: unscheduled, proven: true, bound: 0 };
  const solver = await getHighs();
  return solver.withModel({ format: 'lp', data: text }, (lp) => {
    // The default relative gap (1e-4) would accept losing a priority point on a big forum.
    lp.options.set({ mip_rel_gap: 0, mip_abs_gap: 0.99 });
    if (Number.isFinite(timeLimitMs)) lp.options.set('time_limit', Math.max(0.01, timeLimitMs / 1000));
    const index = columnIndex(lp, columns);
    if (start) {
      const colValue = new Float64Array(columns.length);
      columns.forEach(({ r, s }, k) => {
        if (start[r] === s) colValue[index[k]!] = 1;
      });
      lp.setSolution({ colValue });
    }
    const status = lp.run().modelStatus;
    const proven = status === solver.constants.modelStatus.optimal;
    const feasible = Number(lp.info.get('primal_solution_status')) === 2;
    const bound = proven ? lp.getObjectiveValue() : Number(lp.info.get('mip_dual_bound'));
    if (!feasible) return { slotOf: null, proven: false, bound };
    const value = lp.getSolution().colValue;
    const slotOf = unscheduled;
    columns.forEach(({ r, s }, k) => {
      if (value[index[k]!]! > 0.5) slotOf[r] = s;
    });
    return { slotOf, proven, bound };
  });
}

/** The LP reader numbers columns itself: map ours (x<r>_<s>) to its indices by name. */
function columnIndex(lp: { getColName(i: number): string }, columns: { r: number; s: number }[]): Int32Array {
  const position = new Map<string, number>();
  for (let i = 0; i < columns.length; i += 1) position.set(lp.getColName(i), i);
  return Int32Array.from(columns, ({ r, s }) => position.get(`x${r}_${s}`)!);
}
