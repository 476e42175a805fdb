import { readinessTurnover } from '../figures/years';
import { ruleSetInForce, isoDate } from './rule-set';
import { schemeBand } from './scheme';
import type { Assessment, ReadinessInput, RuleResult, Verdict } from './types';

/** Any FAIL bars the lead; otherwise any MISSING_DOCUMENT leaves it waiting for documents. */
function verdictOf(results: readonly RuleResult[]): Verdict {
  if (results.some((r) => r.outcome === 'FAIL')) return 'NOT_ELIGIBLE';
  if (results.some((r) => r.outcome === 'MISSING_DOCUMENT')) return 'NEEDS_DOCUMENTS';
  return 'ELIGIBLE';
}

/**
 * KUR readiness of one financing need under the rule set in force on `asOf` (a UTC calendar date,
 * as for business age: pass "today in Semarang" as that date). Every rule of the set is reported,
 * each with its reason. Throws NoRuleSetInForceError for a date before the first rule set.
 */
export function assessReadiness(input: ReadinessInput, { asOf }: { asOf: Date }): Assessment {
  const { version, effectiveFrom, source, rules } = ruleSetInForce(asOf);
  const results: RuleResult[] = rules.map((rule) => ({
    id: rule.id,
    ...rule.evaluate(input, asOf),
    source: rule.source,
  }));
  const verdict = verdictOf(results);
  return {
    ruleSet: { version, effectiveFrom, source },
    asOf: isoDate(asOf),
    verdict,
    // A scheme is named only for a lead that can still get it, so it never reads as an offer to a barred one.
    scheme: verdict === 'NOT_ELIGIBLE' ? null : (schemeBand(input.amount)?.scheme ?? null),
    rules: results,
    turnover: readinessTurnover(input.enterprise.yearFigures, asOf.getUTCFullYear()),
  };
}
