import { escapeLike } from '../common/like';
import { kbliDivisionBit } from '../domain/kbli';
import { prefixRange } from '../domain/search';

/**
 * The conditions of a directory filter as sources of IKM (combined-read.ts): each can check an
 * IKM (r.id) by one look-up in an index, and most can also walk their IKM in the directory's order
 * (name, id) from an index that keeps the enterprise's name beside them: a word's terms
 * (EnterpriseSearchTerm), a product category's products, a KBLI code's rows, a certification
 * kind's certificates, and the enterprises of a kecamatan, sector, size class or sentra.
 */

/** What one product of the enterprise must be: any of the categories, in the unit (case-insensitive, as Prisma's insensitive equals), of at least that monthly capacity. */
export interface ProductConditions {
  categories?: string[];
  unit?: string;
  minMonthlyCapacity?: number;
}

/** An IKM read from another table (r.id its id) is active: archived IKM are few, their ids hashed once. */
export const ACTIVE = `r.id NOT IN (SELECT e.id FROM "Enterprise" e WHERE e.status = 'ARCHIVED')`;

/** Adds a parameter to the statement being written and returns its placeholder. */
export type Param = (value: unknown) => string;

/** A source written into a statement: SQL on r (its rows' id and name, as read from its index). */
export interface WrittenSource {
  /** All its rows (id, name; an IKM once for each term, product or code it has), from an index, in no order; null when no index serves (as ids). */
  rows: string | null;
  /** The ids of its IKM (with repeats), from an index; null when no index serves (then it is only checked row by row). */
  ids: string | null;
  /** Its rows in name order that meet `where` (on r), at least the first `limit` of them (the last, `backwards`), as (id, name); null when no index has them in that order. */
  walk: ((where: readonly string[], limit: string, backwards: boolean) => string) | null;
  /** How many values the walk reads one by one, up to MAX_WALKED_VALUES + 1 (a word's terms, a prefix's codes), as a scalar; null when few. */
  spread: string | null;
  /**
   * Its rows in name order from one range of an index, each IKM once (id, name), and, when that
   * holds only for some filters, a scalar saying whether it holds for this one (a word that is the
   * prefix of one term, a KBLI prefix of one code); null when its rows are several ranges merged
   * or repeat an IKM (a product category). Two of them intersect by a merge on (name, id) that
   * reads each once (combined-read.ts).
   */
  stream: { rows: string; single: string | null } | null;
  /** Its rows' names are in its index (a product's enterpriseName), so collecting them reads no enterprise row. */
  namedInIndex?: true;
  /** Whether IKM r meets the source, checked row by row (a scalar subquery, one index look-up). */
  check: string;
  /**
   * The same as a condition the planner may turn into a join: r's id among its ids where an index
   * gives them (they include the status, so the planner may hash them from an index alone, where
   * a look-up for each row read fetches the enterprise's row: six times the time at a million IKM).
   */
  joined: string;
}

/** A condition of the filter: written into each statement that needs it, with its own parameters. */
export interface Source {
  /** What the source is, for the plan's cache key. */
  key: string;
  /** Whether its rows are active IKM only (the enterprises' own): other sources' rows need the status checked. */
  activeRows: boolean;
  /** Whether it can walk its IKM in name order (WrittenSource.walk and rows are not null); one that cannot may still drive by collecting its matches (combined-read.ts). */
  walks: boolean;
  /**
   * Whether its IKM cluster in name order, as names follow what IKM make ("Batik …"): a word,
   * products, a KBLI code, a certification, a sector. Its walk meets the matches of a condition
   * spread over names (a kecamatan, a size class) all along; a walk of the latter meets those of
   * the former only in their stretch of names, after passing the rest (from the end too).
   */
  clustered: boolean;
  write: ($: Param) => WrittenSource;
  /**
   * Whether the enterprise row r (as a sample of the table's pages reads it) meets the source, each
   * part written with its own parameters: `row` from the row's columns (its search text, whose words
   * are its terms; its match keys, kept by triggers, for product categories, KBLI prefixes and
   * certificate kinds), `lookUp` for what they cannot say (a certificate's expiry, a product's
   * capacity or unit); null when there is nothing to write.
   */
  onRow: { row: (($: Param) => string) | null; lookUp: (($: Param) => string) | null };
}

/** A checked condition as a scalar subquery: PostgreSQL evaluates it row by row (an EXISTS lets it hash every row of the other side first). */
const rowCheck = (select: string) => `(${select} LIMIT 1) IS NOT NULL`;

