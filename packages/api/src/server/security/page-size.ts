import { getNamedType, GraphQLInt, Kind } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { argumentSites } from './argument-sites';
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
      for (const { value: node, argument, fieldName } of argumentSites(schema, document, executed.operation)) {
        if (!PAGE_ARGUMENTS.has(argument.name) || getNamedType(argument.type) !== GraphQLInt) continue;
        const value = node.kind === Kind.INT ? Number(node.value) : node.kind === Kind.VARIABLE ? executed.variables[node.name.value] : null;
        if (typeof value !== 'number' || (value >= 0 && value <= max)) continue;
        const error = requestError(
          `"${argument.name}" on ${fieldName} must be between 0 and ${max}, got ${value}. ` +
            `Ask for at most ${max} and page on with the cursor (after/before).`,
          'BAD_USER_INPUT',
          400,
        );
        setResultAndStopExecution({ errors: [error] });
        return;
      }
    },
  };
}
