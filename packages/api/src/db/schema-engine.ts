import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { PGlite } from '@electric-sql/pglite';
import {
  bindMigrationAwareSqlAdapterFactory,
  DriverAdapterError,
  type SqlDriverAdapter,
} from '@prisma/driver-adapter-utils';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { freshPGlite } from './fresh-pglite';

/**
 * Prisma's WebAssembly schema engine, with in-memory PGlite shadow databases: what creates
 * migrations offline (the native engine cannot be downloaded here). A development tool: only the
 * migration CLI imports it, never the server.
 */
export type SchemaEngine = bindings.SchemaEngine;

const ADAPTER_NAME = 'temu-bisnis-pglite';

let loaded: Promise<void> | undefined;

/**
 * The package's entry imports its .wasm as an ES module, which Node 20 only allows behind
 * --experimental-wasm-modules; so instantiate the module by hand against its JS glue, once per
 * process (the glue keeps the instance in a module variable).
 */
function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    const glue = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(glue.replace(/\.js$/, '.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, {
      './schema_engine_bg.js': bindings as unknown as WebAssembly.ModuleImports,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return loaded;
}

/** Runs fn with a fresh engine whose databases are in-memory PGlites, all closed afterwards. */
export async function withSchemaEngine<T>(fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  await loadWasm();
  // Diffs touch the main database at most for a version check (with an empty migrations folder):
  // start its PGlite only when asked.
  let main: Promise<PGlite> | undefined;
  const openMain = () => (main ??= freshPGlite());
  try {
    const engine = await bindings.SchemaEngine.new(
      { datamodels: undefined },
      () => {},
      bindMigrationAwareSqlAdapterFactory({
        provider: 'postgres',
        adapterName: ADAPTER_NAME,
        connect: async () => connection(openMain, async () => {}),
        // pglite-prisma-adapter 0.7.2 opens every shadow database at the same "memory://shadow" and
        // never closes it: give each its own PGlite, closed when the engine disposes the connection.
        connectToShadowDb: async () => {
          const shadow = freshPGlite();
          return connection(() => shadow, async () => (await shadow).close());
        },
      }),
    );
    try {
      return await fn(engine);
    } finally {
      engine.free();
    }
  } finally {
    if (main) await (await main).close();
  }
}

/** A driver adapter over the PGlite that open() yields, started on first use. */
function connection(open: () => Promise<PGlite>, dispose: () => Promise<void>): SqlDriverAdapter {
  let adapter: Promise<SqlDriverAdapter> | undefined;
  const use = () =>
    (adapter ??= open().then((pglite) => new PrismaPGlite(pglite).connect() as unknown as Promise<SqlDriverAdapter>));
  return {
    provider: 'postgres',
    adapterName: ADAPTER_NAME,
    queryRaw: async (query) => (await use()).queryRaw(query),
    executeRaw: async (query) => (await use()).executeRaw(query),
    startTransaction: async (isolationLevel) => (await use()).startTransaction(isolationLevel),
    getConnectionInfo: () => ({ supportsRelationJoins: true }),
    // pglite-prisma-adapter 0.7.2 does not await exec() in executeScript: a migration failing in the
    // shadow database would look applied (and its rejection would crash the process, unhandled).
    async executeScript(script) {
      const pglite = await open();
      await pglite.exec(script).catch((error: unknown) => {
        throw asDriverError(error);
      });
    },
    dispose,
  };
}

/** Hands PostgreSQL errors to the engine in its own shape, so it reports the server's message. */
function asDriverError(error: unknown): unknown {
  if (!(error instanceof Error) || typeof (error as { code?: unknown }).code !== 'string') return error;
  const pgError = error as Error & { code: string; severity?: string; detail?: string; column?: string; hint?: string };
  return new DriverAdapterError({
    kind: 'postgres',
    code: pgError.code,
    severity: pgError.severity ?? 'ERROR',
    message: pgError.message,
    detail: pgError.detail,
    column: pgError.column,
    hint: pgError.hint,
  });
}
