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
}

/**
 * Base class of every error the SDK throws for a failed request. Catch it to handle all of them;
 * catch a subclass to handle one kind. Aborting through your own AbortSignal is not wrapped: the
 * signal's reason is thrown as is.
 */
export class TemuBisnisError extends Error {
  override name = 'TemuBisnisError';
  /** HTTP status of the response; undefined when no response arrived (network failure, timeout). */
  readonly status: number | undefined;
  /** Quote it to Disperin support: it finds the request in the server logs and the audit trail. */
  readonly requestId: string | undefined;
  /** The response's top-level GraphQL errors, unchanged (empty for network failures and userErrors). */
  readonly errors: readonly GraphQLErrorEntry[];
  /** `extensions.code` of the first GraphQL error, e.g. FORBIDDEN. */
  readonly code: string | undefined;
  readonly operationName: string | undefined;
  /** Partial data returned next to the errors, if any. */
  readonly data: unknown;

  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.requestId = details.requestId;
    this.errors = details.errors ?? [];
    this.code = codeOf(this.errors[0]);
    this.operationName = details.operationName;
    this.data = details.data;
  }
}

/** 401 or UNAUTHENTICATED: the API key or token is missing, unknown, expired or revoked. */
export class AuthenticationError extends TemuBisnisError {
  override name = 'AuthenticationError';
}

/**
 * FORBIDDEN (or HTTP 403): authenticated, but not allowed, e.g. an API key without the scope, a
 * buyer asking for financing leads, or an API key sending a document the server only accepts as a
 * persisted operation (PERSISTED_QUERY_ONLY).
 */
export class ForbiddenError extends TemuBisnisError {
  override name = 'ForbiddenError';
}

/**
 * The input was refused and nothing was changed: a mutation payload's `userErrors`, or a top-level
 * BAD_USER_INPUT / GRAPHQL_VALIDATION_FAILED error (an invalid filter value, a page size above 100,
 * a document that does not match the schema).
 */
export class ValidationError extends TemuBisnisError {
  override name = 'ValidationError';
  readonly userErrors: readonly UserErrorEntry[];

  constructor(message: string, details: ErrorDetails & { userErrors: readonly UserErrorEntry[] }) {
    super(message, details);
    this.userErrors = details.userErrors;
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
}

/** No complete response within `timeoutMs`; the request was aborted. A NetworkError, so retried like one for queries. */
export class TimeoutError extends NetworkError {
  override name = 'TimeoutError';
  readonly timeoutMs: number;

  constructor(message: string, details: ErrorDetails & { timeoutMs: number }) {
    super(message, details);
    this.timeoutMs = details.timeoutMs;
  }
}

/** A 5xx answer, or anything else the SDK did not expect (an error without a known code, a body that is not GraphQL). */
export class ServerError extends TemuBisnisError {
  override name = 'ServerError';
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
