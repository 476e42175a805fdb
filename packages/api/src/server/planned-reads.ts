import type { Context } from '@temu-bisnis/schema';
import { planOf } from '@temu-bisnis/schema/planner/compile';
import { executePlanned } from '@temu-bisnis/schema/planner/run';
import type { Plugin } from 'graphql-yoga';
import type { Database } from '../db/connection';

/**
 * Pages of public objects read in one SQL statement each (packages/schema/src/planner): a query's
 * root fields still run through their resolvers, which decide which rows (filters, order, cursors,
 * authorisation, counts), but the objects listed are built as JSON by the database instead of field
 * by field, whenever every field selected on them reads a column or a relation.
 */
export function usePlannedReads(db: Database): Plugin<Context> {
  // Through the driver, not Prisma: a page's JSON is one text value, which Prisma's raw-query
  // result mapping would cost twice the CPU of the statement itself to hand over.
  const read = (sql: string, params: unknown[]) => db.query(sql, params);
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((args) => {
        const plan = planOf(args.schema, args.document, args.operationName);
        return plan ? executePlanned(plan, args, executeFn, read) : executeFn(args);
      });
    },
  };
}
