import type { Config } from './config';
import { type Database, openDatabase } from './db/connection';
import { applyMigrations } from './db/migrate';
import { createLogger, type Logger } from './logger';
import { type HttpServer, startHttpServer } from './server/http';
import { createRateLimiter } from './server/security/rate-limit';
import { createGraphQLServer } from './server/yoga';

export function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
}

/** Opens the database, brings its schema up to date and serves the API. */
export async function startApp(config: Config, logger: Logger = createLogger(config.logLevel)): Promise<HttpServer> {
  const db = await openConfiguredDatabase(config);
  const { applied } = await applyMigrations(db, { log: (line) => logger.info(line) });
  if (applied.length > 0) logger.info('migrated', { applied });
  const yoga = createGraphQLServer({ db, logger, production: config.production, security: config.security });
  const { rateLimit } = config.security;
  const rateLimiter = rateLimit ? createRateLimiter(rateLimit, logger) : null;
  return startHttpServer(yoga, db, logger, { port: config.port, host: config.host, rateLimiter });
}
