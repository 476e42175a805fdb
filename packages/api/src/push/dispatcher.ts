import { emit, globalId } from '@temu-bisnis/schema/common/outbox';
import { expireConsents } from '@temu-bisnis/schema/consent/expiry';
import type { Audience } from '@temu-bisnis/schema/domain/push/audience';
import { DEFAULT_RETRY, retryDelayMs, type RetryPolicy, windowOver } from '@temu-bisnis/schema/domain/push/retry';
import { openSecret, sealingKey } from '@temu-bisnis/schema/domain/push/seal';
import { sign } from '@temu-bisnis/schema/domain/push/signature';
import { type UrlRules, urlRules } from '@temu-bisnis/schema/domain/push/ssrf';
import { mayReceiveNow } from '@temu-bisnis/schema/events/entitled';
import type { FunderType, PartnerKind, PrismaClient } from '@temu-bisnis/schema/prisma';
import type { Logger } from '../logger';
import { post } from './send';

/**
 * The webhook dispatcher: claims due deliveries with `FOR UPDATE SKIP LOCKED` and a lease, POSTs
 * them signed per Standard Webhooks, and records every attempt. Several dispatchers (in API
 * processes or `pnpm cli dispatch`) share the work without delivering one claim twice; a
 * dispatcher that dies leaves its claims to expire and be taken again (at-least-once: a repeat
 * carries the same webhook-id). A delivery waits while an earlier one for the same endpoint and
 * subject is still pending, so each receiver sees a subject's events in order. Before sending, the
 * endpoint's partner is asked again whether it may receive the event (a consent revoked or expired
 * since the event was written stops it: the delivery is SKIPPED, never sent). Every so often the
 * loop also runs the consent expiry sweeper (consent.expired).
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
  /** How often the loop runs the consent expiry sweeper. */
  sweepMs: number;
  /** The key signing secrets are sealed with (WEBHOOK_SECRET_KEY); null: stored in clear. */
  sealingKey: Buffer | null;
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
  sweepMs: 60_000,
  sealingKey: null,
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
    sweepMs: num('CONSENT_SWEEP_MS', DEFAULT_DISPATCHER.sweepMs),
    sealingKey: sealingKey(env),
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
  partnerId: string;
  partnerKind: PartnerKind;
  partnerFunderType: FunderType | null;
  audience: Audience;
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

/** What a delivery skipped for want of entitlement records as its error (the log's words). */
export const NOT_ENTITLED = 'not sent: the receiver may no longer receive this event (consent revoked or expired)';

const UNSEALABLE = 'not sent: the signing secret is sealed and WEBHOOK_SECRET_KEY is missing or another key';

export function createDispatcher(prisma: PrismaClient, options: DispatcherOptions = DEFAULT_DISPATCHER, logger?: Logger): Dispatcher {
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
             e.id::text AS "eventId", e.type, e."occurredAt", e."subjectId", e.payload,
             p.id::text AS "partnerId", p.kind::text AS "partnerKind", p."funderType"::text AS "partnerFunderType",
             json_build_object('public', e.public, 'partnerIds', e."partnerIds", 'enterpriseIds', e."enterpriseIds", 'funderType', e."funderType",
               'consentEnterpriseId', e."consentEnterpriseId", 'consentScope', e."consentScope") AS audience
      FROM leased l JOIN "WebhookEndpoint" w ON w.id = l."endpointId" JOIN "Partner" p ON p.id = w."partnerId" JOIN "Event" e ON e.id = l."eventId"
      ORDER BY l.seq`;
  }

  /** The stored secrets opened with the server key; null when one cannot be (the attempt fails, unsent, and is retried). */
  function opened(stored: string[]): string[] | null {
    try {
      return stored.map((s) => openSecret(s, options.sealingKey));
    } catch {
      return null;
    }
  }

  /** The endpoint's partner may still receive the event, with the consents in force now. */
  function entitled(d: Claimed, now: Date): Promise<boolean> {
    const funder = d.partnerKind === 'FUNDER' ? { id: d.partnerId, funderType: d.partnerFunderType } : null;
    return mayReceiveNow(prisma, { partnerId: d.partnerId, funderType: d.partnerFunderType, enterpriseIds: [], funder }, d.audience, now);
  }

  /** Records a delivery the receiver may no longer have: one attempt in the log, status SKIPPED, nothing sent. */
  async function skip(d: Claimed, at: Date): Promise<void> {
    await prisma.$transaction([
      prisma.webhookAttempt.create({ data: { deliveryId: d.id, at, statusCode: null, latencyMs: 0, error: NOT_ENTITLED } }),
      prisma.webhookDelivery.updateMany({ where: { id: d.id, status: 'PENDING' }, data: { status: 'SKIPPED', leasedUntil: null, lastError: NOT_ENTITLED } }),
    ]);
    logger?.info('webhook skipped', { deliveryId: d.id, eventId: d.eventId, type: d.type, endpointId: d.endpointId, reason: NOT_ENTITLED });
  }

  async function deliver(d: Claimed): Promise<void> {
    const now = clock();
    if (!(await entitled(d, now))) return skip(d, now);
    const body = webhookBody(d);
    const timestamp = Math.floor(now.getTime() / 1000);
    // During a rotation's overlap both secrets sign; a receiver with either verifies.
    const stored = [d.secret, ...(d.previousSecret && d.previousExpiresAt && d.previousExpiresAt > now ? [d.previousSecret] : [])];
    const secrets = opened(stored);
    const result = secrets
      ? await post(
          d.url,
          { 'webhook-id': d.eventId, 'webhook-timestamp': String(timestamp), 'webhook-signature': secrets.map((s) => sign(s, d.eventId, timestamp, body)).join(' ') },
          body,
          options.rules,
          options.timeoutMs,
        )
      : { statusCode: null, latencyMs: 0, error: UNSEALABLE };
    const at = clock();
    const ok = result.error === null;
    const given = !ok && windowOver(options.retry, d.occurredAt, at);
    const fields = { deliveryId: d.id, eventId: d.eventId, type: d.type, endpointId: d.endpointId, attempt: d.attempts, statusCode: result.statusCode, latencyMs: result.latencyMs };
    if (ok) logger?.info('webhook delivered', fields);
    else logger?.info(given ? 'webhook failed, retries over' : 'webhook attempt failed, will retry', { ...fields, error: result.error });
    await prisma.$transaction(async (tx) => {
      await tx.webhookAttempt.create({ data: { deliveryId: d.id, at, statusCode: result.statusCode, latencyMs: result.latencyMs, error: result.error } });
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

  // The first sweep comes one interval after start, not before the first deliveries.
  let lastSweep = Date.now();
  async function sweep(): Promise<void> {
    if (Date.now() - lastSweep < options.sweepMs) return;
    lastSweep = Date.now();
    const expired = await expireConsents(prisma, clock());
    if (expired > 0) logger?.info('consents expired', { count: expired });
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      let sent = 0;
      try {
        await sweep();
        sent = await runOnce();
      } catch (error) {
        // A database hiccup: try again after the pause.
        logger?.warn('dispatcher round failed', { error });
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
