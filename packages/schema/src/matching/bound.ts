import type { CounterpartAsk, Factor, Sector, Weights } from '../domain/matching';
import { DISTRICT_LEVEL, SECTOR_LEVEL } from '../domain/matching';
import { fedPrefixes } from '../domain/matching/supply-chain';
import { BOOKKEEPING_ORDER } from '../domain/readiness';
import { CEILINGS } from '../domain/size-class';
import { Prisma } from '../generated/prisma/client';
import {
  capacityKey,
  categoryKeys,
  certificationKeys,
  districtKey,
  inDistricts,
  KBLI_PREFIX_KEY,
  kbliKeys,
  MATCH_KEYS,
  MAX_CAPACITY_BAND,
} from './candidates';
import type { Seen } from './privacy';

/**
 * An upper bound on a candidate's score that SQL computes from its Enterprise row alone (its match
 * keys, kecamatan, sentra, founding date, size and bookkeeping), so that a ranking scores exactly
 * only the candidates that could make its page (top.ts).
 *
 * The score is Σ weight × value × 100 rounded half up (points.ts: apportion's total is that sum in
 * millionths, rounded), so it grows with every value, and a bound on each value bounds it. Each
 * factor's bound follows its component:
 * - SECTOR: 1 with a KBLI code under a sought prefix; without, at most a shared subgolongan (0.8),
 *   since the sector alone (0.6), a golongan (0.65) or pokok (0.5) and kategori C (0.1) are less.
 *   With sectors but no KBLI sought: 1 in a sought sector, else at most kategori C.
 * - SUPPLY_CHAIN: 0 without a KBLI code the supplied goods feed (fedPrefixes), else at most 1.
 * - PRODUCT: 1 or 0 by the sought categories. CAPACITY: the capacity of all products of those
 *   categories, every unit added, over the volume: at least the one unit the component counts.
 *   With one category sought, without a capacity band of at least 2^b (its match keys) it is below
 *   2^b over the volume.
 * - DISTRICT: exactly the component's levels. CERTIFICATION: the share of the required kinds it
 *   has a certificate of, lapsed or not (its match keys).
 * - TICKET_SIZE: 1 with an open need in the ticket range that the viewer may see, else 0; only staff
 *   see the needs of IKM not read at every stage, so for everyone else those get 0.
 * - READINESS: bookkeeping's rung where the viewer may see it (else 0, as the scorer withholds it),
 *   business age from a date a few days past six months back, size class exactly.
 * - FEEDBACK: the sector's history; 1 for IKM the counterpart has met (their own history).
 * The IKM met and those whose protected data the viewer sees are read at every stage, so the
 * bound of the candidates a stage leaves out counts neither their history nor their data.
 * The sums are floats, so the bound adds SLACK before rounding: more than the millionths apportion
 * rounds each share to, less than could lift a bound by a point in earnest.
 *
 * A flag is a condition on the row that PostgreSQL finds through an index (the GIN index of the
 * match keys, the kecamatan's, ids); where it fails, the factors it gates are at most their
 * `otherwise` (a factor gated by several, the least of the failed ones'). So the flags a candidate
 * fails bound its score whatever else it has, and stagesOf reads the candidates in rings of those
 * bounds.
 */

const SLACK = 1e-5;

/** `ofClass`: the same condition on a match class (MatchClass m), where the class decides it (its sector, "k:" and "c:" keys). */
export type Flag = { key: string; sql: Prisma.Sql; ofClass?: Prisma.Sql };

/** A flag of a factor, and the most the factor's bound can be where the flag fails. */
export type Gate = { flag: Flag; otherwise: number };

export type Term = {
  factor: Factor;
  weight: number;
  /** The factor's bound for the row e of Enterprise, a float8. */
  sql: Prisma.Sql;
  /** The most `sql` can be. */
  max: number;
  /** The most `sql` can be for the IKM of each sector, where it depends on the sector (FEEDBACK). */
  bySector?: ReadonlyMap<Sector, number>;
  gates: Gate[];
};

export type BoundInputs = {
  ask: CounterpartAsk;
  weights: Weights;
  asOf: Date;
  seen: Seen;
  /** FEEDBACK's value for an IKM of each sector that the counterpart has not met. */
  feedbackOf: (sector: Sector) => number;
  met: readonly string[];
};

