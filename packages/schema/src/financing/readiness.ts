import { GraphQLError } from 'graphql';
import { builder } from '../builder';
import type { Context } from '../context';
import {
  assessReadiness,
  type Assessment,
  NoRuleSetInForceError,
  OUTCOME_DESCRIPTIONS,
  PERMENKO_1_2026,
  PP_7_2021,
  PRODUCT_POLICY,
  type ReadinessInput,
  RULE_SETS,
  type RuleOutcome,
  type RuleResult,
  SCHEME_DESCRIPTIONS,
  type KurScheme,
  type Verdict,
  VERDICT_DESCRIPTIONS,
} from '../domain/readiness';
import { semarangToday } from '../enterprise/size';

/** The rule set in force today, for descriptions; assessments pick theirs by date. */
const CURRENT = RULE_SETS[RULE_SETS.length - 1]!;

const RULE_LIST = CURRENT.rules.map((r) => `${r.id}: ${r.description} (${r.source})`).join(' ');

export const READINESS_SOURCES = `Sources: ${PERMENKO_1_2026}; ${PP_7_2021}; where the regulation is silent, ${PRODUCT_POLICY}.`;

export const READINESS_DESCRIPTION = `KUR (Kredit Usaha Rakyat) readiness of a financing request: every rule of the rule set in force on the assessment date (today in Semarang, WIB), each with its outcome, a reason naming the figures and the regulation it comes from. Rule set ${CURRENT.version} (from ${CURRENT.effectiveFrom}): ${RULE_LIST} ${READINESS_SOURCES}`;

export const ReadinessVerdictEnum = builder.enumType('ReadinessVerdict', {
  description: `Overall readiness of a financing request for KUR under ${PERMENKO_1_2026}: any FAIL makes it NOT_ELIGIBLE; otherwise any MISSING_DOCUMENT makes it NEEDS_DOCUMENTS; otherwise ELIGIBLE.`,
  values: Object.fromEntries(Object.entries(VERDICT_DESCRIPTIONS).map(([k, description]) => [k, { description }])) as Record<
    Verdict,
    { description: string }
  >,
});

export const KurSchemeEnum = builder.enumType('KurScheme', {
  description: `KUR scheme by plafond per akad under ${PERMENKO_1_2026}. KUR Khusus and KUR Penempatan PMI are not schemes an IKM applies for through Temu Bisnis.`,
  values: Object.fromEntries(Object.entries(SCHEME_DESCRIPTIONS).map(([k, description]) => [k, { description }])) as Record<
    KurScheme,
    { description: string }
  >,
});

export const ReadinessRuleOutcomeEnum = builder.enumType('ReadinessRuleOutcome', {
  description: 'Outcome of one readiness rule.',
  values: Object.fromEntries(Object.entries(OUTCOME_DESCRIPTIONS).map(([k, description]) => [k, { description }])) as Record<
    RuleOutcome,
    { description: string }
  >,
});

const ReadinessRuleSetRef = builder.objectRef<Assessment['ruleSet']>('ReadinessRuleSet').implement({
  description:
    'A versioned set of readiness rules. A new regulation adds a set; published sets are never edited, so an assessment can be repeated for any date.',
  fields: (t) => ({
    version: t.exposeString('version', { description: 'Version of the rule set, e.g. "2026.1".' }),
    effectiveFrom: t.field({
      type: 'Date',
      description: 'First day the rule set applies.',
      resolve: (s) => new Date(`${s.effectiveFrom}T00:00:00.000Z`),
    }),
    source: t.exposeString('source', { description: `The regulation the set implements, e.g. "${PERMENKO_1_2026}".` }),
  }),
});

const ReadinessRuleRef = builder.objectRef<RuleResult>('ReadinessRule').implement({
  description: 'One rule of a readiness assessment with its outcome, the reason in words and its source.',
  fields: (t) => ({
    id: t.exposeString('id', {
      description: `Stable rule identifier; a changed threshold is a new rule with a new id. Current rules: ${CURRENT.rules.map((r) => r.id).join(', ')}.`,
    }),
    outcome: t.field({ type: ReadinessRuleOutcomeEnum, description: 'PASS, FAIL, MISSING_DOCUMENT or NOT_APPLICABLE.', resolve: (r) => r.outcome }),
    reason: t.exposeString('reason', { description: 'Why, with the figures used (e.g. "Business has run 5 months; KUR needs at least 6").' }),
    source: t.exposeString('source', {
      description: `Citation of the regulation, or "${PRODUCT_POLICY}" where the regulation is silent.`,
    }),
  }),
});

export type AssessmentResult = Assessment & { amount: bigint };

export const ReadinessAssessmentRef = builder.objectRef<AssessmentResult>('ReadinessAssessment').implement({
  description: READINESS_DESCRIPTION,
  fields: (t) => ({
    amount: t.field({ type: 'Money', description: 'The requested amount assessed, in rupiah.', resolve: (a) => a.amount }),
    asOf: t.field({
      type: 'Date',
      description: 'The date the rules were applied on: today in Semarang (WIB).',
      resolve: (a) => new Date(`${a.asOf}T00:00:00.000Z`),
    }),
    verdict: t.field({ type: ReadinessVerdictEnum, description: 'ELIGIBLE, NOT_ELIGIBLE or NEEDS_DOCUMENTS.', resolve: (a) => a.verdict }),
    scheme: t.field({
      type: KurSchemeEnum,
      nullable: true,
      description:
        'The KUR scheme the amount falls into (Super Mikro up to Rp10 juta, Mikro up to Rp100 juta, Kecil up to Rp500 juta); null when no scheme fits or the verdict is NOT_ELIGIBLE.',
      resolve: (a) => a.scheme,
    }),
    ruleSet: t.field({ type: ReadinessRuleSetRef, description: 'The rule set applied.', resolve: (a) => a.ruleSet }),
    rules: t.field({ type: [ReadinessRuleRef], description: 'Every rule of the set, in order, with outcome and reason.', resolve: (a) => a.rules }),
    turnoverYear: t.int({
      nullable: true,
      description:
        "The year of the turnover the KUR scale test read: the previous calendar year, or the current year when only its estimate is recorded (Permenko Perekonomian 1/2026 Pasal 3); null when neither is recorded.",
      resolve: (a) => a.turnover?.year ?? null,
    }),
    turnoverIsEstimate: t.boolean({
      nullable: true,
      description: 'True when the turnover read is an estimate (always for the current year); null when no turnover was read.',
      resolve: (a) => a.turnover?.isEstimate ?? null,
    }),
  }),
});

/** The enterprise columns the assessment reads; a Prisma select. */
export const READINESS_SELECT = {
  nib: true,
  npwp: true,
  foundedOn: true,
  annualTurnover: true,
  businessCapital: true,
  bookkeeping: true,
  hasFinancialStatements: true,
  currentCredit: true,
  yearFigures: { select: { year: true, turnover: true, isEstimate: true }, orderBy: { year: 'desc' } },
} as const;

/**
 * Assesses an amount for an enterprise as of today in Semarang. A date before the first rule set is
 * a server fault (the clock), reported with its own code rather than a made-up verdict.
 */
export function assess(enterprise: ReadinessInput['enterprise'], amount: bigint, ctx: Pick<Context, 'now'>): AssessmentResult {
  try {
    return { ...assessReadiness({ enterprise, amount }, { asOf: semarangToday(ctx.now) }), amount };
  } catch (error) {
    if (error instanceof NoRuleSetInForceError) {
      throw new GraphQLError(error.message, { extensions: { code: error.code } });
    }
    throw error;
  }
}
