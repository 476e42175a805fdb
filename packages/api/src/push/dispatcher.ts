import { emit, globalId } from '@temu-bisnis/schema/common/outbox';
import { DEFAULT_RETRY, retryDelayMs, type RetryPolicy, windowOver } from '@temu-bisnis/schema/domain/push/retry';
import { sign } from '@temu-bisnis/schema/domain/push/signature';
import { type UrlRules, urlRules } from '@temu-bisnis/schema/domain/push/ssrf';
import type { PrismaClient } from '@temu-bisnis/schema/prisma';
import { post } from './send';

/**
 * The webhook dispatcher: claims due deliveries with `FOR UPDATE SKIP LOCKED` and a lease, POSTs
 * them signed per Standard Webhooks, and records every attempt. Several dispatchers (in API
 * processes or `pnpm cli dispatch`) share the work without delivering one claim twice; a
 * dispatcher that dies leaves its claims to expire and be taken again (at-least-once: a repeat
 * carries the same webhook-id). A delivery waits while an earlier one for the same endpoint and
 * subject is still pending, so each receiver sees a subject's events in order.
 */
export interface DispatcherOptions {
  retry: RetryPolicy;
  rules: UrlRules;
  batchSize: number;
  /** How long a claim is held; past it another dispatcher may take the delivery. */
  leaseMs: number;
  timeoutMs: number;
  /** Pause between polls when nothing was due. */
  idleMs: number;
  /** The clock (tests scale time through the retry policy, not this). */
  now?: () => Date;
}

export const DEFAULT_DISPATCHER: DispatcherOptions = {
  retry: DEFAULT_RETRY,
  rules: { production: true, allowHosts: [] },
  batchSize: 20,
  leaseMs: 30_000,
  timeoutMs: 10_000,
  idleMs: 500,
};

/** Dispatcher settings from the environment (WEBHOOK_*, NODE_ENV), over the defaults. */
export function dispatcherOptions(env: NodeJS.ProcessEnv): DispatcherOptions {
  const num = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
  return {
    retry: {
      baseMs: num('WEBHOOK_RETRY_BASE_MS', DEFAULT_RETRY.baseMs),
      capMs: num('WEBHOOK_RETRY_CAP_MS', DEFAULT_RETRY.capMs),
      windowMs: num('WEBHOOK_RETRY_WINDOW_MS', DEFAULT_RETRY.windowMs),
      disableAfterMs: num('WEBHOOK_DISABLE_AFTER_MS', DEFAULT_RETRY.disableAfterMs),
    },
    rules: urlRules(env),
    batchSize: num('WEBHOOK_BATCH_SIZE', DEFAULT_DISPATCHER.batchSize),
    leaseMs: num('WEBHOOK_LEASE_MS', DEFAULT_DISPATCHER.leaseMs),
    timeoutMs: num('WEBHOOK_TIMEOUT_MS', DEFAULT_DISPATCHER.timeoutMs),
    idleMs: num('WEBHOOK_IDLE_MS', DEFAULT_DISPATCHER.idleMs),
  };
}

interface Claimed {
  id: string;
  endpointId: string;
  attempts: number;
  url: string;
  secret: string;
  previousSecret: string | null;
  previousExpiresAt: Date | null;
  eventId: string;
  type: string;
  occurredAt: Date;
  subjectId: string;
  payload: unknown;
}

/** The body a receiver gets: the event as stored, its payload under `data`. */
export function webhookBody(event: Pick<Claimed, 'eventId' | 'type' | 'occurredAt' | 'subjectId' | 'payload'>): string {
  return JSON.stringify({ id: event.eventId, type: event.type, timestamp: event.occurredAt.toISOString(), subjectId: event.subjectId, data: event.payload });
}

export interface Dispatcher {
  /** Claims and sends one batch; answers how many deliveries it attempted. */
  runOnce(): Promise<number>;
  /** Polls until stop(). */
  start(): void;
  stop(): Promise<void>;
}

