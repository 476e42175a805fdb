import { DISTRICT_CODE_RULE, isDistrictCode } from '../district/codes';
import { districtInRegencies, regencyCodesFilter } from '../regency/filter';
import { filterCategories, MAX_FILTER_CATEGORIES } from '../common/categories';
import { badFilter } from '../common/errors';
import { escapeLike } from '../common/like';
import { builder } from '../builder';
import { CertificationKindEnum, SectorEnum, SizeClassEnum } from '../common/enums';
import { idOf } from '../common/global-id';
import { OrderDirection, toOrderBy } from '../common/ordering';
import type { Context } from '../context';
import { parseKbliPrefix } from '../domain/kbli';
import { prefixRange, searchWords } from '../domain/search';
import type { Prisma } from '../generated/prisma/client';
import type { ProductConditions } from './sources';
import { semarangToday } from './size';

/** Longest search text accepted; searchWords keeps at most 8 words of it anyway. */
export const SEARCH_MAX = 200;

export const EnterpriseOrderField = builder.enumType('EnterpriseOrderField', {
  description: 'What enterprises can be sorted by.',
  values: {
    NAME: { description: 'Business name.' },
    FOUNDED_ON: { description: 'Founding date.' },
    EMPLOYEES: { description: 'Number of workers.' },
    CREATED_AT: { description: 'When the record was created.' },
  },
});

export const EnterpriseOrder = builder.inputType('EnterpriseOrder', {
  description: 'One sort key for enterprises.',
  fields: (t) => ({
    field: t.field({ type: EnterpriseOrderField, required: true, description: 'What to sort by.' }),
    direction: t.field({ type: OrderDirection, defaultValue: 'ASC', description: 'Sort direction; ASC by default.' }),
  }),
});

export const EnterpriseFilter = builder.inputType('EnterpriseFilter', {
  description:
    'Narrows the list of enterprises. All given conditions must hold (AND). An invalid value (e.g. a KBLI prefix of 1 digit, a negative capacity, an ID of another type) is a BAD_USER_INPUT error, not an empty list, so a typo is never mistaken for "no IKM matches".',
  fields: (t) => ({
    sector: t.field({ type: SectorEnum, description: 'Manufacturing sector.' }),
    kbli: t.string({
      description: 'An exact 5-digit KBLI code the enterprise is registered under (any edition), e.g. "13134".',
    }),
    kbliPrefix: t.string({
      description: 'A KBLI prefix of 2 to 5 digits, e.g. "10" (food) or "1313" (finishing of textiles).',
    }),
    sentraId: t.id({ description: 'Global ID of a Sentra IKM the enterprise belongs to.' }),
    sentraSlug: t.string({ description: 'Slug of a Sentra IKM the enterprise belongs to, e.g. "kampung-batik-malon".' }),
    districtCode: t.string({
      description: 'Kemendagri code of the kecamatan (district), written NN.NN.NN, e.g. "33.74.12" for Gunungpati.',
    }),
    regencyCodes: t.stringList({
      description: 'Only IKM in these kabupaten/kota, by Kemendagri code (e.g. ["33.74", "33.21"] for Kota Semarang and Kabupaten Demak): the kecamatan of the IKM lies in one of them.',
    }),
    sizeClass: t.field({
      type: SizeClassEnum,
      description:
        'Size class under PP 7/2021 art. 35, with the same thresholds as the sizeClass field: by annual sales, or by business capital when no sales are recorded.',
    }),
    certification: t.field({
      type: CertificationKindEnum,
      description: "Holds a certification of this kind that has not expired before today's date in Semarang.",
    }),
    productCategory: t.string({
      description: 'Makes a product of this category slug, e.g. "batik-tulis". Combined with minMonthlyCapacity and productUnit, one product must satisfy all of them.',
    }),
    productCategories: t.stringList({
      description: `Makes a product of any of these category slugs (at most ${MAX_FILTER_CATEGORIES}), e.g. ["makanan-ringan", "kopi"]. Not with productCategory. Combined with minMonthlyCapacity and productUnit, one product must satisfy all of them.`,
    }),
    productUnit: t.string({
      description: 'Makes a product counted in this unit, e.g. "pcs" (case-insensitive). Give it with minMonthlyCapacity so capacities are comparable.',
    }),
    minMonthlyCapacity: t.int({
      description:
        'Makes at least one product with this monthly capacity or more (0 or more). Combined with productCategory and productUnit, the same product must satisfy all of them.',
    }),
    foundedBefore: t.field({ type: 'Date', description: 'Founded strictly before this date.' }),
    search: t.string({
      description: `Full-text search over name, description, products, product categories and sentra name: case- and accent-insensitive, every word must appear, each as a word prefix ("BATIK tul" finds "Batik Tulis…"). At most ${SEARCH_MAX} characters; text without letters or digits is ignored.`,
    }),
    includeArchived: t.boolean({
      defaultValue: false,
      description: 'Include archived records. By default only ACTIVE enterprises are listed.',
    }),
  }),
});

export type EnterpriseFilterShape = typeof EnterpriseFilter.$inferInput;
export type EnterpriseOrderShape = typeof EnterpriseOrder.$inferInput;


