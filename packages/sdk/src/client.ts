import { type RateLimitInfo, ServerError, ValidationError } from './errors';
import * as G from './generated/graphql';
import { type IterateVariables, type Page, paginate } from './pagination';
import {
  type DocumentInput,
  type ExecutionResult,
  type RequestOptions,
  type RetryOptions,
  Transport,
  type TypedDocument,
  userErrorsToError,
} from './transport';

export type { RequestOptions, RetryOptions, TypedDocument } from './transport';

/** A kecamatan of Kota Semarang. */
export type District = G.DistrictRefFragment;
/** A Sentra IKM (industry cluster). */
export type Sentra = G.SentraFieldsFragment;
/** An IKM as lists show it. */
export type EnterpriseSummary = G.EnterpriseSummaryFragment;
/** An IKM's full profile; private fields are null unless you may read them. */
export type Enterprise = NonNullable<G.EnterpriseQuery['enterprise']>;
/** A buyer, supplier, distributor or funder. */
export type Partner = G.PartnerFieldsFragment;
/** A marketplace offer or request. */
export type Opportunity = G.OpportunityFieldsFragment;
/** A financing lead as your list shows it (anonymised unless the enterprise consents). */
export type FinancingLead = G.FinancingLeadSummaryFragment;
/** A financing lead with its readiness assessment, your review and (under consent) the enterprise profile. */
export type FinancingLeadDetail = Extract<NonNullable<G.FinancingLeadQuery['node']>, { id: string }>;
/** Your organisation's review of a lead: status, history, notes, assignee. */
export type LeadReview = G.LeadReviewFieldsFragment;
/** A KUR readiness assessment with every rule's outcome and reason. */
export type ReadinessAssessment = G.ReadinessFieldsFragment;
/** An API key (without its secret). */
export type ApiKey = G.ApiKeyFieldsFragment;
/** Who the client is authenticated as. */
export type Viewer = G.ViewerQuery['viewer'];
/** A Temu Bisnis forum (matchmaking day) with its slots, tables and your own registrations. */
export type Forum = G.ForumFieldsFragment;
/** An IKM or partner registered for a forum. */
export type ForumParticipant = G.ForumParticipantFieldsFragment;
/** A request for a meeting at a forum. */
export type MeetingRequest = G.MeetingRequestFieldsFragment;
/** A booked meeting: slot, table, the two seats, outcome. */
export type Meeting = G.MeetingFieldsFragment;
/** A recommended IKM with its score (0–100) and the reasons that add up to it. */
export type EnterpriseMatch = NonNullable<Extract<NonNullable<G.RecommendedEnterprisesQuery['node']>, { id: string }>['recommendedEnterprises']>['nodes'][number];
/** A recommended partner with its score and reasons. */
export type PartnerMatch = NonNullable<Extract<NonNullable<G.RecommendedPartnersQuery['node']>, { id: string }>['recommendedPartners']>['nodes'][number];
/** An IKM that could answer an opportunity, with its score and reasons. */
export type OpportunityMatch = NonNullable<Extract<NonNullable<G.OpportunityMatchesQuery['node']>, { id: string }>['matches']>['nodes'][number];

export interface TemuBisnisClientOptions {
  /** The GraphQL endpoint, e.g. https://api.temubisnis.example/graphql. */
  endpoint: string;
  /** A partner program's API key (`tb_key_…`), created by a member of the partner with apiKeyCreate. */
  apiKey?: string;
  /** A person's sign-in token. Give apiKey or token, not both; neither means anonymous (public directory only). */
  token?: string;
  /** A fetch implementation; default globalThis.fetch (Node 18+, browsers, Deno, Bun, workers). */
  fetch?: typeof fetch;
  /** Time allowed for each attempt, response body included; default 30 000 ms. */
  timeoutMs?: number;
  /**
   * Retries after 429, 502, 503, 504, network failures and timeouts: a number (default 2) or finer
   * options. Queries are retried; mutations too when they carry an Idempotency-Key (every mutation
   * of a client with an apiKey or token does: the SDK makes one per call).
   */
  retries?: number | RetryOptions;
  /**
   * Send the SDK's operations as persisted-operation hashes (Apollo APQ format:
   * extensions.persistedQuery.sha256Hash) instead of full documents; smaller requests, and
   * required where the server accepts only allow-listed operations from API keys. A hash the
   * server does not know is sent again as a full document (and not tried again). Default false.
   */
  persistedOperations?: boolean;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
}

