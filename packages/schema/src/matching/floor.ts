import { businessAgeMonths } from '../domain/business-age';
import type { Factor, Sector } from '../domain/matching';
import { DISTRICT_LEVEL, SECTOR_LEVEL } from '../domain/matching';
import { MIN_BUSINESS_AGE_MONTHS } from '../domain/readiness';
import { Prisma } from '../generated/prisma/client';
import { type BoundInputs, booksSql } from './bound';
import { categoryKeys, inDistricts, KBLI_PREFIX_KEY, kbliKeys } from './candidates';

/**
 * A lower bound on a candidate's score that SQL computes from its Enterprise row alone, the mirror
 * of bound.ts: the last pages of a ranking are read lowest floor first (bottom.ts). It is exact
 * where a ranking's bottom lies, on IKM that fit little: each factor's floor follows its component,
 * and is 0 where the exact value needs more than the row (capacity, certificates, a financing need).
 * - SECTOR: the best KBLI level the match keys prove (a code under a sought prefix 1, a shared
 *   subgolongan 0.8, golongan 0.65, golongan pokok 0.5) or the sought sector (0.6, or 1 when no
 *   KBLI is sought); else 0 (kategori C's 0.1 is not counted).
 * - PRODUCT: 1 or 0 by the sought categories' keys. DISTRICT: exactly the component's levels.
 * - READINESS: bookkeeping's rung where the viewer may see it, business age against the exact
 *   latest founding date that has run six months, size class by the row's generated sizeClass.
 * - FEEDBACK: the sector's history; 0 for IKM the counterpart has met (their own history may be bad).
 * The sum subtracts SLACK before rounding, as bound.ts adds it: the floats may differ from the
 * scorer's millionths by less.
 *
 * The same floor of a unit, a match class's IKM (MatchClass e, migration match_classes) founded by
 * the age cut or after it (e.old), is at most that of each of its IKM that the IKM met are not
 * (those are read apart, floor-order.ts): the kecamatan's level is the least a candidate can get,
 * the bookkeeping's rung the least the viewer may see.
 */

const SLACK = 1e-5;

/** What a floor is of: an IKM's row (Enterprise e), or a unit of a match class (see above). */
export type FloorOf = 'row' | 'unit';

/** Row by row, not through the index: the row's own keys, without MATCH_KEYS' kecamatan appended to each. */
const keysAny = (keys: readonly string[]) => Prisma.sql`e."matchKeys" && ${[...keys]}::text[]`;

/** CASE arms, best first: the first condition a row meets gives its value. */
function levels(arms: readonly { when: Prisma.Sql; value: number }[], otherwise: number): Prisma.Sql {
  if (arms.length === 0) return Prisma.sql`${otherwise}::float8`;
  return Prisma.sql`CASE ${Prisma.join(arms.map((a) => Prisma.sql`WHEN ${a.when} THEN ${a.value}::float8`), ' ')} ELSE ${otherwise}::float8 END`;
}

function sectorFloor({ ask }: BoundInputs): Prisma.Sql {
  const inSector = Prisma.sql`e.sector = ANY(${[...ask.sectors]}::text[]::"Sector"[])`;
  if (ask.kbliPrefixes.length === 0) return ask.sectors.length === 0 ? Prisma.sql`1::float8` : levels([{ when: inSector, value: 1 }], 0);
  if (!ask.kbliPrefixes.every((p) => KBLI_PREFIX_KEY.test(p))) return Prisma.sql`0::float8`;
  // A code sharing the first `digits` of a sought prefix (a prefix as long as that, or longer).
  const sharing = (digits: number) => [...new Set(ask.kbliPrefixes.filter((p) => p.length >= digits).map((p) => p.slice(0, digits)))];
  const arms = [
    { keys: ask.kbliPrefixes, value: SECTOR_LEVEL.SOUGHT },
    { keys: sharing(4), value: SECTOR_LEVEL.SUBGOLONGAN },
    { keys: sharing(3), value: SECTOR_LEVEL.GOLONGAN },
  ].filter((a) => a.keys.length > 0);
  return levels(
    [
      ...arms.map((a) => ({ when: keysAny(kbliKeys(a.keys)), value: a.value })),
      ...(ask.sectors.length > 0 ? [{ when: inSector, value: SECTOR_LEVEL.SECTOR }] : []),
      { when: keysAny(kbliKeys(sharing(2))), value: SECTOR_LEVEL.GOLONGAN_POKOK },
    ],
    0,
  );
}