export function createDispatcher(prisma: PrismaClient, options: DispatcherOptions = DEFAULT_DISPATCHER): Dispatcher {
  const clock = options.now ?? (() => new Date());
  let running: Promise<void> | null = null;
  let stopping = false;

  async function claim(): Promise<Claimed[]> {
    const now = clock();
    const until = new Date(now.getTime() + options.leaseMs);
    return prisma.$queryRaw<Claimed[]>`
      WITH picked AS (
        SELECT d.id FROM "WebhookDelivery" d
        JOIN "WebhookEndpoint" w ON w.id = d."endpointId"
        WHERE d.status = 'PENDING' AND d."nextAttemptAt" <= ${now} AND w.enabled
          AND (d."leasedUntil" IS NULL OR d."leasedUntil" < ${now})
          AND NOT EXISTS (
            SELECT 1 FROM "WebhookDelivery" e
            WHERE e."endpointId" = d."endpointId" AND e."subjectId" = d."subjectId" AND e.status = 'PENDING' AND e.seq < d.seq)
        ORDER BY d.seq
        LIMIT ${options.batchSize}
        FOR UPDATE OF d SKIP LOCKED
      ), leased AS (
        UPDATE "WebhookDelivery" d SET "leasedUntil" = ${until}, attempts = d.attempts + 1
        FROM picked WHERE d.id = picked.id
        RETURNING d.id, d."endpointId", d.attempts, d."eventId", d.seq
      )
      SELECT l.id::text AS id, l."endpointId"::text AS "endpointId", l.attempts, w.url, w.secret, w."previousSecret", w."previousExpiresAt",
             e.id::text AS "eventId", e.type, e."occurredAt", e."subjectId", e.payload
      FROM leased l JOIN "WebhookEndpoint" w ON w.id = l."endpointId" JOIN "Event" e ON e.id = l."eventId"
      ORDER BY l.seq`;
  }

  async function deliver(d: Claimed): Promise<void> {
    const body = webhookBody(d);
    const now = clock();
    const timestamp = Math.floor(now.getTime() / 1000);
    // During a rotation's overlap both secrets sign; a receiver with either verifies.
    const secrets = [d.secret, ...(d.previousSecret && d.previousExpiresAt && d.previousExpiresAt > now ? [d.previousSecret] : [])];
    const headers = {
      'webhook-id': d.eventId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': secrets.map((s) => sign(s, d.eventId, timestamp, body)).join(' '),
    };
    const result = await post(d.url, headers, body, options.rules, options.timeoutMs);
    const at = clock();
    const ok = result.error === null;
    await prisma.$transaction(async (tx) => {
      await tx.webhookAttempt.create({ data: { deliveryId: d.id, at, statusCode: result.statusCode, latencyMs: result.latencyMs, error: result.error } });
      const given = !ok && windowOver(options.retry, d.occurredAt, at);
      await tx.webhookDelivery.updateMany({
        where: { id: d.id, status: 'PENDING' },
        data: {
          status: ok ? 'DELIVERED' : given ? 'FAILED' : 'PENDING',
          deliveredAt: ok ? at : null,
          leasedUntil: null,
          nextAttemptAt: ok || given ? at : new Date(at.getTime() + retryDelayMs(options.retry, d.attempts, Math.random())),
          lastStatusCode: result.statusCode,
          lastLatencyMs: result.latencyMs,
          lastError: result.error,
        },
      });
      if (ok) {
        await tx.webhookEndpoint.updateMany({ where: { id: d.endpointId, failingSince: { not: null } }, data: { failingSince: null } });
        return;
      }
      await tx.webhookEndpoint.updateMany({ where: { id: d.endpointId, failingSince: null }, data: { failingSince: at } });
      const endpoint = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id: d.endpointId } });
      if (endpoint.enabled && endpoint.failingSince && at.getTime() - endpoint.failingSince.getTime() >= options.retry.disableAfterMs) {
        const { count } = await tx.webhookEndpoint.updateMany({ where: { id: d.endpointId, enabled: true }, data: { enabled: false, disabledAt: at } });
        if (count === 1) {
          await emit(
            tx,
            {
              type: 'webhook_endpoint.disabled',
              subject: { typename: 'WebhookEndpoint', id: endpoint.id },
              audience: { partnerIds: [endpoint.partnerId] },
              payload: { id: globalId('WebhookEndpoint', endpoint.id), failingSince: endpoint.failingSince.toISOString() },
            },
            at,
          );
        }
      }
    });
  }

  async function runOnce(): Promise<number> {
    const batch = await claim();
    // One subject appears at most once per batch (the claim's NOT EXISTS), so sending the batch
    // concurrently keeps every subject's order.
    await Promise.all(batch.map(deliver));
    return batch.length;
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      let sent = 0;
      try {
        sent = await runOnce();
      } catch {
        // A database hiccup: try again after the pause.
      }
      if (sent === 0 && !stopping) await new Promise((resolve) => setTimeout(resolve, options.idleMs));
    }
  }

  return {
    runOnce,
    start: () => {
      stopping = false;
      running ??= loop();
    },
    stop: async () => {
      stopping = true;
      await running;
      running = null;
    },
  };
}