const constant = (factor: Factor, weight: number, value: number): Term => ({
  factor,
  weight,
  sql: Prisma.sql`${value}::float8`,
  max: value,
  gates: [],
});

const flagged = (factor: Factor, weight: number, flag: Flag, otherwise: number): Term => ({
  factor,
  weight,
  sql: Prisma.sql`CASE WHEN ${flag.sql} THEN 1 ELSE ${otherwise}::float8 END`,
  max: 1,
  gates: [{ flag, otherwise }],
});

const hasKeys = (key: string, keys: string[], inClass = true): Flag => ({
  key,
  sql: Prisma.sql`${MATCH_KEYS} && ${keys}::text[]`,
  ofClass: inClass ? Prisma.sql`m."matchKeys" && ${keys}::text[]` : undefined,
});

function sectorTerm({ ask }: BoundInputs, weight: number): Term {
  if (ask.kbliPrefixes.length > 0) {
    if (!ask.kbliPrefixes.every((p) => KBLI_PREFIX_KEY.test(p))) return constant('SECTOR', weight, 1);
    return flagged('SECTOR', weight, hasKeys('kbli', kbliKeys(ask.kbliPrefixes)), SECTOR_LEVEL.SUBGOLONGAN);
  }
  if (ask.sectors.length === 0) return constant('SECTOR', weight, 1);
  const sectors = Prisma.sql`${[...ask.sectors]}::text[]::"Sector"[]`;
  const flag = { key: 'sector', sql: Prisma.sql`e.sector = ANY(${sectors})`, ofClass: Prisma.sql`m.sector = ANY(${sectors})` };
  return flagged('SECTOR', weight, flag, SECTOR_LEVEL.KATEGORI_C);
}

function supplyTerm({ ask }: BoundInputs, weight: number): Term {
  const fed = fedPrefixes(ask.supplied);
  if (fed.length === 0) return constant('SUPPLY_CHAIN', weight, 0);
  return flagged('SUPPLY_CHAIN', weight, hasKeys('supply', kbliKeys(fed)), 0);
}

const productFlag = ({ ask }: BoundInputs) => hasKeys('product', categoryKeys(ask.productCategories));

function productTerm(inputs: BoundInputs, weight: number): Term {
  if (inputs.ask.productCategories.length === 0) return constant('PRODUCT', weight, 1);
  return flagged('PRODUCT', weight, productFlag(inputs), 0);
}

/** The match keys of a capacity band from `band` on, in any of these categories. */
const bandKeys = (categories: readonly string[], band: number): string[] =>
  categories.flatMap((c) => Array.from({ length: MAX_CAPACITY_BAND - band + 1 }, (_, i) => capacityKey(c, band + i)));

function capacityTerm(inputs: BoundInputs, weight: number): Term {
  const { volume } = inputs.ask;
  const categories = [...new Set(inputs.ask.productCategories)];
  if (volume === null) return constant('CAPACITY', weight, 1);
  const sought = categories.length > 0 ? Prisma.sql`AND p.category = ANY(${categories}::text[])` : Prisma.empty;
  const sum = Prisma.sql`least(1, coalesce((SELECT sum(greatest(p."monthlyCapacity", 0)) FROM "EnterpriseProduct" p
    WHERE p."enterpriseId" = e.id ${sought}), 0)::float8 / ${volume.quantity}::float8)`;
  if (categories.length === 0) return { factor: 'CAPACITY', weight, sql: sum, max: 1, gates: [] };
  // A sought category's band at or above the volume's makes it 1 without reading the products.
  const full = Math.ceil(Math.log2(volume.quantity));
  const sql =
    full >= 0 && full <= MAX_CAPACITY_BAND && 2 ** full >= volume.quantity
      ? Prisma.sql`CASE WHEN coalesce(e."matchKeys", '{}') && ${bandKeys(categories, full)}::text[] THEN 1 ELSE ${sum} END`
      : sum;
  const gates = [{ flag: productFlag(inputs), otherwise: 0 }];
  // The volume's band: an IKM below it falls short. For one category only (an opportunity's): over a
  // partner's several, the keys' index reads most of each category's IKM, more than the flag saves.
  const band = Math.min(MAX_CAPACITY_BAND, Math.floor(Math.log2(volume.quantity)));
  if (categories.length === 1 && band >= 1) {
    gates.push({ flag: hasKeys('capacity', bandKeys(categories, band), false), otherwise: Math.min(1, 2 ** band / volume.quantity) });
  }
  return { factor: 'CAPACITY', weight, sql, max: 1, gates };
}