/**
 * The typed client of the Temu Bisnis API.
 *
 * ```ts
 * const client = new TemuBisnisClient({ endpoint, apiKey: process.env.TEMU_BISNIS_API_KEY });
 * for await (const lead of client.financingLeads.iterate({ filter: { verdict: 'ELIGIBLE' } })) { … }
 * ```
 */
export class TemuBisnisClient {
  readonly districts: DistrictsResource;
  readonly sentra: SentraResource;
  readonly enterprises: EnterprisesResource;
  readonly partners: PartnersResource;
  readonly opportunities: OpportunitiesResource;
  readonly financingLeads: FinancingLeadsResource;
  readonly apiKeys: ApiKeysResource;
  readonly sessions: SessionsResource;
  readonly recommendations: RecommendationsResource;
  private readonly transport: Transport;

  constructor(options: TemuBisnisClientOptions) {
    if (!options || typeof options.endpoint !== 'string') throw new TypeError('TemuBisnisClient needs { endpoint }.');
    try {
      new URL(options.endpoint);
    } catch {
      throw new TypeError(`endpoint must be an absolute URL, e.g. https://host/graphql; got "${options.endpoint}".`);
    }
    if (options.apiKey && options.token) throw new TypeError('Give apiKey (a partner program) or token (a person), not both.');
    const retry = typeof options.retries === 'object' ? options.retries : { retries: options.retries };
    this.transport = new Transport({
      endpoint: options.endpoint,
      credential: options.apiKey || options.token || undefined,
      fetch: options.fetch,
      timeoutMs: positive(options.timeoutMs, 30_000, 'timeoutMs'),
      retry: {
        retries: nonNegative(retry.retries, 2, 'retries'),
        baseDelayMs: nonNegative(retry.baseDelayMs, 250, 'baseDelayMs'),
        maxDelayMs: nonNegative(retry.maxDelayMs, 30_000, 'maxDelayMs'),
      },
      persistedOperations: options.persistedOperations ?? false,
      headers: { ...options.headers },
    });
    this.districts = new DistrictsResource(this.transport);
    this.sentra = new SentraResource(this.transport);
    this.enterprises = new EnterprisesResource(this.transport);
    this.partners = new PartnersResource(this.transport);
    this.opportunities = new OpportunitiesResource(this.transport);
    this.financingLeads = new FinancingLeadsResource(this.transport);
    this.apiKeys = new ApiKeysResource(this.transport);
    this.sessions = new SessionsResource(this.transport);
    this.recommendations = new RecommendationsResource(this.transport);
  }

  /**
   * Runs any operation: one of the SDK's documents, a TypedDocumentString/TypedDocumentNode of
   * your own codegen, or a plain string. Errors, retries (mutations under an Idempotency-Key),
   * timeouts and persisted operations work as for the SDK's own methods. Returns `data`.
   */
  request<TData, TVariables>(document: TypedDocument<TData, TVariables> & DocumentInput<TData, TVariables>, ...args: VariablesArgs<TVariables>): Promise<TData>;
  request<TData = Record<string, unknown>>(document: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<TData>;
  async request(document: DocumentInput<unknown, never>, variables?: object, options?: RequestOptions): Promise<unknown> {
    return (await this.transport.execute(document, variables, options)).data;
  }

  /** Who the client is authenticated as: the person or API key, its role or scopes, its partner organisation. */
  async viewer(options?: RequestOptions): Promise<Viewer> {
    return (await this.transport.execute(G.ViewerDocument, {}, options)).data.viewer;
  }

  /** X-RateLimit-* of the latest response that carried them (limit, remaining, seconds to reset). */
  get rateLimit(): RateLimitInfo | undefined {
    return this.transport.rateLimit;
  }
}

/** Variables are required when the operation has required variables, optional otherwise. */
// biome-ignore lint/complexity/noBannedTypes: `{} extends T` asks whether every variable is optional.
export type VariablesArgs<TVariables> = {} extends TVariables
  ? [variables?: TVariables, options?: RequestOptions]
  : [variables: TVariables, options?: RequestOptions];

class Resource {
  constructor(protected readonly transport: Transport) {}

  protected async query<TData, TVariables>(document: TypedDocument<TData, TVariables> & DocumentInput<TData, TVariables>, variables: TVariables, options?: RequestOptions): Promise<TData> {
    return (await this.transport.execute<TData>(document, variables as object, options)).data;
  }

