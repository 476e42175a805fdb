import { openConfiguredDatabase } from '../db/configured';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { createDispatcher, dispatcherOptions } from '../push/dispatcher';

/**
 * `pnpm cli dispatch`: the webhook dispatcher as its own process, beside any number of others and
 * of API processes running it inline (WEBHOOK_DISPATCHER=on). SIGTERM finishes the batch in hand.
 * It says what it does in one line on stderr at start; each delivery, failure and skip is a JSON
 * log line at info level on stdout.
 */
export async function runDispatch(config: Config, logger: Logger): Promise<void> {
  const db = await openConfiguredDatabase(config);
  const options = dispatcherOptions(process.env);
  const dispatcher = createDispatcher(db.prisma, options, logger);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => {
      dispatcher
        .stop()
        .then(() => db.close())
        .then(() => process.exit(0));
    });
  }
  dispatcher.start();
  // The one line an operator reads first: what runs, and how to stop it (then a JSON line per delivery).
  console.error(
    `Delivering webhooks from the ${db.kind} database (retrying failures, expiring consents every ${Math.round(options.sweepMs / 1000)} s) until stopped: Ctrl+C or SIGTERM finishes the batch in hand and exits.`,
  );
}
