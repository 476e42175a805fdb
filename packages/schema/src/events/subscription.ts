import { GraphQLError } from 'graphql';
import { callingFunderOf, policies } from '../auth/policies';
import { isAnonymous, isStaff } from '../auth/viewer';
import { builder } from '../builder';
import { scopesGrantedTo } from '../consent/access';
import type { Context } from '../context';
import { type Audience, mayReceive } from '../domain/push/audience';
import type { Event } from '../generated/prisma/client';
import { eventTypeOf, WebhookEventTypeEnum } from '../webhook/types';

/**
 * `events`: a signed-in viewer's live feed of the outbox (SSE or graphql-ws as yoga serves them).
 * The outbox is the source: a subscriber reads the events after its cursor, keeps those
 * `mayReceive` lets it see (the rule webhooks follow), then waits for the next announcement (Redis
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

async function visible(ctx: Context, event: Event): Promise<boolean> {
  const funder = callingFunderOf(ctx.viewer);
  const granted = event.consentEnterpriseId && funder ? await scopesGrantedTo(ctx.prisma, event.consentEnterpriseId, funder, new Date()) : new Set<string>();
  const audience: Audience = { ...event, consentScope: event.consentScope };
  return mayReceive(
    {
      partnerId: ctx.viewer.partner?.id ?? null,
      funderType: ctx.viewer.partner?.funderType ?? null,
      enterpriseIds: ctx.viewer.enterpriseIds,
      userId: ctx.viewer.userId,
      staff: isStaff(ctx.viewer),
      consented: (enterpriseId, scope) => enterpriseId === event.consentEnterpriseId && granted.has(scope),
    },
    audience,
  );
}

async function* feed(ctx: Context, after: string | null, types: readonly string[] | null): AsyncGenerator<Event> {
  const wakeups = ctx.push?.wakeups()[Symbol.asyncIterator]();
  const from = after ? await ctx.prisma.event.findUnique({ where: { id: after }, select: { seq: true } }).catch(() => null) : null;
  let cursor = from?.seq ?? (await ctx.prisma.event.aggregate({ _max: { seq: true } }))._max.seq ?? 0n;
  try {
    for (;;) {
      const rows = await ctx.prisma.event.findMany({
        where: { seq: { gt: cursor }, ...(types && types.length > 0 ? { type: { in: [...types] } } : {}) },
        orderBy: { seq: 'asc' },
        take: PAGE,
      });
      for (const row of rows) {
        cursor = row.seq;
        if (await visible(ctx, row)) yield row;
      }
      if (rows.length === PAGE) continue;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([wakeups?.next(), new Promise((resolve) => (timer = setTimeout(resolve, ctx.push?.pollMs ?? POLL_MS)))]);
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
    resolve: (event) => event,
  }),
);
