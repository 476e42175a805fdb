import type { CertificationKind, FunderType, PartnerKind, Sector } from '@temu-bisnis/schema/prisma';
import { GROWTH_CELLS_REBUILD, growthSharesInsert } from '@temu-bisnis/schema/enterprise/growth';
import { searchText } from '@temu-bisnis/schema/domain/search';
import { matchKeysOf } from '@temu-bisnis/schema/matching/candidates';
import type { Config } from '../config';
import type { Database, SqlRunner } from '../db/connection';
import { loadWithoutIndexes } from './bulk-load';
import { addDays, REFERENCE_INSTANT } from './clock';
import { CERTIFICATION_VALIDITY_YEARS } from './identifiers';
import { secretId, stableId } from './ids';
import { randomFor, type Random } from './random';
import { loadReferenceData, type ProductLine } from './reference-data';
import { seedSecret } from './write';

/**
 * Synthetic registry data for benchmarks, never part of the default seed: N enterprises with
 * products, KBLI codes, certifications, five years of figures (those with a sales year) and (a
 * quarter of them) an open financing need, and M
 * partners of every kind, drawn from the demo catalogue's product lines so that matching finds
 * realistic candidate sets. Deterministic (every row comes from a stream seeded by its number and
 * has a stable id), idempotent (a second run adds only the rows numbered beyond those loaded), marked
 * isDemo, and fast: rows are built in TypeScript and written 5,000 at a time by COPY, the
 * enterprises' tables in one transaction with their indexes built at the end (bulk-load.ts), on
 * PGlite and PostgreSQL alike. The demo seed
 * must be loaded first (districts and Sentra IKM); `seed:synthetic` does that.
 *
 * Synthetic enterprises have NIBs starting with 70 (the demo ones start with 81 or 91) and names
 * ending in "(synthetic)"; synthetic partners have slugs starting with "synthetic-".
 */

export interface SyntheticOptions {
  enterprises: number;
  partners: number;
  /** Enterprises per INSERT batch; 5,000 by default. */
  batchSize?: number;
  log?: (line: string) => void;
  /** Called as batches of enterprises are written: how many of the total are in. */
  progress?: (done: number, total: number) => void;
}

export interface SyntheticSummary {
  enterprises: number;
  partners: number;
  rows: Record<string, number>;
  elapsedMs: number;
}

type Row = Record<string, unknown>;

const TABLES = {
  enterprise: {
    table: 'Enterprise',
    columns: [
      'id', 'nib', 'npwp', 'name', 'description', 'sector', 'sentraId', 'districtId', 'address', 'foundedOn', 'employees',
      'annualTurnover', 'businessCapital', 'bookkeeping', 'hasFinancialStatements', 'currentCredit', 'status', 'isDemo',
      'searchText', 'matchKeys', 'createdAt', 'updatedAt',
    ],
  },
  product: {
    table: 'EnterpriseProduct',
    columns: ['id', 'enterpriseId', 'name', 'category', 'monthlyCapacity', 'unit', 'unitPrice', 'createdAt'],
  },
  kbli: { table: 'EnterpriseKbli', columns: ['id', 'enterpriseId', 'code', 'version', 'isPrimary'] },
  certification: { table: 'Certification', columns: ['id', 'enterpriseId', 'kind', 'number', 'issuedOn', 'expiresOn'] },
  figure: {
    table: 'EnterpriseYearFigure',
    columns: ['id', 'enterpriseId', 'year', 'turnover', 'employees', 'businessCapital', 'exports', 'source', 'isEstimate', 'createdAt', 'updatedAt'],
  },
  need: {
    table: 'FinancingNeed',
    columns: ['id', 'enterpriseId', 'amount', 'purpose', 'tenorMonths', 'collateral', 'status', 'createdAt', 'updatedAt'],
  },
  partner: {
    table: 'Partner',
    columns: [
      'id', 'slug', 'name', 'kind', 'funderType', 'description', 'districtId', 'website', 'sectors', 'kbliPrefixes',
      'productCategories', 'districtCodes', 'offers', 'volumeMin', 'volumeMax', 'ticketMin', 'ticketMax', 'status', 'isDemo',
      'searchText', 'createdAt', 'updatedAt',
    ],
  },
} as const;

type TableName = keyof typeof TABLES;

/** A batch of rows, by COPY: bulk-load.ts keeps a load atomic, loadedEnterprises and loadedPartners make it resumable. */
async function insert(db: SqlRunner, name: TableName, rows: Row[]): Promise<number> {
  const { table, columns } = TABLES[name];
  if (rows.length > 0) await db.copy(table, columns, rows);
  return rows.length;
}

