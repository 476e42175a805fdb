import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PGlite } from '@electric-sql/pglite';
import {
  bindMigrationAwareSqlAdapterFactory,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import { PrismaPGlite } from 'pglite-prisma-adapter';

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

/** Runs fn with a fresh engine whose databases are all in-memory PGlites, freed afterwards. */
export async function withSchemaEngine<T>(fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  await loadWasm();
  // The engine asks its main database for the server version and namespaces even when diffing.
  const main = await PGlite.create();
  try {
    const engine = await bindings.SchemaEngine.new(
      { datamodels: undefined },
      () => {},
      bindMigrationAwareSqlAdapterFactory(pgliteFactory(main)),
    );
    try {
      return await fn(engine);
    } finally {
      engine.free();
    }
  } finally {
    await main.close();
  }
}

function pgliteFactory(main: PGlite): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: 'postgres',
    adapterName: ADAPTER_NAME,
    connect: () => connection(main, async () => {}),
    // pglite-prisma-adapter 0.7.2 opens every shadow database at the same "memory://shadow" and
    // never closes it; give each its own PGlite, closed when the engine disposes the connection.
    connectToShadowDb: async () => {
      const shadow = await PGlite.create();
      return connection(shadow, () => shadow.close());
    },
  };
}

async function connection(pglite: PGlite, dispose: () => Promise<void>): Promise<SqlDriverAdapter> {
  const adapter = (await new PrismaPGlite(pglite).connect()) as unknown as SqlDriverAdapter;
  return {
    provider: 'postgres',
    adapterName: ADAPTER_NAME,
    queryRaw: (query) => adapter.queryRaw(query),
    executeRaw: (query) => adapter.executeRaw(query),
    startTransaction: (isolationLevel) => adapter.startTransaction(isolationLevel),
    getConnectionInfo: () => ({ supportsRelationJoins: true }),
    // pglite-prisma-adapter 0.7.2 does not await exec() in executeScript: a failing migration
    // replayed into the shadow database would look applied (and crash the process unhandled).
    async executeScript(script) {
      try {
        await pglite.exec(script);
      } catch (error) {
        throw asDriverError(error);
      }
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
