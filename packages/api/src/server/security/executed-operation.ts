import {
  type DocumentNode,
  getOperationAST,
  getVariableValues,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

/** The connection arguments that set a page size (Relay). */
export const PAGE_ARGUMENTS = new Set(['first', 'last']);

/**
 * The operation that will run and its variables as the executor will see them (defaults applied),
 * for checks that need values validation cannot know. Null when the operation cannot be picked or
 * the variables do not fit: the executor reports that itself, with precise messages.
 */
export function executedOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Record<string, unknown> | null | undefined,
): { operation: OperationDefinitionNode; variables: Record<string, unknown> } | null {
  const operation = getOperationAST(document, operationName);
  if (!operation) return null;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  return coerced.errors ? null : { operation, variables: coerced.coerced };
}
