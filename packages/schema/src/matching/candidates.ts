import type { Context } from '../context';
import type {
  BookkeepingPractice,
  CertificationKind,
  CounterpartProfile,
  EnterpriseCandidateFilter,
  EnterpriseProfile,
  Factor,
  FunderType,
  PartnerCandidateFilter,
  PartnerKind,
  Sector,
  Weights,
} from '../domain/matching';
import { Prisma } from '../generated/prisma/client';

/**
 * The candidate filters of domain/matching/candidate-filter.ts as SQL, reading only the columns
 * the scorer needs. One parameterised statement per ranking, whatever the number of candidates:
 * an IKM's KBLI codes, products and certifications come back aggregated on its row.
 *
 * Child lists come back as text, in a fixed order, because the ranking uses them twice: as memo
 * keys (two IKM with the same KBLI text get the same SECTOR evaluation, see ranker.ts) and, parsed,
 * as the profile the domain scores. Certifications are read against the request's date here: a
 * certificate still valid is written without its expiry date (the scorer treats both alike), one
 * that lapsed keeps its date for the reason, so the text stays a small set of keys.
 */

/** A candidate IKM as the statement returns it. */
export type CandidateRow = {
  id: string;
  sector: Sector;
  foundedOn: Date;
  annualTurnover: bigint | null;
  businessCapital: bigint | null;
  bookkeeping: BookkeepingPractice;
  districtCode: string;
  districtName: string;
  sentraId: string | null;
  sentraName: string | null;
  /** "13134*,10710": codes primary first, a star on the primary. */
  kbli: string | null;
  /** Products by name: category \x1d monthlyCapacity \x1d unit, joined by \x1e. */
  products: string | null;
  /** The categories alone, in the same order, joined by \x1e. */
  categories: string | null;
  /** "HALAL,PIRT@2025-01-31": kinds held, and the expiry date of each that lapsed before the request. */
  certs: string | null;
  /** Amount of the latest OPEN financing need. */
  need: bigint | null;
};

/** Extra narrowing chosen by the caller (RecommendationFilter), applied in SQL too. */
export type Narrowing = {
  sectors?: readonly Sector[] | null;
  districtCodes?: readonly string[] | null;
  sentraId?: string | null;
  /** Only these enterprises (a ranking of one IKM's own profile). */
  ids?: readonly string[] | null;
  /** Not these (IKM already met, for notMetBefore). */
  notIds?: readonly string[] | null;
  /** Only this kabupaten/kota's (Regency id): a regional officer's rankings (common/region.ts). */
  regencyId?: string | null;
  /**
   * The kecamatan the partner serves (filter.districtCodeIn) checked on each row read, never read
   * from their index: for candidates read by the partner's own kecamatan's key (top.ts), a bitmap
   * of every served kecamatan's IKM ANDed with theirs cost more than the check (a funder's office
   * kecamatan at a million IKM: 80,000 IKM for 15,500, 110 ms against 62).
   */
  servedOnRows?: boolean;
};

/**
 * Enterprise e's match keys with its kecamatan's ("d:" and the District id), as their GIN index
 * reads them (migration match_keys): a condition on this expression is an index scan.
 */
export const MATCH_KEYS = Prisma.sql`(e."matchKeys" || ARRAY['d:' || e."districtId"::text])`;

/** The kecamatan's key among MATCH_KEYS. */
export const districtKey = (code: string) => Prisma.sql`ARRAY['d:' || (SELECT k.id FROM "District" k WHERE k.code = ${code})::text]`;

/**
 * Enterprise.matchKeys (migrations match_keys and match_keys_certs_capacity): KBLI prefixes of 2 to
 * 5 digits, product categories, the kinds it has a certificate of (lapsed or not), and each
 * category's monthly capacity band.
 */
export const KBLI_PREFIX_KEY = /^[0-9]{2,5}$/;
export const kbliKeys = (prefixes: readonly string[]): string[] => prefixes.map((p) => `k:${p}`);
export const categoryKeys = (categories: readonly string[]): string[] => categories.map((c) => `c:${c}`);
export const certificationKeys = (kinds: readonly string[]): string[] => kinds.map((k) => `q:${k}`);

