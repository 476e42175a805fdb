import { type GraphQLError, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { requestError } from './errors';

/**
 * Aborts a query after `ms` and answers TIMEOUT (HTTP 504: the server, or the database behind it,
 * did not finish in time). graphql-tools' executor (yoga's engine) checks the signal between
 * fields, so the response leaves on time even if a database statement is still running; that
 * statement ends by itself.
 * Mutations are not cut off: their database work would go on all the same, and an answer of
 * TIMEOUT would only hide whether the write happened, inviting a retry that writes twice.
 */
export function useExecutionTimeout(ms: number): Plugin {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'query') return;
      setExecuteFn(async (execution) => {
        const deadline = deadlineSignal(ms, () =>
          requestError(
            `The operation did not finish within ${ms / 1000} s and was stopped. ` +
              'Ask for fewer fields or smaller pages.',
            'TIMEOUT',
            504,
          ),
        );
        try {
          // graphql-js's argument type does not list `signal`; the executor reads it.
          return await executeFn({ ...execution, signal: deadline.signal } as typeof execution);
        } finally {
          deadline.clear();
        }
      });
    },
  };
}

/**
 * A signal that aborts after `ms`, by a timer and also when it is checked past the deadline:
 * embedded PGlite runs in this process and its queries resolve as microtasks, so the timer may get
 * no turn until execution has ended, while the executor calls `throwIfAborted()` before every field.
 * The late abort is queued as a microtask, like any asynchronous abort, so that the executor is not
 * interrupted between starting a field and watching the signal for it. The signal is the
 * controller's own with that one method shadowed (a Proxy around it cost every property read of
 * every field), and it looks at the clock every 32nd check, a few microseconds of fields apart.
 */
function deadlineSignal(ms: number, reason: () => GraphQLError): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  const { signal } = controller;
  const deadline = performance.now() + ms;
  const abort = () => {
    if (!signal.aborted) controller.abort(reason());
  };
  const timer = setTimeout(abort, ms);
  let queued = false;
  let checks = 0;
  const throwIfAborted = AbortSignal.prototype.throwIfAborted;
  Object.defineProperty(signal, 'throwIfAborted', {
    value() {
      checks += 1;
      if (!queued && (checks & 31) === 0 && performance.now() >= deadline) {
        queued = true;
        queueMicrotask(abort);
      }
      throwIfAborted.call(signal);
    },
  });
  return { signal, clear: () => clearTimeout(timer) };
}

/**
 * Whether an error is PostgreSQL stopping a statement (SQLSTATE 57014: statement_timeout, or a
 * cancel), as the driver throws it or as Prisma wraps the driver adapter's error.
 */
function isStatementCancel(error: unknown): boolean {
  const e = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } } | null;
  return e?.code === '57014' || e?.meta?.driverAdapterError?.cause?.originalCode === '57014';
}

/**
 * The masked form of an error that is a statement PostgreSQL stopped: TIMEOUT, like the API's own
 * deadline, instead of an unexpected error; null for any other error.
 */
export function statementCancelError(error: GraphQLError): GraphQLError | null {
  if (!isStatementCancel(error.originalError)) return null;
  return requestError(
    'A database statement ran longer than the server allows and was stopped. Ask for fewer fields or smaller pages, or retry later (a change sent with an Idempotency-Key is applied once).',
    'TIMEOUT',
    504,
  );
}