  /**
   * Runs a mutation and returns its payload's object; a non-empty userErrors becomes a
   * ValidationError (nothing was changed).
   */
  protected async mutate<TData, TVariables, TPayload extends { userErrors: G.UserErrorFieldsFragment[] }, TResult>(
    document: TypedDocument<TData, TVariables> & DocumentInput<TData, TVariables>,
    variables: TVariables,
    options: RequestOptions | undefined,
    payloadOf: (data: TData) => TPayload,
    resultOf: (payload: TPayload) => TResult | null | undefined,
  ): Promise<NonNullable<TResult>> {
    const execution: ExecutionResult<TData> = await this.transport.execute<TData>(document, variables as object, options);
    const payload = payloadOf(execution.data);
    const invalid = userErrorsToError(payload.userErrors, execution);
    if (invalid) throw invalid;
    const result = resultOf(payload);
    if (result === null || result === undefined) {
      throw new ServerError(`${execution.operationName} returned neither a result nor userErrors.`, execution);
    }
    return result as NonNullable<TResult>;
  }
}

/** Every item of a list method, page after page (`pageSize` items per request). */
function everyPage<TVariables, TNode>(
  list: (variables: TVariables) => Promise<Page<TNode>>,
  { pageSize, ...rest }: IterateVariables<TVariables>,
): AsyncGenerator<TNode, void, undefined> {
  return paginate((first, after) => list({ ...rest, first, after } as TVariables), pageSize);
}

/**
 * The node when it is of the type the query's inline fragment asked for, else null: a node of
 * another type comes back as an empty object (`... on X` selected nothing), so an ID of another
 * type reads as not found. (No __typename: the generated types then do not list every Node type of
 * the API, and do not change each time the API adds one.)
 */
function nodeOf<TNode extends object>(node: TNode | null): Extract<TNode, { id: string }> | null {
  return node !== null && 'id' in node ? (node as Extract<TNode, { id: string }>) : null;
}

/** The 16 kecamatan of Kota Semarang. Public. */
export class DistrictsResource extends Resource {
  /** One page of districts (all 16 fit in one page). */
  async list(variables: G.DistrictsQueryVariables = {}, options?: RequestOptions): Promise<G.DistrictsQuery['districts']> {
    return (await this.query(G.DistrictsDocument, variables, options)).districts;
  }

  /** Every district, page after page. */
  iterate(variables: IterateVariables<G.DistrictsQueryVariables> = {}, options?: RequestOptions): AsyncGenerator<District, void, undefined> {
    return everyPage((page) => this.list(page, options), variables);
  }

  /** A kecamatan by its Kemendagri code, e.g. "33.74.12" (Gunungpati); null when there is none. */
  async getByCode(code: string, options?: RequestOptions): Promise<District | null> {
    return (await this.query(G.DistrictByCodeDocument, { code }, options)).districtByCode;
  }
}

/** The Sentra IKM (industry clusters) of Kota Semarang. Public. */
export class SentraResource extends Resource {
  /** One page of sentra with the total number that match. */
  async list(variables: G.SentraListQueryVariables = {}, options?: RequestOptions): Promise<G.SentraListQuery['sentra']> {
    return (await this.query(G.SentraListDocument, variables, options)).sentra;
  }

  /** Every sentra that matches, page after page (pageSize up to 100). */
  iterate(variables: IterateVariables<G.SentraListQueryVariables> = {}, options?: RequestOptions): AsyncGenerator<Sentra, void, undefined> {
    return everyPage((page) => this.list(page, options), variables);
  }

  /** A sentra by its global ID; null when there is none. */
  async get(id: string, options?: RequestOptions): Promise<Sentra | null> {
    return nodeOf((await this.query(G.SentraByIdDocument, { id }, options)).node);
  }

  /** A sentra by its slug, e.g. "kampung-batik-malon"; null when there is none. */
  async getBySlug(slug: string, options?: RequestOptions): Promise<Sentra | null> {
    return (await this.query(G.SentraBySlugDocument, { slug }, options)).sentraBySlug;
  }
}

/** The IKM registry. Public profiles; private fields only for staff and the enterprise's members. */
export class EnterprisesResource extends Resource {
  /** One page of enterprises (filter, sort) with the total number that match. */
  async list(variables: G.EnterprisesQueryVariables = {}, options?: RequestOptions): Promise<G.EnterprisesQuery['enterprises']> {
    return (await this.query(G.EnterprisesDocument, variables, options)).enterprises;
  }

