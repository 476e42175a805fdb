import { GraphQLError } from 'graphql';
import { callingFunderOf, policies } from '../auth/policies';
import { isAnonymous, isStaff, type Viewer } from '../auth/viewer';
import { builder } from '../builder';
import type { Context } from '../context';
import type { Event } from '../generated/prisma/client';
import { mayReceiveNow } from './entitled';
import { staffReadsSubject } from './staff-region';
import { eventTypeOf, WebhookEventTypeEnum } from '../webhook/types';

/**
 * `events`: a signed-in viewer's live feed of the outbox (SSE or graphql-ws as yoga serves them).
 * The outbox is the source: a subscriber reads the committed events after its cursor, keeps those
 * `mayReceive` lets it see with the consents in force as it reads (the rule webhooks follow), then waits for the next announcement (Redis
 * pub/sub across API processes, or in-process) or a poll. Resuming is passing the last event id
 * received as `after`.
 */
const PAGE = 100;
/** Without a push channel, a subscriber looks again this often. */
const POLL_MS = 2_000;

const PushEventRef = builder.objectRef<Event>('PushEvent').implement({
  description: 'An event of the outbox, as subscriptions and webhooks deliver it.',
  fields: (t) => ({
    id: t.string({ description: 'Stable event id (the webhook-id header); pass the last one received as `after` to resume.', resolve: (e) => e.id }),
    type: t.field({ type: WebhookEventTypeEnum, description: 'What happened.', resolve: (e) => eventTypeOf(e.type) }),
    occurredAt: t.field({ type: 'DateTime', description: 'When the change committed.', resolve: (e) => e.occurredAt }),
    subjectId: t.string({ description: 'Global ID of the record the event is about.', resolve: (e) => e.subjectId }),
    data: t.string({ description: 'The payload as JSON: only what every receiver of the event may query.', resolve: (e) => JSON.stringify(e.payload) }),
  }),
});

builder.subscriptionType({ description: 'Live feeds for signed-in viewers.' });

async function visible(ctx: Context, viewer: Viewer, event: Event): Promise<boolean> {
  const recipient = {
    partnerId: viewer.partner?.id ?? null,
    funderType: viewer.partner?.funderType ?? null,
    enterpriseIds: viewer.enterpriseIds,
    userId: viewer.userId,
    // Staff as the queries see them: of a kabupaten/kota's office, for that region's records only.
    staff: isStaff(viewer) && event.staff && (await staffReadsSubject(ctx, viewer, event.subjectId)),
    funder: callingFunderOf(viewer),
  };
  return mayReceiveNow(ctx.prisma, recipient, event, new Date());
}

/** Yielded once, last, when the subscriber's credential stopped being valid: its resolve ends the stream with UNAUTHENTICATED. */
const SESSION_ENDED = Symbol('session ended');
type FeedItem = Event | typeof SESSION_ENDED;

/** A position in the feed: events come in (txid, seq) order, each after the cursor. */
interface Cursor {
  txid: bigint;
  seq: bigint;
}
/** While an older transaction is still open, a subscriber looks again this soon. */
const HELD_BACK_MS = 100;

/**
 * The oldest transaction still running in this database, or the next transaction id when none is:
 * every transaction with a lower id has ended, so the events it wrote are all visible now and no
 * later commit can add one before them. A feed hands out only such events, in (txid, seq) order;
 * one written by a transaction that commits late is therefore never passed by the cursor (seq alone
 * is write order, not commit order).
 * Only this database's transactions hold it back (pg_stat_activity.backend_xid of its sessions, not
 * the whole server's pg_snapshot_xmin): a long transaction in another database on the same server
 * cannot write our outbox and must not delay its events. backend_xid is 32 bits; it is widened to
 * the 64-bit ids of Event.txid with the epoch of the next id (a running id is at most 2^31 behind it).
 */
async function horizon(ctx: Context): Promise<bigint> {
  const [row] = await ctx.prisma.$queryRaw<[{ horizon: bigint }]>`
    WITH next AS (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS id),
    running AS (
      SELECT ((next.id >> 32) << 32) + a.backend_xid::text::bigint AS id
      FROM pg_stat_activity a, next
      WHERE a.datname = current_database() AND a.backend_xid IS NOT NULL
    )
    SELECT LEAST(next.id, (SELECT min(CASE WHEN running.id > next.id THEN running.id - 4294967296 ELSE running.id END) FROM running)) AS horizon
    FROM next`;
  return BigInt(row.horizon);
}