const JUTA = 1_000_000;
const day = (d: Date) => d.toISOString().slice(0, 10);
const SIZES = [['MICRO', 75], ['SMALL', 20], ['MEDIUM', 5]] as const;
type Size = (typeof SIZES)[number][0];
const TURNOVER: Record<Size, [number, number]> = { MICRO: [60, 2_000], SMALL: [2_000, 15_000], MEDIUM: [15_000, 50_000] };
const CAPACITY_SCALE: Record<Size, number> = { MICRO: 1, SMALL: 3, MEDIUM: 10 };
const EMPLOYEES: Record<Size, [number, number]> = { MICRO: [1, 4], SMALL: [5, 19], MEDIUM: [20, 99] };
const BOOKKEEPING = [['NONE', 25], ['MANUAL_NOTES', 35], ['SPREADSHEET', 20], ['ACCOUNTING_APP', 15], ['AUDITED_STATEMENTS', 5]] as const;

interface Reference {
  lines: ProductLine[];
  weightedLines: [ProductLine, number][];
  districts: { id: string; code: string }[];
  sentraByLine: Map<string, { id: string; districtId: string }[]>;
  words: string[];
  /** The database's seed secret: financing needs are protected, so their ids are salted with it. */
  secret: string;
}

async function reference(db: Database): Promise<Reference> {
  const data = loadReferenceData();
  const districts = await db.query<{ id: string; code: string }>(`SELECT id::text AS id, code FROM "District" ORDER BY code`);
  if (districts.filter((d) => d.code.startsWith('33.74.')).length < 16) throw new Error('seed:synthetic needs the demo seed (the 16 kecamatan and the Sentra IKM): run `seed` first.');
  const sentra = await db.query<{ id: string; slug: string; districtId: string }>(
    `SELECT id::text AS id, slug, "districtId"::text AS "districtId" FROM "Sentra" ORDER BY slug`,
  );
  const sentraByLine = new Map<string, { id: string; districtId: string }[]>();
  for (const s of data.sentra) {
    const row = sentra.find((r) => r.slug === s.slug);
    if (row) sentraByLine.set(s.line, [...(sentraByLine.get(s.line) ?? []), { id: row.id, districtId: row.districtId }]);
  }
  const lines = data.catalogue.lines;
  return {
    lines,
    // Every line appears; lines with a sentra are more common, as in the registry.
    weightedLines: lines.map((l) => [l, l.independentWeight + (sentraByLine.has(l.id) ? 2 : 0) + 0.5]),
    districts,
    sentraByLine,
    words: data.names.businessWords,
    secret: await seedSecret(db.prisma),
  };
}

