import type { FigureSource } from '../../generated/prisma/enums';
import { problem, type Problem } from '../problems';

/** One year of an IKM's figures, as the history stores it (money in rupiah). */
export type YearFigure = {
  year: number;
  turnover: bigint | null;
  employees: number | null;
  businessCapital: bigint | null;
  source: FigureSource;
  isEstimate: boolean;
};

/** The turnover KUR readiness reads, with the year it belongs to and whether it is an estimate. */
export type ReadinessTurnover = { turnover: bigint; year: number; isEstimate: boolean };

/**
 * Permenko Perekonomian 1/2026 Pasal 3: the KUR scale test reads the turnover (omzet) of the
 * previous year, or an estimate for the current year. The previous year wins when both exist (a
 * closed year is evidence, a current-year figure is at best an estimate); a figure of the current
 * year always counts as an estimate, since the year is not over. Older years do not count.
 */
export function readinessTurnover(figures: readonly Pick<YearFigure, 'year' | 'turnover' | 'isEstimate'>[], asOfYear: number): ReadinessTurnover | null {
  const previous = figures.find((f) => f.year === asOfYear - 1 && f.turnover !== null);
  if (previous) return { turnover: previous.turnover!, year: previous.year, isEstimate: previous.isEstimate };
  const current = figures.find((f) => f.year === asOfYear && f.turnover !== null);
  if (current) return { turnover: current.turnover!, year: current.year, isEstimate: true };
  return null;
}

/** The profile's figures in use: what the size class and the old single-value fields read. */
export type FiguresInUse = {
  annualTurnover: bigint | null;
  /** The year annualTurnover belongs to. */
  turnoverYear: number | null;
  businessCapital: bigint | null;
  employees: number | null;
};

/**
 * PP 7/2021 art. 35(5) classes by annual sales (hasil penjualan tahunan): the sales of the latest
 * closed year (before `asOfYear`), a measured figure preferred to an estimate of the same year.
 * Capital (art. 35(3)) and employees are stocks, so the latest year up to `asOfYear` that has them.
 */
export function figuresInUse(figures: readonly YearFigure[], asOfYear: number): FiguresInUse {
  const latest = <K extends 'turnover' | 'businessCapital' | 'employees'>(key: K, maxYear: number) =>
    [...figures].filter((f) => f.year <= maxYear && f[key] !== null).sort((a, b) => b.year - a.year)[0];
  const sales = latest('turnover', asOfYear - 1);
  return {
    annualTurnover: sales?.turnover ?? null,
    turnoverYear: sales?.year ?? null,
    businessCapital: latest('businessCapital', asOfYear)?.businessCapital ?? null,
    employees: latest('employees', asOfYear)?.employees ?? null,
  };
}

/** The first year the registry accepts: the oldest IKM in Kota Semarang's registry predate none of it. */
export const FIRST_FIGURE_YEAR = 1970;

/**
 * A year's figures make sense: a year from FIRST_FIGURE_YEAR up to the current one; the current
 * year's figures are an estimate (the year is not closed); exports are part of sales, so never above
 * the turnover of the same year. Field paths are below `input`.
 */
export function yearFigureProblems(
  input: { year: number; turnover: bigint | null; exports: bigint | null; employees: number | null; isEstimate: boolean },
  currentYear: number,
): Problem[] {
  const problems: Problem[] = [];
  if (!Number.isInteger(input.year) || input.year < FIRST_FIGURE_YEAR || input.year > currentYear) {
    problems.push(problem('INVALID_VALUE', ['year'], `The year must be from ${FIRST_FIGURE_YEAR} up to the current year.`));
  } else if (input.year === currentYear && !input.isEstimate) {
    problems.push(problem('INVALID_VALUE', ['isEstimate'], 'Figures of the current year can only be an estimate: the year is not over.'));
  }
  if (input.employees !== null && (!Number.isInteger(input.employees) || input.employees < 0 || input.employees > 100_000)) {
    problems.push(problem('INVALID_VALUE', ['employees'], 'Employees must be a whole number from 0 to 100,000.'));
  }
  if (input.exports !== null && input.turnover !== null && input.exports > input.turnover) {
    problems.push(problem('INVALID_RANGE', ['exports'], 'Exports are part of sales, so they cannot be above the turnover of the same year.'));
  }
  return problems;
}