/** The gate of a candidate in the partner's own kecamatan (its key) or sentra. */
export const HOME_FLAG = 'home';

function districtTerm({ ask }: BoundInputs, weight: number): Term {
  const served = ask.districtCodes;
  const { districtCode, sentraId } = ask.location;
  const away = served.length > 0 ? DISTRICT_LEVEL.SERVED : DISTRICT_LEVEL.WHOLE_CITY;
  const outside = served.length > 0 ? Prisma.sql`WHEN NOT ${inDistricts(served)} THEN 0` : Prisma.empty;
  // By the kecamatan's key, so that one scan of the match keys' index intersects it with the others.
  const home = [
    ...(sentraId ? [Prisma.sql`e."sentraId" = ${sentraId}::uuid`] : []),
    ...(districtCode ? [Prisma.sql`${MATCH_KEYS} @> ${districtKey(districtCode)}`] : []),
  ];
  if (home.length === 0) {
    return { ...constant('DISTRICT', weight, away), sql: Prisma.sql`CASE ${outside} WHEN true THEN ${away}::float8 END` };
  }
  const flag = { key: HOME_FLAG, sql: Prisma.sql`(${Prisma.join(home, ' OR ')})` };
  const sql = Prisma.sql`CASE ${outside} WHEN ${flag.sql} THEN 1 ELSE ${away}::float8 END`;
  return { factor: 'DISTRICT', weight, sql, max: 1, gates: [{ flag, otherwise: away }] };
}

function certificationTerm({ ask }: BoundInputs, weight: number): Term {
  const required = [...new Set(ask.requiredCertifications)];
  if (required.length === 0) return constant('CERTIFICATION', weight, 1);
  // Held or lapsed: the share of required kinds it has any certificate of, each a match key.
  const held = Prisma.join(
    certificationKeys(required).map((key) => Prisma.sql`(coalesce(e."matchKeys", '{}') @> ARRAY[${key}]::text[])::int`),
    ' + ',
  );
  const sql = Prisma.sql`(${held})::float8 / ${required.length}`;
  const flag = { key: 'certification', sql: Prisma.sql`${MATCH_KEYS} @> ${certificationKeys(required)}::text[]` };
  return { factor: 'CERTIFICATION', weight, sql, max: 1, gates: [{ flag, otherwise: (required.length - 1) / required.length }] };
}

function ticketTerm({ ask, seen }: BoundInputs, weight: number): Term {
  if (!seen.all && seen.needs.length === 0) return constant('TICKET_SIZE', weight, 0);
  const { min, max } = ask.ticket;
  const need = Prisma.sql`EXISTS (SELECT 1 FROM "FinancingNeed" f WHERE f."enterpriseId" = e.id AND f.status = 'OPEN'
    ${min === null ? Prisma.empty : Prisma.sql`AND f.amount >= ${min}`} ${max === null ? Prisma.empty : Prisma.sql`AND f.amount <= ${max}`})`;
  const sql = (fits: Prisma.Sql) => Prisma.sql`CASE WHEN ${fits} THEN 1 ELSE 0 END`;
  // Staff see every need: no index narrows them, so the bound is read on each row.
  if (seen.all) return { factor: 'TICKET_SIZE', weight, sql: sql(need), max: 1, gates: [] };
  // The IKM whose needs the viewer sees are read at every stage (top.ts): the rest get no ticket.
  return { ...constant('TICKET_SIZE', weight, 0), sql: sql(Prisma.sql`(e.id = ANY(${[...seen.needs]}::uuid[]) AND ${need})`) };
}

/** The latest founding date that may have run MIN_BUSINESS_AGE_MONTHS (6) by asOf, a few days late. */
function oldEnoughBy(asOf: Date): string {
  return new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth() - 6, asOf.getUTCDate() + 3)).toISOString().slice(0, 10);
}

/** Bookkeeping's rung where the viewer may see it, else 0 as the scorer withholds it: exact, so floor.ts reads it too. */
export function booksSql(seen: Seen): Prisma.Sql {
  const rung = Prisma.sql`(array_position(${[...BOOKKEEPING_ORDER]}::text[], e.bookkeeping::text) - 1)::float8 / ${BOOKKEEPING_ORDER.length - 1}`;
  if (seen.all) return rung;
  return seen.financials.length > 0 ? Prisma.sql`CASE WHEN e.id = ANY(${[...seen.financials]}::uuid[]) THEN ${rung} ELSE 0 END` : Prisma.sql`0`;
}

