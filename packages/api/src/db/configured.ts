import type { Config } from '../config';
import { type Database, isPostgresUrl, openDatabase } from './connection';
import { openDataDir } from './data-dir';

/**
 * The database for a CLI command: PostgreSQL, or the embedded folder (through its server when one
 * runs). Apart from the server's modules, so that a command which only reads or writes the database
 * (token, users, migrate, seed, dispatch) does not build the GraphQL schema first.
 */
export function openConfiguredDatabase(config: Config): Promise<Database> {
  return isPostgresUrl(config.databaseUrl) ? openDatabase({ url: config.databaseUrl }) : openDataDir(config.dataDir);
}
