import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { PushChannel } from '@temu-bisnis/schema';
import { createPubSub } from 'graphql-yoga';
import { Redis } from 'ioredis';

/**
 * "Events committed" between API processes: Redis pub/sub when REDIS_URL is set (every process
 * hears every other's commits), otherwise this process only (subscribers also poll the outbox, so
 * an event written elsewhere still arrives, later). The message carries nothing: subscribers read
 * the outbox, so authorisation and resumption have one source.
 */
export function createPushChannel(redisUrl: string | undefined, prefix = 'temu:push:'): PushChannel & { close(): Promise<void> } {
  // The subscriber connection skips ioredis' ready check (INFO), which a connection in subscriber mode may not send.
  const clients = redisUrl ? [new Redis(redisUrl), new Redis(redisUrl, { enableReadyCheck: false })] : [];
  const eventTarget = clients.length === 2 ? createRedisEventTarget({ publishClient: clients[0]!, subscribeClient: clients[1]! }) : undefined;
  const pubsub = createPubSub<Record<string, [number]>>(eventTarget ? { eventTarget } : {});
  const topic = `${prefix}events`;
  return {
    announce: () => pubsub.publish(topic, Date.now()),
    wakeups: () => pubsub.subscribe(topic),
    close: async () => {
      await Promise.all(clients.map((c) => c.quit().catch(() => undefined)));
    },
  };
}