  /** Every enterprise that matches, page after page. */
  iterate(variables: IterateVariables<G.EnterprisesQueryVariables> = {}, options?: RequestOptions): AsyncGenerator<EnterpriseSummary, void, undefined> {
    return everyPage((page) => this.list(page, options), variables);
  }

  /** An enterprise's profile by global ID (archived ones too); null when there is none. */
  async get(id: string, options?: RequestOptions): Promise<Enterprise | null> {
    return (await this.query(G.EnterpriseDocument, { id }, options)).enterprise;
  }

  /** An enterprise's profile by its 13-digit NIB; null when there is none. */
  async getByNib(nib: string, options?: RequestOptions): Promise<Enterprise | null> {
    return (await this.query(G.EnterpriseByNibDocument, { nib }, options)).enterpriseByNib;
  }
}

/** Buyers, suppliers, distributors and funders. Public; contact details only for staff and the partner's members. */
export class PartnersResource extends Resource {
  async list(variables: G.PartnersQueryVariables = {}, options?: RequestOptions): Promise<G.PartnersQuery['partners']> {
    return (await this.query(G.PartnersDocument, variables, options)).partners;
  }

  iterate(variables: IterateVariables<G.PartnersQueryVariables> = {}, options?: RequestOptions): AsyncGenerator<Partner, void, undefined> {
    return everyPage((page) => this.list(page, options), variables);
  }

  /** A partner by global ID (archived ones too); null when there is none. */
  async get(id: string, options?: RequestOptions): Promise<Partner | null> {
    return (await this.query(G.PartnerDocument, { id }, options)).partner;
  }

  /** A partner by slug, e.g. "bank-jateng-kur-mitra"; null when there is none. */
  async getBySlug(slug: string, options?: RequestOptions): Promise<Partner | null> {
    return (await this.query(G.PartnerBySlugDocument, { slug }, options)).partnerBySlug;
  }

  /**
   * Changes your organisation's profile (what it seeks and offers, contacts, districts served).
   * A member of the partner, or its API key with the scope PARTNER_PROFILE_WRITE.
   */
  async update(input: G.PartnerUpdateInput, options?: RequestOptions): Promise<Partner> {
    return this.mutate(G.PartnerUpdateDocument, { input }, options, (d) => d.partnerUpdate, (p) => p.partner);
  }
}

/** The marketplace. Reading is public; posting needs a member of the poster or an API key with opportunities:write. */
export class OpportunitiesResource extends Resource {
  /** One page of opportunities (newest first unless orderBy) with the total number that match. */
  async list(variables: G.OpportunitiesQueryVariables = {}, options?: RequestOptions): Promise<G.OpportunitiesQuery['opportunities']> {
    return (await this.query(G.OpportunitiesDocument, variables, options)).opportunities;
  }

  iterate(variables: IterateVariables<G.OpportunitiesQueryVariables> = {}, options?: RequestOptions): AsyncGenerator<Opportunity, void, undefined> {
    return everyPage((page) => this.list(page, options), variables);
  }

  async get(id: string, options?: RequestOptions): Promise<Opportunity | null> {
    return (await this.query(G.OpportunityDocument, { id }, options)).opportunity;
  }

  /** Posts an offer or request; userErrors throw a ValidationError. Retried under one Idempotency-Key per call (or yours). */
  async post(input: G.OpportunityPostInput, options?: RequestOptions): Promise<Opportunity> {
    return this.mutate(G.OpportunityPostDocument, { input }, options, (d) => d.opportunityPost, (p) => p.opportunity);
  }

  /** Changes an opportunity or reopens a closed one. */
  async update(input: G.OpportunityUpdateInput, options?: RequestOptions): Promise<Opportunity> {
    return this.mutate(G.OpportunityUpdateDocument, { input }, options, (d) => d.opportunityUpdate, (p) => p.opportunity);
  }

