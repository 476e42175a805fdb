/** One entry of a GraphQL response's top-level `errors`, as the server sent it. */
export interface GraphQLErrorEntry {
  message: string;
  path?: ReadonlyArray<string | number>;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  extensions?: Record<string, unknown>;
}

/**
 * A problem with the input that the caller can fix: a mutation payload's `userErrors` entry
 * (`code` is then a UserErrorCode such as INVALID_TRANSITION), or a top-level BAD_USER_INPUT /
 * GRAPHQL_VALIDATION_FAILED error (`code` is that code, `field` the input path when the server names one).
 */
export interface UserErrorEntry {
  code: string;
  /** Path to the offending input field, e.g. ["input", "status"]; empty when the server names none. */
  field: readonly string[];
  message: string;
}

export interface ErrorDetails {
  /** HTTP status of the response; undefined when no response arrived. */
  status?: number;
  /** Id of the request: the server's `x-request-id` response header, else the one the SDK sent. */
  requestId?: string;
  /** The response's top-level GraphQL errors, unchanged. */
  errors?: readonly GraphQLErrorEntry[];
  /** Name of the operation that failed, e.g. "LeadStatusUpdate". */
  operationName?: string;
  /** Partial data the server returned next to the errors, if any. */
  data?: unknown;
  cause?: unknown;
  /** The code, when the errors do not carry one (a userError's, or the SDK's own for a failure without a response). */
  code?: string;
}

/**
 * Base class of every error the SDK throws for a failed request. Catch it to handle all of them;
 * catch a subclass to handle one kind. Aborting through your own AbortSignal is not wrapped: the
 * signal's reason is thrown as is.
 */
export class TemuBisnisError extends Error {
  override name = 'TemuBisnisError';
  /** The code of a failure without a GraphQL error to take one from; each subclass has its own. */
  static readonly defaultCode: string = 'UNKNOWN';
  /** HTTP status of the response; undefined when no response arrived (network failure, timeout). */
  readonly status: number | undefined;
  /** Quote it to Disperin support: it finds the request in the server logs and the audit trail. */
  readonly requestId: string | undefined;
  /** The response's top-level GraphQL errors, unchanged (empty for network failures and userErrors). */
  readonly errors: readonly GraphQLErrorEntry[];
  /**
   * Always set. For a mutation's userErrors the first one's code (e.g. INVALID_TRANSITION); else
   * `extensions.code` of the first GraphQL error (e.g. FORBIDDEN, BAD_USER_INPUT); else the SDK's
   * own: NETWORK_ERROR, TIMEOUT, ENDPOINT_NOT_FOUND, INTERNAL_SERVER_ERROR.
   */
  readonly code: string;
  /**
   * Path to the input at fault, e.g. ["input", "status"] or ["filter", "amountAtLeast"]: the first
   * userError's, or the GraphQL error's `extensions.field`; empty when the error is not about one input.
   */
  readonly field: readonly string[];
  readonly operationName: string | undefined;
  /** Partial data returned next to the errors, if any. */
  readonly data: unknown;

  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.requestId = details.requestId;
    this.errors = details.errors ?? [];
    this.code = details.code ?? codeOf(this.errors[0]) ?? (new.target as typeof TemuBisnisError).defaultCode;
    this.field = fieldOf(this.errors[0]);
    this.operationName = details.operationName;
    this.data = details.data;
  }
}

/** Why the API refused a credential (`extensions.reason`). */
export type AuthenticationReason = 'MALFORMED' | 'UNKNOWN' | 'EXPIRED' | 'REVOKED';

/**
 * 401 or UNAUTHENTICATED: the API key or token is malformed, unknown, expired or revoked;
 * `reason` says which. EXPIRED and REVOKED come only for a secret the API really issued: a
 * mistyped or made-up one is UNKNOWN.
 */
export class AuthenticationError extends TemuBisnisError {
  override name = 'AuthenticationError';
  static override readonly defaultCode: string = 'UNAUTHENTICATED';
  readonly reason: AuthenticationReason | undefined;

  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details);
    this.reason = extension(this.errors, 'reason') as AuthenticationReason | undefined;
  }
}

