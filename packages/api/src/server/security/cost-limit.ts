import { isAnonymous, type Viewer } from '@temu-bisnis/schema/auth/viewer';
import { type DocumentNode, GraphQLError, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { QueryLimits } from '../../config';
import { executedOperation } from './executed-operation';
import { queryCost } from './query-cost';

/** Costs worked out, by operation and variables: clients send the same few operations and page sizes. */
const costs = new WeakMap<OperationDefinitionNode, Map<string, number>>();
/** Variable sets remembered per operation, at most (a cursor varies from page to page). */
const COSTS_PER_OPERATION = 32;
/** Variables longer than this as JSON are not kept as a key (a roster or a long text): their cost is worked out each time. */
const MAX_KEY_LENGTH = 512;

function costOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): number {
  let known = costs.get(operation);
  if (!known) costs.set(operation, (known = new Map()));
  const key = JSON.stringify(variables, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value));
  let cost = known.get(key);
  if (cost === undefined) {
    cost = queryCost(schema, document, operation, variables);
    if (known.size < COSTS_PER_OPERATION && key.length <= MAX_KEY_LENGTH) known.set(key, cost);
  }
  return cost;
}

/**
 * Refuses an operation whose response could hold more values than the caller's budget (see
 * query-cost.ts), before anything runs. It runs at execution, where the variables that set page
 * sizes and the caller are known; anonymous callers have the smaller budget.
 */
export function useCostLimit({ maxCost, maxAnonymousCost }: Pick<QueryLimits, 'maxCost' | 'maxAnonymousCost'>): Plugin<{
  viewer: Viewer;
}> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const executed = executedOperation(args.schema, args.document, args.operationName, args.variableValues);
      if (!executed) return;
      const anonymous = isAnonymous(args.contextValue.viewer);
      const limit = anonymous ? maxAnonymousCost : maxCost;
      const cost = costOf(args.schema, args.document, executed.operation, executed.variables);
      if (cost <= limit) return;
      const message =
        `Query cost limit of ${limit} exceeded, found ${cost}: the response could hold ${cost} values` +
        `${anonymous ? ' (the limit without a credential)' : ''}. ` +
        'Ask for smaller pages (first/last; omitted means 20) or fewer nested lists.';
      // Answered like the document limits (query-limits.ts rejectAs): a validation error.
      const extensions = { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'costLimit', cost, maxCost: limit };
      setResultAndStopExecution({
        errors: [new GraphQLError(message, { extensions: { ...extensions, http: { status: 400, spec: true } } })],
      });
    },
  };
}