function enterpriseRows(i: number, ref: Reference, out: Record<TableName, Row[]>): void {
  const rng = randomFor(`synthetic:enterprise:${i}`);
  const id = stableId('synthetic-enterprise', String(i));
  const line = rng.weighted(ref.weightedLines);
  const sentra = ref.sentraByLine.get(line.id);
  const inSentra = sentra && rng.chance(0.3) ? rng.pick(sentra) : null;
  const districtId = inSentra?.districtId ?? rng.pick(ref.districts).id;
  const size = rng.weighted(SIZES);
  const hasSalesYear = rng.chance(0.9);
  const turnover = Math.round(rng.logUniform(...TURNOVER[size])) * JUTA;
  const capital = Math.round(turnover * (0.1 + rng.next() * 0.3));
  // Mostly young businesses, a few decades old: 1 month to 30 years before the reference date.
  const foundedOn = addDays(REFERENCE_INSTANT, -Math.round(rng.logUniform(30, 11_000)));
  const bookkeeping = size === 'MEDIUM' ? rng.pick(['ACCOUNTING_APP', 'AUDITED_STATEMENTS'] as const) : rng.weighted(BOOKKEEPING);
  const stem = rng.pick(line.nameStems);
  const name = `${stem} ${rng.pick(ref.words)} ${String(i).padStart(6, '0')} (synthetic)`;
  const products = rng.sample(line.products, rng.int(1, Math.min(3, line.products.length)));
  const description = `${line.label}: synthetic benchmark data.`;
  const enterprise: Row = {
    id,
    nib: nibOf(i),
    npwp: null,
    name,
    description,
    sector: line.sector,
    sentraId: inSentra?.id ?? null,
    districtId,
    address: '',
    foundedOn: day(foundedOn),
    employees: rng.int(...EMPLOYEES[size]),
    annualTurnover: hasSalesYear ? turnover : null,
    businessCapital: capital,
    bookkeeping,
    hasFinancialStatements: bookkeeping === 'ACCOUNTING_APP' || bookkeeping === 'AUDITED_STATEMENTS',
    currentCredit: rng.weighted([['NONE', 70], ['KUR', 20], ['COMMERCIAL_PRODUCTIVE', 7], ['CONSUMER', 3]] as const),
    status: 'ACTIVE',
    isDemo: true,
    searchText: searchText(name, ...products.map((p) => p.name), description),
    createdAt: REFERENCE_INSTANT.toISOString(),
    updatedAt: REFERENCE_INSTANT.toISOString(),
  };
  out.enterprise.push(enterprise);
  products.forEach((p, j) => {
    out.product.push({
      id: stableId('synthetic-product', `${i}#${j}`),
      enterpriseId: id,
      name: p.name,
      category: p.category,
      monthlyCapacity: rng.int(...p.capacity) * CAPACITY_SCALE[size],
      unit: p.unit,
      unitPrice: rng.int(...p.price),
      createdAt: REFERENCE_INSTANT.toISOString(),
    });
  });
  const primary = rng.pick(line.primaryKbli ?? [line.kbli[0]!]);
  const codes = [primary, ...(rng.chance(0.4) ? rng.sample(line.kbli.filter((c) => c !== primary), 1) : [])];
  // The keys the triggers would add, written with the row: its product and KBLI rows then update no IKM.
  enterprise.matchKeys = matchKeysOf(codes, products.map((p) => p.category));
  codes.forEach((code, j) => {
    out.kbli.push({ id: stableId('synthetic-kbli', `${i}#${j}`), enterpriseId: id, code, version: 'KBLI_2020', isPrimary: j === 0 });
  });
  for (const rule of line.certifications) {
    if ((rule.sizes && !rule.sizes.includes(size)) || !rng.chance(rule.p)) continue;
    const issuedOn = addDays(REFERENCE_INSTANT, -rng.int(30, 6 * 365));
    const years = CERTIFICATION_VALIDITY_YEARS[rule.kind as CertificationKind];
    out.certification.push({
      id: stableId('synthetic-certification', `${i}#${rule.kind}`),
      enterpriseId: id,
      kind: rule.kind,
      number: '',
      issuedOn: day(issuedOn),
      expiresOn: years === null ? null : day(addDays(issuedOn, years * 365)),
    });
  }
  if (hasSalesYear) yearFigures(i, id, turnover, capital, out);
  if (rng.chance(0.25)) {
    out.need.push({
      id: secretId(ref.secret, 'synthetic-financing-need', String(i)),
      enterpriseId: id,
      amount: Math.round(rng.logUniform(5, 2_000)) * JUTA,
      purpose: rng.weighted([['WORKING_CAPITAL', 70], ['INVESTMENT', 25], ['EXPORT', 5]] as const),
      tenorMonths: rng.pick([12, 24, 36, 60]),
      collateral: '',
      status: 'OPEN',
      createdAt: addDays(REFERENCE_INSTANT, -rng.int(1, 180)).toISOString(),
      updatedAt: REFERENCE_INSTANT.toISOString(),
    });
  }
}

/**
 * Five closed years of figures, walked back from the profile's (the last closed year's): sales
 * growing −10 % to +20 % a year, capital and staff as on the profile. Drawn from its own stream, so
 * the other synthetic rows are the same as before figures existed.
 */
function yearFigures(i: number, id: string, turnover: number, capital: number, out: Record<TableName, Row[]>): void {
  const rng = randomFor(`synthetic:figures:${i}`);
  const last = REFERENCE_INSTANT.getUTCFullYear() - 1;
  let sales = turnover;
  for (let year = last; year > last - 5; year -= 1) {
    out.figure.push({
      id: stableId('synthetic-year-figure', `${i}:${year}`),
      enterpriseId: id,
      year,
      turnover: Math.round(sales / JUTA) * JUTA,
      employees: null,
      businessCapital: year === last ? capital : null,
      exports: null,
      source: rng.weighted([['SELF_DECLARED', 60], ['BOOKKEEPING', 25], ['TAX_RETURN', 10], ['DISPERIN_SURVEY', 5]] as const),
      isEstimate: false,
      createdAt: REFERENCE_INSTANT.toISOString(),
      updatedAt: REFERENCE_INSTANT.toISOString(),
    });
    sales /= 0.9 + rng.next() * 0.3;
  }
}

