/**
 * The explainable matching model: plain functions over plain data, no GraphQL, no Prisma.
 * score.ts scores a pair, weights.ts holds the weights and the rule of the score, components/
 * measure one factor each, supply-chain.ts is the cited input–output table, candidate-filter.ts
 * describes the SQL pre-filter.
 */
export type * from './types';
export { askOfOpportunity, askOfPartner, roleOfOpportunity, type CounterpartAsk } from './counterpart';
export { SECTOR_LEVEL } from './components/sector';
export { DISTRICT_LEVEL } from './components/district';
export { SUPPLY_LEVEL } from './components/supply-chain';
export { FEEDBACK } from './components/feedback';
export {
  compareMatches,
  NO_HISTORY,
  scoreEnterpriseForOpportunity,
  scoreEnterpriseForPartner,
  scorePartnerForEnterprise,
  type ScoreOptions,
} from './score';
export {
  DEFAULT_WEIGHT_POINTS,
  DEFAULT_WEIGHTS,
  FACTORS,
  withWeightOverride,
  type WeightOverride,
  type Weights,
  type WeightsResult,
  type WeightTable,
} from './weights';
export { INPUT_SOURCE, SUPPLY_LINKS, type SuppliedItem, type SupplyLink } from './supply-chain';
export {
  enterpriseCandidatesForOpportunity,
  enterpriseCandidatesForPartner,
  partnerCandidatesForEnterprise,
  type EnterpriseCandidateFilter,
  type PartnerCandidateFilter,
} from './candidate-filter';
