import type { DocumentNode } from 'graphql';
import { parse, print } from 'graphql';
import { ClientError, GraphQLClient } from 'graphql-request';
import {
  AuthenticationError,
  type ErrorDetails,
  ForbiddenError,
  type GraphQLErrorEntry,
  NetworkError,
  RateLimitedError,
  type RateLimitInfo,
  ServerError,
  type TemuBisnisError,
  TimeoutError,
  type UserErrorEntry,
  ValidationError,
} from './errors';
import { type OperationInfo, operationsByDocument } from './generated/operations';

/**
 * A document typed with its result and variables: the documents this SDK exports, a
 * TypedDocumentString or TypedDocumentNode from your own GraphQL Code Generator setup.
 */
export interface TypedDocument<TResult, TVariables> {
  __apiType?: (variables: TVariables) => TResult;
}

export type DocumentInput<TResult = unknown, TVariables = Record<string, unknown>> =
  // biome-ignore lint/complexity/noBannedTypes: codegen's TypedDocumentString is a String subclass.
  | ((String | DocumentNode) & TypedDocument<TResult, TVariables>)
  | string
  | DocumentNode;

export interface RetryOptions {
  /** Retries after the first attempt (default 2): 3 attempts in all. 0 turns retrying off. */
  retries?: number | undefined;
  /** First backoff ceiling (default 250 ms); doubles per retry ("full jitter": a random wait up to it). */
  baseDelayMs?: number | undefined;
  /** Longest wait between attempts (default 30 s). A Retry-After above it is not waited for: the error is thrown. */
  maxDelayMs?: number | undefined;
}

/** Per-call options of every SDK method. */
export interface RequestOptions {
  /** Aborts the call (your abort reason is thrown as is, not wrapped). */
  signal?: AbortSignal | undefined;
  /** Overrides the client's timeout for this call. */
  timeoutMs?: number | undefined;
  /** Overrides the client's number of retries for this call. */
  retries?: number | undefined;
  /**
   * The mutation's `Idempotency-Key` (1–255 printable ASCII characters), sent on every attempt: the
   * API applies the change once and answers repeats with the first response for 24 hours. With a
   * credential the SDK makes one per call by itself; give your own to make the change safe across
   * calls too (e.g. a job that restarts), one key per intended change, never one per attempt.
   */
  idempotencyKey?: string | undefined;
  /** Extra headers for this call. */
  headers?: Record<string, string> | undefined;
}

export interface TransportConfig {
  endpoint: string;
  /** The Bearer credential: an API key or a sign-in token. */
  credential: string | undefined;
  fetch: typeof fetch | undefined;
  timeoutMs: number;
  retry: Required<RetryOptions>;
  persistedOperations: boolean;
  headers: Record<string, string>;
}

/** What the transport knows of a response besides its data. */
export interface ExecutionResult<TData> {
  data: TData;
  status: number;
  requestId: string;
  operationName: string | undefined;
}

interface Operation {
  text: string;
  name: string | undefined;
  kind: OperationInfo['kind'];
  /** Known for the SDK's own operations; computed on demand for others. */
  hash: string | undefined;
}

/** Statuses worth another attempt: the request was refused or lost before the API could act on it. */
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const PERSISTED_NOT_FOUND = new Set(['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_IN_LIST']);
const INPUT_ERROR_CODES = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'IDEMPOTENCY_KEY_INVALID',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_KEY_NEEDS_CREDENTIAL',
]);
/** The code of a refusal that is not GraphQL-shaped (the CSV export's JSON errors), by HTTP status. */
const STATUS_CODES: Record<number, string> = { 400: 'BAD_USER_INPUT', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 429: 'RATE_LIMITED' };
/** The first request with the same Idempotency-Key is still running: its answer comes to a later attempt. */
const KEY_IN_USE = 'IDEMPOTENCY_KEY_IN_USE';

/**
 * Sends operations through graphql-request with the SDK's policy: credentials, request ids,
 * persisted operations, a timeout per attempt, bounded retries with backoff for queries and for
 * mutations that carry an Idempotency-Key, and the mapping of every failure onto the SDK's error
 * classes.
 */