/** The highest band: any capacity from 2^31 on. */
export const MAX_CAPACITY_BAND = 31;
/** The band b of a positive capacity, 2^b <= capacity < 2^(b+1) (match_keys_band). */
export const capacityBand = (capacity: number): number => Math.min(MAX_CAPACITY_BAND, capacity.toString(2).length - 1);
export const capacityKey = (category: string, band: number): string => `v:${category}:${band}`;

/** The keys the triggers keep for an IKM with these 5-digit KBLI codes, products and certificate kinds, for bulk loads that write them. */
export function matchKeysOf(
  codes: readonly string[],
  products: readonly { category: string; monthlyCapacity: number }[],
  certifications: readonly string[],
): string[] {
  const prefixes = codes.flatMap((code) => [2, 3, 4, 5].map((n) => code.slice(0, n)));
  const capacity = new Map<string, number>();
  for (const p of products) capacity.set(p.category, (capacity.get(p.category) ?? 0) + Math.max(p.monthlyCapacity, 0));
  const bands = [...capacity].filter(([, sum]) => sum > 0).map(([category, sum]) => capacityKey(category, capacityBand(sum)));
  // Sorted, as the triggers store them (migration match_keys_certs_capacity): IKM of the same keys get one match class.
  return [...new Set([...kbliKeys(prefixes), ...categoryKeys([...capacity.keys()]), ...bands, ...certificationKeys(certifications)])].sort();
}

/**
 * Enterprise e in these kecamatan, by their ids: Enterprise's index on districtId reads them, with
 * no join to District that the planner could loop over.
 */
export function inDistricts(codes: readonly string[]): Prisma.Sql {
  return Prisma.sql`e."districtId" = ANY(ARRAY(SELECT k.id FROM "District" k WHERE k.code = ANY(${[...codes]}::text[])))`;
}

/** A condition checked on each row read (IS TRUE: the same condition, which no index serves). */
const onRows = (condition: Prisma.Sql) => Prisma.sql`(${condition}) IS TRUE`;

/** The WHERE of an enterprise candidate set, over "Enterprise" e alone: the domain's filter and the caller's narrowing. */
export function enterpriseCandidateWhere(filter: EnterpriseCandidateFilter | null, narrowing: Narrowing = {}): Prisma.Sql {
  const and: Prisma.Sql[] = [Prisma.sql`e.status = 'ACTIVE'`];
  if (narrowing.ids) and.push(Prisma.sql`e.id = ANY(${[...narrowing.ids]}::uuid[])`);
  if (narrowing.notIds && narrowing.notIds.length > 0) and.push(Prisma.sql`e.id <> ALL(${[...narrowing.notIds]}::uuid[])`);
  if (filter?.excludeEnterpriseId) and.push(Prisma.sql`e.id <> ${filter.excludeEnterpriseId}::uuid`);
  if (filter?.districtCodeIn) and.push(narrowing.servedOnRows ? onRows(inDistricts(filter.districtCodeIn)) : inDistricts(filter.districtCodeIn));
  if (filter?.regencyCodeIn) {
    and.push(Prisma.sql`e."districtId" = ANY(ARRAY(SELECT k.id FROM "District" k JOIN "Regency" r ON r.id = k."regencyId" WHERE r.code = ANY(${filter.regencyCodeIn}::text[])))`);
  }
  if (narrowing.districtCodes) and.push(inDistricts(narrowing.districtCodes));
  // On the rows: a kabupaten/kota holds up to a quarter of a province's IKM, and its kecamatan's
  // index ANDed with the flags' bitmap cost more than the check (Kota Semarang's officer at a
  // million IKM: 270,000 IKM for 319, 108 ms of a 137 ms read).
  if (narrowing.regencyId) and.push(onRows(Prisma.sql`e."districtId" = ANY(ARRAY(SELECT k.id FROM "District" k WHERE k."regencyId" = ${narrowing.regencyId}::uuid))`));
  if (narrowing.sectors) and.push(Prisma.sql`e.sector = ANY(${[...narrowing.sectors]}::text[]::"Sector"[])`);
  if (narrowing.sentraId) and.push(Prisma.sql`e."sentraId" = ${narrowing.sentraId}::uuid`);
  if (filter?.fit) and.push(fitSql(filter.fit, MATCH_KEYS));
  return Prisma.join(and, ' AND ');
}

