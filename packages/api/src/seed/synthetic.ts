import { GROWTH_CELLS_REBUILD } from '@temu-bisnis/schema/enterprise/growth';
import { typescriptWorker } from '@temu-bisnis/schema/common/typescript-worker';
import { searchText } from '@temu-bisnis/schema/domain/search';
import type { FunderType, PartnerKind, Prisma, Sector } from '@temu-bisnis/schema/prisma';
import type { Config } from '../config';
import type { Database, SqlRunner } from '../db/connection';
import { copyLine, copyText } from '../db/copy-text';
import { inTransaction, loadWithoutIndexes } from './bulk-load';
import { addDays, REFERENCE_INSTANT } from './clock';
import { stableId } from './ids';
import { randomFor, type Random } from './random';
import { loadReferenceData } from './reference-data';
import { partnerPosts } from './opportunities';
import { type Batch, ENTERPRISE_TABLES, type EnterpriseTable, JUTA, type Lines, opportunityValues, type Reference } from './synthetic-enterprises';
import type { GeneratorData } from './synthetic-worker';
import { seedSecret } from './write';

/**
 * Synthetic registry data for benchmarks, never part of the default seed: N enterprises with
 * products, KBLI codes, certifications, five years of figures (those with a sales year) and (a
 * quarter of them) an open financing need, and M
 * partners of every kind, drawn from the demo catalogue's product lines so that matching finds
 * realistic candidate sets. Deterministic (every row comes from a stream seeded by its number and
 * has a stable id), idempotent (a second run adds only the rows numbered beyond those loaded), marked
 * isDemo, and fast: the IKM's rows are drawn as COPY text in a worker thread
 * (synthetic-enterprises.ts) and written 5,000 IKM at a time, in one transaction with the tables'
 * indexes built at the end (bulk-load.ts), on PGlite and PostgreSQL alike. The demo seed must be
 * loaded first (districts and Sentra IKM); `seed:synthetic` does that.
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

const PARTNER_COLUMNS = [
  'id', 'slug', 'name', 'kind', 'funderType', 'description', 'districtId', 'website', 'sectors', 'kbliPrefixes',
  'productCategories', 'districtCodes', 'offers', 'volumeMin', 'volumeMax', 'ticketMin', 'ticketMax', 'status', 'isDemo',
  'searchText', 'createdAt', 'updatedAt',
];

async function reference(db: Database): Promise<Reference> {
  const data = loadReferenceData();
  const districts = await db.query<{ id: string; code: string }>(`SELECT id::text AS id, code FROM "District" ORDER BY code`);
  if (districts.filter((d) => d.code.startsWith('33.74.')).length < 16) throw new Error('seed:synthetic needs the demo seed (the 16 kecamatan and the Sentra IKM): run `seed` first.');
  const sentra = await db.query<{ id: string; slug: string; districtId: string; code: string }>(
    `SELECT s.id::text AS id, s.slug, s."districtId"::text AS "districtId", d.code FROM "Sentra" s JOIN "District" d ON d.id = s."districtId" ORDER BY s.slug`,
  );
  const sentraByLine = new Map<string, { id: string; district: { id: string; code: string } }[]>();
  for (const s of data.sentra) {
    const row = sentra.find((r) => r.slug === s.slug);
    if (row) sentraByLine.set(s.line, [...(sentraByLine.get(s.line) ?? []), { id: row.id, district: { id: row.districtId, code: row.code } }]);
  }
  const lines = data.catalogue.lines;
  return {
    catalogue: data.catalogue,
    lines,
    // Every line appears; lines with a sentra are more common, as in the registry.
    weightedLines: lines.map((l) => [l, l.independentWeight + (sentraByLine.has(l.id) ? 2 : 0) + 0.5]),
    districts,
    sentraByLine,
    words: data.names.businessWords,
    secret: await seedSecret(db.prisma),
  };
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

/**
 * Synthetic partner i's marketplace posts, as a demo partner's (opportunities.ts): buyers' requests,
 * suppliers' and distributors' offers, and a funder's programme over its ticket range. Drawn from
 * their own stream, dated from a year before the reference date.
 */