export class Transport {
  /** Hashes the server said it does not know: sent as full documents from then on. */
  private readonly unknownHashes = new Set<string>();
  private lastRateLimit: RateLimitInfo | undefined;

  constructor(private readonly config: TransportConfig) {}

  /** The X-RateLimit-* values of the latest response that carried them. */
  get rateLimit(): RateLimitInfo | undefined {
    return this.lastRateLimit;
  }

  async execute<TData>(
    document: DocumentInput<TData, never>,
    variables: object | undefined,
    options: RequestOptions = {},
  ): Promise<ExecutionResult<TData>> {
    const operation = describe(document);
    const retries = Math.max(0, options.retries ?? this.config.retry.retries);
    // One key per call, the same on every attempt: the API applies the mutation once and answers
    // the attempts after it with the first response. It keeps keys per credential, so anonymous
    // calls get none, and without a key a mutation is never sent twice.
    const idempotencyKey =
      operation.kind === 'mutation' && this.config.credential ? (options.idempotencyKey ?? randomId()) : options.idempotencyKey;
    const call = { ...options, idempotencyKey };
    // A query can be sent again without harm, a mutation only under its key.
    const retryable = operation.kind === 'query' || idempotencyKey !== undefined;
    const requestId = randomId();
    return this.retrying(retryable ? retries : 0, options.signal, () => this.send<TData>(operation, variables, call, requestId));
  }

  /** Runs `attempt` until it succeeds, or fails in a way not worth retrying, or `retries` more attempts failed. */
  private async retrying<T>(retries: number, signal: AbortSignal | undefined, attempt: () => Promise<T>): Promise<T> {
    for (let n = 0; ; n += 1) {
      try {
        return await attempt();
      } catch (error) {
        const delay = n < retries ? this.retryDelay(error, n) : undefined;
        if (delay === undefined) throw error;
        await sleep(delay, signal);
      }
    }
  }

  private async send<TData>(operation: Operation, variables: object | undefined, options: RequestOptions, requestId: string) {
    if (this.config.persistedOperations && operation.kind !== 'subscription') {
      operation.hash ??= await sha256Hex(operation.text);
      if (operation.hash && !this.unknownHashes.has(operation.hash)) {
        try {
          return await this.attempt<TData>(operation, variables, options, requestId, operation.hash);
        } catch (error) {
          if (!(error instanceof PersistedQueryNotFound)) throw error;
          // Not on the server's list (an older server, or a document of your own): send it in full.
          this.unknownHashes.add(operation.hash);
        }
      }
    }
    return await this.attempt<TData>(operation, variables, options, requestId, undefined);
  }

