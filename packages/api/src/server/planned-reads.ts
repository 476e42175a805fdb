import { createHash } from 'node:crypto';
import type { Context } from '@temu-bisnis/schema';
import { planOf } from '@temu-bisnis/schema/planner/compile';
import { executePlanned, type ReadSql } from '@temu-bisnis/schema/planner/run';
import type { Plugin } from 'graphql-yoga';
import type { Database } from '../db/connection';

/** Planned statements prepared on each connection, at most: the pages a client app asks for. */
const PREPARED = 100;

/**
 * Planned statements through the driver, not Prisma: a page's objects are JSON text, which Prisma's
 * raw-query result mapping would cost twice the CPU of the statement itself to hand over (and a page
 * of ids costs more in Prisma's query pipeline than in the database). The statements of the first
 * PREPARED texts are prepared on PostgreSQL (planned once per connection, not per request); a
 * client sending ever new queries must not fill the connections' memory with more.
 */
export function plannedSql(db: Database): ReadSql {
  const names = new Map<string, string>();
  return (sql, params) => {
    let name = names.get(sql);
    // Named after the text: servers sharing a pool (tests) name the same statement the same way.
    if (name === undefined && names.size < PREPARED) names.set(sql, (name = `planned_${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`));
    return db.query(sql, params, name);
  };
}

/**
 * Pages of public objects read in one SQL statement each (packages/schema/src/planner): a query's
 * root fields still run through their resolvers, which decide which rows (filters, order, cursors,
 * authorisation, counts), but the objects listed are built as JSON by the database instead of field
 * by field, whenever every field selected on them reads a column or a relation. `asText` tells
 * which requests' answers go straight into an HTTP response (the objects then stay the database's
 * JSON text: PlannedJson).
 */
export function usePlannedReads(read: ReadSql, { asText }: { asText: (context: Context) => boolean }): Plugin<Context> {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((args) => {
        const plan = planOf(args.schema, args.document, args.operationName);
        // The context's reads: a replica's when read-routing.ts sent the request there.
        return plan ? executePlanned(plan, args, executeFn, args.contextValue.sql ?? read, asText(args.contextValue)) : executeFn(args);
      });
    },
  };
}
