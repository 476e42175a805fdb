import type { Tx } from '../common/mutation';
import { currentCreditOf, isRunning } from '../domain/figures/credit';
import { figuresInUse } from '../domain/figures/years';
import type { CreditFacilityKind, CurrentCredit } from '../generated/prisma/enums';
import { syncGrowthShares } from './growth';

/**
 * The profile's single values (annualTurnover, businessCapital, currentCredit) are derived from
 * the yearly history and the credit facilities, and written back here in the same transaction as
 * every change to either, so the old fields, the size class, filters, matching and the CSV export
 * read one column instead of the history; so are the IKM's turnover growth shares (the funnel
 * report's comparison), which also follow its sector. `today` is the Semarang date at UTC midnight.
 */
export async function syncFromHistory(tx: Tx, enterpriseId: string, today: Date): Promise<void> {
  const [figures, facilities] = await Promise.all([
    tx.enterpriseYearFigure.findMany({ where: { enterpriseId } }),
    tx.creditFacility.findMany({ where: { enterpriseId }, select: { kind: true, startsOn: true, endsOn: true } }),
  ]);
  const inUse = figuresInUse(figures, today.getUTCFullYear());
  const { sector } = await tx.enterprise.update({
    where: { id: enterpriseId },
    data: { annualTurnover: inUse.annualTurnover, businessCapital: inUse.businessCapital, currentCredit: currentCreditOf(facilities, today) },
    select: { sector: true },
  });
  await syncGrowthShares(tx, enterpriseId, figures, sector);
}

const KIND_OF: Record<Exclude<CurrentCredit, 'NONE'>, CreditFacilityKind> = {
  KUR: 'KUR',
  COMMERCIAL_PRODUCTIVE: 'COMMERCIAL',
  CONSUMER: 'CONSUMER',
};

/**
 * enterpriseCreate and enterpriseUpdate still take the single values. A turnover without a year is
 * the sales of the last closed year, self-declared (as the migration reads the old column); capital
 * is filed with it. A changed currentCredit ends the facilities running today and opens one of the
 * new kind, with lender, band and dates unknown.
 */
export async function recordProfileFigures(
  tx: Tx,
  enterpriseId: string,
  today: Date,
  figures: { annualTurnover?: bigint | null; businessCapital?: bigint | null },
  currentCredit?: CurrentCredit,
): Promise<void> {
  const given = Object.fromEntries(
    Object.entries({ turnover: figures.annualTurnover, businessCapital: figures.businessCapital }).filter(([, v]) => v !== undefined),
  );
  if (Object.keys(given).length > 0) {
    const year = today.getUTCFullYear() - 1;
    await tx.enterpriseYearFigure.upsert({
      where: { enterpriseId_year: { enterpriseId, year } },
      create: { enterpriseId, year, source: 'SELF_DECLARED', ...given },
      update: { source: 'SELF_DECLARED', isEstimate: false, ...given },
    });
  }
  if (currentCredit !== undefined) {
    const facilities = await tx.creditFacility.findMany({ where: { enterpriseId } });
    if (currentCreditOf(facilities, today) !== currentCredit) {
      const yesterday = new Date(today.getTime() - 86_400_000);
      for (const f of facilities.filter((x) => isRunning(x, today))) {
        await (f.startsOn !== null && f.startsOn >= today
          ? tx.creditFacility.delete({ where: { id: f.id } })
          : tx.creditFacility.update({ where: { id: f.id }, data: { endsOn: yesterday } }));
      }
      if (currentCredit !== 'NONE') await tx.creditFacility.create({ data: { enterpriseId, kind: KIND_OF[currentCredit], startsOn: today } });
    }
  }
  await syncFromHistory(tx, enterpriseId, today);
}