async function startCursor(ctx: Context, after: string | null): Promise<Cursor> {
  const from = after ? await ctx.prisma.event.findUnique({ where: { id: after }, select: { txid: true, seq: true } }).catch(() => null) : null;
  // Live: what transactions still running (or not yet begun) write.
  return from ?? { txid: await horizon(ctx), seq: -1n };
}

async function* feed(ctx: Context, after: string | null, types: readonly string[] | null): AsyncGenerator<FeedItem> {
  const wakeups = ctx.push?.wakeups()[Symbol.asyncIterator]();
  let cursor = await startCursor(ctx, after);
  const ofTypes = types && types.length > 0 ? { type: { in: [...types] } } : {};
  // A caller that hung up ends the wait at once (a generator's return() would wait for the next wake-up).
  const hungUp = new Promise<void>((resolve) => ctx.signal?.addEventListener('abort', () => resolve(), { once: true }));
  try {
    while (!ctx.signal?.aborted) {
      const settled = await horizon(ctx);
      const beyond = { OR: [{ txid: { gt: cursor.txid } }, { txid: cursor.txid, seq: { gt: cursor.seq } }], ...ofTypes };
      const rows = await ctx.prisma.event.findMany({
        where: { ...beyond, txid: { lt: settled } },
        orderBy: [{ txid: 'asc' }, { seq: 'asc' }],
        take: PAGE,
      });
      // The viewer as it is now, not as it was when the stream began (hours ago, perhaps): looked up
      // again for each page read and after each event handed over, so every event is checked against
      // a credential and memberships read after the one before it went out. A revoked or expired
      // credential ends the stream; a lost membership or consent stops the event.
      let viewer: Viewer | null | undefined;
      for (const row of rows) {
        viewer ??= ctx.session ? await ctx.session() : ctx.viewer;
        if (!viewer) {
          yield SESSION_ENDED;
          return;
        }
        cursor = { txid: row.txid, seq: row.seq };
        if (await visible(ctx, viewer, row)) {
          yield row;
          viewer = undefined;
        }
      }
      if (rows.length === PAGE) continue;
      // Events already committed behind a transaction still open: look again soon, not at the next announcement.
      const heldBack = (await ctx.prisma.event.count({ where: { ...beyond, txid: { gte: settled } }, take: 1 })) > 0;
      let timer: NodeJS.Timeout | undefined;
      const pause = heldBack ? HELD_BACK_MS : (ctx.push?.pollMs ?? POLL_MS);
      await Promise.race([...(heldBack ? [] : [wakeups?.next()]), hungUp, new Promise((resolve) => (timer = setTimeout(resolve, pause)))]);
      clearTimeout(timer);
    }
  } finally {
    await wakeups?.return?.();
  }
}

builder.subscriptionField('events', (t) =>
  t.field({
    type: PushEventRef,
    description:
      'Events the viewer may see, as they commit: the same rule as webhooks (public records, its own organisations\' records, consented needs). With `after` (an event id) it first replays what followed that event, then goes live.',
    authScopes: policies.signedIn,
    args: {
      after: t.arg.string({ description: 'Resume after this event id (the last one received).' }),
      types: t.arg({ type: [WebhookEventTypeEnum], description: 'Only these event types; omitted: all.' }),
    },
    // scope-auth checks each event's resolve; refusing here ends an anonymous stream before it starts.
    subscribe: (_root, args, ctx) => {
      if (isAnonymous(ctx.viewer)) throw new GraphQLError('Sign in or send an API key to do this.', { extensions: { code: 'UNAUTHENTICATED' } });
      return feed(ctx, args.after ?? null, args.types ?? null);
    },
    resolve: (item) => {
      if (item === SESSION_ENDED) {
        throw new GraphQLError('The credential of this subscription is no longer valid (revoked or expired): sign in again and resume with `after`.', {
          extensions: { code: 'UNAUTHENTICATED' },
        });
      }
      return item;
    },
  }),
);