function productFloor({ ask }: BoundInputs): Prisma.Sql {
  if (ask.productCategories.length === 0) return Prisma.sql`1::float8`;
  return levels([{ when: keysAny(categoryKeys(ask.productCategories)), value: 1 }], 0);
}

function districtFloor({ ask }: BoundInputs, of: FloorOf): Prisma.Sql {
  const served = ask.districtCodes;
  // A unit's IKM may be anywhere: outside the kecamatan served (0), or elsewhere in the province.
  if (of === 'unit') return Prisma.sql`${served.length > 0 ? 0 : DISTRICT_LEVEL.WHOLE_CITY}::float8`;
  const { districtCode, sentraId } = ask.location;
  const home = [
    ...(sentraId ? [Prisma.sql`e."sentraId" = ${sentraId}::uuid`] : []),
    ...(districtCode ? [Prisma.sql`e."districtId" = (SELECT k.id FROM "District" k WHERE k.code = ${districtCode})`] : []),
  ];
  return levels(
    [
      ...(served.length > 0 ? [{ when: Prisma.sql`NOT ${inDistricts(served)}`, value: 0 }] : []),
      ...(home.length > 0 ? [{ when: Prisma.sql`(${Prisma.join(home, ' OR ')})`, value: DISTRICT_LEVEL.SAME_KECAMATAN }] : []),
    ],
    served.length > 0 ? DISTRICT_LEVEL.SERVED : DISTRICT_LEVEL.WHOLE_CITY,
  );
}

/** The latest founding date that has run MIN_BUSINESS_AGE_MONTHS by asOf, by the domain's own count: IKM founded by it are old enough. */
export function ageCut(asOf: Date): string {
  const day = (d: number) => new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth() - MIN_BUSINESS_AGE_MONTHS, asOf.getUTCDate() + d));
  let d = -7;
  while (businessAgeMonths(day(d + 1), asOf) >= MIN_BUSINESS_AGE_MONTHS) d += 1;
  return day(d).toISOString().slice(0, 10);
}

function readinessFloor({ asOf, seen }: BoundInputs, of: FloorOf): Prisma.Sql {
  const age = of === 'unit' ? Prisma.sql`e.old::int` : Prisma.sql`(e."foundedOn" <= ${ageCut(asOf)}::date)::int`;
  const ikm = Prisma.sql`(e."sizeClass" IS NOT NULL AND e."sizeClass" <> 'LARGE')::int`;
  // A unit's IKM whose books the viewer sees one by one may have any rung: the least is none.
  const books = of === 'unit' && !seen.all ? Prisma.sql`0` : booksSql(seen);
  return Prisma.sql`(${books} + ${age} + ${ikm})::float8 / 3`;
}

function feedbackFloor({ feedbackOf, met }: BoundInputs, sectors: readonly Sector[], of: FloorOf): Prisma.Sql {
  const bySector = Prisma.join(sectors.map((s) => Prisma.sql`WHEN ${s} THEN ${Math.min(1, Math.max(0, feedbackOf(s)))}::float8`), ' ');
  const ofSector = Prisma.sql`CASE e.sector::text ${bySector} ELSE 0 END`;
  return met.length > 0 && of === 'row' ? Prisma.sql`CASE WHEN e.id = ANY(${[...met]}::uuid[]) THEN 0 ELSE ${ofSector} END` : ofSector;
}

/** The floor of a row or a unit, an integer score at most the exact score of each IKM it covers. */
export function floorSql(inputs: BoundInputs, sectors: readonly Sector[], of: FloorOf = 'row'): Prisma.Sql {
  const zero = () => Prisma.sql`0::float8`;
  const floors: Record<Factor, () => Prisma.Sql> = {
    SECTOR: () => sectorFloor(inputs),
    SUPPLY_CHAIN: zero,
    PRODUCT: () => productFloor(inputs),
    CAPACITY: () => (inputs.ask.volume === null ? Prisma.sql`1::float8` : zero()),
    DISTRICT: () => districtFloor(inputs, of),
    CERTIFICATION: () => (inputs.ask.requiredCertifications.length === 0 ? Prisma.sql`1::float8` : zero()),
    TICKET_SIZE: zero,
    READINESS: () => readinessFloor(inputs, of),
    FEEDBACK: () => feedbackFloor(inputs, sectors, of),
  };
  const shares = (Object.entries(inputs.weights) as [Factor, number][])
    .filter(([, w]) => w > 0)
    .map(([factor, w]) => Prisma.sql`${w * 100}::float8 * ${floors[factor]()}`);
  return Prisma.sql`floor(${Prisma.join(shares, ' + ')} + ${0.5 - SLACK}::float8)::int`;
}
