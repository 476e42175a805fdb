import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AdmissionLimits, DEFAULT_ADMISSION } from './server/admission-gate';

/** Settings from the environment; everything has a default so a bare machine runs the embedded database. */
export interface Config {
  port: number;
  host: string;
  /** postgresql://… selects PostgreSQL; unset means embedded PGlite under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** The embedded database runs in a worker thread (the server's event loop only does HTTP and GraphQL). */
  pgliteWorker: boolean;
  production: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  security: SecurityConfig;
  /** null: every request runs (RESPONSE_CACHE=off). */
  responseCache: ResponseCacheConfig | null;
  /** Requests served at once, and waiting beyond them before 503 (server/admission-gate.ts). */
  admission: AdmissionLimits;
  /** PostgreSQL streaming replicas that serve queries (db/replicas.ts); null: the primary serves everything. */
  replicas: ReplicaConfig | null;
}

/** Read replicas of the PostgreSQL primary (DATABASE_REPLICA_URLS). */
export interface ReplicaConfig {
  urls: string[];
  /** A replica further behind the primary than this is skipped until it catches up. */
  maxLagMs: number;
  /** Set: callers' last writes are shared with every API process through Redis; unset: this process only. */
  redisUrl: string | undefined;
}

/** Anonymous public reads served from a cache (server/response-cache). */
export interface ResponseCacheConfig {
  ttlMs: number;
  /** Set: answers live in Redis, shared (and invalidated) by every API process; unset: in this process's memory. */
  redisUrl: string | undefined;
  /** Namespace of the cache's keys in Redis. */
  keyPrefix: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const admission = DEFAULT_ADMISSION[env.DATABASE_URL ? 'postgres' : 'pglite'];
  return {
    port: Number(env.PORT ?? 4000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    // pnpm runs scripts inside the package; INIT_CWD is where the command was typed.
    dataDir: resolve(env.INIT_CWD ?? process.cwd(), env.DATA_DIR ?? '.data'),
    pgliteWorker: onOff(env, 'PGLITE_WORKER', true),
    production,
    logLevel: (env.LOG_LEVEL as Config['logLevel'] | undefined) ?? 'info',
    security: loadSecurityConfig(env, production),
    responseCache: onOff(env, 'RESPONSE_CACHE', true)
      ? {
          // Mutations invalidate what they change at once; the TTL bounds what none announces:
          // an opportunity's status turning EXPIRED with the clock, writes of CLI commands.
          ttlMs: positiveInt(env, 'RESPONSE_CACHE_TTL_SECONDS', 60) * 1000,
          redisUrl: env.REDIS_URL || undefined,
          keyPrefix: env.RESPONSE_CACHE_PREFIX ?? 'temu:cache:',
        }
      : null,
    admission: {
      concurrent: positiveInt(env, 'MAX_CONCURRENT_REQUESTS', admission.concurrent),
      waiting: positiveInt(env, 'MAX_WAITING_REQUESTS', admission.waiting),
    },
    replicas: loadReplicaConfig(env),
  };
}

function loadReplicaConfig(env: NodeJS.ProcessEnv): ReplicaConfig | null {
  const urls = (env.DATABASE_REPLICA_URLS ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  if (urls.length === 0) return null;
  // A PGlite folder has one owner and no standby: there is nothing to stream to.
  if (!/^postgres(ql)?:\/\//.test(env.DATABASE_URL ?? '')) {
    throw new Error('DATABASE_REPLICA_URLS needs DATABASE_URL=postgresql://… (the primary): the embedded PGlite database has no replicas.');
  }
  const bad = urls.find((u) => !/^postgres(ql)?:\/\//.test(u));
  if (bad !== undefined) throw new Error(`DATABASE_REPLICA_URLS must be postgresql://… URLs separated by commas, got "${bad}".`);
  return { urls, maxLagMs: positiveInt(env, 'REPLICA_MAX_LAG_MS', 5_000), redisUrl: env.REDIS_URL || undefined };
}

/** Who may introspect the schema: everybody, nobody, or Disperin staff (ADMIN, OFFICER) only. */
export type IntrospectionPolicy = 'on' | 'off' | 'staff';

/** Bounds on one request, so that no single caller can make the server work without end. */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  /** The cost budget of a request without a credential. */
  maxAnonymousCost: number;
  maxDirectives: number;
  /** Largest `first`/`last` on a connection. */
  maxPageSize: number;
  /** Longest text accepted in any argument or variable. */
  maxInputStringLength: number;
  maxBodyBytes: number;
  executionTimeoutMs: number;
}

/**
 * The statement_timeout of the server's PostgreSQL pools: a request's limit and a margin, so that
 * a query waiting on the database is answered TIMEOUT by the API's deadline first, and its
 * statement stops soon after instead of running on for nobody.
 */
export function statementTimeoutMs(executionTimeoutMs: number): number {
  return executionTimeoutMs + 1_000;
}

export interface RateLimitConfig {
  /** Requests per window for one authenticated caller: a person (all their tokens) or a partner (all its API keys). */
  perCredential: number;
  /** Requests per window for one client IP address (IPv6: /64) without a credential. */
  perAnonymousIp: number;
  /** Failed authentications per window for one client IP address (IPv6: /64); beyond it, credentials are refused before any lookup. */
  failedAuthPerIp: number;
  windowMs: number;
  /** Set: the budget lives in Redis and is shared by every API process; unset: in this process's memory. */
  redisUrl: string | undefined;
  /** Namespace of the counters in Redis, so several deployments can share one Redis. */
  keyPrefix: string;
  /** Behind one reverse proxy: the client is the last address in X-Forwarded-For, not the socket's peer. */
  trustProxy: boolean;
}

export interface SecurityConfig {
  limits: QueryLimits;
  /** null: no rate limiting (e.g. a gateway in front does it). */
  rateLimit: RateLimitConfig | null;
  introspection: IntrospectionPolicy;
  graphiql: boolean;
  /** Leave "Did you mean …?" out of error messages, so the public cannot map the schema by typos. */
  hideSuggestions: boolean;
  persistedOperations: {
    /** JSON object: SHA-256 hash of a document → the document (generated by the SDK). Missing file: empty list. */
    file: string;
    /** API keys may run only allow-listed operations; people (GraphiQL, scripts) may still send any document. */
    apiKeysPersistedOnly: boolean;
  };
}

const DEFAULT_PERSISTED_OPERATIONS = fileURLToPath(new URL('../../sdk/persisted-operations.json', import.meta.url));

export function loadSecurityConfig(env: NodeJS.ProcessEnv, production: boolean): SecurityConfig {
  return {
    limits: {
      // Measured over the module tests and the GraphiQL example tabs (server/graphiql/examples): the
      // deepest operation is 7 (sentra → nodes → district → sentra → nodes → district → code).
      // An SDK writing connections as edges { node } adds one level per connection, so 10
      // admits every legitimate shape; deeper documents are cycles (sentra → district → sentra …)
      // built to multiply work. armor's default of 6 would refuse the tests' own N+1 queries.
      maxDepth: positiveInt(env, 'MAX_QUERY_DEPTH', 10),
      // armor's default. The most aliased legitimate operation has 6 (one enterprise read six
      // ways in a test); more than 15 is a batch disguised as one query.
      maxAliases: positiveInt(env, 'MAX_QUERY_ALIASES', 15),
      // armor's default. The largest legitimate document is a whole GraphiQL example tab (GraphiQL
      // sends all of a tab's operations with each run): 214 tokens; the tests' largest is 102.
      maxTokens: positiveInt(env, 'MAX_QUERY_TOKENS', 1_000),
      // The most values a response can hold plus 1,700 per connection (security/query-cost.ts:
      // an omitted `first` counts 20, plain lists their bound). Measured over the SDK's persisted
      // operations at their largest page (100), the GraphiQL examples and the tests' operations:
      // the largest is the SDK's Forums page of 100 forums with their slots, tables and own
      // participants (123,507), then 100 enterprises with every plain list (54,507); the examples
      // stay under 5,000. 150,000 admits them and refuses two nested pages of 100 (200,000 values)
      // and anything with three.
      maxCost: positiveInt(env, 'MAX_QUERY_COST', 150_000),
      // Without a credential nobody answers for the load, and the public directory needs less: its
      // largest operation in the tests (100 enterprises with district, sentra, KBLI codes,
      // certifications and products, 44,302) fits. The shapes of issue 11 do not: 15 aliases of
      // sentra → members → sentra → members cost 340,000 with default pages, and any 15 aliases
      // with two nested connections cost over 51,000 even with pages of 1.
      maxAnonymousCost: positiveInt(env, 'MAX_QUERY_COST_ANONYMOUS', 50_000),
      // armor's default; @include/@skip on a handful of fields is the legitimate use (the tests
      // and examples use none).
      maxDirectives: positiveInt(env, 'MAX_QUERY_DIRECTIVES', 50),
      // DESIGN.md: every connection returns at most 100 (Pothos clamps silently; we refuse loudly).
      // Fixed, not configurable: the schema's maximum is part of the API contract.
      maxPageSize: 100,
      // The longest free text of any mutation (descriptions, notes) is a few thousand characters;
      // 10,000 leaves room for them and stops megabyte strings before they reach a regex or tsquery.
      maxInputStringLength: 10_000,
      // The largest legitimate bodies are an organiser's bulk work: 1,000 meeting requests with
      // their global IDs (about 170 KB) or a 1,000-row roster CSV (about 150 KB); 512 KB fits
      // them and still stops memory-filling uploads (the HTTP server answers 413: request-body.ts).
      maxBodyBytes: positiveInt(env, 'MAX_REQUEST_BODY_BYTES', 512_000),
      // Directory and matching queries answer in tens of milliseconds; 10 s means something is
      // wrong, and the caller is better served by an error than by a hanging connection.
      executionTimeoutMs: positiveInt(env, 'EXECUTION_TIMEOUT_MS', 10_000),
    },
    rateLimit:
      onOff(env, 'RATE_LIMIT', true) === false
        ? null
        : {
            // A bank's screening job pages through leads and assessments: 10 requests a second
            // sustained is far above its need and still bounded.
            perCredential: positiveInt(env, 'RATE_LIMIT_PER_MINUTE', 600),
            // Anonymous callers read the public directory; two a second per address is plenty
            // for a person and slows down scraping.
            perAnonymousIp: positiveInt(env, 'RATE_LIMIT_ANONYMOUS_PER_MINUTE', 120),
            // A person mistyping a token or a job with an expired key fails a handful of times;
            // twenty failures a minute from one address is guessing, and each costs a lookup.
            failedAuthPerIp: positiveInt(env, 'RATE_LIMIT_FAILED_AUTH_PER_MINUTE', 20),
            windowMs: 60_000,
            redisUrl: env.REDIS_URL || undefined,
            keyPrefix: env.RATE_LIMIT_PREFIX ?? 'temu:ratelimit:',
            trustProxy: onOff(env, 'TRUST_PROXY', false),
          },
    // Public introspection is harmless in development and GraphiQL needs it; in production only
    // staff (who use GraphiQL) see the schema by default; partners use the typed SDK.
    introspection: oneOf(env, 'INTROSPECTION', ['on', 'off', 'staff'] as const, production ? 'staff' : 'on'),
    graphiql: onOff(env, 'GRAPHIQL', !production),
    hideSuggestions: production,
    persistedOperations: {
      file: resolve(env.PERSISTED_OPERATIONS_FILE ?? DEFAULT_PERSISTED_OPERATIONS),
      apiKeysPersistedOnly: onOff(env, 'API_KEYS_PERSISTED_ONLY', false),
    },
  };
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new Error(`${name} must be a positive whole number, got "${raw}".`);
  return Number(raw);
}

function onOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['true', 'on', '1'].includes(raw)) return true;
  if (['false', 'off', '0'].includes(raw)) return false;
  throw new Error(`${name} must be true or false, got "${env[name]}".`);
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, values: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!values.includes(raw as T)) throw new Error(`${name} must be one of ${values.join(', ')}, got "${raw}".`);
  return raw as T;
}