const KINDS = [['BUYER', 30], ['SUPPLIER', 20], ['DISTRIBUTOR', 20], ['FUNDER', 30]] as const;
const FUNDER_TYPES = [['BANK', 30], ['BPR', 25], ['KOPERASI', 20], ['FINTECH', 15], ['VENTURE', 5], ['GOVERNMENT_PROGRAM', 5]] as const;

function districtCodes(rng: Random, ref: Reference, wholeCity: number): string[] {
  return rng.chance(wholeCity) ? [] : rng.sample(ref.districts, rng.int(1, 5)).map((d) => d.code).sort();
}

function partnerRow(i: number, ref: Reference): Row {
  const rng = randomFor(`synthetic:partner:${i}`);
  const kind: PartnerKind = rng.weighted(KINDS);
  const lines = rng.sample(ref.lines, rng.int(1, kind === 'FUNDER' ? 6 : 3));
  const unique = <T>(items: T[]) => [...new Set(items)];
  let sectors: Sector[] = unique(lines.map((l) => l.sector));
  let kbliPrefixes: string[];
  let productCategories: string[] = [];
  let funderType: FunderType | null = null;
  let volume: [number, number] | null = null;
  let ticket: [number, number] | null = null;
  if (kind === 'FUNDER') {
    funderType = rng.weighted(FUNDER_TYPES);
    if (rng.chance(0.7)) sectors = [];
    kbliPrefixes = unique(lines.flatMap((l) => l.kbli.map((c) => c.slice(0, 2)))).sort();
    const min = Math.round(rng.logUniform(2, 50));
    ticket = [min * JUTA, Math.round(rng.logUniform(Math.max(min * 2, 50), 5_000)) * JUTA];
  } else if (kind === 'SUPPLIER') {
    kbliPrefixes = unique(lines.map((l) => l.kbli[0]!.slice(0, 3)));
    productCategories = unique(lines.flatMap((l) => rng.sample(l.inputs, rng.int(1, Math.max(1, l.inputs.length))).map((x) => x.category)));
    volume = [rng.int(100, 1_000), rng.int(2_000, 20_000)];
  } else {
    kbliPrefixes = unique(lines.map((l) => rng.pick(l.kbli).slice(0, rng.pick([4, 5]))));
    productCategories = unique(lines.flatMap((l) => rng.sample(l.products, rng.int(1, 2)).map((p) => p.category)));
    volume = [rng.int(50, 500), rng.int(1_000, 10_000)];
  }
  const label = kind.charAt(0) + kind.slice(1).toLowerCase();
  const name = `Synthetic ${label} ${String(i).padStart(5, '0')}`;
  const offers = `${label} for ${lines.map((l) => l.label).join(', ')} (synthetic benchmark data).`;
  const slug = `synthetic-${kind.toLowerCase()}-${String(i).padStart(5, '0')}`;
  return {
    id: stableId('synthetic-partner', String(i)),
    slug,
    name,
    kind,
    funderType,
    description: '',
    districtId: rng.chance(0.8) ? rng.pick(ref.districts).id : null,
    website: null,
    sectors,
    kbliPrefixes,
    productCategories,
    districtCodes: districtCodes(rng, ref, kind === 'SUPPLIER' ? 0.5 : 0.75),
    offers,
    volumeMin: volume?.[0] ?? null,
    volumeMax: volume?.[1] ?? null,
    ticketMin: ticket?.[0] ?? null,
    ticketMax: ticket?.[1] ?? null,
    status: 'ACTIVE',
    isDemo: true,
    searchText: searchText(name, offers),
    createdAt: REFERENCE_INSTANT.toISOString(),
    updatedAt: REFERENCE_INSTANT.toISOString(),
  };
}

/** Synthetic enterprise i's NIB: 70, then i in 11 digits. */
const nibOf = (i: number) => `70${String(i).padStart(11, '0')}`;

/** The synthetic enterprises already loaded: they are numbered 1…k (each load is one transaction), NIB 70 + the number. */
async function loadedEnterprises(db: SqlRunner): Promise<number> {
  const [row] = await db.query<{ nib: string | null }>(
    `SELECT max(nib) AS nib FROM "Enterprise" WHERE nib >= '70' AND nib < '71'`,
  );
  return row?.nib ? Number(row.nib.slice(2)) : 0;
}

/** The synthetic partners already loaded: numbered 1…k, a batch per COPY. */
async function loadedPartners(db: SqlRunner): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Partner" WHERE slug LIKE 'synthetic-%'`);
  return row?.n ?? 0;
}

