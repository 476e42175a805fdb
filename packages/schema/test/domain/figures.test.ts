import { describe, expect, it } from 'vitest';
import { currentCreditOf, facilityProblems, isRunning } from '../../src/domain/figures/credit';
import { FIRST_FIGURE_YEAR, figuresInUse, type YearFigure, yearFigureProblems } from '../../src/domain/figures/years';
import { growthDeltas, growthShares } from '../../src/domain/figures/growth';
import { MILIAR } from '../../src/domain/money';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const fig = (year: number, changes: Partial<YearFigure> = {}): YearFigure => ({
  year,
  turnover: null,
  employees: null,
  businessCapital: null,
  source: 'SELF_DECLARED',
  isEstimate: false,
  ...changes,
});

describe('figuresInUse (PP 7/2021 art. 35: sales of the latest closed year)', () => {
  it('classes by the latest closed year, never the running one', () => {
    const history = [fig(2026, { turnover: 20n * MILIAR, isEstimate: true }), fig(2025, { turnover: 3n * MILIAR }), fig(2023, { turnover: 1n })];
    expect(figuresInUse(history, 2026)).toMatchObject({ annualTurnover: 3n * MILIAR, turnoverYear: 2025 });
    expect(figuresInUse(history, 2025)).toMatchObject({ annualTurnover: 1n, turnoverYear: 2023 });
  });

  it('takes capital and employees from the latest year up to and including this one', () => {
    const history = [fig(2026, { businessCapital: 5n, employees: 9 }), fig(2025, { businessCapital: 4n, employees: 7 })];
    expect(figuresInUse(history, 2026)).toMatchObject({ businessCapital: 5n, employees: 9 });
    expect(figuresInUse(history, 2025)).toMatchObject({ businessCapital: 4n, employees: 7 });
  });

  it('is all null for an empty history', () => {
    expect(figuresInUse([], 2026)).toEqual({ annualTurnover: null, turnoverYear: null, businessCapital: null, employees: null });
  });
});

describe('yearFigureProblems', () => {
  const ok = { year: 2025, turnover: 10n, exports: 10n, employees: 0, isEstimate: false };
  it('accepts the boundaries', () => {
    expect(yearFigureProblems(ok, 2026)).toEqual([]);
    expect(yearFigureProblems({ ...ok, year: FIRST_FIGURE_YEAR }, 2026)).toEqual([]);
    expect(yearFigureProblems({ ...ok, year: 2026, isEstimate: true }, 2026)).toEqual([]);
  });
  it('refuses a future year, a year before the first, an unflagged current year, exports above turnover, negative employees', () => {
    expect(yearFigureProblems({ ...ok, year: 2027, isEstimate: true }, 2026).map((p) => p.field)).toEqual([['year']]);
    expect(yearFigureProblems({ ...ok, year: FIRST_FIGURE_YEAR - 1 }, 2026).map((p) => p.field)).toEqual([['year']]);
    expect(yearFigureProblems({ ...ok, year: 2026 }, 2026).map((p) => p.field)).toEqual([['isEstimate']]);
    expect(yearFigureProblems({ ...ok, exports: 11n }, 2026).map((p) => [p.code, p.field])).toEqual([['INVALID_RANGE', ['exports']]]);
    expect(yearFigureProblems({ ...ok, employees: -1 }, 2026).map((p) => p.field)).toEqual([['employees']]);
  });
});

describe('currentCreditOf (Permenko Perekonomian 1/2026: what may run alongside KUR)', () => {
  const today = day('2026-07-15');
  it('is NONE without running facilities; a facility ending yesterday has stopped, one ending today still runs', () => {
    expect(currentCreditOf([], today)).toBe('NONE');
    expect(currentCreditOf([{ kind: 'COMMERCIAL', startsOn: null, endsOn: day('2026-07-14') }], today)).toBe('NONE');
    expect(currentCreditOf([{ kind: 'COMMERCIAL', startsOn: null, endsOn: today }], today)).toBe('COMMERCIAL_PRODUCTIVE');
    expect(isRunning({ kind: 'KUR', startsOn: day('2026-07-16'), endsOn: null }, today)).toBe(false);
    expect(isRunning({ kind: 'KUR', startsOn: today, endsOn: null }, today)).toBe(true);
  });
  it('lets the strongest bar win: commercial (cooperative counts) over KUR over consumer', () => {
    const f = (kind: 'KUR' | 'CONSUMER' | 'COOPERATIVE') => ({ kind, startsOn: null, endsOn: null });
    expect(currentCreditOf([f('CONSUMER'), f('KUR')], today)).toBe('KUR');
    expect(currentCreditOf([f('KUR'), f('COOPERATIVE')], today)).toBe('COMMERCIAL_PRODUCTIVE');
    expect(currentCreditOf([f('CONSUMER')], today)).toBe('CONSUMER');
  });
  it('refuses an end before the start, not the same day', () => {
    expect(facilityProblems({ startsOn: today, endsOn: today })).toEqual([]);
    expect(facilityProblems({ startsOn: today, endsOn: day('2026-07-14') }).map((p) => p.field)).toEqual([['endsOn']]);
  });
});

describe('turnover growth shares', () => {
  const y = (year: number, turnover: bigint | null) => ({ year, turnover });
  it('makes a share of each year with a positive turnover the year before, classed by that year', () => {
    const shares = growthShares([y(2021, 0n), y(2022, 100n), y(2023, 3_000_000_000n), y(2024, null), y(2025, 10n), y(2026, 20n)], 'BATIK');
    expect(shares).toEqual([
      { year: 2023, sector: 'BATIK', sizeClass: 'MICRO', before: 100n, after: 3_000_000_000n },
      { year: 2026, sector: 'BATIK', sizeClass: 'MICRO', before: 10n, after: 20n },
    ]);
    expect(growthShares([y(2024, 3_000_000_000n), y(2025, 1n)], 'BATIK')[0]!.sizeClass).toBe('SMALL');
  });

  it('moves the cells by the difference only, in key order', () => {
    const old = growthShares([y(2023, 100n), y(2024, 200n), y(2025, 300n)], 'BATIK');
    const next = growthShares([y(2023, 100n), y(2024, 250n), y(2025, 300n)], 'METAL');
    expect(growthDeltas(old, old)).toEqual([]);
    expect(growthDeltas(old, next)).toEqual([
      { year: 2024, sector: 'BATIK', sizeClass: 'MICRO', ikm: -1, before: -100n, after: -200n },
      { year: 2024, sector: 'METAL', sizeClass: 'MICRO', ikm: 1, before: 100n, after: 250n },
      { year: 2025, sector: 'BATIK', sizeClass: 'MICRO', ikm: -1, before: -200n, after: -300n },
      { year: 2025, sector: 'METAL', sizeClass: 'MICRO', ikm: 1, before: 250n, after: 300n },
    ]);
  });
});
