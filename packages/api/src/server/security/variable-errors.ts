import type { Plugin } from 'graphql-yoga';
import { revised } from './errors';

/**
 * When the request itself does not fit the operation (a variable of the wrong type, an Int
 * beyond 32 bits, a required variable missing), the executor answers with errors and no `data`,
 * and graphql-js gives them no code unless a scalar's parser supplied one. They are the caller's
 * to fix: BAD_USER_INPUT, so an SDK can tell them from faults.
 */
export function useVariableErrorCodes(): Plugin {
  return {
    onExecute: () => ({
      onExecuteDone({ result, setResult }) {
        if (!('errors' in result) || 'data' in result || !result.errors) return;
        setResult({
          ...result,
          errors: result.errors.map((error) =>
            error.extensions?.code ? error : revised(error, error.message, { code: 'BAD_USER_INPUT' }),
          ),
        });
      },
    }),
  };
}