/** What one product of the enterprise must be (validated), or null when the filter asks nothing of products. */
export function productConditions(filter: EnterpriseFilterShape): ProductConditions | null {
  const product: ProductConditions = {};
  const categories = filterCategories(filter);
  if (categories) product.categories = categories;
  if (filter.productUnit != null) {
    const unit = filter.productUnit.trim();
    if (unit === '') throw badFilter('productUnit', 'must not be empty.');
    product.unit = unit;
  }
  if (filter.minMonthlyCapacity != null) {
    if (filter.minMonthlyCapacity < 0) throw badFilter('minMonthlyCapacity', 'must be 0 or more.');
    product.minMonthlyCapacity = filter.minMonthlyCapacity;
  }
  return Object.keys(product).length > 0 ? product : null;
}

/**
 * Translates an EnterpriseFilter into a Prisma where. Throws BAD_USER_INPUT for values that cannot
 * be right (queries have no payload for user errors).
 */
export function enterpriseWhere(
  filter: EnterpriseFilterShape | null | undefined,
  ctx: Context,
): Prisma.EnterpriseWhereInput {
  const and: Prisma.EnterpriseWhereInput[] = [];
  if (!filter?.includeArchived) and.push({ status: 'ACTIVE' });
  if (!filter) return { AND: and };

  if (filter.sector) and.push({ sector: filter.sector });
  if (filter.kbli != null) {
    const parsed = parseKbliPrefix(filter.kbli);
    if (!parsed.ok || parsed.value.length !== 5) {
      throw badFilter('kbli', `A KBLI code must be exactly 5 digits, e.g. "13134". Use kbliPrefix for 2 to 4 digits.`);
    }
    and.push({ kbliCodes: { some: { code: parsed.value } } });
  }
  if (filter.kbliPrefix != null) {
    const parsed = parseKbliPrefix(filter.kbliPrefix);
    if (!parsed.ok) throw badFilter('kbliPrefix', parsed.message);
    and.push({ kbliCodes: { some: { code: prefixRange(parsed.value) } } });
  }
  if (filter.sentraId != null) {
    const id = idOf(String(filter.sentraId), 'Sentra');
    if (!id) throw badFilter('sentraId', 'is not the global ID of a Sentra.');
    and.push({ sentraId: id });
  }
  if (filter.sentraSlug != null) and.push({ sentra: { slug: filter.sentraSlug.trim() } });
  if (filter.districtCode != null) {
    const code = filter.districtCode.trim();
    if (!isDistrictCode(code)) {
      throw badFilter('districtCode', `must be ${DISTRICT_CODE_RULE}.`);
    }
    and.push({ district: { code } });
  }
  const regencyCodes = regencyCodesFilter(filter.regencyCodes);
  if (regencyCodes) and.push({ district: districtInRegencies(regencyCodes) });
  // A column the database derives from the figures with the domain's ceilings (migration directory_sort_keys).
  if (filter.sizeClass) and.push({ sizeClass: filter.sizeClass });
  if (filter.certification) {
    and.push({
      certifications: {
        some: {
          kind: filter.certification,
          OR: [{ expiresOn: null }, { expiresOn: { gte: semarangToday(ctx.now) } }],
        },
      },
    });
  }

  const product = productConditions(filter);
  if (product) {
    and.push({
      products: {
        some: {
          // Categories are stored as lower-case slugs (validate.ts), as filterCategories gives them: equality uses the index.
          ...(product.categories ? { category: { in: product.categories } } : {}),
          // Prisma writes an insensitive equals as ILIKE: its wildcards escaped, "%" is a unit, not any unit.
          ...(product.unit !== undefined ? { unit: { equals: escapeLike(product.unit), mode: 'insensitive' } } : {}),
          ...(product.minMonthlyCapacity !== undefined ? { monthlyCapacity: { gte: product.minMonthlyCapacity } } : {}),
        },
      },
    });
  }

  if (filter.foundedBefore) and.push({ foundedOn: { lt: filter.foundedBefore } });
  if (filter.search != null) {
    if (filter.search.length > SEARCH_MAX) {
      throw badFilter('search', `must be at most ${SEARCH_MAX} characters; got ${filter.search.length}.`);
    }
    // Each word a prefix of one of the enterprise's words (EnterpriseSearchTerm, kept by the database).
    for (const word of searchWords(filter.search)) and.push({ searchTerms: { some: { term: prefixRange(word) } } });
  }
  return { AND: and };
}

/**
 * enterpriseWhere with a sentra's slug looked up first: the directory then reads that sentra's
 * members from the index (sentraId, status, name, id) in order, where a join on the slug made
 * PostgreSQL walk every IKM in name order (the sentra is one row it cannot foresee).
 */
export async function directoryWhere(filter: EnterpriseFilterShape | null | undefined, ctx: Context): Promise<Prisma.EnterpriseWhereInput> {
  if (filter?.sentraSlug == null) return enterpriseWhere(filter, ctx);
  const where = enterpriseWhere({ ...filter, sentraSlug: null }, ctx);
  const sentra = await ctx.prisma.sentra.findUnique({ where: { slug: filter.sentraSlug.trim() }, select: { id: true } });
  return { AND: [where, sentra ? { sentraId: sentra.id } : { id: { in: [] } }] };
}

/** Prisma orderBy for EnterpriseOrder keys; by name by default, id last for stable cursors. */
export function enterpriseOrderBy(orders: readonly EnterpriseOrderShape[] | null | undefined) {
  return toOrderBy<EnterpriseOrderShape['field'], Prisma.EnterpriseOrderByWithRelationInput>(
    orders,
    (field, dir) => {
      switch (field) {
        case 'FOUNDED_ON':
          return { foundedOn: dir };
        case 'EMPLOYEES':
          return { employees: dir };
        case 'CREATED_AT':
          return { createdAt: dir };
        default:
          return { name: dir };
      }
    },
    [{ name: 'asc' }],
  );
}
