import { type Config, statementTimeoutMs } from './config';
import { type Database, isPostgresUrl, openDatabase } from './db/connection';
import { openDataDirAsOwner, type OwnedDatabase } from './db/data-dir';
import { applyMigrations } from './db/migrate';
import { createLogger, type Logger } from './logger';
import { type HttpServer, startHttpServer } from './server/http';
import { openResponseStore } from './server/response-cache/store';
import { createRateLimiter } from './server/security/rate-limit';
import { sealingKey } from '@temu-bisnis/schema/domain/push/seal';
import { createPushChannel } from './push/channel';
import { createDispatcher, dispatcherOptions } from './push/dispatcher';
import { createGraphQLServer } from './server/yoga';
import { openReadReplicas } from './db/replicas';

/** The database for the server: PostgreSQL, or the embedded folder as its only owner. */
async function openServedDatabase(config: Config): Promise<OwnedDatabase> {
  if (!isPostgresUrl(config.databaseUrl)) return openDataDirAsOwner(config.dataDir, { thread: config.pgliteWorker });
  // No statement of a request runs much longer than the request may (EXECUTION_TIMEOUT_MS).
  return { db: await openDatabase({ url: config.databaseUrl, statementTimeoutMs: statementTimeoutMs(config.security.limits.executionTimeoutMs) }), share: async () => null };
}

/**
 * Opens the database, brings its schema up to date, runs `prepare` (the demo seed of `start`),
 * shares an embedded database with CLI commands and serves the API.
 */
export async function startApp(
  config: Config,
  logger: Logger = createLogger(config.logLevel),
  prepare?: (db: Database) => Promise<void>,
): Promise<HttpServer> {
  const { db, share } = await openServedDatabase(config);
  try {
    const { applied } = await applyMigrations(db, { log: (line) => logger.info(line) });
    if (applied.length > 0) logger.info('migrated', { applied });
    await prepare?.(db);
    if (db.kind === 'pglite') {
      const socket = await share();
      if (socket) logger.info('sharing the database with CLI commands', { socket });
      else logger.warn('DATA_DIR is too long a path for a Unix socket: CLI commands cannot run beside this server');
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  const cache = config.responseCache;
  const store = cache && openResponseStore(cache, config.security.limits.executionTimeoutMs, logger, isPostgresUrl(config.databaseUrl) ? config.databaseUrl : undefined);
  const responseCache = cache && store ? { store, ttlMs: cache.ttlMs } : undefined;
  const pollMs = process.env.PUSH_POLL_MS ? Number(process.env.PUSH_POLL_MS) : undefined;
  const push = createPushChannel({ redisUrl: process.env.REDIS_URL || undefined, postgresUrl: config.databaseUrl, prefix: process.env.PUSH_PREFIX, pollMs });
  const webhookKey = sealingKey(process.env);
  if (!webhookKey && config.production) logger.warn('WEBHOOK_SECRET_KEY is not set: webhook signing secrets are stored in clear (docs/webhooks.md)');
  const replicas = config.replicas ? await openReadReplicas(db, config.replicas, logger, { statementTimeoutMs: statementTimeoutMs(config.security.limits.executionTimeoutMs) }) : undefined;
  if (replicas && !config.replicas?.redisUrl) logger.warn('DATABASE_REPLICA_URLS without REDIS_URL: a caller sees their own writes only from the process that made them (docs/deployment.md)');
  const yoga = createGraphQLServer({ db, logger, production: config.production, security: config.security, responseCache, push, webhookKey, replicas });
  const { rateLimit } = config.security;
  const rateLimiter = rateLimit ? createRateLimiter(rateLimit, logger) : null;
  const http = await startHttpServer(yoga, db, logger, { port: config.port, host: config.host, rateLimiter, admission: config.admission, apiKeysPersistedOnly: config.security.persistedOperations.apiKeysPersistedOnly, maxBodyBytes: config.security.limits.maxBodyBytes, replicas });
  // WEBHOOK_DISPATCHER=on: this process also delivers webhooks (the only way on embedded PGlite).
  const dispatcher = process.env.WEBHOOK_DISPATCHER === 'on' ? createDispatcher(db.prisma, dispatcherOptions(process.env), logger) : null;
  dispatcher?.start();
  return {
    ...http,
    async close() {
      await dispatcher?.stop();
      await http.close();
      await store?.close();
      await push.close();
    },
  };
}