  /** Closes an opportunity: CLOSED (withdrawn) or FULFILLED (a deal was made). */
  async close(input: G.OpportunityCloseInput, options?: RequestOptions): Promise<Opportunity> {
    return this.mutate(G.OpportunityCloseDocument, { input }, options, (d) => d.opportunityClose, (p) => p.opportunity);
  }
}

/**
 * A funder's financing leads and its own pipeline (people of a FUNDER partner, or its API key with
 * leads:read; changes need leads:write). Anonymised unless the enterprise consents; every read of
 * consent-protected data is recorded in the enterprise's data access log.
 */
export class FinancingLeadsResource extends Resource {
  /** One page of your leads (newest first unless orderBy) with the total number that match. */
  async list(variables: G.FinancingLeadsQueryVariables = {}, options?: RequestOptions): Promise<G.FinancingLeadsQuery['financingLeads']> {
    return (await this.query(G.FinancingLeadsDocument, variables, options)).financingLeads;
  }

  /** Every lead that matches, page after page. */
  iterate(variables: IterateVariables<G.FinancingLeadsQueryVariables> = {}, options?: RequestOptions): AsyncGenerator<FinancingLead, void, undefined> {
    return everyPage((page) => this.list(page, options), variables);
  }

  /** A lead with its full readiness assessment, your review and (under consent) the enterprise; null when it is not yours to see. */
  async get(id: string, options?: RequestOptions): Promise<FinancingLeadDetail | null> {
    return nodeOf((await this.query(G.FinancingLeadDocument, { id }, options)).node);
  }

  /**
   * Moves a lead in your pipeline (NEW → CONTACTED → IN_REVIEW → APPROVED/REJECTED, APPROVED →
   * DISBURSED); an invalid move is a ValidationError with code INVALID_TRANSITION.
   */
  async updateStatus(input: G.LeadStatusUpdateInput, options?: RequestOptions): Promise<LeadReview> {
    return this.mutate(G.LeadStatusUpdateDocument, { input }, options, (d) => d.leadStatusUpdate, (p) => p.review);
  }

  /** Adds a note only your organisation sees. */
  async addNote(input: G.LeadNoteAddInput, options?: RequestOptions): Promise<LeadReview> {
    return this.mutate(G.LeadNoteAddDocument, { input }, options, (d) => d.leadNoteAdd, (p) => p.review);
  }

  /** Assigns the lead to a person of your organisation (assigneeId null to unassign). */
  async assign(input: G.LeadAssignInput, options?: RequestOptions): Promise<LeadReview> {
    return this.mutate(G.LeadAssignDocument, { input }, options, (d) => d.leadAssign, (p) => p.review);
  }

  /** Asks the enterprise behind an anonymised lead for consent (ALREADY_REQUESTED within 7 days). */
  async requestConsent(input: G.ConsentRequestInput, options?: RequestOptions): Promise<FinancingLead> {
    return this.mutate(G.ConsentRequestDocument, { input }, options, (d) => d.consentRequest, (p) => p.lead);
  }
}

/** A partner's API keys; managed by signed-in members of the partner (a token), not by API keys. */
export class ApiKeysResource extends Resource {
  async list(variables: G.ApiKeysQueryVariables, options?: RequestOptions): Promise<G.ApiKeysQuery['apiKeys']> {
    return (await this.query(G.ApiKeysDocument, variables, options)).apiKeys;
  }

  iterate(variables: IterateVariables<G.ApiKeysQueryVariables>, options?: RequestOptions): AsyncGenerator<ApiKey, void, undefined> {
    return everyPage((page) => this.list(page, options), variables);
  }

  /** Creates a key; `secret` is shown here once and never again. */
  async create(input: G.ApiKeyCreateInput, options?: RequestOptions): Promise<{ apiKey: ApiKey; secret: string }> {
    return this.mutate(G.ApiKeyCreateDocument, { input }, options, (d) => d.apiKeyCreate, (p) =>
      p.apiKey && p.secret ? { apiKey: p.apiKey, secret: p.secret } : null,
    );
  }

  /** Revokes a key at once. */
  async revoke(id: string, options?: RequestOptions): Promise<ApiKey> {
    return this.mutate(G.ApiKeyRevokeDocument, { input: { id } }, options, (d) => d.apiKeyRevoke, (p) => p.apiKey);
  }
}

/**
 * Temu Bisnis forums ("matchmaking sessions"): the forums, their participants, meeting requests and
 * meetings; registering, requesting, accepting and declining meetings. Reading forums is public;
 * participants see their own requests and meetings; an API key needs the scope SESSIONS_WRITE to act.
 */
export class SessionsResource extends Resource {
  /** One page of forums (newest forum day first unless orderBy). */
  async list(variables: G.ForumsQueryVariables = {}, options?: RequestOptions): Promise<G.ForumsQuery['forums']> {
    return (await this.query(G.ForumsDocument, variables, options)).forums;
  }

