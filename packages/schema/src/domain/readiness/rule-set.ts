import { amountRule } from './rules/amount';
import { annualTurnoverRule } from './rules/annual-turnover';
import { bookkeepingRule } from './rules/bookkeeping';
import { businessAgeRule } from './rules/business-age';
import { currentCreditRule } from './rules/current-credit';
import { nibRule } from './rules/nib';
import { npwpRule } from './rules/npwp';
import { sizeClassRule } from './rules/size-class';
import { PERMENKO_1_2026 } from './sources';
import type { RuleSet } from './types';

/**
 * KUR readiness under Permenko Perekonomian 1/2026. The regulation was set on 5 January 2026 for the
 * 2026 KUR programme year; the product applies it from the start of that year.
 */
export const KUR_2026_1: RuleSet = {
  version: '2026.1',
  effectiveFrom: '2026-01-01',
  source: PERMENKO_1_2026,
  rules: [
    businessAgeRule,
    nibRule,
    npwpRule,
    annualTurnoverRule,
    currentCreditRule,
    amountRule,
    sizeClassRule,
    bookkeepingRule,
  ],
};

/**
 * Every rule set ever in force, oldest first. A new regulation appends a set; published sets are
 * never edited, so an assessment can be repeated for any past date.
 */
export const RULE_SETS: readonly RuleSet[] = [KUR_2026_1];

/**
 * Thrown for a date before the first rule set. Applying the 2026 rules to an earlier date would
 * misstate the law of that time (Permenko 1/2022 and its amendments), so there is no fallback.
 */
export class NoRuleSetInForceError extends Error {
  readonly code = 'READINESS_RULES_NOT_IN_FORCE';

  constructor(readonly asOf: string, readonly earliest: string) {
    super(`No KUR readiness rule set is in force on ${asOf}; the earliest takes effect on ${earliest}.`);
    this.name = 'NoRuleSetInForceError';
  }
}

/** The calendar date of `date` in UTC, as YYYY-MM-DD: the `Date` scalar's convention. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The latest set whose effectiveFrom is on or before `asOf` (read as a UTC calendar date). */
export function ruleSetInForce(asOf: Date, ruleSets: readonly RuleSet[] = RULE_SETS): RuleSet {
  const day = isoDate(asOf);
  const inForce = ruleSets.filter((set) => set.effectiveFrom <= day).at(-1);
  if (!inForce) throw new NoRuleSetInForceError(day, ruleSets[0]?.effectiveFrom ?? 'no date');
  return inForce;
}