/** A partner's fit: a sector, KBLI prefixes or product categories among `keys`, an expression over e. */
function fitSql({ sectorIn, kbliStartsWithAny, productCategoryIn }: NonNullable<EnterpriseCandidateFilter['fit']>, keys: Prisma.Sql): Prisma.Sql {
  const any: Prisma.Sql[] = [];
  if (sectorIn.length > 0) any.push(Prisma.sql`e.sector = ANY(${sectorIn}::text[]::"Sector"[])`);
  // Golongan pokok and supply-chain prefixes (2 to 5 digits) and categories, read from the GIN index of the keys.
  const sought = [...kbliKeys(kbliStartsWithAny), ...categoryKeys(productCategoryIn)];
  if (sought.length > 0) any.push(Prisma.sql`${keys} && ${sought}::text[]`);
  // A stated filter whose lists are all empty matches nothing (candidate-filter.ts).
  return any.length > 0 ? Prisma.sql`(${Prisma.join(any, ' OR ')})` : Prisma.sql`false`;
}

/**
 * The match classes (MatchClass e, migration match_classes) that may hold candidates of
 * enterpriseCandidateWhere: those of its conditions a class decides (a sector, the fit's keys),
 * the rest left to the IKM's rows.
 */
export function enterpriseClassWhere(filter: EnterpriseCandidateFilter | null, narrowing: Narrowing = {}): Prisma.Sql {
  const and: Prisma.Sql[] = [Prisma.sql`e.enterprises > 0`];
  if (narrowing.sectors) and.push(Prisma.sql`e.sector = ANY(${[...narrowing.sectors]}::text[]::"Sector"[])`);
  if (filter?.fit) and.push(fitSql(filter.fit, Prisma.sql`e."matchKeys"`));
  return Prisma.join(and, ' AND ');
}

/** The child lists a ranking reads; a list no weighted factor reads is not fetched (it comes back null). */
export type Parts = { kbli: boolean; products: boolean; certs: boolean; need: boolean };
export const ALL_PARTS: Parts = { kbli: true, products: true, certs: true, need: true };

/**
 * Which lists the factors with a weight above 0 read: SECTOR and SUPPLY_CHAIN the KBLI codes,
 * PRODUCT and CAPACITY the products, CERTIFICATION the certificates, TICKET_SIZE the financing
 * need. The domain scores only weighted factors, so a funder's ranking (ticket, readiness, sector,
 * district, feedback) never reads products or certificates, and does not fetch them.
 */
export function partsFor(weights: Weights): Parts {
  const on = (...factors: Factor[]) => factors.some((f) => (weights[f] ?? 0) > 0);
  return {
    kbli: on('SECTOR', 'SUPPLY_CHAIN'),
    products: on('PRODUCT', 'CAPACITY'),
    certs: on('CERTIFICATION'),
    need: on('TICKET_SIZE'),
  };
}

/** Between the fields of a candidate's row: ASCII unit separator, which no field can hold (see below). */
const SEP = '\x1f';

/**
 * `asOfDay` is the request's date, YYYY-MM-DD: certificates expiring before it have lapsed.
 *
 * Each candidate comes back as ONE text column, its fields joined by the unit separator: drivers
 * convert a result value by value, and with a dozen typed columns the conversion of 100,000 rows
 * cost more than the query itself (3× on PGlite). No field can contain the separator: ids, codes,
 * enums, numbers and dates cannot; names and product categories and units have it (and the two
 * list separators, \x1e between products and \x1d between a product's fields) replaced by a
 * space. Structured text (JSON) was tried for the products and cost PostgreSQL a third more.
 */
