import { resolve } from 'node:path';

/** Settings from the environment; everything has a default so a bare machine runs the embedded database. */
export interface Config {
  port: number;
  host: string;
  /** postgresql://… selects PostgreSQL; unset means embedded PGlite under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  production: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 4000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    // pnpm runs scripts inside the package; INIT_CWD is where the command was typed.
    dataDir: resolve(env.INIT_CWD ?? process.cwd(), env.DATA_DIR ?? '.data'),
    production: env.NODE_ENV === 'production',
    logLevel: (env.LOG_LEVEL as Config['logLevel'] | undefined) ?? 'info',
  };
}
