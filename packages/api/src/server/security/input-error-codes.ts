import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { revised } from './errors';

/**
 * Input errors that the libraries raise without a code get BAD_USER_INPUT, so an SDK can tell
 * them from faults:
 * - when the request does not fit the operation (a variable of the wrong type, an Int beyond
 *   32 bits, a required variable missing), the executor answers with errors and no `data`;
 * - Pothos reports malformed input (an undecodable global ID) as a PothosValidationError; its
 *   cursor errors quote the cursor given, so they are told without it (errors never repeat input).
 */
export function useInputErrorCodes(): Plugin {
  return {
    onExecute: () => ({
      onExecuteDone({ result, setResult }) {
        if (!('errors' in result) || !result.errors) return;
        const requestErrors = !('data' in result);
        const isInputError = (error: GraphQLError) =>
          !error.extensions?.code && (requestErrors || error.originalError?.name === 'PothosValidationError');
        if (!result.errors.some(isInputError)) return;
        setResult({
          ...result,
          errors: result.errors.map((error) =>
            isInputError(error) ? revised(error, withoutCursor(error.message), { code: 'BAD_USER_INPUT' }) : error,
          ),
        });
      },
    }),
  };
}

/** Pothos's messages about a cursor that is not one it gave ("Invalid cursor: …", "Expected compound cursor … got …"), without the cursor. */
function withoutCursor(message: string): string {
  return /^(Invalid cursor|Expected compound cursor|Unsupported cursor)/.test(message)
    ? 'A cursor (after or before) is not one this API gave: page on with pageInfo.endCursor or pageInfo.startCursor of the page before.'
    : message;
}