function partnerPostsOf(i: number, row: Row, ref: Reference): Prisma.OpportunityCreateManyInput[] {
  const kind = row.kind as PartnerKind;
  const volume = row.volumeMin === null ? undefined : ([row.volumeMin, row.volumeMax] as [number, number]);
  const programmes =
    kind === 'FUNDER'
      ? [{ name: 'Kredit modal kerja IKM', min: Number(row.ticketMin), max: Number(row.ticketMax), tenorMonths: 36, purpose: 'WORKING_CAPITAL' as const }]
      : [];
  const poster = {
    id: row.id as string,
    shortName: row.name as string,
    data: {
      kind,
      offers: row.offers as string,
      sectors: row.sectors as Sector[],
      kbliPrefixes: row.kbliPrefixes as string[],
      productCategories: row.productCategories as string[],
      districtCodes: row.districtCodes as string[],
      volume,
      programmes,
    },
  };
  return partnerPosts(randomFor(`synthetic:partner-opportunities:${i}`), ref.catalogue, poster, addDays(REFERENCE_INSTANT, -365), (n) =>
    stableId('synthetic-opportunity', `partner:${i}#${n}`),
  );
}

/** The tables a load writes: the IKM's with their search terms, and the posts' terms that a trigger on Opportunity writes. */
const LOADED_TABLES = [...Object.values(ENTERPRISE_TABLES).map((t) => t.table), 'OpportunitySearchTerm'];

/**
 * The triggers left off during a load. Each IKM's match keys come with its row (matchKeysOf), so
 * the keys' insert triggers would change nothing, after reading every IKM's KBLI codes, products
 * and certificates again (three times, once per table). The sentra capacities and open
 * opportunities would look up each row's enterprise (and a product's siblings) without their
 * indexes, and each batch would upsert thousands of match classes: they are summed once at the end (SUMS).
 * An IKM's search terms come with its row too: the trigger inserted them one row at a time (13
 * million at a million IKM), where COPY writes them a page at a time: the rows' phase took a quarter
 * less (21.2-22.2 s against 16.2-16.5 s at 200,000 IKM, runs taken in turn).
 */
const TRIGGERS_WRITTEN = [
  { table: 'Enterprise', trigger: 'search_terms_insert' },
  ...['EnterpriseProduct', 'EnterpriseKbli', 'Certification'].map((table) => ({ table, trigger: 'match_keys_insert' })),
  { table: 'EnterpriseProduct', trigger: 'sentra_capacity_insert' },
  { table: 'Opportunity', trigger: 'sentra_open_opportunities_insert' },
  { table: 'Enterprise', trigger: 'match_classes_insert' },
];
const SUMS = 'SELECT sentra_capacity_rebuild(), sentra_open_opportunities_rebuild(), match_classes_rebuild()';

/** How many batches the worker draws ahead of the one being written. */
const DRAWN_AHEAD = 2;

/**
 * The batches of IKM first…last, drawn in a worker thread (synthetic-worker.ts) DRAWN_AHEAD batches
 * ahead of the caller, so a batch slow to draw does not leave the database waiting (sampled during
 * a load of 200,000 IKM, the loading backend never waited for the client). On this thread, drawing
 * a batch kept the event loop from starting the next COPY.
 */
async function* drawnBatches(data: GeneratorData): AsyncGenerator<{ to: number; tables: Batch }> {
  const worker = typescriptWorker(new URL('./synthetic-worker.ts', import.meta.url), { workerData: data });
  // The worker answers requests in order: each answer settles the oldest request.
  const requested: { resolve: (batch: { to: number; tables: Batch } | null) => void; reject: (error: Error) => void }[] = [];
  const fail = (error: Error) => {
    for (const request of requested.splice(0)) request.reject(error);
  };
  worker.on('message', (batch: { to: number; tables: Batch } | null) => requested.shift()?.resolve(batch));
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`The synthetic rows' thread stopped (exit code ${code}).`)));
  const next = () => {
    const batch = new Promise<{ to: number; tables: Batch } | null>((resolve, reject) => requested.push({ resolve, reject }));
    // A load that failed leaves batches coming: their end is no news.
    batch.catch(() => {});
    worker.postMessage('next');
    return batch;
  };
  const coming = Array.from({ length: DRAWN_AHEAD }, next);
  try {
    for (let batch = await coming.shift()!; batch; batch = await coming.shift()!) {
      coming.push(next());
      yield batch;
    }
  } finally {
    await worker.terminate();
  }
}

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

