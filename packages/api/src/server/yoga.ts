import { type Context, createAuditLog, type PushChannel, schema } from '@temu-bisnis/schema';
import { GraphQLError } from 'graphql';
import { createYoga, maskError, type YogaServerInstance } from 'graphql-yoga';
import { type Authentication, AuthenticationError, authenticateRequest, viewerOf } from '../auth/authenticate';
import type { SecurityConfig } from '../config';
import type { Database } from '../db/connection';
import type { Logger } from '../logger';
import { forumPagesRoute } from './agenda/index';
import { reportPagesRoute } from './reports/index';
import { useAudit } from './audit-plugin';
import { useGraphiQLAssets } from './graphiql/assets';
import { graphiqlOptions, renderGraphiQLPage } from './graphiql/page';
import { IDEMPOTENCY_DEFAULTS, type IdempotencyOptions, useIdempotency } from './idempotency/plugin';
import { leadsExportRoute } from './leads-export';
import { GRAPHQL_PATH, notFoundRoute } from './not-found';
import { referenceRoute } from './reference';
import { plannedSql, usePlannedReads } from './planned-reads';
import { useReadReplicas } from './read-routing';
import type { ReadReplicas } from '../db/replicas';
import { cachedRequest, type ResponseCacheOptions, responseCachePlugins } from './response-cache/plugin';
import { useRoutes } from './route';
import { securityPlugins } from './security/index';
import { statementCancelError } from './security/timeout';

export interface YogaOptions {
  db: Database;
  logger: Logger;
  production: boolean;
  security: SecurityConfig;
  /** Public reads planned into one SQL statement per page (server/planned-reads.ts); off: every field through its resolver. */
  plannedReads?: boolean;
  /** Retention and waits of Idempotency-Key (tests shorten them). */
  idempotency?: IdempotencyOptions;
  /** Anonymous public reads from this cache; unset: every request runs. */
  responseCache?: ResponseCacheOptions | undefined;
  /** Announces committed events to subscribers (push/channel.ts); unset: they poll the outbox. */
  push?: PushChannel | undefined;
  /** Seals webhook signing secrets at rest (WEBHOOK_SECRET_KEY); unset: stored in clear. */
  webhookKey?: Buffer | null | undefined;
  /** Streaming replicas that serve queries (DATABASE_REPLICA_URLS); unset: the primary serves all. */
  replicas?: ReadReplicas | undefined;
}

/** What the HTTP server hands yoga besides the request: the caller it authenticated (http.ts). */
export interface ServerContext {
  auth?: Authentication;
}

export type TemuYoga = YogaServerInstance<ServerContext, Context>;

/**
 * Whether a query's answer goes from execution straight to the response of /graphql, read by
 * nothing on the way: not the response cache's (it walks the data for the types it holds), not a
 * route's (forum pages, reports and the CSV export read the data they asked for).
 */
function answeredAsText(context: Context, caching: boolean): boolean {
  const { request } = context as Context & { request?: Request } & ServerContext;
  if (!request || new URL(request.url).pathname !== GRAPHQL_PATH) return false;
  return !(caching && cachedRequest(request, context as ServerContext));
}

export function createGraphQLServer({
  db,
  logger,
  production,
  security,
  idempotency = IDEMPOTENCY_DEFAULTS,
  plannedReads = true,
  responseCache,
  push,
  webhookKey,
  replicas,
}: YogaOptions): TemuYoga {
  const sql = plannedSql(db);
  return createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    landingPage: false,
    // The protective layer first: a refused request never reaches the audit trail's hooks. An
    // Idempotency-Key claim comes after it (a request refused by a limit never holds a key) and before
    // the audit trail, which then records only mutations that really run, not their replays.
    // The routes beside /graphql (CSV export, forum pages, the reference, a 404 naming /graphql) answer in onRequest and run their
    // queries through this same context and these execution plugins (route.ts).
    plugins: [
      ...(security.graphiql ? [useGraphiQLAssets()] : []),
      useRoutes<ServerContext>([leadsExportRoute, forumPagesRoute, reportPagesRoute, referenceRoute, notFoundRoute], logger),
      ...securityPlugins(security, logger),
      useIdempotency(logger, idempotency),
      useAudit(db),
      ...(replicas ? [useReadReplicas(replicas, logger)] : []),
      // Before the cache, which runs its misses through this execution.
      ...(plannedReads ? [usePlannedReads(sql, { asText: (context) => answeredAsText(context, responseCache !== undefined) })] : []),
      // Last: it replaces the execution (a cached answer) and must see every other plugin's params first.
      ...(responseCache ? responseCachePlugins(schema, responseCache) : []),
    ],
    context: async ({ request, auth }) => {
      const now = new Date();
      try {
        // Without the HTTP server (yoga.fetch in the benchmark), yoga authenticates itself.
        const header = request.headers.get('authorization');
        const viewer = viewerOf(auth ?? (await authenticateRequest(db, header, now)));
        // The same credential, looked up again when a subscription hands over an event (events/subscription.ts).
        const session = async () => {
          const again = await authenticateRequest(db, header, new Date());
          return 'viewer' in again ? again.viewer : null;
        };
        return {
          prisma: db.prisma,
          estimator: db.estimator,
          ...(plannedReads ? { sql } : {}),
          now,
          viewer,
          session,
          signal: request.signal,
          audit: createAuditLog(viewer, request.headers.get('x-request-id')),
          ...(push ? { push } : {}),
          ...(webhookKey ? { webhookKey } : {}),
        };
      } catch (error) {
        if (error instanceof AuthenticationError) {
          throw new GraphQLError(error.message, { extensions: { code: 'UNAUTHENTICATED', reason: error.reason, http: { status: 401 } } });
        }
        throw error;
      }
    },
    // In production unexpected errors become "Unexpected error." with no stack or SQL; a statement
    // PostgreSQL stopped (its statement_timeout) is a TIMEOUT, as the API's own deadline is.
    maskedErrors: {
      isDev: !production,
      maskError: (error, message, isDev) => (error instanceof GraphQLError && statementCancelError(error)) || maskError(error, message, isDev),
    },
    // Served whole by this server (no CDN): it must work on an intranet without internet.
    graphiql: security.graphiql ? graphiqlOptions() : false,
    renderGraphiQL: renderGraphiQLPage,
    // The HTTP server reads bodies and refuses those over MAX_REQUEST_BODY_BYTES (request-body.ts).
    maxRequestBodySize: false,
    // One operation per request (a JSON array body is refused): every limit, the rate limit
    // included, then counts what a request really costs.
    batching: false,
    logging: {
      debug: (...args) => logger.debug(String(args[0]), { args: args.slice(1) }),
      info: (...args) => logger.info(String(args[0]), { args: args.slice(1) }),
      warn: (...args) => logger.warn(String(args[0]), { args: args.slice(1) }),
      error: (...args) => logger.error(String(args[0]), { args: args.slice(1) }),
    },
  });
}
