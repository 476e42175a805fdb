import { growthShares } from '@temu-bisnis/schema/domain/figures/growth';
import { kbliDivisionBit } from '@temu-bisnis/schema/domain/kbli';
import { searchText } from '@temu-bisnis/schema/domain/search';
import { matchKeysOf } from '@temu-bisnis/schema/matching/candidates';
import type { CertificationKind, Prisma, Sector } from '@temu-bisnis/schema/prisma';
import { copyLine } from '../db/copy-text';
import { addDays, REFERENCE_INSTANT } from './clock';
import { CERTIFICATION_VALIDITY_YEARS } from './identifiers';
import { secretId, stableId } from './ids';
import { randomFor } from './random';
import { ENTERPRISE_POST_CHANCE, enterprisePosts } from './opportunities';
import type { Catalogue, ProductLine } from './reference-data';

/**
 * The rows of synthetic IKM (synthetic.ts loads them), written as COPY text while they are drawn:
 * a million IKM are 20 million rows, never built as objects. Enterprise i's rows come from streams
 * seeded by i, so a batch can be drawn anywhere (the load draws them in a worker thread).
 */

/** What the rows are drawn from: the demo catalogue and the database's kecamatan and Sentra IKM. */
export interface Reference {
  catalogue: Catalogue;
  lines: ProductLine[];
  weightedLines: [ProductLine, number][];
  districts: { id: string; code: string }[];
  sentraByLine: Map<string, { id: string; district: { id: string; code: string } }[]>;
  words: string[];
  /** The database's seed secret: financing needs are protected, so their ids are salted with it. */
  secret: string;
}

/** The tables of an IKM's rows, with the columns their COPY lines hold, in order. */
export const ENTERPRISE_TABLES = {
  enterprise: {
    table: 'Enterprise',
    columns: [
      'id', 'nib', 'npwp', 'name', 'description', 'sector', 'sentraId', 'districtId', 'address', 'foundedOn', 'employees',
      'annualTurnover', 'businessCapital', 'bookkeeping', 'hasFinancialStatements', 'currentCredit', 'status', 'isDemo',
      'searchText', 'matchKeys', 'createdAt', 'updatedAt',
    ],
  },
  // The words the search-terms trigger would write (migration search_terms), written with the row instead (termLines).
  term: { table: 'EnterpriseSearchTerm', columns: ['term', 'enterpriseId', 'name', 'kbliDivisions'] },
  product: {
    table: 'EnterpriseProduct',
    // The enterprise's name given, so the database need not look it up for each row (migration product_sort_key).
    columns: ['id', 'enterpriseId', 'name', 'category', 'monthlyCapacity', 'unit', 'unitPrice', 'enterpriseName', 'createdAt'],
  },
  kbli: { table: 'EnterpriseKbli', columns: ['id', 'enterpriseId', 'code', 'version', 'isPrimary', 'enterpriseName'] },
  certification: { table: 'Certification', columns: ['id', 'enterpriseId', 'kind', 'number', 'issuedOn', 'expiresOn', 'enterpriseName'] },
  figure: {
    table: 'EnterpriseYearFigure',
    columns: ['id', 'enterpriseId', 'year', 'turnover', 'employees', 'businessCapital', 'exports', 'source', 'isEstimate', 'createdAt', 'updatedAt'],
  },
  share: { table: 'TurnoverGrowthShare', columns: ['enterpriseId', 'year', 'sector', 'sizeClass', 'before', 'after'] },
  need: {
    table: 'FinancingNeed',
    columns: ['id', 'enterpriseId', 'amount', 'purpose', 'tenorMonths', 'collateral', 'status', 'createdAt', 'updatedAt'],
  },
  opportunity: {
    table: 'Opportunity',
    columns: [
      'id', 'kind', 'title', 'description', 'partnerId', 'enterpriseId', 'sector', 'kbliPrefixes', 'productCategory', 'quantity',
      'unit', 'deliveryMonths', 'amountMin', 'amountMax', 'districtCodes', 'requiredCertifications', 'validFrom', 'validUntil',
      'status', 'isDemo', 'searchText', 'createdAt', 'updatedAt',
    ],
  },
} as const;

export type EnterpriseTable = keyof typeof ENTERPRISE_TABLES;

