import { issueUserToken } from '../../src/auth/tokens';
import { loadSecurityConfig, type SecurityConfig } from '../../src/config';
import { type Database, withClose } from '../../src/db/connection';
import { createLogger } from '../../src/logger';
import type { AdmissionLimits } from '../../src/server/admission-gate';
import { type HttpServer, startHttpServer } from '../../src/server/http';
import { createRateLimiter } from '../../src/server/security/rate-limit';
import type { IdempotencyOptions } from '../../src/server/idempotency/plugin';
import type { ResponseCacheOptions } from '../../src/server/response-cache/plugin';
import { createPushChannel } from '../../src/push/channel';
import { createGraphQLServer } from '../../src/server/yoga';
import type { ReadReplicas } from '../../src/db/replicas';
import { openTestDatabase } from './database';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: string[] }[];
}

export interface TestServer {
  url: string;
  db: Database;
  /** Posts one operation over real HTTP through yoga. */
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** An Authorization header for the user with this e-mail (a fresh sign-in token). */
  as(email: string): Promise<Record<string, string>>;
  /** Statements the database ran while fn ran. */
  statementsDuring(fn: () => Promise<unknown>): Promise<number>;
  close(): Promise<void>;
}

export async function startTestServer({
  seeded = true,
  production = false,
  security = {},
  idempotency,
  log,
  responseCache,
  database,
  fanOut,
  admission,
  webhookKey,
  plannedReads,
  replicas,
}: {
  seeded?: boolean;
  production?: boolean;
  /** Overrides of the security settings; by default those of a bare environment, without rate limiting. */
  security?: Partial<SecurityConfig>;
  /** Idempotency-Key retention and waits; by default the server's. */
  idempotency?: IdempotencyOptions;
  /** Receives every log line, debug included; by default only errors are written, to stdout. */
  log?: (line: string) => void;
  /** Anonymous public reads served from this cache; by default none, every request runs. */
  responseCache?: ResponseCacheOptions;
  /** The database of another test server (a second API process on the same database); it closes it. */
  database?: Database;
  /** How subscribers hear of commits across servers: Redis, or LISTEN/NOTIFY on this PostgreSQL URL; by default in-process. */
  fanOut?: { redisUrl?: string; postgresUrl?: string; prefix: string; pollMs?: number };
  /** Requests served at once and waiting; by default the server's. */
  admission?: AdmissionLimits;
  /** Seals webhook signing secrets with this key (WEBHOOK_SECRET_KEY); by default they are stored in clear. */
  webhookKey?: Buffer;
  /** Off: every field through its resolver, as a reference for the planned reads; by default on, as the server runs. */
  plannedReads?: boolean;
  /** Streaming replicas that serve queries, opened on `database` (db/replicas.ts); the server closes them. */
  replicas?: ReadReplicas;
} = {}): Promise<TestServer> {
  const db = database ? withClose(database, async () => {}) : await openTestDatabase({ seeded });
  const logger = log ? createLogger('debug', log) : createLogger('error');
  // Rate limiting is off unless a test asks for it: a test file may send more than an
  // anonymous budget's worth of requests in a minute, all from 127.0.0.1.
  const settings = { ...loadSecurityConfig({ RATE_LIMIT: 'off' }, production), ...security };
  const push = createPushChannel(fanOut);
  const yoga = createGraphQLServer({ db, logger, production, security: settings, idempotency, responseCache, push, webhookKey, plannedReads, replicas });
  const rateLimiter = settings.rateLimit ? createRateLimiter(settings.rateLimit, logger) : null;
  const http: HttpServer = await startHttpServer(yoga, db, logger, { port: 0, host: '127.0.0.1', rateLimiter, apiKeysPersistedOnly: settings.persistedOperations.apiKeysPersistedOnly, maxBodyBytes: settings.limits.maxBodyBytes, replicas, ...(admission ? { admission } : {}) });
  return {
    url: http.url,
    db,
    async gql(query, variables, headers = {}) {
      const response = await fetch(`${http.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async as(email) {
      const { token } = await issueUserToken(db.prisma, email);
      return { authorization: `Bearer ${token}` };
    },
    async statementsDuring(fn) {
      const before = db.statementCount;
      await fn();
      return db.statementCount - before;
    },
    close: async () => {
      await http.close();
      await push.close();
    },
  };
}
