import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { revised } from './errors';

/**
 * Input errors that the libraries raise without a code get BAD_USER_INPUT, so an SDK can tell
 * them from faults:
 * - when the request does not fit the operation (a variable of the wrong type, an Int beyond
 *   32 bits, a required variable missing), the executor answers with errors and no `data`;
 * - Pothos reports malformed input (an undecodable global ID) as a PothosValidationError.
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
            isInputError(error) ? revised(error, error.message, { code: 'BAD_USER_INPUT' }) : error,
          ),
        });
      },
    }),
  };
}
