import { countOrEstimate, ESTIMATED_WITHOUT_COUNTING, EXACT_COUNT_LIMIT } from '../common/counting';
import { idOf } from '../common/global-id';
import { requestCache } from '../common/request-cache';
import type { Context } from '../context';
import { parseKbliPrefix } from '../domain/kbli';
import { searchWords } from '../domain/search';
import { RecordStatus } from '../generated/prisma/enums';
import { countUpToLimit, pageOfIds, type PageSql, type Paging } from '../planner/page';
import { combinedCount, combinedRows, estimatedRows } from './combined-read';
import { sampledCount } from './sampled-count';
import { directoryWhere, type EnterpriseFilterShape, type EnterpriseOrderShape, enterpriseWhere, productConditions } from './filter';
import { searchCount, walkedRows } from './search-read';
import { semarangToday } from './size';
import { certificationSource, districtsSource, enterpriseSource, kbliSource, productSource, type Source, wordSource } from './sources';

/**
 * How the directory reads a filter in its default order (by name), beside Prisma's general read:
 * no filter, or one word alone, in one statement; products, a KBLI code or prefix, or a
 * certification alone, from their index with an exact count up to 10,000; several conditions
 * together as a combined filter (combined-read.ts). A kecamatan (or a kabupaten's) with a sector
 * or a size class alone has an index of its own, and a condition on the enterprise's row alone is an index walk:
 * Prisma reads those, as it reads any other order and archived IKM.
 */
type DirectoryRead =
  | { all: true }
  | { word: string }
  | { alone: ReturnType<typeof walkedRows>; source: Source }
  /** `broad`: products without a category alone; read by capacity when few qualify, else most IKM do, so Prisma walks the directory briefly, and the count is PostgreSQL's estimate first. */
  | { sources: Source[]; broad?: true }
  /** Archived IKM too, and no condition. */
  | { everyStatus: true };

/** The conditions of a filter as sources, with their ids looked up (a kecamatan, a kabupaten's kecamatan, a sentra's slug); null when one names nothing (the general read answers: none). */
export async function filterSources(filter: EnterpriseFilterShape, ctx: Pick<Context, 'prisma' | 'now'>): Promise<Source[] | null> {
  const kbli = [filter.kbli, filter.kbliPrefix].flatMap((code) => {
    const parsed = code == null ? null : parseKbliPrefix(code);
    return parsed?.ok ? [parsed.value] : [];
  });
  const sources: Source[] = (filter.search != null ? searchWords(filter.search) : []).map((word) => wordSource(word, kbli));
  const product = productConditions(filter);
  if (product) sources.push(productSource(product));
  sources.push(...kbli.map(kbliSource));
  if (filter.certification) sources.push(certificationSource(filter.certification, semarangToday(ctx.now)));
  if (filter.districtCode != null || filter.regencyCodes != null) {
    const districts = await ctx.prisma.district.findMany({
      where: { AND: [filter.districtCode != null ? { code: filter.districtCode.trim() } : {}, filter.regencyCodes != null ? { regency: { code: { in: filter.regencyCodes.map((c) => c.trim()) } } } : {}] },
      select: { id: true },
    });
    if (districts.length === 0) return null;
    sources.push(districtsSource(districts.map((d) => d.id)));
  }
  const { sector, sizeClass } = filter;
  if (sector) sources.push(enterpriseSource({ key: `sector:${sector}`, on: (e, $) => `${e}.sector = ${$(sector)}::"Sector"`, inNameOrder: true, clustered: true }));
  if (sizeClass) sources.push(enterpriseSource({ key: `size:${sizeClass}`, on: (e, $) => `${e}."sizeClass" = ${$(sizeClass)}::"SizeClass"`, inNameOrder: true, clustered: false }));
  const sentra = await sentraOf(filter, ctx);
  if (sentra === null) return null;
  if (sentra) sources.push(enterpriseSource({ key: `sentra:${sentra}`, on: (e, $) => `${e}."sentraId" = ${$(sentra)}::uuid`, inNameOrder: true, clustered: false }));
  const { foundedBefore } = filter;
  if (foundedBefore) sources.push(enterpriseSource({ key: `founded:${foundedBefore.toISOString()}`, on: (e, $) => `${e}."foundedOn" < ${$(foundedBefore)}::date`, inNameOrder: false, clustered: false }));
  return sources;
}

