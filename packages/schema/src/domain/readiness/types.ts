// The generated enum unions, as types only: no Prisma code at run time.
import type { BookkeepingPractice, CurrentCredit } from '../../generated/prisma/enums';
import type { ReadinessTurnover, YearFigure } from '../figures/years';
import type { KurScheme } from './scheme';

export type { BookkeepingPractice, CurrentCredit };

/**
 * What the assessment reads: the enterprise fields and the requested amount of one financing need.
 * A Prisma `Enterprise` row with its `yearFigures` and `FinancingNeed.amount` fit as they are.
 */
export type ReadinessInput = {
  enterprise: {
    nib: string | null;
    npwp: string | null;
    foundedOn: Date;
    annualTurnover: bigint | null;
    businessCapital: bigint | null;
    bookkeeping: BookkeepingPractice;
    hasFinancialStatements: boolean;
    currentCredit: CurrentCredit;
    /** The yearly history; the turnover rule picks the previous year or the current year's estimate from it. */
    yearFigures: readonly Pick<YearFigure, 'year' | 'turnover' | 'isEstimate'>[];
  };
  /** Requested plafond in rupiah. */
  amount: bigint;
};

export type RuleOutcome = 'PASS' | 'FAIL' | 'MISSING_DOCUMENT' | 'NOT_APPLICABLE';

export type Verdict = 'ELIGIBLE' | 'NOT_ELIGIBLE' | 'NEEDS_DOCUMENTS';

export type Evaluation = { outcome: RuleOutcome; reason: string };

export type Rule = {
  /** Stable identifier: a changed threshold is a new rule with a new id, never an edit of this one. */
  id: string;
  /** What the rule checks, for the GraphQL description. */
  description: string;
  /** Citation of the regulation, or of product policy where the regulation is silent. */
  source: string;
  evaluate(input: ReadinessInput, asOf: Date): Evaluation;
};

export type RuleResult = Evaluation & { id: string; source: string };

export type RuleSet = {
  version: string;
  /** First day (YYYY-MM-DD) the rule set applies. */
  effectiveFrom: string;
  source: string;
  rules: readonly Rule[];
};

export type Assessment = {
  ruleSet: Pick<RuleSet, 'version' | 'effectiveFrom' | 'source'>;
  /** The calendar date (YYYY-MM-DD, UTC) the rules were applied on. */
  asOf: string;
  verdict: Verdict;
  /** The KUR scheme the amount falls into; null when no scheme fits or the verdict is NOT_ELIGIBLE. */
  scheme: KurScheme | null;
  rules: RuleResult[];
  /** The turnover the scale test read: the year it belongs to and whether it is an estimate; null when none counts. */
  turnover: ReadinessTurnover | null;
};

export const OUTCOME_DESCRIPTIONS: Record<RuleOutcome, string> = {
  PASS: 'The rule is met.',
  FAIL: 'The rule is not met and cannot be met by supplying a document: the lead is not eligible for KUR.',
  MISSING_DOCUMENT:
    'The rule cannot be confirmed until the enterprise supplies a document or a figure (NPWP, NIB, financial records, a statement of its current KUR).',
  NOT_APPLICABLE: 'The rule does not apply to this request, e.g. NPWP for an amount up to Rp50 juta.',
};

export const VERDICT_DESCRIPTIONS: Record<Verdict, string> = {
  ELIGIBLE: 'Every applicable rule passes: the lead fits a KUR scheme as recorded.',
  NOT_ELIGIBLE: 'At least one rule fails outright: no KUR scheme can be granted on the recorded facts.',
  NEEDS_DOCUMENTS: 'No rule fails, but at least one needs a document or figure before the lead can be judged eligible.',
};