export function enterpriseCandidateSql(where: Prisma.Sql, asOfDay: string, parts: Parts = ALL_PARTS): Prisma.Sql {
  const kbli = parts.kbli
    ? Prisma.sql`(SELECT string_agg(btrim(k.code) || CASE WHEN k."isPrimary" THEN '*' ELSE '' END, ',' ORDER BY k."isPrimary" DESC, k.code, k.version)
         FROM "EnterpriseKbli" k WHERE k."enterpriseId" = e.id)`
    : Prisma.sql`NULL::text`;
  // Free text inside a list has the separators replaced (translate), so the list splits back exactly.
  const clean = (column: Prisma.Sql) => Prisma.sql`translate(${column}, E'\x1d\x1e\x1f', '   ')`;
  const products = parts.products
    ? Prisma.sql`LEFT JOIN LATERAL (
      SELECT string_agg(${clean(Prisma.sql`p.category`)} || E'\x1d' || p."monthlyCapacity" || E'\x1d' || ${clean(Prisma.sql`p.unit`)},
                        E'\x1e' ORDER BY p.name, p.id) AS products,
             string_agg(${clean(Prisma.sql`p.category`)}, E'\x1e' ORDER BY p.name, p.id) AS categories
      FROM "EnterpriseProduct" p WHERE p."enterpriseId" = e.id
    ) pr ON true`
    : Prisma.sql`LEFT JOIN (SELECT NULL::text AS products, NULL::text AS categories) pr ON true`;
  const certs = parts.certs
    ? Prisma.sql`(SELECT string_agg(c.kind::text || CASE WHEN c."expiresOn" IS NULL OR c."expiresOn" >= ${asOfDay}::date THEN ''
                         ELSE '@' || to_char(c."expiresOn", 'YYYY-MM-DD') END, ',' ORDER BY c.kind)
         FROM "Certification" c WHERE c."enterpriseId" = e.id)`
    : Prisma.sql`NULL::text`;
  const need = parts.need
    ? Prisma.sql`(SELECT f.amount FROM "FinancingNeed" f WHERE f."enterpriseId" = e.id AND f.status = 'OPEN'
         ORDER BY f."createdAt" DESC, f.id DESC LIMIT 1)`
    : Prisma.sql`NULL::bigint`;
  return Prisma.sql`
    SELECT concat_ws(E'\x1f', e.id, e.sector, to_char(e."foundedOn", 'YYYY-MM-DD'),
      coalesce(e."annualTurnover"::text, ''), coalesce(e."businessCapital"::text, ''), e.bookkeeping,
      d.code, replace(d.name, E'\x1f', ' '), coalesce(s.id::text, ''), coalesce(replace(s.name, E'\x1f', ' '), ''),
      coalesce(${kbli}, ''), coalesce(pr.products, ''), coalesce(pr.categories, ''), coalesce(${certs}, ''),
      coalesce(${need}::text, '')) AS r
    FROM "Enterprise" e
    JOIN "District" d ON d.id = e."districtId"
    LEFT JOIN "Sentra" s ON s.id = e."sentraId"
    ${products}
    WHERE ${where}`;
}

/** Rows of enterpriseCandidateSql as CandidateRows; equal dates share one Date. */
export function parseCandidates(rows: readonly { r: string }[]): CandidateRow[] {
  const dates = new Map<string, Date>();
  const text = (v: string) => (v === '' ? null : v);
  const money = (v: string) => (v === '' ? null : BigInt(v));
  return rows.map(({ r }) => {
    const f = r.split(SEP);
    let foundedOn = dates.get(f[2]!);
    if (!foundedOn) dates.set(f[2]!, (foundedOn = new Date(`${f[2]}T00:00:00.000Z`)));
    return {
      id: f[0]!,
      sector: f[1] as Sector,
      foundedOn,
      annualTurnover: money(f[3]!),
      businessCapital: money(f[4]!),
      bookkeeping: f[5] as BookkeepingPractice,
      districtCode: f[6]!,
      districtName: f[7]!,
      sentraId: text(f[8]!),
      sentraName: text(f[9]!),
      kbli: text(f[10]!),
      products: text(f[11]!),
      categories: text(f[12]!),
      certs: text(f[13]!),
      need: money(f[14]!),
    };
  });
}

