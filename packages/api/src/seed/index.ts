import { rebuildTurnoverGrowth } from '@temu-bisnis/schema/enterprise/growth';
import type { Database } from '../db/connection';
import { buildDemoDataset } from './build';
import { REFERENCE_DATE } from './clock';
import type { SeedTable } from './dataset';
import { adoptExistingIds, seedSecret, writeDataset } from './write';

export { buildDemoDataset } from './build';
export { REFERENCE_DATE, REFERENCE_INSTANT } from './clock';
export { type DemoDataset, SEED_TABLES, type SeedTable } from './dataset';
export { secretId, stableId } from './ids';
export { seedSecret } from './write';

export interface SeedOptions {
  /** Receives progress lines such as "seed: enterprises 342/342". */
  log?: (line: string) => void;
}

export interface SeedSummary {
  /** The fixed date all relative demo dates are computed from. */
  referenceDate: string;
  /** Per table: rows in the demo data set, and how many of them this run inserted. */
  tables: Record<SeedTable, { rows: number; inserted: number }>;
  /** Rows inserted by this run, all tables: 0 when the demo data was already there. */
  inserted: number;
  elapsedMs: number;
}

/**
 * Loads the deterministic demo data: the 35 kabupaten/kota and 576 kecamatan of Jawa Tengah, three
 * Disperin offices (Kota Semarang, Kabupaten Demak, the province), 20 Sentra IKM and 336 IKM of
 * Kota Semarang and 6 of Kabupaten Demak with their
 * products, KBLI codes, certifications and contacts, 49 partners, opportunities, users, a completed
 * and an open Temu Bisnis forum, financing needs, consents and funders' leads. Every row has a
 * stable id and isDemo where the model has it; rows already present are left untouched, so running
 * it again inserts nothing and changes nothing. The database must be migrated.
 */
export async function seedDemoData(db: Database, options: SeedOptions = {}): Promise<SeedSummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const dataset = await adoptExistingIds(db.prisma, buildDemoDataset(await seedSecret(db.prisma)));
  const tables = await writeDataset(db.prisma, dataset, log);
  // The figures went in around the mutations: the turnover growth summary is rebuilt from them,
  // unless none went in (a second run: rebuilding a province's million IKM would take minutes).
  if (tables.yearFigures.inserted + tables.enterprises.inserted > 0) await rebuildTurnoverGrowth(db.prisma);
  const inserted = Object.values(tables).reduce((sum, t) => sum + t.inserted, 0);
  const elapsedMs = Math.round(performance.now() - started);
  log(`seed: done, ${inserted} rows inserted in ${elapsedMs} ms (reference date ${REFERENCE_DATE})`);
  return { referenceDate: REFERENCE_DATE, tables, inserted, elapsedMs };
}
