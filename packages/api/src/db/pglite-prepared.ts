import { type PGlite, parse, protocol } from '@electric-sql/pglite';

const { serialize } = protocol;

/**
 * Named prepared statements on a PGlite of this process. `pglite.query` parses and plans every
 * statement anew, and planning a page's statement is a third of its time there (EXPLAIN ANALYZE of
 * a funder's leads: 1.1 ms planning, 2.6 ms execution); PostgreSQL's plan cache keeps the plan of a
 * named statement, as it does on a server. The extended protocol as `pglite.query` speaks it, with
 * the statement parsed once under its name: Bind, Describe, Execute, then Sync even after an error.
 */
export function preparedStatements(pglite: PGlite) {
  /** Each prepared statement's parameter types, by name. */
  const prepared = new Map<string, number[]>();
  const run = (message: Uint8Array) => pglite.execProtocolStream(message, { syncToFs: false });
  // As pglite.query: never inside another caller's transaction (nor a socket client's exchange,
  // socket-server.ts), then alone on the protocol.
  return (name: string, sql: string, params: unknown[] = []) =>
    pglite._runExclusiveTransaction(() => pglite.runExclusive(async () => {
      const messages = [];
      try {
        let types = prepared.get(name);
        if (types === undefined) {
          messages.push(...(await run(serialize.parse({ name, text: sql }))));
          types = parse.parseDescribeStatementResults(await run(serialize.describe({ type: 'S', name })));
          prepared.set(name, types);
        }
        const values = params.map((value, i) => {
          if (value === null || value === undefined) return null;
          const serializer = pglite.serializers[types[i]!];
          return serializer ? serializer(value) : String(value);
        });
        messages.push(...(await run(serialize.bind({ statement: name, values }))));
        messages.push(...(await run(serialize.describe({ type: 'P' }))));
        messages.push(...(await run(serialize.execute({}))));
      } finally {
        messages.push(...(await run(serialize.sync())));
      }
      await pglite.syncToFs();
      return parse.parseResults(messages, pglite.parsers)[0]!.rows as Record<string, unknown>[];
    }));
}