  iterate(variables: IterateVariables<G.ForumsQueryVariables> = {}, options?: RequestOptions): AsyncGenerator<Forum, void, undefined> {
    return everyPage((page) => this.list(page, options), variables);
  }

  /** A forum by global ID; null when there is none. */
  async get(id: string, options?: RequestOptions): Promise<Forum | null> {
    return nodeOf((await this.query(G.ForumByIdDocument, { id }, options)).node);
  }

  /** A forum by slug, e.g. "temu-bisnis-ikm-semarang-2027"; null when there is none. */
  async getBySlug(slug: string, options?: RequestOptions): Promise<Forum | null> {
    return (await this.query(G.ForumBySlugDocument, { slug }, options)).forumBySlug;
  }

  /** One page of a forum's registered participants (IKM and partners), by registration time. */
  async participants(forumId: string, variables: ForumVariables<G.ForumParticipantsQueryVariables> = {}, options?: RequestOptions) {
    const forum = nodeOf((await this.query(G.ForumParticipantsDocument, { ...variables, forumId }, options)).node);
    return forumOrThrow(forum, forumId).participants;
  }

  iterateParticipants(forumId: string, variables: IterateVariables<ForumVariables<G.ForumParticipantsQueryVariables>> = {}, options?: RequestOptions): AsyncGenerator<ForumParticipant, void, undefined> {
    return everyPage((page) => this.participants(forumId, page, options), variables);
  }

  /** One page of the forum's meeting requests you sent or received (every one for Disperin staff), newest first. */
  async meetingRequests(forumId: string, variables: ForumVariables<G.ForumMeetingRequestsQueryVariables> = {}, options?: RequestOptions) {
    const forum = nodeOf((await this.query(G.ForumMeetingRequestsDocument, { ...variables, forumId }, options)).node);
    return forumOrThrow(forum, forumId).meetingRequests;
  }

  iterateMeetingRequests(forumId: string, variables: IterateVariables<ForumVariables<G.ForumMeetingRequestsQueryVariables>> = {}, options?: RequestOptions): AsyncGenerator<MeetingRequest, void, undefined> {
    return everyPage((page) => this.meetingRequests(forumId, page, options), variables);
  }

  /** One page of the forum's meetings of your participants (every one for Disperin staff), in agenda order. */
  async meetings(forumId: string, variables: ForumVariables<G.ForumMeetingsQueryVariables> = {}, options?: RequestOptions) {
    const forum = nodeOf((await this.query(G.ForumMeetingsDocument, { ...variables, forumId }, options)).node);
    return forumOrThrow(forum, forumId).meetings;
  }

  iterateMeetings(forumId: string, variables: IterateVariables<ForumVariables<G.ForumMeetingsQueryVariables>> = {}, options?: RequestOptions): AsyncGenerator<Meeting, void, undefined> {
    return everyPage((page) => this.meetings(forumId, page, options), variables);
  }

  /** Registers your organisation (partnerId) or IKM (enterpriseId) with attendees, availability and a meeting cap. */
  async register(input: G.ForumRegisterInput, options?: RequestOptions): Promise<ForumParticipant> {
    return this.mutate(G.ForumRegisterDocument, { input }, options, (d) => d.forumRegister, (p) => p.participant);
  }

  /** Changes a registration: attendees, available slots, meeting cap. */
  async updateRegistration(input: G.ForumParticipantUpdateInput, options?: RequestOptions): Promise<ForumParticipant> {
    return this.mutate(G.ForumParticipantUpdateDocument, { input }, options, (d) => d.forumParticipantUpdate, (p) => p.participant);
  }

  /** Asks another participant of the same forum for a meeting, with a message and a priority (1–5, default 3). */
  async requestMeeting(input: G.MeetingRequestCreateInput, options?: RequestOptions): Promise<MeetingRequest> {
    return this.mutate(G.MeetingRequestCreateDocument, { input }, options, (d) => d.meetingRequestCreate, (p) => p.request);
  }

  /** Accepts a request addressed to you and books the meeting (the given slot, or the earliest free one). */
  async acceptMeetingRequest(input: G.MeetingRequestAcceptInput, options?: RequestOptions): Promise<{ request: MeetingRequest; meeting: Meeting | null }> {
    return this.mutate(G.MeetingRequestAcceptDocument, { input }, options, (d) => d.meetingRequestAccept, (p) =>
      p.request ? { request: p.request, meeting: p.meeting } : null,
    );
  }

