import type { Context } from '@temu-bisnis/schema';
import type { Plugin } from 'graphql-yoga';
import type { Database } from '../db/connection';
import { type ArgumentNode, type DefinitionNode, Kind, type OperationDefinitionNode, type ValueNode } from 'graphql';

/**
 * Writes each request's audit records when execution is done: the reads of consent-protected data
 * that resolvers noted, and every mutation a partner (person or API key) sent — the mutation name and
 * the input fields it set, never their values. Through the driver, prepared on PostgreSQL: a request
 * that reads protected data writes once, and Prisma's raw pipeline cost more than the INSERT. Records
 * a planned page of leads wrote as it read are kept or withdrawn there (audit/log.ts).
 */
export function useAudit(db: Database): Plugin<Context> {
  const write = (sql: string, params: unknown[]) => db.query(sql, params, 'audit_insert');
  return {
    onExecute({ args }) {
      const ctx = args.contextValue;
      const operation = args.document.definitions.find(
        (d: DefinitionNode): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      );
      if (operation?.operation === 'mutation' && ctx.viewer.partner) {
        for (const selection of operation.selectionSet.selections) {
          if (selection.kind !== Kind.FIELD) continue;
          const input = inputFields(selection.arguments?.find((a: ArgumentNode) => a.name.value === 'input')?.value, args.variableValues);
          ctx.audit.note({
            action: selection.name.value,
            subjectType: 'Mutation',
            subjectId: typeof input.id === 'string' ? input.id : '',
            fields: Object.keys(input),
          });
        }
      }
      return {
        onExecuteDone: async () => {
          await ctx.audit.flush(write);
        },
      };
    },
  };
}

function inputFields(
  node: ValueNode | undefined,
  variables: Record<string, unknown> | null | undefined,
): Record<string, unknown> {
  if (!node) return {};
  if (node.kind === Kind.VARIABLE) {
    const value = variables?.[node.name.value];
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  }
  if (node.kind !== Kind.OBJECT) return {};
  return Object.fromEntries(
    node.fields.map((f) => [f.name.value, f.value.kind === Kind.STRING ? f.value.value : true]),
  );
}
