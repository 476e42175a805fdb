import { expect, it } from 'vitest';
import { applyMigrations } from '../src/db/migrate';
import { migrateUpTo, withEmptyDatabase } from './support/empty-database';
import { scratchFolder } from './support/scratch';

const scratch = scratchFolder('temu-migration-figures-');
const MIGRATION = '20261203131006_yearly_figures_credit_facilities';

/**
 * The migration that adds the history moves today's single values into it: a database migrated up
 * to the one before, holding enterprises, gets their turnover, capital and staff as the year before
 * their last change (WIB), self-declared, and their current credit as one facility.
 */
it('moves annualTurnover, businessCapital, employees and currentCredit into the history', () =>
  withEmptyDatabase(async (db) => {
    await migrateUpTo(db, MIGRATION, await scratch());

    await db.exec(`
      INSERT INTO "District" (id, code, name) VALUES ('00000000-0000-7000-8000-000000000001', '33.74.99', 'Uji');
      INSERT INTO "Enterprise" (id, nib, name, sector, "districtId", "foundedOn", employees, "annualTurnover", "businessCapital", "currentCredit", "updatedAt") VALUES
        ('00000000-0000-7000-8000-0000000000a1', '9000000000001', 'A', 'BATIK', '00000000-0000-7000-8000-000000000001', '2015-01-01', 12, 1500000000, 400000000, 'KUR', '2026-03-10 12:00:00'),
        -- 31 December 20:00 UTC is already 1 January in Semarang: the last closed year is 2025.
        ('00000000-0000-7000-8000-0000000000a2', '9000000000002', 'B', 'METAL', '00000000-0000-7000-8000-000000000001', '2015-01-01', 3, NULL, 50000000, 'COMMERCIAL_PRODUCTIVE', '2025-12-31 20:00:00'),
        ('00000000-0000-7000-8000-0000000000a3', '9000000000003', 'C', 'CRAFT', '00000000-0000-7000-8000-000000000001', '2015-01-01', 1, 10, NULL, 'NONE', '2024-06-01 00:00:00');
    `);
    await applyMigrations(db);

    const figures = await db.query<Record<string, unknown>>(
      `SELECT e.nib, f.year, f.turnover::text AS turnover, f."businessCapital"::text AS capital, f.employees, f.source::text AS source, f."isEstimate"
       FROM "EnterpriseYearFigure" f JOIN "Enterprise" e ON e.id = f."enterpriseId" ORDER BY e.nib`,
    );
    expect(figures).toEqual([
      { nib: '9000000000001', year: 2025, turnover: '1500000000', capital: '400000000', employees: 12, source: 'SELF_DECLARED', isEstimate: false },
      { nib: '9000000000002', year: 2025, turnover: null, capital: '50000000', employees: 3, source: 'SELF_DECLARED', isEstimate: false },
      { nib: '9000000000003', year: 2023, turnover: '10', capital: null, employees: 1, source: 'SELF_DECLARED', isEstimate: false },
    ]);
    const facilities = await db.query<Record<string, unknown>>(
      `SELECT e.nib, c.kind::text AS kind, c."lenderType", c."amountBand", c."startsOn", c."endsOn"
       FROM "CreditFacility" c JOIN "Enterprise" e ON e.id = c."enterpriseId" ORDER BY e.nib`,
    );
    expect(facilities).toEqual([
      { nib: '9000000000001', kind: 'KUR', lenderType: null, amountBand: null, startsOn: null, endsOn: null },
      { nib: '9000000000002', kind: 'COMMERCIAL', lenderType: null, amountBand: null, startsOn: null, endsOn: null },
    ]);
  }));