  /** Declines a pending request addressed to you. */
  async declineMeetingRequest(id: string, options?: RequestOptions): Promise<MeetingRequest> {
    return this.mutate(G.MeetingRequestDeclineDocument, { input: { id } }, options, (d) => d.meetingRequestDecline, (p) => p.request);
  }

  /** Withdraws a request you sent (or an accepted one before its meeting begins). */
  async cancelMeetingRequest(id: string, options?: RequestOptions): Promise<MeetingRequest> {
    return this.mutate(G.MeetingRequestCancelDocument, { input: { id } }, options, (d) => d.meetingRequestCancel, (p) => p.request);
  }
}

/** An empty page, for a partner, enterprise or opportunity the caller may not see. */
const EMPTY_PAGE = { nodes: [], totalCount: 0, pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } };

type MatchVariables<TVariables> = Omit<TVariables, 'partnerId' | 'enterpriseId' | 'opportunityId'>;

/**
 * Explainable matchmaking: who should meet whom, best first. Each match carries its score and the
 * components (factor, weight, value, points, reason) whose points add up to it.
 */
export class RecommendationsResource extends Resource {
  /** IKM a partner should meet (the partner's members and keys with opportunities:read, or staff). */
  async enterprisesForPartner(partnerId: string, variables: MatchVariables<G.RecommendedEnterprisesQueryVariables> = {}, options?: RequestOptions): Promise<Page<EnterpriseMatch>> {
    const node = nodeOf((await this.query(G.RecommendedEnterprisesDocument, { ...variables, partnerId }, options)).node);
    return node?.recommendedEnterprises ?? EMPTY_PAGE;
  }

  iterateEnterprisesForPartner(partnerId: string, variables: IterateVariables<MatchVariables<G.RecommendedEnterprisesQueryVariables>> = {}, options?: RequestOptions): AsyncGenerator<EnterpriseMatch, void, undefined> {
    return everyPage((page) => this.enterprisesForPartner(partnerId, page, options), variables);
  }

  /** Buyers, suppliers, distributors or funders an IKM should meet (its members, or staff). */
  async partnersForEnterprise(enterpriseId: string, variables: MatchVariables<G.RecommendedPartnersQueryVariables> = {}, options?: RequestOptions): Promise<Page<PartnerMatch>> {
    const node = nodeOf((await this.query(G.RecommendedPartnersDocument, { ...variables, enterpriseId }, options)).node);
    return node?.recommendedPartners ?? EMPTY_PAGE;
  }

  iteratePartnersForEnterprise(enterpriseId: string, variables: IterateVariables<MatchVariables<G.RecommendedPartnersQueryVariables>> = {}, options?: RequestOptions): AsyncGenerator<PartnerMatch, void, undefined> {
    return everyPage((page) => this.partnersForEnterprise(enterpriseId, page, options), variables);
  }

  /** IKM that could answer an opportunity (its poster, or staff). */
  async forOpportunity(opportunityId: string, variables: MatchVariables<G.OpportunityMatchesQueryVariables> = {}, options?: RequestOptions): Promise<Page<OpportunityMatch>> {
    const node = nodeOf((await this.query(G.OpportunityMatchesDocument, { ...variables, opportunityId }, options)).node);
    return node?.matches ?? EMPTY_PAGE;
  }

  iterateForOpportunity(opportunityId: string, variables: IterateVariables<MatchVariables<G.OpportunityMatchesQueryVariables>> = {}, options?: RequestOptions): AsyncGenerator<OpportunityMatch, void, undefined> {
    return everyPage((page) => this.forOpportunity(opportunityId, page, options), variables);
  }
}

/** Variables of a forum's nested list, without the forum's ID (given separately). */
export type ForumVariables<TVariables> = Omit<TVariables, 'forumId'>;

function forumOrThrow<TForum extends object>(forum: TForum | null, forumId: string): TForum {
  if (forum) return forum;
  const message = `No forum has the ID "${forumId}".`;
  throw new ValidationError(message, { userErrors: [{ code: 'NOT_FOUND', field: ['forumId'], message }] });
}

export type { Page };

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, got ${value}.`);
  return value;
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be 0 or more, got ${value}.`);
  return value;
}
