import { encodeGlobalID } from '@pothos/plugin-relay';
import { type Audience, PRIVATE } from '../domain/push/audience';
import type { Prisma } from '../generated/prisma/client';

/**
 * The transactional outbox: `emit(tx, event)` writes the event row, and one delivery row per
 * webhook endpoint entitled to it, in the transaction of the change (runMutation's `events`
 * step). Nothing commits without its event; a rolled-back change leaves none.
 */

/** Every event type, with what it reports. */
export const EVENT_TYPES = {
  'opportunity.posted': 'An opportunity was posted on the marketplace.',
  'opportunity.closed': 'An opportunity was closed (CLOSED or FULFILLED).',
  'meeting_request.created': 'A forum participant asked another for a meeting.',
  'meeting_request.accepted': 'A meeting request was accepted.',
  'meeting_request.declined': 'A meeting request was declined.',
  'meeting_request.cancelled': 'A meeting request was withdrawn or cancelled (a meeting booked with it is also meeting.cancelled).',
  'meeting.scheduled': 'A meeting was booked into a slot and at a table.',
  'meeting.moved': 'A meeting moved to another slot or table.',
  'meeting.cancelled': 'A meeting was taken off the schedule: the organiser re-optimised without it, or its request was cancelled.',
  'forum.schedule_published': 'A forum published its schedule.',
  'consent.granted': 'An IKM granted a funder consent to read its protected data.',
  'consent.revoked': 'An IKM revoked a consent.',
  'consent.expired': 'A consent reached its end date (written once, by the expiry sweeper).',
  'lead.status_changed': "A lead moved in a funder's pipeline.",
  'financing_need.created': 'An IKM stated a financing need.',
  'financing_need.withdrawn': 'An IKM withdrew a financing need.',
  'saved_search.matched': "A newly posted opportunity matches one of the partner's saved searches.",
  'consortium.invited': 'A member IKM was invited to take a share of a consortium offer.',
  'consortium.member_accepted': 'A member accepted its share of a consortium offer.',
  'consortium.member_declined': 'A member declined its share of a consortium offer, or withdrew its acceptance.',
  'consortium.offered': 'A consortium offer was sent to the buyer.',
  'consortium.delivered': 'A delivery by a member was recorded against a sent consortium offer.',
  'consortium.withdrawn': 'A consortium offer was withdrawn.',
  'webhook_endpoint.disabled': 'A webhook endpoint failed for the whole retry window and was disabled.',
} as const;

export type EventType = keyof typeof EVENT_TYPES;

/** A JSON payload: only what every receiver in the event's audience may query. */
type Payload = Record<string, string | number | boolean | null | readonly string[]>;

export interface OutboxEvent {
  type: EventType;
  /** Typename and row id of the record the event is about. */
  subject: { typename: string; id: string };
  payload: Payload;
  audience: Partial<Audience>;
}

export const globalId = (typename: string, id: string) => encodeGlobalID(typename, id);

/** Writes the event (at the change's instant) and its webhook deliveries inside `tx`; answers the event's id. */
export async function emit(tx: Prisma.TransactionClient, event: OutboxEvent, now: Date): Promise<string> {
  const [id] = await emitAll(tx, [event], now);
  return id!;
}

/**
 * Writes the events (in this order) and their webhook deliveries inside `tx` in one statement,
 * however many there are: a scheduler placing 900 meetings must not spend its transaction's
 * seconds on 1,800 round trips. Raw SQL because Prisma compiles a createMany again on every call
 * (its plan cache keeps none): that compile cost more CPU than the insert. Answers the events' ids.
 */
export async function emitAll(tx: Prisma.TransactionClient, events: readonly OutboxEvent[], now: Date): Promise<string[]> {
  if (events.length === 0) return [];
  const records = events.map((event) => {
    const audience = { ...PRIVATE, ...event.audience };
    return {
      type: event.type,
      subjectId: globalId(event.subject.typename, event.subject.id),
      payload: event.payload,
      public: audience.public,
      partnerIds: audience.partnerIds,
      enterpriseIds: audience.enterpriseIds,
      userIds: audience.userIds,
      staff: audience.staff,
      funderType: audience.funderType,
      consentEnterpriseId: audience.consentEnterpriseId,
      consentScope: audience.consentScope,
    };
  });
  // The events take seq (and so their order) from the order of the records. Then one delivery per
  // event and enabled endpoint that asked for the type and whose partner is in the event's audience.
  // The consent clause narrows as consent/access.ts activeGrants does (named funder or its subtype,
  // dated, not revoked); it runs in this transaction, so a consent revoked before the change
  // commits is seen.
  const rows = await tx.$queryRaw<{ id: string }[]>`
    WITH written AS (
      INSERT INTO "Event" ("id", "type", "occurredAt", "subjectId", "payload", "public", "partnerIds", "enterpriseIds", "userIds", "staff", "funderType", "consentEnterpriseId", "consentScope")
      SELECT gen_random_uuid(), r."type", ${now}::timestamp(3), r."subjectId", r."payload", r."public", r."partnerIds", r."enterpriseIds", r."userIds", r."staff", r."funderType", r."consentEnterpriseId", r."consentScope"
      FROM ROWS FROM (json_to_recordset(${JSON.stringify(records)}::json)
        AS ("type" text, "subjectId" text, "payload" jsonb, "public" boolean, "partnerIds" uuid[], "enterpriseIds" uuid[], "userIds" uuid[],
            "staff" boolean, "funderType" "FunderType", "consentEnterpriseId" uuid, "consentScope" "ConsentScope")) WITH ORDINALITY AS r
      ORDER BY r.ordinality
      RETURNING "id", "seq", "type", "subjectId", "public", "partnerIds", "funderType", "consentEnterpriseId", "consentScope"
    ), delivered AS (
      INSERT INTO "WebhookDelivery" (id, "endpointId", "eventId", "subjectId")
      SELECT gen_random_uuid(), w.id, e.id, e."subjectId"
      FROM written e
      JOIN "WebhookEndpoint" w ON w.enabled AND (cardinality(w."eventTypes") = 0 OR e.type = ANY (w."eventTypes"))
      JOIN "Partner" p ON p.id = w."partnerId"
      WHERE e.public
        OR w."partnerId" = ANY (e."partnerIds")
        OR (p.kind = 'FUNDER' AND p."funderType" = e."funderType")
        OR (p.kind = 'FUNDER' AND e."consentEnterpriseId" IS NOT NULL AND EXISTS (
          SELECT 1 FROM "Consent" c
          WHERE c."enterpriseId" = e."consentEnterpriseId"
            AND (c."funderId" = p.id OR (c."funderId" IS NULL AND c."funderType" = p."funderType"))
            AND e."consentScope" = ANY (c.scopes)
            AND c."grantedAt" <= ${now} AND c."expiresAt" > ${now}
            AND NOT EXISTS (SELECT 1 FROM "ConsentRevocation" r WHERE r."consentId" = c.id)))
      ORDER BY e.seq, w.id
    )
    SELECT id::text AS id FROM written ORDER BY seq`;
  return rows.map((row) => row.id);
}
