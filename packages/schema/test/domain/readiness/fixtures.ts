import { JUTA, MILIAR } from '../../../src/domain/money';
import { assessReadiness, type Assessment, type ReadinessInput, type Rule } from '../../../src/domain/readiness';

export const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** A date well inside rule set 2026.1. */
export const AS_OF = day('2026-07-15');

/** A history holding one year's turnover; the previous year of AS_OF (2025) by default. */
export const turnoverOf = (turnover: bigint, year = 2025, isEstimate = false) => ({ yearFigures: [{ year, turnover, isEstimate }] });

/**
 * An IKM that passes every rule for a KUR Mikro of Rp75 juta: old enough, NIB and NPWP on record,
 * micro by sales, no credit, spreadsheet books. Each test changes only what it is about.
 */
export function lead(
  changes: { enterprise?: Partial<ReadinessInput['enterprise']>; amount?: bigint } = {},
): ReadinessInput {
  return {
    enterprise: {
      nib: '9120304050607',
      npwp: '0123456789012345',
      foundedOn: day('2019-03-01'),
      annualTurnover: 1n * MILIAR,
      businessCapital: 300n * JUTA,
      bookkeeping: 'SPREADSHEET',
      hasFinancialStatements: false,
      currentCredit: 'NONE',
      yearFigures: [{ year: 2025, turnover: 1n * MILIAR, isEstimate: false }],
      ...changes.enterprise,
    },
    amount: changes.amount ?? 75n * JUTA,
  };
}

export function evaluate(rule: Rule, input: ReadinessInput, asOf: Date = AS_OF) {
  return rule.evaluate(input, asOf);
}

export function assess(input: ReadinessInput, asOf: Date = AS_OF): Assessment {
  return assessReadiness(input, { asOf });
}

export function outcomes(assessment: Assessment): Record<string, string> {
  return Object.fromEntries(assessment.rules.map((r) => [r.id, r.outcome]));
}