/**
 * FORBIDDEN (or HTTP 403): authenticated, but not allowed, e.g. an API key without the scope, a
 * buyer asking for financing leads, or an API key sending a document the server only accepts as a
 * persisted operation (PERSISTED_QUERY_ONLY).
 */
export class ForbiddenError extends TemuBisnisError {
  override name = 'ForbiddenError';
  static override readonly defaultCode: string = 'FORBIDDEN';
  /** The API key scope that would allow this (e.g. LEADS_READ), when a missing scope is the reason. */
  readonly requiredScope: string | undefined;

  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details);
    this.requiredScope = extension(this.errors, 'requiredScope');
  }
}

/**
 * The input was refused and nothing was changed: a mutation payload's `userErrors`, or a top-level
 * BAD_USER_INPUT / GRAPHQL_VALIDATION_FAILED error (an invalid filter value, a page size above 100,
 * a document that does not match the schema).
 */
export class ValidationError extends TemuBisnisError {
  override name = 'ValidationError';
  static override readonly defaultCode: string = 'BAD_USER_INPUT';
  readonly userErrors: readonly UserErrorEntry[];

  override readonly field: readonly string[];

  constructor(message: string, details: ErrorDetails & { userErrors: readonly UserErrorEntry[] }) {
    super(message, { ...details, code: details.code ?? details.userErrors[0]?.code });
    this.userErrors = details.userErrors;
    this.field = details.userErrors[0]?.field ?? [];
  }
}

export interface RateLimitInfo {
  /** Requests allowed per window. */
  limit: number | undefined;
  /** Requests left in the current window. */
  remaining: number | undefined;
  /** Seconds until the window resets. */
  reset: number | undefined;
}

/** 429 or RATE_LIMITED: the credential (or the caller's IP) used up its budget for the window. */
export class RateLimitedError extends TemuBisnisError implements RateLimitInfo {
  override name = 'RateLimitedError';
  static override readonly defaultCode: string = 'RATE_LIMITED';
  /** Seconds to wait before trying again (Retry-After). */
  readonly retryAfter: number | undefined;
  readonly limit: number | undefined;
  readonly remaining: number | undefined;
  readonly reset: number | undefined;

  constructor(message: string, details: ErrorDetails & RateLimitInfo & { retryAfter: number | undefined }) {
    super(message, details);
    this.retryAfter = details.retryAfter;
    this.limit = details.limit;
    this.remaining = details.remaining;
    this.reset = details.reset;
  }
}

/** No response: the server could not be reached, the connection broke, or DNS failed. `cause` holds the fetch error. */
export class NetworkError extends TemuBisnisError {
  override name = 'NetworkError';
  static override readonly defaultCode: string = 'NETWORK_ERROR';
}

/** No complete response within `timeoutMs`; the request was aborted. A NetworkError, so retried like one for queries. */
export class TimeoutError extends NetworkError {
  override name = 'TimeoutError';
  static override readonly defaultCode: string = 'TIMEOUT';
  readonly timeoutMs: number;

  constructor(message: string, details: ErrorDetails & { timeoutMs: number }) {
    super(message, details);
    this.timeoutMs = details.timeoutMs;
  }
}

/** A 5xx answer, or anything else the SDK did not expect (an error without a known code, a body that is not GraphQL). */
export class ServerError extends TemuBisnisError {
  override name = 'ServerError';
  static override readonly defaultCode: string = 'INTERNAL_SERVER_ERROR';
  /** Seconds to wait before trying again, when the response said so (a 503's Retry-After). */
  readonly retryAfter: number | undefined;

  constructor(message: string, details: ErrorDetails & { retryAfter?: number } = {}) {
    super(message, details);
    this.retryAfter = details.retryAfter;
  }
}

function codeOf(error: GraphQLErrorEntry | undefined): string | undefined {
  const code = error?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

function fieldOf(error: GraphQLErrorEntry | undefined): readonly string[] {
  const field = error?.extensions?.field;
  return Array.isArray(field) ? field.map(String) : [];
}

/** A string extension of the first error that has it. */
function extension(errors: readonly GraphQLErrorEntry[], name: string): string | undefined {
  const value = errors.find((e) => typeof e.extensions?.[name] === 'string')?.extensions?.[name];
  return value as string | undefined;
}
