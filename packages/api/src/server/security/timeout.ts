import type { Plugin } from 'graphql-yoga';
import { requestError } from './errors';

/**
 * Aborts execution after `ms` and answers TIMEOUT (HTTP 504: the server, or the database behind
 * it, did not finish in time). The executor checks the signal between fields, so the response
 * returns on time even if a database statement is still running; that statement ends by itself.
 */
export function useExecutionTimeout(ms: number): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (args) => {
        const controller = new AbortController();
        const timer = setTimeout(
          () =>
            controller.abort(
              requestError(
                `The operation did not finish within ${ms / 1000} s and was stopped. Ask for fewer fields or smaller pages.`,
                'TIMEOUT',
                504,
              ),
            ),
          ms,
        );
        try {
          // graphql-tools' executor (yoga's engine) honours `signal`; graphql-js's types do not list it.
          return await executeFn({ ...args, signal: controller.signal } as typeof args);
        } finally {
          clearTimeout(timer);
        }
      });
    },
  };
}