  private async attempt<TData>(
    operation: Operation,
    variables: object | undefined,
    options: RequestOptions,
    requestId: string,
    persistedHash: string | undefined,
  ): Promise<ExecutionResult<TData>> {
    const timeoutMs = options.timeoutMs ?? this.config.timeoutMs;
    const deadline = new Deadline(timeoutMs, options.signal);
    const callerSignal = options.signal;

    let response: Response | undefined;
    const baseFetch = this.config.fetch ?? globalThis.fetch;
    const client = new GraphQLClient(this.config.endpoint, {
      fetch: async (url: URL | RequestInfo, init?: RequestInit) => {
        try {
          response = await baseFetch(url, init);
          return response;
        } catch (cause) {
          throw new FetchFailed(cause);
        }
      },
      headers: this.headers(options, requestId),
      // The SDK knows the operation already; graphql-request need not parse the document again.
      excludeOperationName: true,
      jsonSerializer: {
        parse: JSON.parse,
        stringify: (body: { query?: string; variables?: unknown }) =>
          JSON.stringify(
            persistedHash
              ? {
                  operationName: operation.name,
                  variables: body.variables,
                  extensions: { persistedQuery: { version: 1, sha256Hash: persistedHash } },
                }
              : { query: body.query, operationName: operation.name, variables: body.variables },
          ),
      },
    });
    try {
      const result = await client.rawRequest<TData>({ query: operation.text, variables, signal: deadline.signal });
      this.noteRateLimit(result.headers);
      return {
        data: result.data,
        status: result.status,
        requestId: result.headers.get('x-request-id') ?? requestId,
        operationName: operation.name,
      };
    } catch (error) {
      if (response) this.noteRateLimit(response.headers);
      if (callerSignal?.aborted) throw callerSignal.reason;
      const details: ErrorDetails = {
        status: response?.status,
        requestId: response?.headers.get('x-request-id') ?? requestId,
        operationName: operation.name,
      };
      if (deadline.timedOut) {
        throw new TimeoutError(`No complete response from the Temu Bisnis API within ${timeoutMs} ms.`, { ...details, timeoutMs });
      }
      if (error instanceof FetchFailed) {
        throw new NetworkError(`Could not reach the Temu Bisnis API at ${this.config.endpoint}: ${describeCause(error.cause)}`, {
          ...details,
          cause: error.cause,
        });
      }
      if (error instanceof ClientError) {
        const errors = (error.response.errors ?? []) as GraphQLErrorEntry[];
        if (persistedHash && errors.some(isPersistedNotFound)) throw new PersistedQueryNotFound();
        throw errorFromResponse(error.response.status, error.response.headers, errors, {
          ...details,
          data: error.response.data ?? undefined,
          body: error.response.body,
          endpoint: this.config.endpoint,
        });
      }
      if (response && !response.ok) {
        // Not a GraphQL answer at all (an HTML 404 or 502 of a proxy): judged by its status.
        throw errorFromResponse(response.status, response.headers, [], { ...details, endpoint: this.config.endpoint });
      }
      throw new ServerError(`Unexpected response from the Temu Bisnis API: ${(error as Error)?.message ?? String(error)}`, {
        ...details,
        cause: error,
      });
    } finally {
      deadline.end();
    }
  }

  /**
   * GET of a file the API serves beside /graphql (path relative to the endpoint, e.g.
   * "exports/financing-leads.csv"), with the client's credential, request id, retries and errors.
   * Resolves once the headers have arrived (the timeout covers that wait); the body is left to stream.
   */
  async download(path: string, params: URLSearchParams, options: RequestOptions = {}): Promise<Response> {
    const url = new URL(path, this.config.endpoint);
    url.search = params.toString();
    const retries = Math.max(0, options.retries ?? this.config.retry.retries);
    const requestId = randomId();
    return this.retrying(retries, options.signal, () => this.get(url, options, requestId));
  }

  private async get(url: URL, options: RequestOptions, requestId: string): Promise<Response> {
    const timeoutMs = options.timeoutMs ?? this.config.timeoutMs;
    const deadline = new Deadline(timeoutMs, options.signal);
    const details: ErrorDetails = { requestId, operationName: undefined };
    let response: Response;
    try {
      response = await (this.config.fetch ?? globalThis.fetch)(url, { headers: this.headers(options, requestId), signal: deadline.signal });
    } catch (cause) {
      deadline.end();
      if (options.signal?.aborted) throw options.signal.reason;
      if (deadline.timedOut) throw new TimeoutError(`No response from the Temu Bisnis API within ${timeoutMs} ms.`, { ...details, timeoutMs });
      throw new NetworkError(`Could not reach the Temu Bisnis API at ${url.origin}: ${describeCause(cause)}`, { ...details, cause });
    }
    // The timeout covered the wait for the headers; the caller's signal still stops the body.
    deadline.endTimeout();
    this.noteRateLimit(response.headers);
    if (response.ok) return response;
    const body = await response.text();
    // The export answers {"error": {"status", "message"}}; GraphQL-shaped answers are read as such.
    let errors: GraphQLErrorEntry[] = [];
    try {
      const parsed = JSON.parse(body) as { error?: { message?: string }; errors?: GraphQLErrorEntry[] };
      if (parsed.errors) errors = parsed.errors;
      else if (parsed.error?.message) errors = [{ message: parsed.error.message, extensions: { code: STATUS_CODES[response.status] } }];
    } catch {
      // Not JSON: the status says what happened.
    }
    throw errorFromResponse(response.status, response.headers, errors, {
      ...details,
      requestId: response.headers.get('x-request-id') ?? requestId,
      endpoint: this.config.endpoint,
    });
  }

