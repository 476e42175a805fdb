import type { CreditFacilityKind, FigureSource, LenderType, Prisma } from '@temu-bisnis/schema/prisma';
import { JUTA } from '@temu-bisnis/schema/domain/money';
import { addMonths, dateOnly, REFERENCE_INSTANT } from './clock';
import type { EnterpriseProfile } from './enterprises';
import { stableId } from './ids';
import { rupiah } from './quantities';
import { type Random, randomFor } from './random';

/** Years of history per demo IKM: the five closed years before the reference date's year. */
export const HISTORY_YEARS = 5;

export interface YearFigureRows {
  yearFigures: Prisma.EnterpriseYearFigureCreateManyInput[];
  creditFacilities: Prisma.CreditFacilityCreateManyInput[];
}

const SOURCE_BY_BOOKS: Record<EnterpriseProfile['bookkeeping'], FigureSource> = {
  NONE: 'SELF_DECLARED',
  MANUAL_NOTES: 'SELF_DECLARED',
  SPREADSHEET: 'BOOKKEEPING',
  ACCOUNTING_APP: 'BOOKKEEPING',
  AUDITED_STATEMENTS: 'TAX_RETURN',
};

/**
 * Five closed years of figures per demo IKM, walked back from the profile's figures (which are the
 * last closed year's, as the profile columns derive them): sales grow 0–18 % a year with an
 * occasional bad year (the 2021–2022 recovery from the pandemic shows as faster growth), capital
 * and staff follow more slowly; an IKM founded later has fewer years. Some report this year's
 * expected sales as an estimate; exporters sell a share abroad. Each IKM draws from its own stream
 * ("figures:<nib>"), so the rest of the demo data is unchanged by this generator.
 */
export function buildYearFigures(profiles: readonly EnterpriseProfile[]): YearFigureRows {
  const thisYear = REFERENCE_INSTANT.getUTCFullYear();
  const out: YearFigureRows = { yearFigures: [], creditFacilities: [] };
  for (const e of profiles) {
    const rng = randomFor(`figures:${e.nib}`);
    const exportShare = e.size !== 'MICRO' && rng.chance(0.25) ? 0.05 + rng.next() * 0.3 : 0;
    const push = (year: number, v: { turnover: bigint | null; capital: bigint | null; employees: number; isEstimate: boolean; source: FigureSource }) =>
      out.yearFigures.push({
        id: stableId('year-figure', `${e.nib}:${year}`),
        enterpriseId: e.id,
        year,
        turnover: v.turnover,
        businessCapital: v.capital,
        employees: v.employees,
        exports: v.turnover !== null && exportShare > 0 ? rupiah(Number(v.turnover) * exportShare, JUTA) : null,
        source: v.source,
        isEstimate: v.isEstimate,
      });
    if (e.annualTurnover === null) {
      // A new IKM has no closed year: only its capital and staff now, as an estimate of this year.
      push(thisYear, { turnover: null, capital: e.businessCapital, employees: e.employees, isEstimate: true, source: 'SELF_DECLARED' });
    } else {
      let turnover = Number(e.annualTurnover);
      let capital = Number(e.businessCapital);
      let employees = e.employees;
      const firstYear = Math.max(thisYear - HISTORY_YEARS, e.foundedOn.getUTCFullYear() + 1);
      for (let year = thisYear - 1; year >= firstYear; year -= 1) {
        const source = year === thisYear - 1 ? SOURCE_BY_BOOKS[e.bookkeeping] : rng.chance(0.2) ? 'DISPERIN_SURVEY' : 'SELF_DECLARED';
        push(year, {
          turnover: year === thisYear - 1 ? e.annualTurnover : rupiah(turnover, JUTA),
          capital: year === thisYear - 1 ? e.businessCapital : rupiah(capital, 500_000n),
          employees,
          isEstimate: false,
          source,
        });
        turnover /= growth(rng, year);
        capital /= 1 + rng.next() * 0.08;
        employees = Math.max(1, employees - (rng.chance(0.3) ? 1 : 0));
      }
      if (rng.chance(0.3)) {
        const estimate = rupiah(Number(e.annualTurnover) * growth(rng, thisYear), JUTA);
        push(thisYear, { turnover: estimate, capital: null, employees: e.employees, isEstimate: true, source: 'SELF_DECLARED' });
      }
    }
    facility(rng, e, out);
  }
  return out;
}

/** Sales of `year` over the year before: faster in the post-pandemic rebound, a bad year now and then. */
function growth(rng: Random, year: number): number {
  if (rng.chance(0.12)) return 0.85 + rng.next() * 0.12;
  return (year <= 2022 ? 1.08 : 1.02) + rng.next() * 0.16;
}

const KIND: Record<Exclude<EnterpriseProfile['currentCredit'], 'NONE'>, { kind: CreditFacilityKind; lenders: readonly LenderType[] }> = {
  KUR: { kind: 'KUR', lenders: ['STATE_BANK', 'STATE_BANK', 'REGIONAL_BANK', 'PRIVATE_BANK'] },
  COMMERCIAL_PRODUCTIVE: { kind: 'COMMERCIAL', lenders: ['PRIVATE_BANK', 'BPR', 'STATE_BANK'] },
  CONSUMER: { kind: 'CONSUMER', lenders: ['PRIVATE_BANK', 'FINTECH'] },
};

/** The profile's current credit as one running facility (ending after the reference date), sometimes with a finished earlier one. */
function facility(rng: Random, e: EnterpriseProfile, out: YearFigureRows): void {
  if (e.currentCredit !== 'NONE') {
    const { kind, lenders } = KIND[e.currentCredit];
    const startsOn = dateOnly(addMonths(REFERENCE_INSTANT, -rng.int(2, 30)));
    out.creditFacilities.push({
      id: stableId('credit-facility', `${e.nib}#1`),
      enterpriseId: e.id,
      kind,
      lenderType: rng.pick(lenders),
      amountBand: kind === 'KUR' ? rng.pick(['UP_TO_100_JUTA', 'UP_TO_500_JUTA'] as const) : rng.pick(['UP_TO_500_JUTA', 'UP_TO_2_MILIAR'] as const),
      startsOn,
      endsOn: addMonths(startsOn, 12 * rng.int(3, 5)),
    });
  }
  if (!e.isNew && rng.chance(0.15)) {
    const startsOn = dateOnly(addMonths(REFERENCE_INSTANT, -rng.int(48, 60)));
    out.creditFacilities.push({
      id: stableId('credit-facility', `${e.nib}#0`),
      enterpriseId: e.id,
      kind: 'KUR',
      lenderType: 'STATE_BANK',
      amountBand: 'UP_TO_100_JUTA',
      startsOn,
      endsOn: addMonths(startsOn, 24),
    });
  }
}
