import { type GraphQLError, getNamedType, GraphQLInt, Kind, TypeInfo, visit, visitWithTypeInfo } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { requestError } from './errors';
import { executedOperation, PAGE_ARGUMENTS } from './executed-operation';

/**
 * `first`/`last` outside 0…max are refused with BAD_USER_INPUT. Pothos would clamp 500 to 100
 * silently (a client may take the short page for the whole list) and would fail on a negative
 * value with an unexpected error. Literals and variables (with their defaults) are both checked.
 */
export function usePageSizeLimit(max: number): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const { schema, document, operationName, variableValues } = args;
      const executed = executedOperation(schema, document, operationName, variableValues);
      if (!executed) return;
      const typeInfo = new TypeInfo(schema);
      let error: GraphQLError | null = null;
      visit(
        document,
        visitWithTypeInfo(typeInfo, {
          // Only the operation that runs is checked (with the fragments).
          OperationDefinition: (node) => (node === executed.operation ? undefined : false),
          Argument(node) {
            const name = node.name.value;
            if (error || !PAGE_ARGUMENTS.has(name) || getNamedType(typeInfo.getArgument()?.type) !== GraphQLInt) return;
            const value =
              node.value.kind === Kind.INT
                ? Number(node.value.value)
                : node.value.kind === Kind.VARIABLE
                  ? executed.variables[node.value.name.value]
                  : null;
            if (typeof value !== 'number' || (value >= 0 && value <= max)) return;
            const field = typeInfo.getFieldDef()?.name ?? 'a connection';
            error = requestError(
              `"${name}" on ${field} must be between 0 and ${max}, got ${value}. ` +
                `Ask for at most ${max} and page on with the cursor (after/before).`,
              'BAD_USER_INPUT',
              400,
            );
          },
        }),
      );
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