export async function loadEnterpriseCandidates(
  ctx: Pick<Context, 'prisma'>,
  where: Prisma.Sql,
  asOfDay: string,
  parts: Parts = ALL_PARTS,
): Promise<CandidateRow[]> {
  return parseCandidates(await ctx.prisma.$queryRaw<{ r: string }[]>(enterpriseCandidateSql(where, asOfDay, parts)));
}

function parseKbli(text: string | null): { code: string; isPrimary: boolean }[] {
  if (!text) return [];
  return text.split(',').map((c) => (c.endsWith('*') ? { code: c.slice(0, -1), isPrimary: true } : { code: c, isPrimary: false }));
}

function parseCerts(text: string | null): { kind: CertificationKind; expiresOn: Date | null }[] {
  if (!text) return [];
  return text.split(',').map((c) => {
    const [kind, expired] = c.split('@') as [CertificationKind, string | undefined];
    return { kind, expiresOn: expired ? new Date(`${expired}T00:00:00.000Z`) : null };
  });
}

/** What the viewer may not read of a candidate is left out of its profile (privacy.ts). */
export type Withheld = { financials: boolean; needs: boolean };
export const NOTHING_WITHHELD: Withheld = { financials: false, needs: false };

function parseProducts(text: string | null): { category: string; monthlyCapacity: number; unit: string }[] {
  if (!text) return [];
  return text.split('\x1e').map((p) => {
    const [category, capacity, unit] = p.split('\x1d') as [string, string, string];
    return { category, monthlyCapacity: Number(capacity), unit };
  });
}

/**
 * The candidate as the scorer sees it. Lists are parsed when a component first reads them: the
 * ranking evaluates a component only for a value of its fields it has not met yet (ranker.ts), so
 * most candidates never have their products or certificates parsed.
 */
class CandidateProfile implements EnterpriseProfile {
  readonly id: string;
  readonly sector: Sector;
  readonly districtCode: string;
  readonly districtName: string;
  readonly sentra: { id: string; name: string } | null;
  readonly annualTurnover: bigint | null;
  readonly businessCapital: bigint | null;
  readonly bookkeeping: BookkeepingPractice;
  readonly foundedOn: Date;
  readonly financingNeed: bigint | null;
  #kbli: EnterpriseProfile['kbliCodes'] | null = null;
  #products: EnterpriseProfile['products'] | null = null;
  #certs: EnterpriseProfile['certifications'] | null = null;

  constructor(
    private readonly row: CandidateRow,
    withheld: Withheld,
  ) {
    this.id = row.id;
    this.sector = row.sector;
    this.districtCode = row.districtCode;
    this.districtName = row.districtName;
    this.sentra = row.sentraId ? { id: row.sentraId, name: row.sentraName ?? '' } : null;
    this.annualTurnover = row.annualTurnover;
    this.businessCapital = row.businessCapital;
    // Withheld bookkeeping earns no credit: the lowest rung, and the reason says why (privacy.ts).
    this.bookkeeping = withheld.financials ? 'NONE' : row.bookkeeping;
    this.foundedOn = row.foundedOn;
    this.financingNeed = withheld.needs ? null : row.need;
  }

