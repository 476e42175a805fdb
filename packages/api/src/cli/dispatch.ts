import { openConfiguredDatabase } from '../app';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { createDispatcher, dispatcherOptions } from '../push/dispatcher';

/**
 * `pnpm cli dispatch`: the webhook dispatcher as its own process, beside any number of others and
 * of API processes running it inline (WEBHOOK_DISPATCHER=on). SIGTERM finishes the batch in hand.
 */
export async function runDispatch(config: Config, logger: Logger): Promise<void> {
  const db = await openConfiguredDatabase(config);
  const dispatcher = createDispatcher(db.prisma, dispatcherOptions(process.env));
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
  logger.info('webhook dispatcher running', { database: db.kind });
}