/**
 * A batch's rows of one table, as COPY text in UTF-8, written into a buffer as they are drawn:
 * appended to one string instead, every line of a batch outlived the young generation, and the
 * collector took a third of the drawing's time. The buffer's memory moves to the loading thread uncopied.
 */
export interface Lines {
  bytes: Uint8Array<ArrayBuffer>;
  rows: number;
}

export type Batch = Record<EnterpriseTable, Lines>;

interface Writing {
  buffer: Buffer;
  length: number;
  rows: number;
}

function push(lines: Writing, values: readonly unknown[]): void {
  write(lines, copyLine(values), 1);
}

/** Appends `text`, `rows` whole lines, growing the buffer when they might not fit (UTF-8 takes at most 3 bytes per UTF-16 unit). */
function write(lines: Writing, text: string, rows: number): void {
  if (lines.length + text.length * 3 > lines.buffer.length) {
    const grown = Buffer.allocUnsafe(Math.max(lines.buffer.length * 2, lines.length + text.length * 3));
    lines.buffer.copy(grown, 0, 0, lines.length);
    lines.buffer = grown;
  }
  lines.length += lines.buffer.write(text, lines.length);
  lines.rows += rows;
}

export const JUTA = 1_000_000;
const day = (d: Date) => d.toISOString().slice(0, 10);
const SIZES = [['MICRO', 75], ['SMALL', 20], ['MEDIUM', 5]] as const;
type Size = (typeof SIZES)[number][0];
const TURNOVER: Record<Size, [number, number]> = { MICRO: [60, 2_000], SMALL: [2_000, 15_000], MEDIUM: [15_000, 50_000] };
const CAPACITY_SCALE: Record<Size, number> = { MICRO: 1, SMALL: 3, MEDIUM: 10 };
const EMPLOYEES: Record<Size, [number, number]> = { MICRO: [1, 4], SMALL: [5, 19], MEDIUM: [20, 99] };
const BOOKKEEPING = [['NONE', 25], ['MANUAL_NOTES', 35], ['SPREADSHEET', 20], ['ACCOUNTING_APP', 15], ['AUDITED_STATEMENTS', 5]] as const;
const CREDIT = [['NONE', 70], ['KUR', 20], ['COMMERCIAL_PRODUCTIVE', 7], ['CONSUMER', 3]] as const;
const PURPOSES = [['WORKING_CAPITAL', 70], ['INVESTMENT', 25], ['EXPORT', 5]] as const;
const TENORS = [12, 24, 36, 60] as const;
const SOURCES = [['SELF_DECLARED', 60], ['BOOKKEEPING', 25], ['TAX_RETURN', 10], ['DISPERIN_SURVEY', 5]] as const;
/** Every synthetic row's createdAt and updatedAt (an IKM's, a need's and an opportunity's createdAt aside). */
const AT = REFERENCE_INSTANT.toISOString();
/**
 * The marketplace posts of the registry at large: a quarter of the demo's forum participants' rates
 * (about 8 % of IKM post one), financing requests aside (the load draws needs of its own).
 */
const POST_CHANCE = Object.fromEntries(
  Object.entries(ENTERPRISE_POST_CHANCE).flatMap(([kind, p]) => (kind === 'FINANCING_REQUEST' ? [] : [[kind, p / 4]])),
);
/** How far back a synthetic IKM's posts go: to its founding, at most two years. */
const POSTING_YEARS = 2;