  get kbliCodes() {
    return (this.#kbli ??= parseKbli(this.row.kbli));
  }

  get products() {
    return (this.#products ??= parseProducts(this.row.products));
  }

  get certifications() {
    return (this.#certs ??= parseCerts(this.row.certs));
  }
}

export function profileOf(row: CandidateRow, withheld: Withheld = NOTHING_WITHHELD): EnterpriseProfile {
  return new CandidateProfile(row, withheld);
}

// --- Partners for an enterprise ---------------------------------------------------------------

export type PartnerRow = {
  id: string;
  kind: PartnerKind;
  funderType: FunderType | null;
  sectors: Sector[];
  kbliPrefixes: string[];
  productCategories: string[];
  districtCodes: string[];
  regencyCodes: string[];
  districtCode: string | null;
  volumeMin: number | null;
  volumeMax: number | null;
  ticketMin: bigint | null;
  ticketMax: bigint | null;
};

/**
 * The partner columns scoring reads, with the code of its office's kecamatan: looked up per partner
 * by its key, since a join let PostgreSQL, which expects one partner, loop over every kecamatan.
 */
const PARTNER_COLUMNS = Prisma.sql`p.id::text AS id, p.kind::text AS kind, p."funderType"::text AS "funderType",
  p.sectors::text[] AS sectors, p."kbliPrefixes", p."productCategories", p."districtCodes", COALESCE(p."regencyCodes", '{}') AS "regencyCodes",
  (SELECT d.code FROM "District" d WHERE d.id = p."districtId") AS "districtCode",
  p."volumeMin", p."volumeMax", p."ticketMin", p."ticketMax"`;

export function partnerCandidateSql(filter: PartnerCandidateFilter): Prisma.Sql {
  const { fit } = filter;
  const and: Prisma.Sql[] = [
    Prisma.sql`p.status = 'ACTIVE'`,
    Prisma.sql`(cardinality(p."districtCodes") = 0 OR p."districtCodes" @> ARRAY[${filter.servesDistrictCode}]::text[])`,
    Prisma.sql`(COALESCE(cardinality(p."regencyCodes"), 0) = 0 OR p."regencyCodes" @> ARRAY[${filter.servesRegencyCode}]::text[])`,
  ];
  if (filter.kindIn) and.push(Prisma.sql`p.kind = ANY(${filter.kindIn}::text[]::"PartnerKind"[])`);
  const any: Prisma.Sql[] = [
    Prisma.sql`(cardinality(p.sectors) = 0 AND cardinality(p."kbliPrefixes") = 0 AND cardinality(p."productCategories") = 0)`,
    Prisma.sql`p.sectors @> ARRAY[${fit.sectorsContain}]::text[]::"Sector"[]`,
  ];
  if (fit.kbliPrefixGroupIn.length > 0) {
    any.push(Prisma.sql`EXISTS (SELECT 1 FROM unnest(p."kbliPrefixes") x WHERE left(x, 2) = ANY(${fit.kbliPrefixGroupIn}::text[]))`);
  }
  if (fit.soughtCategoriesOverlap.length > 0) {
    any.push(Prisma.sql`(p.kind <> 'SUPPLIER' AND p."productCategories" && ${fit.soughtCategoriesOverlap}::text[])`);
  }
  if (fit.suppliedCategoriesOverlap.length > 0) {
    any.push(Prisma.sql`(p.kind = 'SUPPLIER' AND p."productCategories" && ${fit.suppliedCategoriesOverlap}::text[])`);
  }
  and.push(Prisma.sql`(${Prisma.join(any, ' OR ')})`);
  return Prisma.sql`SELECT ${PARTNER_COLUMNS} FROM "Partner" p WHERE ${Prisma.join(and, ' AND ')}`;
}

export function partnerByIdSql(id: string): Prisma.Sql {
  return Prisma.sql`SELECT ${PARTNER_COLUMNS} FROM "Partner" p WHERE p.id = ${id}::uuid`;
}

export function counterpartOf(row: PartnerRow): CounterpartProfile {
  return {
    id: row.id,
    kind: row.kind,
    funderType: row.funderType,
    sectors: row.sectors,
    kbliPrefixes: row.kbliPrefixes,
    productCategories: row.productCategories,
    districtCode: row.districtCode,
    districtCodes: row.districtCodes,
    regencyCodes: row.regencyCodes,
    volumeMin: row.volumeMin,
    volumeMax: row.volumeMax,
    ticketMin: row.ticketMin,
    ticketMax: row.ticketMax,
    // The Partner model has no column for required certifications yet (see domain types).
    requiredCertifications: [],
  };
}
