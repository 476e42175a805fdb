export { assessReadiness } from './assess';
export { KUR_2026_1, NoRuleSetInForceError, RULE_SETS, ruleSetInForce } from './rule-set';
export { KUR_SCHEMES, SCHEME_DESCRIPTIONS, schemeBand, type KurScheme, type SchemeBand } from './scheme';
export { PERMENKO_1_2026, PP_7_2021, PRODUCT_POLICY } from './sources';
export { amountRule } from './rules/amount';
export { annualTurnoverRule, KUR_TURNOVER_MAX } from './rules/annual-turnover';
export { BOOKKEEPING_ORDER, bookkeepingRule, MIN_BOOKKEEPING } from './rules/bookkeeping';
export { businessAgeRule, MIN_BUSINESS_AGE_MONTHS } from './rules/business-age';
export { CONCURRENT_CREDIT_EXCEPTIONS, currentCreditRule } from './rules/current-credit';
export { nibRule } from './rules/nib';
export { NPWP_REQUIRED_ABOVE, npwpRule } from './rules/npwp';
export { sizeClassRule } from './rules/size-class';
export {
  OUTCOME_DESCRIPTIONS,
  VERDICT_DESCRIPTIONS,
  type Assessment,
  type BookkeepingPractice,
  type CurrentCredit,
  type Evaluation,
  type ReadinessInput,
  type Rule,
  type RuleOutcome,
  type RuleResult,
  type RuleSet,
  type Verdict,
} from './types';