const ENTERPRISE_TABLES = ['enterprise', 'product', 'kbli', 'certification', 'figure', 'need'] as const;

export async function seedSynthetic(db: Database, options: SyntheticOptions): Promise<SyntheticSummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const batchSize = options.batchSize ?? 5_000;
  const ref = await reference(db);
  const rows: Record<string, number> = {};
  const count = (name: string, n: number) => {
    rows[name] = (rows[name] ?? 0) + n;
  };
  const first = (await loadedEnterprises(db)) + 1;
  if (first <= options.enterprises) {
    // The search terms are written by a trigger on Enterprise, the growth shares below: their indexes wait too.
    const tables = [...ENTERPRISE_TABLES.map((name) => TABLES[name].table), 'EnterpriseSearchTerm', 'TurnoverGrowthShare'];
    await db.session((sql) =>
      loadWithoutIndexes(sql, tables, async () => {
        // Each batch is built while the database writes the one before: both cores work.
        let writing: Promise<void> = Promise.resolve();
        for (let from = first; from <= options.enterprises; from += batchSize) {
          const out: Record<TableName, Row[]> = { enterprise: [], product: [], kbli: [], certification: [], figure: [], need: [], partner: [] };
          const to = Math.min(options.enterprises, from + batchSize - 1);
          for (let i = from; i <= to; i += 1) enterpriseRows(i, ref, out);
          await writing;
          writing = (async () => {
            for (const name of ENTERPRISE_TABLES) count(name, await insert(sql, name, out[name]));
            options.progress?.(to, options.enterprises);
          })();
        }
        await writing;
        // The figures went in around the mutations: the growth shares of these IKM are added from them.
        await sql.exec(growthSharesInsert(`b."enterpriseId" IN (SELECT id FROM "Enterprise" WHERE nib BETWEEN '${nibOf(first)}' AND '${nibOf(options.enterprises)}')`));
        log('seed:synthetic: building indexes and checking foreign keys');
      }),
    );
  }
  for (let from = (await loadedPartners(db)) + 1; from <= options.partners; from += batchSize) {
    const to = Math.min(options.partners, from + batchSize - 1);
    const batch = Array.from({ length: to - from + 1 }, (_, k) => partnerRow(from + k, ref));
    count('partner', await insert(db, 'partner', batch));
  }
  log('seed:synthetic: summing the turnover growth cells, refreshing the statistics');
  await db.exec(['BEGIN', ...GROWTH_CELLS_REBUILD, 'COMMIT'].join(';\n'));
  // Fresh statistics, so the planner sees the new sizes at once rather than at autovacuum's leisure,
  // and a fresh visibility map, so that index-only scans (counts, the search terms) skip the tables.
  await db.exec(
    'VACUUM ANALYZE "Enterprise", "EnterpriseProduct", "EnterpriseKbli", "Certification", "EnterpriseYearFigure", "EnterpriseSearchTerm", "TurnoverGrowthShare", "FinancingNeed", "Partner", "District", "Sentra"',
  );
  const elapsedMs = Math.round(performance.now() - started);
  log(`seed:synthetic: done in ${elapsedMs} ms, inserted ${JSON.stringify(rows)}`);
  return { enterprises: options.enterprises, partners: options.partners, rows, elapsedMs };
}

function intArg(args: readonly string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  if (at === -1) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number ≥ 0; got "${args[at + 1] ?? ''}".`);
  return value;
}

/** `seed:synthetic --enterprises N --partners M`: migrate, load the demo seed if missing, then the synthetic rows. */
export async function runSyntheticSeed(config: Config, args: readonly string[]): Promise<void> {
  const enterprises = intArg(args, '--enterprises', 10_000);
  const partners = intArg(args, '--partners', 2_000);
  const { openConfiguredDatabase } = await import('../db/configured');
  const { applyMigrations } = await import('../db/migrate');
  const { seedDemoData } = await import('./index');
  const db = await openConfiguredDatabase(config);
  try {
    await applyMigrations(db);
    await seedDemoData(db);
    const { countProgress } = await import('../cli/progress-bar');
    const bar = countProgress(process.stdout, 'IKM');
    const summary = await seedSynthetic(db, {
      enterprises,
      partners,
      log: (line) => {
        bar.end();
        console.log(line);
      },
      progress: bar.show,
    });
    console.log(`seeded ${db.kind} with synthetic data:`, JSON.stringify(summary));
  } finally {
    await db.close();
  }
}