  private headers(options: RequestOptions, requestId: string): Record<string, string> {
    const headers: Record<string, string> = { ...this.config.headers, 'x-request-id': requestId };
    if (this.config.credential) headers.authorization = `Bearer ${this.config.credential}`;
    if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
    return { ...headers, ...options.headers };
  }

  /** Milliseconds to wait before the next attempt, or undefined when the error is not worth one. */
  private retryDelay(error: unknown, attempt: number): number | undefined {
    const { baseDelayMs, maxDelayMs } = this.config.retry;
    const transient =
      error instanceof NetworkError ||
      error instanceof RateLimitedError ||
      (error instanceof ServerError &&
        ((error.status !== undefined && RETRYABLE_STATUS.has(error.status)) || error.code === KEY_IN_USE));
    if (!transient) return undefined;
    const retryAfter = error instanceof NetworkError ? undefined : error.retryAfter;
    if (retryAfter !== undefined) {
      const ms = retryAfter * 1000;
      return ms <= maxDelayMs ? ms : undefined;
    }
    // Full jitter (a random wait up to an exponentially growing ceiling) spreads out clients that
    // failed together, so they do not come back together.
    return Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
  }

  private noteRateLimit(headers: Headers): void {
    const info = rateLimitOf(headers);
    if (info.limit !== undefined || info.remaining !== undefined) this.lastRateLimit = info;
  }
}

/** Maps a non-successful GraphQL response onto the SDK's error classes. */
export function errorFromResponse(
  status: number,
  headers: Headers,
  errors: readonly GraphQLErrorEntry[],
  details: ErrorDetails & { body?: string; endpoint: string },
): TemuBisnisError {
  const codes = new Set(errors.map((e) => e.extensions?.code).filter((c): c is string => typeof c === 'string'));
  const message = errors[0]?.message ?? `HTTP ${status}${details.body ? `: ${details.body.slice(0, 200)}` : ''}`;
  const { body: _body, endpoint, ...rest } = details;
  const full: ErrorDetails = { ...rest, status, errors };
  if (status === 404) {
    // Whoever answered, there is no API at this URL: the most common cause is a missing /graphql.
    return new ServerError(
      `HTTP 404 from ${endpoint}: no GraphQL API there. The Temu Bisnis API answers at a URL ending in /graphql, e.g. https://host/graphql.`,
      { ...full, code: 'ENDPOINT_NOT_FOUND' },
    );
  }
  if (status === 429 || codes.has('RATE_LIMITED')) {
    const fromBody = errors.find((e) => typeof e.extensions?.retryAfter === 'number')?.extensions?.retryAfter as number | undefined;
    return new RateLimitedError(message, { ...full, ...rateLimitOf(headers), retryAfter: retryAfterOf(headers) ?? fromBody });
  }
  if (status === 401 || codes.has('UNAUTHENTICATED')) return new AuthenticationError(message, full);
  if (status === 403 || codes.has('FORBIDDEN') || codes.has('PERSISTED_QUERY_ONLY')) return new ForbiddenError(message, full);
  if ([...codes].some((c) => INPUT_ERROR_CODES.has(c)) || ((status === 400 || status === 413) && errors.length > 0)) {
    return new ValidationError(message, { ...full, userErrors: errors.map(toUserError) });
  }
  // A 503 may say when to come back; the retry policy honours it like a 429's.
  return new ServerError(message, { ...full, retryAfter: retryAfterOf(headers) });
}

