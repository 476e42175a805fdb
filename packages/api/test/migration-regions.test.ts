import { expect, it } from 'vitest';
import { applyMigrations } from '../src/db/migrate';
import { seedDemoData } from '../src/seed';
import { migrateUpTo, withEmptyDatabase } from './support/empty-database';
import { scratchFolder } from './support/scratch';

const scratch = scratchFolder('temu-migration-regions-');
const MIGRATION = '20261205092058_regions';

/**
 * The regions migration on a database made before it: its kecamatan of Kota Semarang get Kota
 * Semarang as their kabupaten/kota, its staff Disperin Kota Semarang as their office, partners an
 * empty regencyCodes; the demo seed then adopts both rows by code and name and adds the rest.
 */
it('gives existing kecamatan Kota Semarang and existing staff its office, which the seed then adopts', () =>
  withEmptyDatabase(async (db) => {
    await migrateUpTo(db, MIGRATION, await scratch());

    await db.exec(`
      INSERT INTO "District" (id, code, name) VALUES
        ('00000000-0000-7000-8000-000000000001', '33.74.01', 'Semarang Tengah'),
        ('00000000-0000-7000-8000-000000000012', '33.74.12', 'Gunungpati');
      INSERT INTO "User" (id, email, name, role) VALUES
        ('00000000-0000-7000-8000-0000000000b1', 'admin@disperin.semarangkota.go.id', 'Admin', 'ADMIN'),
        ('00000000-0000-7000-8000-0000000000b2', 'petugas@disperin.semarangkota.go.id', 'Petugas', 'OFFICER'),
        ('00000000-0000-7000-8000-0000000000b3', 'pemilik@ikm.example', 'Pemilik', 'ENTERPRISE');
      INSERT INTO "Partner" (id, slug, name, kind, "districtCodes", "updatedAt") VALUES
        ('00000000-0000-7000-8000-0000000000c1', 'mitra', 'Mitra', 'BUYER', '{}', now());
    `);
    await applyMigrations(db);

    const districts = await db.query<{ code: string; regency: string; kind: string; province: string }>(
      `SELECT d.code, r.code AS regency, r.kind::text AS kind, r."provinceCode" AS province
         FROM "District" d JOIN "Regency" r ON r.id = d."regencyId" ORDER BY d.code`,
    );
    expect(districts).toEqual([
      { code: '33.74.01', regency: '33.74', kind: 'KOTA', province: '33' },
      { code: '33.74.12', regency: '33.74', kind: 'KOTA', province: '33' },
    ]);
    const users = await db.query<{ email: string; office: string | null }>(
      `SELECT u.email, o.name AS office FROM "User" u LEFT JOIN "DisperinOffice" o ON o.id = u."officeId" ORDER BY u.email`,
    );
    expect(users).toEqual([
      { email: 'admin@disperin.semarangkota.go.id', office: 'Dinas Perindustrian Kota Semarang' },
      { email: 'pemilik@ikm.example', office: null },
      { email: 'petugas@disperin.semarangkota.go.id', office: 'Dinas Perindustrian Kota Semarang' },
    ]);
    expect(await db.query(`SELECT "regencyCodes" FROM "Partner"`)).toEqual([{ regencyCodes: [] }]);
    const [made] = await db.query<{ regency: string; office: string }>(
      `SELECT r.id AS regency, o.id AS office FROM "Regency" r JOIN "DisperinOffice" o ON o."regencyId" = r.id`,
    );

    const summary = await seedDemoData(db);
    expect(summary.tables.regencies).toEqual({ rows: 35, inserted: 34 });
    expect(summary.tables.offices).toEqual({ rows: 3, inserted: 2 });
    expect(summary.tables.districts).toEqual({ rows: 576, inserted: 574 });
    const [kept] = await db.query<{ districts: number; staff: number }>(
      `SELECT (SELECT count(*)::int FROM "District" WHERE "regencyId" = $1) AS districts,
              (SELECT count(*)::int FROM "User" WHERE "officeId" = $2) AS staff`,
      [made!.regency, made!.office],
    );
    // The demo's admin was already there (kept as it was); its two other Semarang officers join it.
    expect(kept).toEqual({ districts: 16, staff: 4 });
  }));