/** WrittenSource.joined: among the ids when an index gives them, else the look-up. */
const joinedOn = (ids: string | null, has: string) => (ids ? `r.id IN (${ids})` : `EXISTS (${has})`);

/**
 * The distinct values of an indexed column from $from up to $to, by a skip scan (one look-up a
 * value), at most `max` + 1 of them: the terms of a word, the codes of a KBLI prefix.
 */
export function skipScan(name: string, table: string, column: string, from: string, to: string, max: number): string {
  return `${name}(v, k) AS (
    SELECT min(${column}), 1 FROM "${table}" WHERE ${column} >= ${from} AND ${column} < ${to}
    UNION ALL
    SELECT (SELECT min(${column}) FROM "${table}" WHERE ${column} > ${name}.v AND ${column} < ${to}), ${name}.k + 1 FROM ${name} WHERE ${name}.v IS NOT NULL AND ${name}.k <= ${max}
  )`;
}

/** A word walks each of its terms, a KBLI prefix each of its codes: at most this many (one walk each; a prefix of more is read another way). */
export const MAX_WALKED_VALUES = 16;

/**
 * Each value's first `limit` IKM in name order (read from (value, name, id)), merged; `values` a
 * CTE of them (v). Distinct within a value too: an IKM may have several products of a category.
 */
function walkValues(cte: string, values: string, rowsOf: (value: string) => string) {
  return (where: readonly string[], limit: string, backwards: boolean) => `WITH RECURSIVE ${cte}
    SELECT DISTINCT m.id, m.name FROM ${values} CROSS JOIN LATERAL (
      SELECT DISTINCT r.id, r.name FROM (${rowsOf(`${values}.v`)}) r WHERE ${where.join(' AND ')} ORDER BY ${nameOrder(backwards)} LIMIT ${limit}
    ) m WHERE ${values}.v IS NOT NULL`;
}

/** The directory's order on r, or its reverse for a page before a cursor. */
export const nameOrder = (backwards: boolean) => (backwards ? 'r.name DESC, r.id DESC' : 'r.name, r.id');

/** How many values a skip scan finds, up to MAX_WALKED_VALUES + 1. */
const spreadOf = (cte: string, values: string) => `(WITH RECURSIVE ${cte} SELECT count(*)::int FROM ${values} WHERE v IS NOT NULL)`;

/**
 * IKM with a row in `table` whose `column` starts with the prefix, read from (column, name, id):
 * the distinct values of the prefix found by a skip scan, each walked in name order. `narrowed`: a
 * condition on those rows (k) that another source makes necessary, read from the same index.
 */
function prefixSource(key: string, prefix: string, table: string, column: string, name: string, cast: string, onRow: Source['onRow'], narrowed?: ($: Param) => string): Source {
  const { gte, lt } = prefixRange(prefix);
  return {
    activeRows: false,
    walks: true,
    clustered: true,
    key,
    onRow,
    write: ($) => {
      const [from, to] = [`${$(gte)}${cast}`, `${$(lt)}${cast}`];
      const has = `SELECT 1 FROM "${table}" q WHERE q."enterpriseId" = r.id AND q.${column} >= ${from} AND q.${column} < ${to}`;
      const narrow = narrowed ? ` AND ${narrowed($)}` : '';
      const rowsOf = (range: string) => `SELECT k."enterpriseId" AS id, k.${name} AS name FROM "${table}" k WHERE ${range}${narrow}`;
      const cte = skipScan('vals', table, column, from, to, MAX_WALKED_VALUES);
      const ids = `SELECT k."enterpriseId" FROM "${table}" k WHERE k.${column} >= ${from} AND k.${column} < ${to}${narrow}`;
      const bound = (end: 'min' | 'max') => `(SELECT ${end}(${column}) FROM "${table}" WHERE ${column} >= ${from} AND ${column} < ${to})`;
      return {
        rows: rowsOf(`k.${column} >= ${from} AND k.${column} < ${to}`),
        ids,
        walk: walkValues(cte, 'vals', (value) => rowsOf(`k.${column} = ${value}`)),
        spread: spreadOf(cte, 'vals'),
        stream: { rows: rowsOf(`k.${column} = ${bound('min')}`), single: `${bound('min')} = ${bound('max')}` },
        check: rowCheck(has),
        joined: joinedOn(ids, has),
      };
    },
  };
}

/** Any of the match keys (migration match_keys): "c:" a product category, "k:" a KBLI prefix of 2 to 5 digits, "q:" a certificate kind, lapsed or not. */
const hasKey = (keys: string[], $: Param) => `r."matchKeys" && ${$(keys)}::text[]`;