/** Enterprise i and its rows, appended to `out` as COPY lines in the order of ENTERPRISE_TABLES' columns. */
function enterpriseRows(i: number, ref: Reference, out: Record<EnterpriseTable, Writing>): void {
  const rng = randomFor(`synthetic:enterprise:${i}`);
  const id = stableId('synthetic-enterprise', String(i));
  const line = rng.weighted(ref.weightedLines);
  const sentra = ref.sentraByLine.get(line.id);
  const inSentra = sentra && rng.chance(0.3) ? rng.pick(sentra) : null;
  const district = inSentra?.district ?? rng.pick(ref.districts);
  const districtId = district.id;
  const size = rng.weighted(SIZES);
  const hasSalesYear = rng.chance(0.9);
  const turnover = Math.round(rng.logUniform(...TURNOVER[size])) * JUTA;
  const capital = Math.round(turnover * (0.1 + rng.next() * 0.3));
  // Mostly young businesses, a few decades old: 1 month to 30 years before the reference date.
  const foundedOn = addDays(REFERENCE_INSTANT, -Math.round(rng.logUniform(30, 11_000)));
  // In the registry since its founding, or two years back for an older one: its needs and posts come after.
  const registeredAt = new Date(Math.max(foundedOn.getTime(), addDays(REFERENCE_INSTANT, -365 * POSTING_YEARS).getTime()));
  const bookkeeping = size === 'MEDIUM' ? rng.pick(['ACCOUNTING_APP', 'AUDITED_STATEMENTS'] as const) : rng.weighted(BOOKKEEPING);
  const stem = rng.pick(line.nameStems);
  const name = `${stem} ${rng.pick(ref.words)} ${String(i).padStart(6, '0')} (synthetic)`;
  const products = rng.sample(line.products, rng.int(1, Math.min(3, line.products.length)));
  const description = `${line.label}: synthetic benchmark data.`;
  const employees = rng.int(...EMPLOYEES[size]);
  const credit = rng.weighted(CREDIT);
  const made = products.map((p, j) => {
    const made = { name: p.name, category: p.category, unit: p.unit, monthlyCapacity: rng.int(...p.capacity) * CAPACITY_SCALE[size], unitPrice: rng.int(...p.price) };
    push(out.product, [stableId('synthetic-product', `${i}#${j}`), id, p.name, p.category, made.monthlyCapacity, p.unit, made.unitPrice, name, AT]);
    return made;
  });
  const primary = rng.pick(line.primaryKbli ?? [line.kbli[0]!]);
  const codes = [primary, ...(rng.chance(0.4) ? rng.sample(line.kbli.filter((c) => c !== primary), 1) : [])];
  for (const [j, code] of codes.entries()) {
    push(out.kbli, [stableId('synthetic-kbli', `${i}#${j}`), id, code, 'KBLI_2020', j === 0, name]);
  }
  const certified: CertificationKind[] = [];
  for (const rule of line.certifications) {
    if ((rule.sizes && !rule.sizes.includes(size)) || !rng.chance(rule.p)) continue;
    certified.push(rule.kind as CertificationKind);
    const issuedOn = addDays(REFERENCE_INSTANT, -rng.int(30, 6 * 365));
    const years = CERTIFICATION_VALIDITY_YEARS[rule.kind as CertificationKind];
    const expiresOn = years === null ? null : day(addDays(issuedOn, years * 365));
    push(out.certification, [stableId('synthetic-certification', `${i}#${rule.kind}`), id, rule.kind, '', day(issuedOn), expiresOn, name]);
  }
  const text = searchText(name, ...products.map((p) => p.name), description);
  termLines(text, [id, name, codes.reduce((bits, code) => bits | kbliDivisionBit(code), 0)], out.term);
  push(out.enterprise, [
    id,
    nibOf(i),
    null,
    name,
    description,
    line.sector,
    inSentra?.id ?? null,
    districtId,
    '',
    day(foundedOn),
    employees,
    hasSalesYear ? turnover : null,
    capital,
    bookkeeping,
    bookkeeping === 'ACCOUNTING_APP' || bookkeeping === 'AUDITED_STATEMENTS',
    credit,
    'ACTIVE',
    true,
    text,
    // The keys the triggers would add (migration match_keys), written with the row: its product, KBLI and certificate rows then update no IKM.
    matchKeysOf(codes, made, certified),
    registeredAt.toISOString(),
    AT,
  ]);
  if (hasSalesYear) yearFigures(i, id, line.sector, turnover, capital, out);
  if (rng.chance(0.25)) {
    const needId = secretId(ref.secret, 'synthetic-financing-need', String(i));
    const amount = Math.round(rng.logUniform(5, 2_000)) * JUTA;
    const purpose = rng.weighted(PURPOSES);
    const tenorMonths = rng.pick(TENORS);
    const createdAt = new Date(Math.max(registeredAt.getTime(), addDays(REFERENCE_INSTANT, -rng.int(1, 180)).getTime())).toISOString();
    push(out.need, [needId, id, amount, purpose, tenorMonths, '', 'OPEN', createdAt, AT]);
  }
  // Drawn from their own stream, like the figures: the other rows stay as they were before posts existed.
  const poster = { id, name, line, size, districtCode: district.code, isNew: foundedOn > addDays(REFERENCE_INSTANT, -365), products: made, kbli: codes, certifications: certified };
  const posts = enterprisePosts(randomFor(`synthetic:opportunities:${i}`), ref.catalogue, poster, POST_CHANCE, registeredAt, (n) => stableId('synthetic-opportunity', `${i}#${n}`));
  for (const { row } of posts) push(out.opportunity, opportunityValues(row));
}

