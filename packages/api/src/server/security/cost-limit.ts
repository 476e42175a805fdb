import { ApolloArmor } from '@escape.tech/graphql-armor';
import { type DocumentNode, Kind, type OperationDefinitionNode, validate, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { executedOperation, PAGE_ARGUMENTS } from './executed-operation';
import { rejectAs } from './query-limits';

/**
 * graphql-armor's cost (objects 2, scalars 1, ×1.5 per level, × first/last) multiplies only by
 * literal page sizes; at validation, variables are unknown, so `first: $n` counts as 1 and
 * the SDK's operations, which always use variables, would pass with any n. Here the same rule
 * runs at execution, on the document with the page-size variables written in as literals.
 * armor hands out its rules only through ApolloArmor.protect().
 */
export function useCostLimit(maxCost: number): Plugin {
  const off = { enabled: false };
  const [costRule] = new ApolloArmor({
    costLimit: { maxCost, ...rejectAs('costLimit') },
    blockFieldSuggestion: off,
    maxAliases: off,
    maxDepth: off,
    maxDirectives: off,
    maxTokens: off,
  }).protect().validationRules;
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const executed = executedOperation(args.schema, args.document, args.operationName, args.variableValues);
      if (!executed) return;
      const document = withPageSizes(args.document, executed.operation, executed.variables);
      const errors = validate(args.schema, document, [costRule!]);
      if (errors.length > 0) setResultAndStopExecution({ errors });
    },
  };
}

/** The operation that runs, with `first: $n` written as `first: 100` (the variable's value). */
function withPageSizes(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): DocumentNode {
  return visit(document, {
    OperationDefinition: (node) => (node === operation ? undefined : null),
    Argument(node) {
      if (!PAGE_ARGUMENTS.has(node.name.value) || node.value.kind !== Kind.VARIABLE) return undefined;
      const value = variables[node.value.name.value];
      return typeof value === 'number' ? { ...node, value: { kind: Kind.INT, value: String(value) } } : undefined;
    },
  });
}
