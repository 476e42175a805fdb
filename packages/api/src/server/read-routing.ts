import type { Context } from '@temu-bisnis/schema';
import { planOf } from '@temu-bisnis/schema/planner/compile';
import type { ReadSql } from '@temu-bisnis/schema/planner/run';
import { type DefinitionNode, Kind, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Database } from '../db/connection';
import type { ReadReplicas } from '../db/replicas';
import type { Logger } from '../logger';
import { plannedSql } from './planned-reads';

/**
 * The one place that decides which database a request reads: a query goes to a replica
 * (replicas.ts chooses one that holds the caller's last write, or none), unless its planned
 * statement writes (a funder's page of leads writes its audit records as it reads them);
 * mutations and subscriptions stay on the primary. A query's other writes never follow its reads:
 * the audit records (audit-plugin.ts), idempotency keys and rate limits use the primary's handle
 * of their own. After a mutation, the primary's log position is noted for the caller, so their
 * next query waits for a replica that has replayed it, or reads the primary.
 */
export function useReadReplicas(replicas: ReadReplicas, logger: Logger): Plugin<Context> {
  const sqlOf = new Map<Database, ReadSql>();
  return {
    async onExecute({ args }) {
      const ctx = args.contextValue;
      const operation = args.document.definitions.find(
        (d: DefinitionNode): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!args.operationName || d.name?.value === args.operationName),
      );
      if (operation?.operation === 'mutation') {
        return {
          onExecuteDone: async () => {
            await replicas.wrote(ctx.viewer).catch((error: unknown) => logger.warn('read replicas: the write position was not noted', { error: String(error) }));
          },
        };
      }
      if (operation?.operation !== 'query') return;
      if (planOf(args.schema, args.document, args.operationName)?.positions.some((p) => p.wrote)) return;
      const replica = await replicas.readerFor(ctx.viewer);
      if (!replica) return;
      ctx.prisma = replica.prisma;
      if (ctx.estimator) ctx.estimator = replica.estimator;
      if (ctx.sql) {
        let sql = sqlOf.get(replica);
        if (!sql) sqlOf.set(replica, (sql = plannedSql(replica)));
        ctx.sql = sql;
      }
    },
  };
}