function readinessTerm({ asOf, seen }: BoundInputs, weight: number): Term {
  const books = booksSql(seen);
  const ceiling = (basis: keyof typeof CEILINGS) => CEILINGS[basis][CEILINGS[basis].length - 1]!.max;
  const ikm = Prisma.sql`CASE WHEN e."annualTurnover" IS NOT NULL THEN (e."annualTurnover" <= ${ceiling('ANNUAL_SALES')})::int
    WHEN e."businessCapital" IS NOT NULL THEN (e."businessCapital" <= ${ceiling('BUSINESS_CAPITAL')})::int ELSE 0 END`;
  const age = Prisma.sql`(e."foundedOn" <= ${oldEnoughBy(asOf)}::date)::int`;
  // The IKM whose books the viewer sees are read at every stage (top.ts): the rest get no rung.
  const max = seen.all ? 1 : 2 / 3;
  return { factor: 'READINESS', weight, sql: Prisma.sql`(${books} + ${age} + ${ikm})::float8 / 3`, max, gates: [] };
}

function feedbackTerm({ feedbackOf, met }: BoundInputs, weight: number, sectors: readonly Sector[]): Term {
  const values = sectors.map((s) => Math.min(1, Math.max(0, feedbackOf(s))));
  const bySector = Prisma.join(sectors.map((s, i) => Prisma.sql`WHEN ${s} THEN ${values[i]}::float8`), ' ');
  const ofSector = Prisma.sql`CASE e.sector::text ${bySector} ELSE 1 END`;
  const sql = met.length > 0 ? Prisma.sql`CASE WHEN e.id = ANY(${[...met]}::uuid[]) THEN 1 ELSE ${ofSector} END` : ofSector;
  // The IKM met are read at every stage (top.ts): the rest have their sector's history.
  const max = Math.max(...values);
  return { factor: 'FEEDBACK', weight, sql, max, bySector: new Map(sectors.map((s, i) => [s, values[i]!])), gates: [] };
}

/** The bound's terms, one per weighted factor. */
export function boundTerms(inputs: BoundInputs, sectors: readonly Sector[]): Term[] {
  const terms: Record<Factor, (weight: number) => Term> = {
    SECTOR: (w) => sectorTerm(inputs, w),
    SUPPLY_CHAIN: (w) => supplyTerm(inputs, w),
    PRODUCT: (w) => productTerm(inputs, w),
    CAPACITY: (w) => capacityTerm(inputs, w),
    DISTRICT: (w) => districtTerm(inputs, w),
    CERTIFICATION: (w) => certificationTerm(inputs, w),
    TICKET_SIZE: (w) => ticketTerm(inputs, w),
    READINESS: (w) => readinessTerm(inputs, w),
    FEEDBACK: (w) => feedbackTerm(inputs, w, sectors),
  };
  return (Object.entries(inputs.weights) as [Factor, number][]).filter(([, w]) => w > 0).map(([factor, w]) => terms[factor](w));
}

/** The bound of a row, an integer score. */
export function boundSql(terms: readonly Term[]): Prisma.Sql {
  const shares = terms.map((t) => Prisma.sql`${t.weight * 100}::float8 * ${t.sql}`);
  return Prisma.sql`floor(${Prisma.join(shares, ' + ')} + ${0.5 + SLACK}::float8)::int`;
}

const scoreOf = (shares: readonly number[]) => Math.floor(shares.reduce((a, b) => a + b, 0) + 0.5 + SLACK);

/** Flags beyond these count as met: fewer stages, each bound still valid. */
const MAX_FLAGS = 6;

/**
 * A stage reads the candidates that meet every flag of at least one of `anyOf` (all of them when
 * one is empty); every other candidate scores at most `outside` (null: there is none). `threshold`
 * is the least bound its flags give; the first stage's is the most any candidate can have, bar
 * those read at every stage.
 */
export type Stage = { anyOf: Flag[][]; threshold: number; outside: number | null };