/**
 * The terms PostgreSQL's trigger would write for a searchText (the lexemes of to_tsvector('simple')),
 * each with the values kept beside it. They are its distinct words: the default parser ends a token
 * only where searchText folded something away (it keeps letters and digits, one space between
 * words), and the simple dictionary keeps each token as it is; it drops words over 2,047 bytes, which
 * the synthetic vocabulary has none of. The synthetic-seed test compares them with the trigger's.
 */
function termLines(text: string, kept: readonly unknown[], out: Writing): void {
  // A word needs no escaping (letters and digits), so the rest of the line is written once; the
  // lines are joined into one flat string (see copyLine).
  const rest = copyLine(kept);
  const terms = [...new Set(text.split(' '))].filter((term) => term !== '');
  write(out, terms.map((term) => `${term}\t${rest}`).join(''), terms.length);
}

/** An opportunity's values in the order of its COPY columns. */
export function opportunityValues(row: Prisma.OpportunityCreateManyInput): unknown[] {
  return ENTERPRISE_TABLES.opportunity.columns.map((column) => row[column]);
}

/**
 * Five closed years of figures, walked back from the profile's (the last closed year's): sales
 * growing −10 % to +20 % a year, capital and staff as on the profile. Drawn from its own stream, so
 * the other synthetic rows are the same as before figures existed. Their growth shares come with
 * them, computed as the mutations compute them (they are checked against the database's rebuild).
 */
function yearFigures(i: number, id: string, sector: Sector, turnover: number, capital: number, out: Record<EnterpriseTable, Writing>): void {
  const rng = randomFor(`synthetic:figures:${i}`);
  const last = REFERENCE_INSTANT.getUTCFullYear() - 1;
  const figures: { year: number; turnover: bigint }[] = [];
  let sales = turnover;
  for (let year = last; year > last - 5; year -= 1) {
    const source = rng.weighted(SOURCES);
    const figureId = stableId('synthetic-year-figure', `${i}:${year}`);
    const rounded = Math.round(sales / JUTA) * JUTA;
    push(out.figure, [figureId, id, year, rounded, null, year === last ? capital : null, null, source, false, AT, AT]);
    figures.push({ year, turnover: BigInt(rounded) });
    sales /= 0.9 + rng.next() * 0.3;
  }
  for (const s of growthShares(figures, sector)) push(out.share, [id, s.year, s.sector, s.sizeClass, s.before, s.after]);
}

/** Synthetic enterprise i's NIB: 70, then i in 11 digits. */
const nibOf = (i: number) => `70${String(i).padStart(11, '0')}`;

/**
 * Each table's bytes per IKM in the last batch drawn: the next batch's buffers start at about the
 * size they will need, where doubling from a megabyte copied each table's lines several times.
 */
const bytesPerIkm = new Map<EnterpriseTable, number>();

/** The rows of synthetic IKM from…to. */
export function enterpriseBatch(from: number, to: number, ref: Reference): Batch {
  const ikm = to - from + 1;
  const out = Object.fromEntries(
    Object.keys(ENTERPRISE_TABLES).map((name) => [name, { buffer: Buffer.allocUnsafe(Math.ceil((bytesPerIkm.get(name as EnterpriseTable) ?? 256) * ikm * 1.1) + 65_536), length: 0, rows: 0 }]),
  ) as Record<EnterpriseTable, Writing>;
  for (let i = from; i <= to; i += 1) enterpriseRows(i, ref, out);
  return Object.fromEntries(
    Object.entries(out).map(([name, w]) => {
      bytesPerIkm.set(name as EnterpriseTable, w.length / ikm);
      return [name, { bytes: new Uint8Array(w.buffer.buffer as ArrayBuffer, w.buffer.byteOffset, w.length), rows: w.rows }];
    }),
  ) as Batch;
}
