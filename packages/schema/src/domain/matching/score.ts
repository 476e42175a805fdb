import { COMPONENTS } from './components';
import { askOfOpportunity, askOfPartner, type CounterpartAsk } from './counterpart';
import { apportion } from './points';
import type {
  CounterpartProfile,
  EnterpriseProfile,
  Factor,
  Match,
  MatchComponent,
  OpportunityProfile,
  PairHistory,
} from './types';
import { DEFAULT_WEIGHTS, type WeightTable } from './weights';

export type ScoreOptions = {
  /** The date of the request (ctx.now): business age and certificate expiry are read against it. */
  asOf: Date;
  /** Earlier forum outcomes of the pair; none when left out. */
  history?: PairHistory;
  /** A forum's weights from withWeightOverride; the defaults when left out. */
  weights?: WeightTable;
};

const NONE = { DEAL: 0, FOLLOW_UP: 0, NO_INTEREST: 0 };
export const NO_HISTORY: PairHistory = { pair: NONE, similar: NONE };

/**
 * The score of a pair is the same whichever side asks: a partner ranking IKM and an IKM ranking
 * partners see the same number and the same reasons. Only the id differs: it is the candidate's.
 */
function score(id: string, enterprise: EnterpriseProfile, ask: CounterpartAsk, options: ScoreOptions): Match {
  const weights = (options.weights ?? DEFAULT_WEIGHTS)[ask.role];
  const context = { asOf: options.asOf, history: options.history ?? NO_HISTORY };
  const weighted = (Object.entries(weights) as [Factor, number][]).filter(([, w]) => w > 0);
  const evaluations = weighted.map(([factor, weight]) => ({ ...COMPONENTS[factor](enterprise, ask, context), weight }));
  const { total, points } = apportion(evaluations.map((e) => e.weight * e.value * 100));
  const components: MatchComponent[] = evaluations.map((e, i) => ({ ...e, points: points[i]! }));
  return { id, score: total, components };
}

/** How well an IKM fits what a partner seeks or offers; `id` is the enterprise's. */
export function scoreEnterpriseForPartner(
  partner: CounterpartProfile,
  enterprise: EnterpriseProfile,
  options: ScoreOptions,
): Match {
  return score(enterprise.id, enterprise, askOfPartner(partner), options);
}

/** The same pair seen from the IKM; `id` is the partner's. */
export function scorePartnerForEnterprise(
  enterprise: EnterpriseProfile,
  partner: CounterpartProfile,
  options: ScoreOptions,
): Match {
  return score(partner.id, enterprise, askOfPartner(partner), options);
}

/**
 * How well an IKM answers an opportunity; `id` is the enterprise's. Throws a RangeError for the
 * kinds no IKM answers (DISTRIBUTION_REQUEST, FINANCING_REQUEST: see roleOfOpportunity).
 */
export function scoreEnterpriseForOpportunity(
  opportunity: OpportunityProfile,
  enterprise: EnterpriseProfile,
  options: ScoreOptions,
): Match {
  return score(enterprise.id, enterprise, askOfOpportunity(opportunity), options);
}

/**
 * Ranking order: score descending, then id ascending. It is a total order on distinct ids, so a
 * page cursor (score, id) is stable: the items after a cursor are those that compare greater.
 */
export function compareMatches(a: Pick<Match, 'score' | 'id'>, b: Pick<Match, 'score' | 'id'>): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