/** The sentra the filter names (by global ID or slug, both the same one when both are given); undefined when none is asked, null when none is found. */
async function sentraOf(filter: EnterpriseFilterShape, ctx: Pick<Context, 'prisma'>): Promise<string | null | undefined> {
  const ids = new Set<string>();
  if (filter.sentraId != null) ids.add(idOf(String(filter.sentraId), 'Sentra')!);
  if (filter.sentraSlug != null) {
    const sentra = await ctx.prisma.sentra.findUnique({ where: { slug: filter.sentraSlug.trim() }, select: { id: true } });
    if (!sentra) return null;
    ids.add(sentra.id);
  }
  return ids.size > 1 ? null : [...ids][0];
}

/**
 * How many IKM a condition alone has: its walk counted up to EXACT_COUNT_LIMIT + 1, unless
 * PostgreSQL expects several times the limit of its rows (one range of an index: close); more, from
 * a sample of the registry's pages (sampled-count.ts: PostgreSQL's estimate counts the condition's
 * rows, not the IKM that have them). A prefix's walk reads that many rows for each of its codes and
 * sorts them to drop the IKM it meets twice (KBLI "10": its 19 codes, 90 ms at a million IKM).
 */
async function aloneCount(source: Source, rows: ReturnType<typeof walkedRows>, ctx: Context, count: (prisma: Context['prisma'], take?: number) => Promise<number>): Promise<number> {
  const { sql } = ctx;
  const counted = sql && (await estimatedRows(source, ctx, sql)) > ESTIMATED_WITHOUT_COUNTING ? null : await countUpToLimit(rows, ctx);
  if (!sql || (counted !== null && counted <= EXACT_COUNT_LIMIT)) return countOrEstimate(ctx, count, counted);
  return (await sampledCount([source], sql, async () => counted ?? count(ctx.prisma, EXACT_COUNT_LIMIT + 1))) ?? countOrEstimate(ctx, count, counted);
}

/** Whether Prisma serves these conditions alone well: one on the enterprise's row, or a kecamatan (or a kabupaten's) with a sector or a size class, or a sector with a size class (their indexes). */
function servedByIndex(filter: EnterpriseFilterShape, sources: readonly Source[]): boolean {
  if (!sources.every((s) => s.activeRows)) return false;
  if (sources.length === 1) return true;
  if (sources.length !== 2) return false;
  const place = filter.districtCode != null || filter.regencyCodes != null;
  return place ? filter.sector != null || filter.sizeClass != null : filter.sector != null && filter.sizeClass != null;
}

/** The read of a filter, validated first (enterpriseWhere's errors), once per request; null: Prisma's general read. */
function directoryRead(filter: EnterpriseFilterShape | null | undefined, ctx: Context): Promise<DirectoryRead | null> {
  enterpriseWhere(filter, ctx);
  if (filter?.includeArchived) return Promise.resolve(Object.entries(filter).every(([key, value]) => key === 'includeArchived' || value == null) ? { everyStatus: true } : null);
  return requestCache(ctx, `directory-read:${JSON.stringify(filter ?? {})}`, async (): Promise<DirectoryRead | null> => {
    const sources = filter ? await filterSources(filter, ctx) : [];
    if (!sources) return null;
    if (sources.length === 0) return { all: true };
    if (sources.length > 1) return servedByIndex(filter!, sources) ? null : { sources };
    const [source] = sources as [Source];
    const [key] = source.key.split(':');
    if (key === 'word') return { word: searchWords(filter!.search!)[0]! };
    // Products without a category cannot walk.
    if (key === 'product' && !source.walks) return { sources, broad: true };
    if (['product', 'kbli', 'certification'].includes(key!)) {
      return { alone: walkedRows(source), source };
    }
    return servedByIndex(filter!, sources) ? null : { sources };
  });
}

const ORDER_COLUMNS = { NAME: 'name', FOUNDED_ON: '"foundedOn"', EMPLOYEES: 'employees', CREATED_AT: '"createdAt"' } as const;

