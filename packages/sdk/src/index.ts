/**
 * @temu-bisnis/sdk: the typed client of the Temu Bisnis API (business matchmaking for the IKM of
 * Kota Semarang). Runs wherever fetch and Web Crypto do: Node 20+, browsers, Deno, Bun, workers.
 */
export {
  type ApiKey,
  type District,
  type Enterprise,
  type EnterpriseSummary,
  type FinancingLead,
  type Forum,
  type ForumParticipant,
  type ForumVariables,
  type FunnelReport,
  type FunnelRow,
  type FinancingLeadDetail,
  type LeadReview,
  type Meeting,
  type EnterpriseMatch,
  type PartnerMatch,
  type OpportunityMatch,
  type MeetingRequest,
  type Opportunity,
  type Partner,
  type ReadinessAssessment,
  type RequestOptions,
  type RetryOptions,
  type Sentra,
  TemuBisnisClient,
  type TemuBisnisClientOptions,
  type TypedDocument,
  type VariablesArgs,
  type Viewer,
} from './client';
export {
  ApiKeysResource,
  DistrictsResource,
  EnterprisesResource,
  FinancingLeadsResource,
  OpportunitiesResource,
  PartnersResource,
  RecommendationsResource,
  RegenciesResource,
  ReportsResource,
  Resources,
  SentraResource,
  SessionsResource,
  WebhooksResource,
} from './generated/resources';
export { type CsvExportOptions, LeadExports } from './lead-exports';
export {
  type PushedEvent,
  type SubscribeOptions,
  verifyWebhook,
  type WebhookEvent,
  type WebhookEventType,
  WebhookVerificationError,
} from './push';
export {
  AuthenticationError,
  type AuthenticationReason,
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
