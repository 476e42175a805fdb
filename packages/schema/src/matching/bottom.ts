import type { Context } from '../context';
import { type FloorOrderInputs, floorOrder, floorOutOfDate } from './floor-order';
import { type Page, type PageArgs, pageOf, type Ranked, rankOrder } from './page';
import type { Top } from './top';

/**
 * The last pages of a ranking (`last`, with or without `before`) without scoring every candidate,
 * the mirror of top.ts: candidates are read lowest floor first (floor.ts), in the order (floor
 * ascending, id descending), which is the ranking's own order read from its end, and scored
 * exactly. Every candidate not read ranks before the next row of that order (its score is at
 * least its floor, and at an equal floor its id is lower), so the page is the ranking's once each
 * of its matches ranks after that row. Each row's floor is computed from the row alone (no child
 * tables), and the order is read class by class (floor-order.ts). A page still unsettled after
 * MAX_READ rows, a window with `after` and a minimum score return null: the caller then scores
 * every candidate.
 */

const FIRST_READ = 256;
const MAX_READ = 4_096;

export type BottomInputs<T extends Ranked> = FloorOrderInputs & {
  minScore: number;
  /** The exact matches of these candidates. */
  score: (ids: string[]) => Promise<T[]>;
};

export async function bottomOf<T extends Ranked>(ctx: Pick<Context, 'prisma'>, inputs: BottomInputs<T>, args: PageArgs): Promise<Top<T> | null> {
  if (args.last == null || args.after != null || inputs.minScore > 0) return null;
  const n = args.last;
  const known = new Map<string, T>();
  // A page the first read leaves unsettled gets one more, as large as it may be.
  for (const limit of [Math.max(FIRST_READ, 4 * n + 8), MAX_READ]) {
    const rows = await floorOrder(ctx, inputs, limit + 1);
    const fresh = rows.slice(0, limit).filter((r) => !known.has(r.id));
    const floors = new Map(fresh.map((r) => [r.id, r.floor]));
    for (const match of fresh.length > 0 ? await inputs.score([...floors.keys()]) : []) {
      checkFloor(match, floors.get(match.id)!);
      known.set(match.id, match);
    }
    const next = rows[limit];
    const settled = settle([...known.values()], args, n, next ? { score: next.floor, id: next.id } : null);
    if (settled !== null) return { ...settled, ranked: [...known.values()] };
  }
  return null;
}

/**
 * Whether the last n of what was read are the ranking's: every candidate not read ranks before
 * `next` (null: every candidate was read). Without a minimum score every candidate is a match, so
 * those not read precede the page.
 */
function settle<T extends Ranked>(ranked: readonly T[], args: PageArgs, n: number, next: Ranked | null): { page: Page<T>; complete: boolean } | null {
  const page = pageOf(ranked, args);
  if (next === null) return { page, complete: true };
  if (page.items.length < n || !page.items.every((m) => rankOrder(next, m) < 0)) return null;
  return { page: { ...page, hasPreviousPage: true }, complete: false };
}

/** A score below its floor means floor.ts no longer follows a component: last pages could miss matches. */
function checkFloor(match: Ranked, floor: number): void {
  if (match.score < floor) floorOutOfDate(`${match.id} scored ${match.score} below its floor ${floor}`);
}