/** The page's order in SQL, as enterpriseOrderBy's (the id last, in the key's direction) when it has one key; null for several. */
function pageOrder(orderBy: readonly EnterpriseOrderShape[] | null | undefined): PageSql['order'] | null {
  if (orderBy && orderBy.length > 1) return null;
  const direction = orderBy?.[0]?.direction === 'DESC' ? 'DESC' : 'ASC';
  return [[ORDER_COLUMNS[orderBy?.[0]?.field ?? 'NAME'], direction], ['id', direction]];
}

/**
 * Every IKM, archived ones too, in the page's order: each status's first rows from its index
 * (status, key, id), merged. No index leads with the key: PostgreSQL sorted the million IKM.
 */
function everyStatus(order: PageSql['order']): NonNullable<PageSql['from']> {
  return (where, limit, backwards) => {
    const by = order.map(([column, direction]) => `r.${column} ${(direction === 'DESC') !== backwards ? 'DESC' : 'ASC'}`).join(', ');
    return Object.values(RecordStatus)
      .map((status) => `(SELECT r.* FROM "Enterprise" r WHERE ${[`r.status = '${status}'`, ...where].join(' AND ')} ORDER BY ${by} LIMIT ${limit})`)
      .join(' UNION ALL ');
  };
}

/**
 * A page of the directory's ids through the driver (planner/page.ts) when the filter has a read of
 * its own (directoryRead): in name order either way (a walk read backwards for the descending
 * one), in another order only the matches a combined filter listed (few); null otherwise: Prisma
 * reads the page. planned-reads.test.ts compares pages read both ways; list-plans.test.ts at
 * 100,000 IKM.
 */
export async function plainEnterprisePage(
  paging: Paging,
  filter: EnterpriseFilterShape | null | undefined,
  orderBy: readonly EnterpriseOrderShape[] | null | undefined,
  ctx: Context,
  rootKey: string,
): Promise<{ id: string }[] | null> {
  const order = pageOrder(orderBy);
  const read = order && (await directoryRead(filter, ctx));
  if (!order || !read) return null;
  const [[column, direction]] = order as [PageSql['order'][0]];
  const byName = column === 'name';
  // The rows' relations read in name order; backwards from the end for the descending order.
  const page = ({ from, ...rows }: Pick<PageSql, 'where' | 'params' | 'from'>) =>
    pageOfIds({ table: 'Enterprise', ...rows, from: from && ((where, limit, backwards) => from(where, limit, backwards !== (direction === 'DESC'))), order }, paging, ctx, rootKey);
  if ('all' in read) return page({ where: [`r.status = 'ACTIVE'`], params: [] });
  if ('everyStatus' in read) return pageOfIds({ table: 'Enterprise', where: [], params: [], from: everyStatus(order), order }, paging, ctx, rootKey);
  if (!byName && !('sources' in read)) return null;
  if ('word' in read) return page(walkedRows(wordSource(read.word)));
  if ('alone' in read) return page(read.alone);
  const { take, skip = 0, cursor } = paging;
  // Without a cursor, a page is the first or last take + skip rows.
  const edge = cursor === undefined && typeof take === 'number' && typeof skip === 'number' ? Math.abs(take) + skip : null;
  const rows = await combinedRows(read.sources, ctx, byName, typeof take === 'number' && take < 0 !== (direction === 'DESC'), edge);
  return rows === 'empty' ? [] : rows && page(rows);
}

/** The directory's totalCount: from the filter's own read where it has one (exact up to 10,000 or estimated, as its description says); else exact up to EXACT_COUNT_LIMIT, then estimated. */
export async function enterpriseCount(filter: EnterpriseFilterShape | null | undefined, ctx: Context): Promise<number> {
  // Prisma's where only when a count falls back to it (a sentra's slug costs a look-up).
  let where: ReturnType<typeof directoryWhere> | undefined;
  const count = async (prisma: Context['prisma'], take?: number) => prisma.enterprise.count({ where: await (where ??= directoryWhere(filter, ctx)), ...(take ? { take } : {}) });
  const read = await directoryRead(filter, ctx);
  if (read && 'alone' in read) return aloneCount(read.source, read.alone, ctx, count);
  if (read && 'word' in read) return searchCount(read.word, ctx, count);
  if (read && 'sources' in read) return combinedCount(read.sources, ctx, count, read.broad);
  return countOrEstimate(ctx, count);
}
