import {
  type DocumentNode,
  getOperationAST,
  getVariableValues,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

/** The connection arguments that set a page size (Relay). */
export const PAGE_ARGUMENTS = new Set(['first', 'last']);

type Executed = { operation: OperationDefinitionNode; variables: Record<string, unknown> } | null;

/** The last answer per document, for the next check of the same request (same variables object). */
const last = new WeakMap<DocumentNode, { operationName: string | null | undefined; rawVariables: unknown; executed: Executed }>();

/**
 * The operation that will run and its variables as the executor will see them (defaults applied),
 * for checks that need values validation cannot know. Null when the operation cannot be picked or
 * the variables do not fit: the executor reports that itself, with precise messages.
 * Several checks of one request ask in turn; they get one coercion.
 */
export function executedOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Record<string, unknown> | null | undefined,
): Executed {
  const held = last.get(document);
  if (held && held.operationName === operationName && held.rawVariables === rawVariables) return held.executed;
  const operation = getOperationAST(document, operationName);
  const coerced = operation && getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  const executed = operation && coerced && !coerced.errors ? { operation, variables: coerced.coerced } : null;
  last.set(document, { operationName, rawVariables, executed });
  return executed;
}
