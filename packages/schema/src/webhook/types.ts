import { policies } from '../auth/policies';
import { builder } from '../builder';
import { EVENT_TYPES, type EventType } from '../common/outbox';

/** Webhook endpoints, their deliveries and each delivery's attempts: the partner's delivery log. */

const enumName = (type: string) => type.toUpperCase().replace(/[._]/g, '_');

export const WebhookEventTypeEnum = builder.enumType('WebhookEventType', {
  description: 'A kind of event a webhook endpoint or subscription receives (the `type` field of a delivery, e.g. opportunity.posted).',
  values: Object.fromEntries(Object.entries(EVENT_TYPES).map(([type, description]) => [enumName(type), { value: type, description: `${type}: ${description}` }])),
});

export const eventTypeOf = (type: string): EventType => type as EventType;

builder.prismaObject('WebhookAttempt', {
  description: 'One attempt to deliver an event to an endpoint.',
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime', description: 'When the attempt ended.' }),
    statusCode: t.exposeInt('statusCode', { nullable: true, description: "The receiver's HTTP status; null when it did not answer (refused, timed out, address refused)." }),
    latencyMs: t.exposeInt('latencyMs', { description: 'Milliseconds from sending to the answer (or the failure).' }),
    error: t.exposeString('error', { nullable: true, description: 'Why the attempt failed, in words; null for a 2xx answer.' }),
  }),
});

export const WebhookDeliveryRef = builder.prismaNode('WebhookDelivery', {
  description: 'One event for one endpoint: pending until delivered (a 2xx answer), or FAILED once retries end (25 hours after the event).',
  id: { field: 'id' },
  nullable: true,
  select: { endpoint: { select: { partnerId: true } } },
  authScopes: (d) => policies.partnerWebhookManagers(d.endpoint.partnerId),
  fields: (t) => ({
    eventId: t.exposeString('eventId', { description: 'The event (the `webhook-id` header and the body\'s `id`); the same on every retry and replay.' }),
    eventType: t.field({ type: WebhookEventTypeEnum, select: { event: { select: { type: true } } }, description: 'The event type.', resolve: (d) => eventTypeOf(d.event.type) }),
    subjectId: t.exposeString('subjectId', { description: 'Global ID of the record the event is about.' }),
    status: t.exposeString('status', { description: 'PENDING, DELIVERED, FAILED, or SKIPPED (not sent: the partner may no longer receive the event, e.g. its consent was revoked or expired since).' }),
    attempts: t.exposeInt('attempts', { description: 'Attempts so far.' }),
    nextAttemptAt: t.expose('nextAttemptAt', { type: 'DateTime', description: 'When a pending delivery is tried next.' }),
    deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true, description: 'When the receiver answered 2xx.' }),
    lastStatusCode: t.exposeInt('lastStatusCode', { nullable: true, description: "The receiver's last HTTP status." }),
    lastLatencyMs: t.exposeInt('lastLatencyMs', { nullable: true, description: 'Latency of the last attempt in milliseconds.' }),
    log: t.relation('log', { description: 'Every attempt, oldest first.', query: { orderBy: [{ at: 'asc' }, { id: 'asc' }] } }),
  }),
});

export const WebhookEndpointRef = builder.prismaNode('WebhookEndpoint', {
  description: "A partner's webhook endpoint: events are POSTed to its URL, signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>).",
  id: { field: 'id' },
  nullable: true,
  authScopes: (e) => policies.partnerWebhookManagers(e.partnerId),
  fields: (t) => ({
    url: t.exposeString('url', { description: 'Where events are POSTed (https in production; never a private or loopback address).' }),
    eventTypes: t.field({ type: [WebhookEventTypeEnum], description: 'Event types delivered; empty: every type the partner may receive.', resolve: (e) => e.eventTypes.map(eventTypeOf) }),
    enabled: t.exposeBoolean('enabled', { description: 'False once disabled (by the partner, or after failing for a day).' }),
    disabledAt: t.expose('disabledAt', { type: 'DateTime', nullable: true, description: 'When it was disabled.' }),
    failingSince: t.expose('failingSince', { type: 'DateTime', nullable: true, description: 'Start of the current run of failures; null after a success.' }),
    previousSecretExpiresAt: t.expose('previousExpiresAt', { type: 'DateTime', nullable: true, description: 'Until when the secret before the last rotation still signs (both signatures are sent).' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was registered.' }),
    deliveries: t.relatedConnection('deliveries', { cursor: 'id', description: 'The delivery log, newest first.', query: { orderBy: [{ seq: 'desc' }] } }),
  }),
});