/**
 * The stages of a ranking, narrowest first. A candidate that fails the flags of a set F scores at
 * most bound(F); a stage at threshold t reads the candidates whose failed flags have a bound of at
 * least t, so every candidate it leaves out is bounded by the next lower bound(F). Bounds fall as F
 * grows, so the sets read are those meeting the complement of a largest F still at t.
 */
export function stagesOf(terms: readonly Term[]): Stage[] {
  const { flags, boundOf } = flagMasks(terms);
  const masks = Array.from({ length: 1 << flags.length }, (_, mask) => ({ mask, bound: boundOf(mask) }));
  const thresholds = [...new Set(masks.map((m) => m.bound))].sort((a, b) => b - a);
  return thresholds.map((t) => {
    const allowed = masks.filter((m) => m.bound >= t).map((m) => m.mask);
    const largest = allowed.filter((m) => !allowed.some((o) => o !== m && (o & m) === m));
    const below = masks.filter((m) => m.bound < t).map((m) => m.bound);
    return {
      anyOf: largest.map((m) => flags.filter((_, i) => !(m & (1 << i)))),
      threshold: t,
      outside: below.length > 0 ? Math.max(...below) : null,
    };
  });
}

/** The flags a stage reads by, and the bound of the candidates that fail those of a mask (of the IKM of one sector, when given). */
function flagMasks(terms: readonly Term[]) {
  const flags = [...new Map(terms.flatMap((t) => t.gates.map((g) => [g.flag.key, g.flag] as const))).values()].slice(0, MAX_FLAGS);
  const failed = (mask: number, key: string) => flags.some((f, i) => f.key === key && mask & (1 << i));
  const most = (t: Term, mask: number, sector?: Sector) =>
    Math.min((sector && t.bySector?.get(sector)) ?? t.max, ...t.gates.filter((g) => failed(mask, g.flag.key)).map((g) => g.otherwise));
  const boundOf = (mask: number, sector?: Sector) => scoreOf(terms.map((t) => t.weight * most(t, mask, sector) * 100));
  return { flags, boundOf };
}

/**
 * A set of candidates whose bound may be above some bound: those meeting `flags` (over Enterprise
 * e; `true` for every candidate; whatever their sector), or, when only some sectors may be, the
 * same read through the match classes of those `sectors`: `rows` are their candidates.
 */
export type AboveSet = { flags: Prisma.Sql; byClass: { sectors: readonly Sector[]; rows: Prisma.Sql } | null };

/**
 * The candidates whose bound may be above `bound`, bar those read at every stage: those that fail
 * only flags whose bound, for the IKM of their sector, is above it. Empty when none may.
 */
export function aboveSets(terms: readonly Term[], bound: number): AboveSet[] {
  const { flags, boundOf } = flagMasks(terms);
  const sectors = [...new Set(terms.flatMap((t) => [...(t.bySector?.keys() ?? [])]))];
  // Per set of flags met, the sectors whose IKM meeting them may be above (all: no sector named).
  const bySet = new Map<number, (Sector | undefined)[]>();
  for (const sector of sectors.length > 0 ? sectors : [undefined]) {
    const allowed = Array.from({ length: 1 << flags.length }, (_, mask) => mask).filter((mask) => boundOf(mask, sector) > bound);
    for (const mask of allowed.filter((m) => !allowed.some((o) => o !== m && (o & m) === m))) bySet.set(mask, [...(bySet.get(mask) ?? []), sector]);
  }
  return [...bySet].map(([mask, of]) => {
    const met = flags.filter((_, i) => !(mask & (1 << i)));
    const some = of.length < sectors.length ? Prisma.sql`${of}::text[]::"Sector"[]` : null;
    // Through the flags' index the sectors are left to the bound: as a condition, the planner would AND the sector's index, far wider.
    const byFlags = met.length > 0 ? Prisma.join(met.map((f) => f.sql), ' AND ') : Prisma.sql`true`;
    if (!some) return { flags: byFlags, byClass: null };
    const classes = Prisma.join([Prisma.sql`m.sector = ANY(${some})`, ...met.flatMap((f) => (f.ofClass ? [f.ofClass] : []))], ' AND ');
    const rest = met.filter((f) => !f.ofClass).map((f) => f.sql);
    const rows = Prisma.join([Prisma.sql`e."matchClass" = ANY(ARRAY(SELECT m.id FROM "MatchClass" m WHERE ${classes}))`, ...rest], ' AND ');
    return { flags: byFlags, byClass: { sectors: of as Sector[], rows } };
  });
}
