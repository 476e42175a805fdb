import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { PushChannel } from '@temu-bisnis/schema';
import { createPubSub } from 'graphql-yoga';
import { Redis } from 'ioredis';
import { channelName, listen } from '../db/pg-notify';

/**
 * "Events committed" between API processes: Redis pub/sub when REDIS_URL is set; otherwise
 * PostgreSQL LISTEN/NOTIFY on a PostgreSQL database (every API process on it hears the others);
 * otherwise (embedded PGlite, one process) in this process only. Subscribers also poll the outbox,
 * so an event written elsewhere still arrives, later. The message carries nothing: subscribers read
 * the outbox, so authorisation and resumption have one source.
 */
export interface PushFanOut {
  redisUrl?: string | undefined;
  /** A PostgreSQL URL: LISTEN/NOTIFY on it when there is no Redis. */
  postgresUrl?: string | undefined;
  prefix?: string | undefined;
  /** A subscriber looks again at least this often, for events written without an announcement (CLI, dispatcher). */
  pollMs?: number | undefined;
}

export function createPushChannel({ redisUrl, postgresUrl, prefix = 'temu:push:', pollMs = 2_000 }: PushFanOut = {}): PushChannel & { close(): Promise<void> } {
  // The subscriber connection skips ioredis' ready check (INFO), which a connection in subscriber mode may not send.
  const clients = redisUrl ? [new Redis(redisUrl), quietUnsubscribe(new Redis(redisUrl, { enableReadyCheck: false }))] : [];
  const eventTarget = clients.length === 2 ? createRedisEventTarget({ publishClient: clients[0]!, subscribeClient: clients[1]! }) : undefined;
  const pubsub = createPubSub<Record<string, [number]>>(eventTarget ? { eventTarget } : {});
  const topic = `${prefix}events`;
  const listener = !redisUrl && postgresUrl ? listen(postgresUrl, channelName(`${prefix}events`), () => pubsub.publish(topic, Date.now())) : null;
  return {
    announce: () => (listener ? listener.notify() : pubsub.publish(topic, Date.now())),
    wakeups: () => pubsub.subscribe(topic),
    pollMs,
    close: async () => {
      await Promise.all([...clients.map((c) => c.quit().catch(() => undefined)), listener?.close()]);
    },
  };
}

/**
 * A subscription that ends after close() unsubscribes on a connection already closed, and the
 * event target does not wait for that answer: nothing is left to undo, so its refusal is dropped
 * instead of surfacing as an unhandled rejection.
 */
function quietUnsubscribe(client: Redis): Redis {
  const unsubscribe = client.unsubscribe.bind(client);
  client.unsubscribe = ((...channels: string[]) => unsubscribe(...channels).catch(() => 0)) as typeof client.unsubscribe;
  return client;
}
