import { builder } from '../builder';
import { batchLoader } from '../common/batch';
import { SizeClassEnum } from '../common/enums';
import type { Context } from '../context';
import { K_ANONYMITY, suppressSmallCells } from '../domain/anonymity';
import type { SizeClass } from '../domain/size-class';

/**
 * The figures a Disperin officer asks of a sentra: capacity per product category and unit, open
 * opportunities of its members, and its members by size class. Each field is answered by a batch
 * loader (common/batch.ts): every sentra of the request, at any nesting, together by one SQL
 * statement per field, so a page of 100 costs what a page of 5 costs. Each reads a few rows the
 * database keeps with every write (SentraCapacity, SentraSizeClassCount, SentraOpenOpportunity):
 * at a million IKM the sentra's members are half a million.
 *
 * Capacity and size classes count ACTIVE members, like `members` and `memberCount`; open
 * opportunities count everything its members posted, like
 * `opportunities(filter: { sentraId, status: OPEN })`, which the marketplace shows whatever the
 * poster's record status.
 */

export interface SentraCapacity {
  category: string;
  unit: string;
  /** Null, with enterpriseCount, when fewer than k members make the category. */
  totalMonthlyCapacity: number | null;
  enterpriseCount: number | null;
}

export interface SentraSizeClassCount {
  sizeClass: SizeClass | null;
  /** Null for a suppressed cell (suppressSmallCells). */
  enterpriseCount: number | null;
}

/** Order of the size-class rows: smallest class first, unclassified members last. */
export const SIZE_CLASS_ROWS: readonly (SizeClass | null)[] = ['MICRO', 'SMALL', 'MEDIUM', 'LARGE', null];

/** Groups rows by sentra id, in the order DataLoader asked for the ids; a sentra without rows gets []. */
export function groupBySentra<Row extends { sentraId: string | null }, Out>(
  ids: readonly string[],
  rows: readonly Row[],
  map: (row: Row) => Out,
): Out[][] {
  const groups = new Map<string, Out[]>(ids.map((id) => [id, []]));
  for (const row of rows) if (row.sentraId) groups.get(row.sentraId)?.push(map(row));
  return ids.map((id) => groups.get(id)!);
}

/**
 * The rows of sizeClassBreakdown from the member counts in SIZE_CLASS_ROWS' order (the stored
 * Enterprise.sizeClass, generated with the ceilings of domain/size-class.ts).
 */
function sizeClassBreakdown(counts: readonly number[]): SentraSizeClassCount[] {
  // Public aggregate cells of fewer than k members are suppressed, with the complement a known memberCount would expose.
  const shown = suppressSmallCells(counts);
  return SIZE_CLASS_ROWS.map((c, i) => ({ sizeClass: c, enterpriseCount: shown[i]! }));
}

/**
 * Capacity per (category, unit) for each sentra, one statement over SentraCapacity, the sums the
 * database keeps with every product and member change (migration sentra_capacity): summing the
 * products at read cost half a million rows at a million IKM. Units are compared as the enterprise
 * filter compares them (trimmed, case-insensitive) and never added across: "kg" and "pcs" of one
 * category are two rows.
 */
async function loadCapacity(ids: string[], ctx: Context): Promise<SentraCapacity[][]> {
  const rows = await ctx.prisma.sentraCapacity.findMany({
    where: { sentraId: { in: ids } },
    orderBy: [{ category: 'asc' }, { unit: 'asc' }],
    select: { sentraId: true, category: true, unit: true, total: true, enterprises: true },
  });
  return groupBySentra(ids, rows, (r) => {
    const shown = r.enterprises >= K_ANONYMITY;
    return { category: r.category, unit: r.unit, totalMonthlyCapacity: shown ? Number(r.total) : null, enterpriseCount: shown ? r.enterprises : null };
  });
}

/**
 * Open opportunities posted by the members of each sentra, one statement over
 * SentraOpenOpportunity (kept by the database, migration sentra_member_figures): the stored-OPEN
 * ones per validUntil, summed from the request's clock on, which is statusWhere('OPEN', now) of
 * opportunity/queries.ts. Probing every member for its opportunities cost about a second at a
 * million IKM.
 */
async function loadOpenOpportunityCounts(ids: string[], ctx: Context): Promise<number[]> {
  const sums = await ctx.prisma.sentraOpenOpportunity.groupBy({
    by: ['sentraId'],
    where: { sentraId: { in: ids }, validUntil: { gte: ctx.now } },
    _sum: { opportunities: true },
  });
  return groupBySentra(ids, sums, (s) => s._sum.opportunities ?? 0).map((counts) => counts.reduce((a, b) => a + b, 0));
}

/**
 * Each sentra's active members per size class in SIZE_CLASS_ROWS' order, one statement over
 * SentraSizeClassCount (kept by the database), for sizeClassBreakdown and memberCount alike:
 * counting the members of a page of sentra read 50,000 index entries at a million IKM (52 ms).
 */