/** The payload's userErrors as a ValidationError, or nothing when there are none. */
export function userErrorsToError(
  userErrors: readonly UserErrorEntry[],
  result: Pick<ExecutionResult<unknown>, 'status' | 'requestId' | 'operationName'>,
): ValidationError | undefined {
  if (userErrors.length === 0) return undefined;
  const message = userErrors.map((e) => (e.field.length ? `${e.field.join('.')}: ${e.message}` : e.message)).join(' ');
  return new ValidationError(message, { ...result, userErrors });
}

function toUserError(error: GraphQLErrorEntry): UserErrorEntry {
  const field = error.extensions?.field;
  return {
    code: typeof error.extensions?.code === 'string' ? error.extensions.code : 'BAD_USER_INPUT',
    field: Array.isArray(field) ? field.map(String) : [],
    message: error.message,
  };
}

function isPersistedNotFound(error: GraphQLErrorEntry): boolean {
  const code = error.extensions?.code;
  return (typeof code === 'string' && PERSISTED_NOT_FOUND.has(code)) || error.message === 'PersistedQueryNotFound';
}

function rateLimitOf(headers: Headers): RateLimitInfo {
  return {
    limit: numberOf(headers.get('x-ratelimit-limit')),
    remaining: numberOf(headers.get('x-ratelimit-remaining')),
    reset: numberOf(headers.get('x-ratelimit-reset')),
  };
}

/** Retry-After in whole seconds: delta-seconds, or an HTTP date. */
function retryAfterOf(headers: Headers): number | undefined {
  const raw = headers.get('retry-after')?.trim();
  if (!raw) return undefined;
  if (/^\d+$/.test(raw)) return Number(raw);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

function numberOf(raw: string | null): number | undefined {
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * One attempt's signal: aborted when `timeoutMs` passes (timedOut is then true) or when the
 * caller's own signal aborts (with the caller's reason).
 */
class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly onCallerAbort = () => this.controller.abort(this.callerSignal?.reason);
  timedOut = false;

  constructor(
    timeoutMs: number,
    private readonly callerSignal: AbortSignal | undefined,
  ) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, timeoutMs);
    if (callerSignal?.aborted) this.controller.abort(callerSignal.reason);
    else callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Stops the clock; the caller's signal still aborts. */
  endTimeout(): void {
    clearTimeout(this.timer);
  }

  /** Stops the clock and lets go of the caller's signal. */
  end(): void {
    this.endTimeout();
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }
}

class FetchFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('fetch failed');
  }
}

class PersistedQueryNotFound extends Error {}

function describeCause(cause: unknown): string {
  const error = cause as { message?: string; cause?: { code?: string; message?: string } } | undefined;
  const detail = error?.cause?.code ?? error?.cause?.message;
  return [error?.message ?? String(cause), detail && `(${detail})`].filter(Boolean).join(' ');
}

/**
 * Documents other than the SDK's own, analysed once each (their hash too, once computed). Bounded,
 * so a program that builds documents on the fly cannot grow it without end.
 */
const analysed = new Map<string, Operation>();

function describe(document: DocumentInput<unknown, never>): Operation {
  const text = typeof document === 'string' || document instanceof String ? document.toString() : print(document as DocumentNode);
  const known = operationsByDocument.get(text);
  if (known) return { text, ...known };
  let operation = analysed.get(text);
  if (!operation) {
    operation = analyse(text);
    if (analysed.size >= 500) analysed.clear();
    analysed.set(text, operation);
  }
  return operation;
}

function analyse(text: string): Operation {
  try {
    const operations = parse(text).definitions.filter((d) => d.kind === 'OperationDefinition');
    const [operation] = operations;
    if (operations.length === 1 && operation?.kind === 'OperationDefinition') {
      return { text, name: operation.name?.value, kind: operation.operation as Operation['kind'], hash: undefined };
    }
  } catch {
    // The server will explain what is wrong with the document.
  }
  // Unknown shape: treated as a mutation, sent again only under an Idempotency-Key.
  return { text, name: undefined, kind: 'mutation', hash: undefined };
}

async function sha256Hex(text: string): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return undefined;
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function randomId(): string {
  const crypto = globalThis.crypto;
  if (crypto?.randomUUID) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
