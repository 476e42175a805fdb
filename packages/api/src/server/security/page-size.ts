import {
  type DocumentNode,
  getNamedType,
  getOperationAST,
  type GraphQLError,
  GraphQLInt,
  type GraphQLSchema,
  getVariableValues,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { requestError } from './errors';

const PAGE_ARGUMENTS = new Set(['first', 'last']);

/**
 * `first`/`last` above the maximum page size are refused with BAD_USER_INPUT. Pothos would clamp
 * them silently, and a client that asked for 500 and got 100 may take the short page for the
 * whole list. Literals and variables (with their defaults) are both checked, before execution.
 */
export function usePageSizeLimit(maxPageSize: number): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = pageSizeError(args.schema, args.document, args.operationName, args.variableValues, maxPageSize);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}

function pageSizeError(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Record<string, unknown> | null | undefined,
  max: number,
): GraphQLError | null {
  const operation = getOperationAST(document, operationName);
  if (!operation) return null;
  // Invalid variables are the executor's to report, with its own precise messages.
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  if (coerced.errors) return null;
  const variables = coerced.coerced;
  const typeInfo = new TypeInfo(schema);
  let found: GraphQLError | null = null;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      // Only the operation that runs (and the fragments) is checked.
      OperationDefinition: (node) => (node === operation ? undefined : false),
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (found || !PAGE_ARGUMENTS.has(node.name.value) || getNamedType(argument?.type) !== GraphQLInt) return;
        const value =
          node.value.kind === Kind.INT
            ? Number(node.value.value)
            : node.value.kind === Kind.VARIABLE
              ? variables[node.value.name.value]
              : null;
        if (typeof value !== 'number' || (value >= 0 && value <= max)) return;
        const field = typeInfo.getFieldDef()?.name ?? 'a connection';
        found = requestError(
          `"${node.name.value}" on ${field} must be between 0 and ${max}, got ${value}. ` +
            `Ask for at most ${max} and page on with the cursor (after/before).`,
          'BAD_USER_INPUT',
          400,
        );
      },
    }),
  );
  return found;
}
