/**
 * @temu-bisnis/sdk: the typed client of the Temu Bisnis API (business matchmaking for the IKM of
 * Kota Semarang). Runs wherever fetch and Web Crypto do: Node 20+, browsers, Deno, Bun, workers.
 */
export {
  type ApiKey,
  ApiKeysResource,
  type District,
  DistrictsResource,
  type Enterprise,
  EnterprisesResource,
  type EnterpriseSummary,
  type FinancingLead,
  type Forum,
  type ForumParticipant,
  type ForumVariables,
  type FinancingLeadDetail,
  FinancingLeadsResource,
  type LeadReview,
  type Meeting,
  type EnterpriseMatch,
  type PartnerMatch,
  type OpportunityMatch,
  type MeetingRequest,
  type Opportunity,
  OpportunitiesResource,
  type Partner,
  PartnersResource,
  type ReadinessAssessment,
  type RequestOptions,
  type RetryOptions,
  type Sentra,
  SentraResource,
  SessionsResource,
  RecommendationsResource,
  TemuBisnisClient,
  type TemuBisnisClientOptions,
  type TypedDocument,
  type VariablesArgs,
  type Viewer,
} from './client';
export {
  AuthenticationError,
  type ErrorDetails,
  ForbiddenError,
  type GraphQLErrorEntry,
  NetworkError,
  RateLimitedError,
  type RateLimitInfo,
  ServerError,
  TemuBisnisError,
  TimeoutError,
  type UserErrorEntry,
  ValidationError,
} from './errors';
export { type IterateVariables, MAX_PAGE_SIZE, type Page, type PageInfo, paginate } from './pagination';
export { type OperationInfo, operationsByDocument } from './generated/operations';
// Every operation document, its result and variables types, and the schema's enums and inputs.
export * from './generated/graphql';