async function loadSizeClassCounts(ids: string[], ctx: Context): Promise<number[][]> {
  const rows = await ctx.prisma.sentraSizeClassCount.findMany({ where: { sentraId: { in: ids } } });
  return groupBySentra(ids, rows, (r) => [r.micro, r.small, r.medium, r.large, r.unclassified]).map((counts) => counts[0] ?? [0, 0, 0, 0, 0]);
}

const SentraCapacityRef = builder.objectRef<SentraCapacity>('SentraCapacity').implement({
  description:
    "A sentra's production capacity in one product category and one unit: the sum of its active members' monthly capacities (kapasitas produksi per bulan). Units are never added together, so a category made in kg and in pcs has two rows.",
  fields: (t) => ({
    category: t.exposeString('category', { description: 'Product category slug, e.g. "batik-tulis".' }),
    unit: t.exposeString('unit', {
      description: 'Unit of the capacity, lower-cased (units are compared case-insensitively), e.g. "pcs", "kg", "lembar".',
    }),
    totalMonthlyCapacity: t.exposeFloat('totalMonthlyCapacity', {
      nullable: true,
      description:
        `Null when fewer than ${K_ANONYMITY} active members make the category in this unit (a public aggregate never stands for fewer). Units a month all active members together can make in this category and unit. Always a whole number; a Float because the sum of many products (each up to 100,000,000 a month) can exceed the 32-bit Int.`,
    }),
    enterpriseCount: t.exposeInt('enterpriseCount', {
      nullable: true,
      description: `How many active members make at least one product of this category in this unit; null when fewer than ${K_ANONYMITY}.`,
    }),
  }),
});

const SentraSizeClassCountRef = builder.objectRef<SentraSizeClassCount>('SentraSizeClassCount').implement({
  description: 'How many active members of a sentra fall in one PP 7/2021 size class.',
  fields: (t) => ({
    sizeClass: t.field({
      type: SizeClassEnum,
      nullable: true,
      description:
        'The size class, as Enterprise.sizeClass derives it; null counts the members with neither annual sales nor business capital recorded.',
      resolve: (row) => row.sizeClass,
    }),
    enterpriseCount: t.exposeInt('enterpriseCount', {
      nullable: true,
      description: `Active members in this class; null when fewer than ${K_ANONYMITY} (0 included), and for the smallest other classes while the hidden ones add up to fewer than ${K_ANONYMITY} (memberCount minus the shown ones would give them away).`,
    }),
  }),
});

/** One field's figures for every sentra asked for in the request, from a loader of id-aligned rows. */
function perSentra<V>(ctx: Context, name: string, load: (ids: string[], ctx: Context) => Promise<V[]>) {
  return batchLoader<V>(ctx, `sentra:${name}`, async (ids) => {
    const values = await load(ids, ctx);
    return new Map(ids.map((id, i) => [id, values[i]!]));
  });
}

/** A sentra's active members per size class (loadSizeClassCounts), with the others of the request. */
const sizeClassCounts = async (sentraId: string, ctx: Context) => (await perSentra(ctx, 'sizeClasses', loadSizeClassCounts)(sentraId)) ?? [0, 0, 0, 0, 0];

builder.prismaObjectFields('Sentra', (t) => ({
  capacityByCategory: t.field({
    type: [SentraCapacityRef],
    description:
      "Monthly production capacity of the sentra's active members per product category and unit (kg is never added to pcs), by category then unit. Computed for all sentra of a page together.",
    resolve: async (sentra, _args, ctx) => (await perSentra(ctx, 'capacity', loadCapacity)(sentra.id)) ?? [],
  }),
  openOpportunityCount: t.field({
    type: 'Int',
    description:
      'Opportunities posted by member enterprises that are OPEN as of the request: stored OPEN and validUntil not passed (expired ones are left out, see Opportunity.status); those published ahead of their validFrom count too. The same number as opportunities(filter: { sentraId, status: OPEN }).totalCount.',
    resolve: async (sentra, _args, ctx) => (await perSentra(ctx, 'openOpportunities', loadOpenOpportunityCounts)(sentra.id)) ?? 0,
  }),
  memberCount: t.field({
    type: 'Int',
    description: 'Number of active member enterprises (IKM) of the sentra; archived records are left out. The same as members.totalCount.',
    resolve: async (sentra, _args, ctx) => (await sizeClassCounts(sentra.id, ctx)).reduce((a, b) => a + b, 0),
  }),
  sizeClassBreakdown: t.field({
    type: [SentraSizeClassCountRef],
    description:
      'Active members per size class under PP 7/2021 art. 35 (the public Enterprise.sizeClass; the figures stay private): one row each for MICRO, SMALL, MEDIUM and LARGE, then one with sizeClass null for members without figures. The counts add up to members.totalCount where none is suppressed (see enterpriseCount).',
    resolve: async (sentra, _args, ctx) => sizeClassBreakdown(await sizeClassCounts(sentra.id, ctx)),
  }),
}));
