import { type PushedEvent, type SubscribeOptions, subscribeEvents } from './push';
import type { RateLimitInfo } from './errors';
import * as G from './generated/graphql';
import { Resources } from './generated/resources';
import { type DocumentInput, type RequestOptions, type RetryOptions, Transport, type TypedDocument } from './transport';

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
/** The forum-to-deal-to-credit funnel of a year by forum, sentra, kecamatan or sector (Disperin staff). */
export type FunnelReport = G.FunnelReportQuery['funnelReport'];
/** One row of a funnel report; a cell built from fewer than 5 IKM has value null and suppressed true. */
export type FunnelRow = G.FunnelRowFieldsFragment;
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
  apiKey?: string | undefined;
  /** A person's sign-in token. Give apiKey or token, not both; neither means anonymous (public directory only). */
  token?: string | undefined;
  /** A fetch implementation; default globalThis.fetch (Node 18+, browsers, Deno, Bun, workers). */
  fetch?: typeof fetch | undefined;
  /** Time allowed for each attempt, response body included; default 30 000 ms. */
  timeoutMs?: number | undefined;
  /**
   * Retries after 429, 502, 503, 504, network failures and timeouts: a number (default 2) or finer
   * options. Queries are retried; mutations too when they carry an Idempotency-Key (every mutation
   * of a client with an apiKey or token does: the SDK makes one per call).
   */
  retries?: number | RetryOptions | undefined;
  /**
   * Send the SDK's operations as persisted-operation hashes (Apollo APQ format:
   * extensions.persistedQuery.sha256Hash) instead of full documents; smaller requests, and
   * required where the server accepts only allow-listed operations from API keys. A hash the
   * server does not know is sent again as a full document (and not tried again). Default false.
   */
  persistedOperations?: boolean | undefined;
  /** Headers sent with every request. */
  headers?: Record<string, string> | undefined;
}

/**
 * The typed client of the Temu Bisnis API.
 *
 * ```ts
 * const client = new TemuBisnisClient({ endpoint, apiKey: process.env.TEMU_BISNIS_API_KEY });
 * for await (const lead of client.financingLeads.iterate({ filter: { verdict: 'ELIGIBLE' } })) { … }
 * ```
 */
export class TemuBisnisClient extends Resources {
  private readonly transport: Transport;
  private readonly options: TemuBisnisClientOptions;

  constructor(options: TemuBisnisClientOptions) {
    const transport = transportOf(options);
    super(transport);
    this.transport = transport;
    this.options = options;
  }

  /**
   * Live events the caller may see (`subscription { events }` over server-sent events, or over
   * graphql-ws with `transport: 'ws'`), as an async iterator; after a broken connection it
   * reconnects and resumes from the last event received. A refused or revoked credential ends it
   * with an error. `for await (const event of client.subscribe({ types: ['OPPORTUNITY_POSTED'] })) { … }`
   */
  subscribe(options: SubscribeOptions = {}): AsyncGenerator<PushedEvent> {
    const credential = credentialOf(this.options.apiKey || this.options.token || undefined);
    return subscribeEvents(
      {
        endpoint: this.options.endpoint,
        headers: { ...this.options.headers, ...(credential ? { authorization: `Bearer ${credential}` } : {}) },
        fetch: this.options.fetch ?? globalThis.fetch,
      },
      options,
    );
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

/** The client's options, checked, as the transport's configuration. */
function transportOf(options: TemuBisnisClientOptions): Transport {
  if (!options || typeof options.endpoint !== 'string') throw new TypeError('TemuBisnisClient needs { endpoint }.');
  try {
    new URL(options.endpoint);
  } catch {
    throw new TypeError('endpoint must be an absolute URL ending in /graphql, e.g. https://host/graphql.');
  }
  if (options.apiKey && options.token) throw new TypeError('Give apiKey (a partner program) or token (a person), not both.');
  const retry = typeof options.retries === 'object' ? options.retries : { retries: options.retries };
  return new Transport({
    endpoint: options.endpoint,
    credential: credentialOf(options.apiKey || options.token || undefined),
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
}

/** The secret alone: a value pasted with its "Bearer " prefix (or with surrounding spaces) is understood. */
function credentialOf(value: string | undefined): string | undefined {
  const secret = value?.trim().replace(/^(?:Bearer\s+)+/i, '');
  return secret || undefined;
}

/** Variables are required when the operation has required variables, optional otherwise. */
// biome-ignore lint/complexity/noBannedTypes: `{} extends T` asks whether every variable is optional.
export type VariablesArgs<TVariables> = {} extends TVariables
  ? [variables?: TVariables, options?: RequestOptions]
  : [variables: TVariables, options?: RequestOptions];

/** Variables of a forum's nested list, without the forum's ID (given separately). */
export type ForumVariables<TVariables> = Omit<TVariables, 'forumId'>;


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
