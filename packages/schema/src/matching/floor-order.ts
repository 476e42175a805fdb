import type { Context } from '../context';
import { Prisma } from '../generated/prisma/client';
import type { FloorOf } from './floor';

/**
 * The first candidates of a ranking in the order bottom.ts reads them: floor ascending, id
 * descending (floor.ts). Computing every candidate's floor is a scan of them all (0.6 to 0.8 s
 * for a distributor's 376,000 of a million IKM); instead the floor of each unit of a match class
 * (MatchClass, migration match_classes: a sector, size class, bookkeeping and keys, its IKM founded
 * by the age cut or after it) is computed first, a few thousand rows. A unit's floor is at most
 * each of its IKM's, so the IKM of the units whose floor is at most some `top` hold every candidate
 * whose floor is at most `top`: those are read through the index on (matchClass, foundedOn) and
 * ordered by their own floor, and the rows up to `top` are the order's first. `top` is chosen by
 * the classes' counts of IKM; a read that leaves fewer than the rows asked below it widens, and
 * few candidates, or too many rows to read, are ordered by the scan itself.
 */

/** The classes are read when at least this share of their IKM are candidates; fewer, the candidates' own indexes find them for the scan. */
const NARROWEST = 1 / 4;
/** The IKM the lowest units are to hold, in rows asked for (before the share of candidates among them); each read that falls short multiplies it. */
const FIRST_UNITS = 2;
const WIDENING = 8;
const UNIT_READS = 3;

export type FloorOrderInputs = {
  /** The candidates, over "Enterprise" e. */
  where: Prisma.Sql;
  /** The match classes that may hold candidates, over "MatchClass" e (enterpriseClassWhere). */
  classWhere: Prisma.Sql;
  /** The floor of a row or a unit (floorSql). */
  floor: (of: FloorOf) => Prisma.Sql;
  /** The founding date by which an IKM is old enough (ageCut): a unit's IKM are founded by it or after. */
  cut: string;
  /** Candidates whose floor may be below their unit's (the IKM met, whose feedback is 0): always read. */
  always: readonly string[];
  /** About how many candidates there are (null: not counted). */
  candidates: Promise<number> | null;
};

export type FloorRow = { id: string; floor: number };

/** A unit, with `top` and `held` (see lowestUnits). */
type Unit = { id: string; old: boolean; floor: number; top: number | null; held: number };
/** A candidate read through its unit. */
type UnitRow = FloorRow & { unit: string };

/** The first `rows` candidates in floor order (all of them when fewer). */
export async function floorOrder(ctx: Pick<Context, 'prisma'>, inputs: FloorOrderInputs, rows: number): Promise<FloorRow[]> {
  const order = Prisma.sql`ORDER BY floor, e.id DESC LIMIT ${rows}`;
  // The classes are read beside the count: a ranking of many candidates needs both.
  const [candidates, first] = await Promise.all([inputs.candidates, lowestUnits(ctx, inputs, rows * FIRST_UNITS)]);
  if (first.length === 0) return [];
  let units = first;
  const share = Math.min(1, (candidates ?? units[0]!.held) / units[0]!.held);
  for (let read = 1; share >= NARROWEST; read += 1) {
    const ids = (old: boolean) => units.filter((u) => u.old === old).map((u) => u.id);
    const found = await ctx.prisma.$queryRaw<UnitRow[]>(Prisma.sql`
      SELECT e.id::text AS id, ${inputs.floor('row')} AS floor, e."matchClass"::text || ':' || (e."foundedOn" <= ${inputs.cut}::date) AS unit FROM "Enterprise" e
      WHERE ${inputs.where} AND (e."matchClass" = ANY(${ids(false)}::uuid[]) AND e."foundedOn" > ${inputs.cut}::date
        OR e."matchClass" = ANY(${ids(true)}::uuid[]) AND e."foundedOn" <= ${inputs.cut}::date OR e.id = ANY(${[...inputs.always]}::uuid[]))
      ${order}`);
    checkUnits(found, units, inputs.always);
    // Every unit read: these are all the candidates. Else the rows up to `top` are the order's first.
    const top = units[0]!.top;
    if (top === null || (found.length === rows && found[rows - 1]!.floor <= top)) return found;
    if (read === UNIT_READS) break;
    units = await lowestUnits(ctx, inputs, Math.ceil((rows * FIRST_UNITS * WIDENING ** read) / share));
  }
  return ctx.prisma.$queryRaw<FloorRow[]>(Prisma.sql`SELECT e.id::text AS id, ${inputs.floor('row')} AS floor FROM "Enterprise" e WHERE ${inputs.where} ${order}`);
}

/**
 * The units of the lowest floors whose classes hold at least `ikm` IKM together (every unit of the
 * last floor taken), each with that floor as `top`; every unit, `top` null, when all of them hold
 * fewer. A class's count stands for each of its two units: the units taken hold at most that many.
 * `held` is the IKM of every class that may hold candidates.
 */
async function lowestUnits(ctx: Pick<Context, 'prisma'>, inputs: FloorOrderInputs, ikm: number): Promise<Unit[]> {
  return ctx.prisma.$queryRaw<Unit[]>(Prisma.sql`
    WITH u AS (
      SELECT e.id, e.old, ${inputs.floor('unit')} AS floor, e.enterprises
      FROM (SELECT m.*, o.old FROM "MatchClass" m CROSS JOIN (VALUES (false), (true)) AS o (old)) e WHERE ${inputs.classWhere}),
    s AS (SELECT floor, sum(enterprises) OVER (ORDER BY floor) AS held FROM u),
    t AS (SELECT min(floor) FILTER (WHERE held >= ${ikm}) AS top, (max(held) / 2)::float8 AS held FROM s)
    SELECT u.id::text AS id, u.old, u.floor, t.top, t.held FROM u, t WHERE u.floor <= coalesce(t.top, u.floor)`);
}

/** A row below its unit's floor means floor.ts's unit floor no longer bounds its rows: last pages could miss matches. */
function checkUnits(rows: readonly UnitRow[], units: readonly Unit[], always: readonly string[]): void {
  const floors = new Map(units.map((u) => [`${u.id}:${u.old}`, u.floor]));
  const below = rows.find((r) => !always.includes(r.id) && r.floor < (floors.get(r.unit) ?? Number.NEGATIVE_INFINITY));
  if (below) floorOutOfDate(`${below.id}'s floor ${below.floor} is below its match class unit's ${floors.get(below.unit)}`);
}

/** A floor that does not bound what it should: thrown in development and tests, logged in production. */
export function floorOutOfDate(found: string): void {
  const message = `Matching: ${found}; floor.ts is out of date.`;
  if (process.env.NODE_ENV === 'production') console.error(message);
  else throw new Error(message);
}