/**
 * IKM with a word among their search terms (each word a prefix of a term, as the directory's
 * search). The terms are the lexemes of the search text (to_tsvector 'simple'), so on the row a
 * word of letters and digits is where it follows a space. With the KBLI codes or prefixes the
 * filter also asks, its rows are those of IKM registered in each one's division (a necessary
 * condition, kept beside each term: kbliDivisionBit), read from the terms' index alone; the KBLI
 * condition itself is still checked. Its row check does not narrow: the KBLI source checks.
 */
export function wordSource(word: string, kbliPrefixes: readonly string[] = []): Source {
  // Every prefix's division among the IKM's: all their bits set.
  const divisions = kbliPrefixes.reduce((bits, prefix) => bits | kbliDivisionBit(prefix), 0);
  return prefixSource(
    `word:${word}:${divisions}`,
    word,
    'EnterpriseSearchTerm',
    'term',
    'name',
    '::text',
    { row: ($) => `(' ' || r."searchText") LIKE ${$(`% ${word}%`)}`, lookUp: null },
    divisions
      ? ($) => {
          const bits = `${$(divisions)}::int`;
          return `k."kbliDivisions" & ${bits} = ${bits}`;
        }
      : undefined,
  );
}

/** IKM with one product that meets all the product conditions; it walks only with categories, and without them its rows are read by capacity (none with a unit alone). */
export function productSource(product: ProductConditions): Source {
  const source: Source = {
    activeRows: false,
    walks: !!product.categories,
    clustered: true,
    key: `product:${JSON.stringify(product)}`,
    // A category's key says all but a capacity or a unit.
    onRow: {
      row: product.categories ? ($) => hasKey(product.categories!.map((c) => `c:${c}`), $) : null,
      lookUp: product.minMonthlyCapacity !== undefined || product.unit !== undefined ? ($) => source.write($).check : null,
    },
    write: ($) => {
      const categories = product.categories ? `${$(product.categories)}::text[]` : null;
      const capacity = product.minMonthlyCapacity !== undefined ? `${$(product.minMonthlyCapacity)}::int` : null;
      const unit = product.unit !== undefined ? `${$(escapeLike(product.unit))}::text` : null;
      const conditions = (p: string) => [
        ...(categories ? [`${p}.category = ANY(${categories})`] : []),
        ...(capacity ? [`${p}."monthlyCapacity" >= ${capacity}`] : []),
        // As Prisma's insensitive equals (the general read), its wildcards escaped: "%" is a unit, not any unit.
        ...(unit ? [`${p}.unit ILIKE ${unit}`] : []),
      ];
      const [onRow, onCheck] = [conditions('p'), conditions('q')];
      const has = `SELECT 1 FROM "EnterpriseProduct" q WHERE q."enterpriseId" = r.id AND ${onCheck.join(' AND ')}`;
      const rowsOf = (category: string) =>
        `SELECT p."enterpriseId" AS id, p."enterpriseName" AS name, p.category, p."monthlyCapacity" AS capacity, p.unit FROM "EnterpriseProduct" p WHERE ${[category, ...onRow.slice(1)].join(' AND ')}`;
      const ids = categories || capacity ? `SELECT p."enterpriseId" FROM "EnterpriseProduct" p WHERE ${onRow.join(' AND ')}` : null;
      return {
        // The categories' index, else the capacity's (monthlyCapacity, enterpriseId): each leads the conditions.
        rows: categories || capacity ? rowsOf(onRow[0]!) : null,
        ids,
        walk: categories ? walkValues(`categories(v) AS (SELECT unnest(${categories}))`, 'categories', (category) => rowsOf(`p.category = ${category}`)) : null,
        spread: null,
        // An IKM's products of one category repeat it.
        stream: null,
        namedInIndex: true,
        check: rowCheck(has),
        joined: joinedOn(ids, has),
      };
    },
  };
  return source;
}

/** IKM registered under a KBLI code of the prefix (a whole code is a prefix of 5 digits). */
export function kbliSource(prefix: string): Source {
  // Untyped: the codes are character(5), and a text comparison would not use their index.
  return prefixSource(`kbli:${prefix}`, prefix, 'EnterpriseKbli', 'code', '"enterpriseName"', '', { row: ($) => hasKey([`k:${prefix}`], $), lookUp: null });
}