export async function seedSynthetic(db: Database, options: SyntheticOptions): Promise<SyntheticSummary> {
  const started = performance.now();
  // Each phase's line says when it starts, so a slow load shows which phase took the time.
  const log = (line: string) => options.log?.(`seed:synthetic: ${((performance.now() - started) / 1000).toFixed(1)} s: ${line}`);
  const batchSize = options.batchSize ?? 5_000;
  const ref = await reference(db);
  const rows: Record<string, number> = {};
  const count = (name: string, n: number) => {
    rows[name] = (rows[name] ?? 0) + n;
  };
  // The partners not loaded yet, with their posts, in the transaction `sql` is in: one a post's
  // trigger locks no partner of (migration poster_place_locked_unless_own).
  const writePartners = async (sql: SqlRunner) => {
    const loaded = await loadedPartners(sql);
    if (loaded < options.partners) log('writing partners');
    for (let from = loaded + 1; from <= options.partners; from += batchSize) {
      const to = Math.min(options.partners, from + batchSize - 1);
      const batch = Array.from({ length: to - from + 1 }, (_, k) => partnerRow(from + k, ref));
      const posts = batch.flatMap((row, k) => partnerPostsOf(from + k, row, ref));
      await sql.copy('Partner', PARTNER_COLUMNS, copyText(batch, PARTNER_COLUMNS));
      await sql.copy('Opportunity', ENTERPRISE_TABLES.opportunity.columns, posts.map((post) => copyLine(opportunityValues(post))).join(''));
      count('partner', batch.length);
      count('opportunity', posts.length);
    }
  };
  const first = (await loadedEnterprises(db)) + 1;
  if (first <= options.enterprises) {
    await db.session((sql) =>
      loadWithoutIndexes(sql, LOADED_TABLES, async () => {
        for await (const { to, tables } of drawnBatches({ ref, first, last: options.enterprises, batchSize })) {
          for (const [name, lines] of Object.entries(tables) as [EnterpriseTable, Lines][]) {
            const { table, columns } = ENTERPRISE_TABLES[name];
            if (lines.rows > 0) await sql.copy(table, columns, lines.bytes);
            count(name, lines.rows);
          }
          options.progress?.(to, options.enterprises);
        }
        // In the load, the posts' search terms go in before their indexes are built (after, 2.5 s for 5,000 partners' posts).
        await writePartners(sql);
        log('summing sentra capacities, open opportunities and match classes');
        await sql.exec(SUMS);
        log('building indexes and checking foreign keys');
      }, { triggersWritten: TRIGGERS_WRITTEN }),
    );
  }
  // Partners beyond those a load wrote (or with no IKM to load).
  await db.session((sql) => inTransaction(sql, () => writePartners(sql)));
  log('summing the turnover growth cells');
  await db.exec(['BEGIN', ...GROWTH_CELLS_REBUILD, 'COMMIT'].join(';\n'));
  // Fresh statistics, so the planner sees the new sizes at once rather than at autovacuum's leisure,
  // and a fresh visibility map, so that index-only scans (counts, the search terms) skip the tables.
  // A table per connection: on PostgreSQL they are vacuumed side by side (PGlite takes them in turn).
  // Not when nothing was written: each ANALYZE draws another sample, and plans chosen on estimates
  // near a threshold changed between two runs of the benchmark on one database.
  if (Object.keys(rows).length > 0) {
    log('refreshing the statistics');
    await Promise.all([...LOADED_TABLES, 'Partner', 'District', 'Sentra', 'MatchClass'].map((table) => db.exec(`VACUUM ANALYZE "${table}"`)));
  }
  const elapsedMs = Math.round(performance.now() - started);
  log(`done in ${elapsedMs} ms, inserted ${JSON.stringify(rows)}`);
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
