import type { Tx } from '../common/mutation';
import { growthDeltas, type GrowthShare, growthShares } from '../domain/figures/growth';
import { CEILINGS, type SizeClass } from '../domain/size-class';
import type { PrismaClient } from '../generated/prisma/client';
import type { Sector } from '../generated/prisma/enums';

/**
 * Keeps the IKM's TurnoverGrowthShare rows and the TurnoverGrowthCell sums equal to its figures
 * and sector (called by syncFromHistory, in the transaction of the change, under the enterprise's
 * row lock). The cells move by increments, so writers of different IKM never overwrite each other.
 */
export async function syncGrowthShares(tx: Tx, enterpriseId: string, figures: readonly { year: number; turnover: bigint | null }[], sector: Sector): Promise<void> {
  const old: GrowthShare[] = (await tx.turnoverGrowthShare.findMany({ where: { enterpriseId }, orderBy: { year: 'asc' } })).map((s) => ({
    ...s,
    sizeClass: s.sizeClass as SizeClass,
  }));
  const next = growthShares(figures, sector);
  const deltas = growthDeltas(old, next);
  if (deltas.length === 0) return;
  for (const d of deltas) {
    await tx.turnoverGrowthCell.upsert({
      where: { year_sector_sizeClass: { year: d.year, sector: d.sector, sizeClass: d.sizeClass } },
      create: { year: d.year, sector: d.sector, sizeClass: d.sizeClass, ikm: d.ikm, before: d.before, after: d.after },
      update: { ikm: { increment: d.ikm }, before: { increment: d.before }, after: { increment: d.after } },
    });
  }
  await tx.turnoverGrowthShare.deleteMany({ where: { enterpriseId } });
  if (next.length > 0) await tx.turnoverGrowthShare.createMany({ data: next.map((s) => ({ enterpriseId, ...s })) });
}

/**
 * The INSERT of the growth shares of the enterprises `scope` selects (a condition on the later
 * year's figure b), from their figures: size class by the sales of year − 1, PP 7/2021 art. 35(5).
 */
export function growthSharesInsert(scope = 'TRUE'): string {
  const [micro, small, medium] = CEILINGS.ANNUAL_SALES.map((c) => c.max);
  return `INSERT INTO "TurnoverGrowthShare" ("enterpriseId", year, sector, "sizeClass", before, after)
    SELECT b."enterpriseId", b.year, e.sector,
      CASE WHEN a.turnover <= ${micro} THEN 'MICRO' WHEN a.turnover <= ${small} THEN 'SMALL' WHEN a.turnover <= ${medium} THEN 'MEDIUM' ELSE 'LARGE' END,
      a.turnover, b.turnover
    FROM "EnterpriseYearFigure" b
    JOIN "EnterpriseYearFigure" a ON a."enterpriseId" = b."enterpriseId" AND a.year = b.year - 1 AND a.turnover > 0
    JOIN "Enterprise" e ON e.id = b."enterpriseId"
    WHERE b.turnover IS NOT NULL AND (${scope})`;
}

/** The statements that sum the cells again from every share, to run in one transaction. */
export const GROWTH_CELLS_REBUILD: readonly string[] = [
  'DELETE FROM "TurnoverGrowthCell"',
  `INSERT INTO "TurnoverGrowthCell" (year, sector, "sizeClass", ikm, before, after)
   SELECT year, sector, "sizeClass", count(*)::int, sum(before), sum(after) FROM "TurnoverGrowthShare" GROUP BY 1, 2, 3`,
];

/**
 * Rebuilds every share and cell from the figures, in SQL: for rows written around the mutations
 * (the seed, bulk loads) and as the reference the maintained rows are tested against.
 */
export async function rebuildTurnoverGrowth(prisma: Pick<PrismaClient, '$transaction'>): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`DELETE FROM "TurnoverGrowthShare"`;
    await tx.$executeRawUnsafe(growthSharesInsert());
    for (const statement of GROWTH_CELLS_REBUILD) await tx.$executeRawUnsafe(statement);
  }, { timeout: 600_000, maxWait: 60_000 });
}