/** IKM holding a certification of the kind that has not expired before `today` (an IKM holds a kind once). */
export function certificationSource(kind: string, today: Date): Source {
  const source: Source = {
    activeRows: false,
    walks: true,
    clustered: true,
    key: `certification:${kind}:${today.toISOString()}`,
    onRow: { row: ($) => hasKey([`q:${kind}`], $), lookUp: ($) => source.write($).check },
    write: ($) => {
      const [k, day] = [`${$(kind)}::"CertificationKind"`, `${$(today)}::date`];
      const has = `SELECT 1 FROM "Certification" q WHERE q."enterpriseId" = r.id AND q.kind = ${k} AND (q."expiresOn" IS NULL OR q."expiresOn" >= ${day})`;
      const rows = `SELECT c."enterpriseId" AS id, c."enterpriseName" AS name FROM "Certification" c WHERE c.kind = ${k} AND (c."expiresOn" IS NULL OR c."expiresOn" >= ${day})`;
      const ids = `SELECT c."enterpriseId" FROM "Certification" c WHERE c.kind = ${k} AND (c."expiresOn" IS NULL OR c."expiresOn" >= ${day})`;
      return {
        rows,
        ids,
        walk: (where, limit, backwards) => `SELECT r.id, r.name FROM (${rows}) r WHERE ${where.join(' AND ')} ORDER BY ${nameOrder(backwards)} LIMIT ${limit}`,
        spread: null,
        // An IKM holds a kind once.
        stream: { rows, single: null },
        check: rowCheck(has),
        joined: joinedOn(ids, has),
      };
    },
  };
  return source;
}

/** A condition on the enterprise's own columns (e as the enterprise), with whether an index (column, status, name, id) serves its walk. */
export interface EnterpriseCondition {
  key: string;
  on: (e: string, $: Param) => string;
  inNameOrder: boolean;
  /** Source.clustered. */
  clustered: boolean;
}

/**
 * Active IKM that meet a condition on their own row: a kecamatan (or several, of a kabupaten), a
 * sector, a size class or a sentra walk from their index in name order; a founding date's IKM are
 * read from its index in date order (they cannot walk).
 */
export function enterpriseSource(condition: EnterpriseCondition): Source {
  return {
    activeRows: true,
    walks: condition.inNameOrder,
    clustered: condition.clustered,
    key: `enterprise:${condition.key}`,
    onRow: { row: ($) => condition.on('r', $), lookUp: null },
    write: ($) => {
      const on = condition.on('e', $);
      const rows = `SELECT e.id, e.name FROM "Enterprise" e WHERE e.status = 'ACTIVE' AND ${on}`;
      const has = `SELECT 1 FROM "Enterprise" e WHERE e.id = r.id AND ${on}`;
      const ids = `SELECT e.id FROM "Enterprise" e WHERE e.status = 'ACTIVE' AND ${on}`;
      return {
        rows,
        ids,
        walk: condition.inNameOrder ? (where, limit, backwards) => `SELECT r.id, r.name FROM (${rows}) r WHERE ${where.join(' AND ')} ORDER BY ${nameOrder(backwards)} LIMIT ${limit}` : null,
        spread: null,
        stream: condition.inNameOrder ? { rows, single: null } : null,
        check: rowCheck(has),
        joined: joinedOn(ids, has),
      };
    },
  };
}

/** IKM of any of these kecamatan: each kecamatan's IKM walked in name order from (districtId, status, name, id) and merged. */
export function districtsSource(districtIds: readonly string[]): Source {
  return {
    activeRows: true,
    walks: true,
    clustered: false,
    key: `districts:${districtIds.join(',')}`,
    onRow: { row: ($) => `r."districtId" = ANY(${$(districtIds)}::uuid[])`, lookUp: null },
    write: ($) => {
      const ids = `${$(districtIds)}::uuid[]`;
      const has = `SELECT 1 FROM "Enterprise" e WHERE e.id = r.id AND e."districtId" = ANY(${ids})`;
      const enterprises = `SELECT e.id FROM "Enterprise" e WHERE e.status = 'ACTIVE' AND e."districtId" = ANY(${ids})`;
      return {
        rows: `SELECT e.id, e.name FROM "Enterprise" e WHERE e.status = 'ACTIVE' AND e."districtId" = ANY(${ids})`,
        ids: enterprises,
        walk: walkValues(`districts(v) AS (SELECT unnest(${ids}))`, 'districts', (district) => `SELECT e.id, e.name FROM "Enterprise" e WHERE e.status = 'ACTIVE' AND e."districtId" = ${district}`),
        spread: null,
        // A kabupaten's kecamatan are several ranges of the index.
        stream: districtIds.length === 1 ? { rows: `SELECT e.id, e.name FROM "Enterprise" e WHERE e.status = 'ACTIVE' AND e."districtId" = (${ids})[1]`, single: null } : null,
        check: rowCheck(has),
        joined: joinedOn(enterprises, has),
      };
    },
  };
}
