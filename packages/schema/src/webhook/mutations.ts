import { allows, policies } from '../auth/policies';
import { builder } from '../builder';
import { idOf } from '../common/global-id';
import { refuse, runMutation } from '../common/mutation';
import { NOT_REGIONAL } from '../common/region';
import { failed, payloadType } from '../common/payload';
import { type UserError, UserErrorRef, userError } from '../common/user-errors';
import type { Context } from '../context';
import { resealed, sealSecret } from '../domain/push/seal';
import { newWebhookSecret } from '../domain/push/signature';
import { endpointUrlProblems } from './rules';
import { WebhookDeliveryRef, WebhookEndpointRef, WebhookEventTypeEnum } from './types';

/** Registering, rotating, changing and removing webhook endpoints, and replaying a delivery. */

export const MAX_ENDPOINTS = 10;
const URL_MAX = 2000;
/** Default overlap of a rotation: long enough for a receiver to deploy the new secret. */
const DEFAULT_OVERLAP_HOURS = 24;
const MAX_OVERLAP_HOURS = 7 * 24;
const f = (...path: string[]) => ['input', ...path];

const WebhookEndpointCreateInput = builder.inputType('WebhookEndpointCreateInput', {
  description: 'A new webhook endpoint of a partner.',
  fields: (t) => ({
    partnerId: t.id({ required: true, description: 'Global ID of the partner.' }),
    url: t.string({ required: true, description: `Where to POST events (at most ${URL_MAX} characters; https in production; no private or loopback address).` }),
    eventTypes: t.field({ type: [WebhookEventTypeEnum], description: 'Event types to deliver; omitted or empty: every type the partner may receive.' }),
  }),
});

const WebhookEndpointUpdateInput = builder.inputType('WebhookEndpointUpdateInput', {
  description: 'Changes to a webhook endpoint; omitted fields stay.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global ID of the endpoint.' }),
    url: t.string({ description: 'A new URL.' }),
    eventTypes: t.field({ type: [WebhookEventTypeEnum], description: 'A new list of event types (empty: every type).' }),
    enabled: t.boolean({ description: 'Disable, or enable again (a disabled endpoint gets no new deliveries).' }),
  }),
});

const WebhookEndpointRotateInput = builder.inputType('WebhookEndpointRotateSecretInput', {
  description: 'Rotates the signing secret of an endpoint.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global ID of the endpoint.' }),
    overlapHours: t.int({ description: `Hours the old secret keeps signing beside the new one (0 to ${MAX_OVERLAP_HOURS}; default ${DEFAULT_OVERLAP_HOURS}).` }),
  }),
});

const ByIdInput = builder.inputType('WebhookEndpointDeleteInput', {
  description: 'The endpoint to remove with its delivery log.',
  fields: (t) => ({ id: t.id({ required: true, description: 'Global ID of the endpoint.' }) }),
});

const ReplayInput = builder.inputType('WebhookDeliveryReplayInput', {
  description: 'A delivery to send again.',
  fields: (t) => ({ id: t.id({ required: true, description: 'Global ID of the WebhookDelivery.' }) }),
});

type Secreted = { record: unknown; secret: string | null; userErrors: UserError[] };
const SecretPayload = (name: string, description: string) =>
  builder.objectRef<Secreted>(name).implement({
    description,
    fields: (t) => ({
      webhookEndpoint: t.field({ type: WebhookEndpointRef, nullable: true, description: 'The endpoint; null when userErrors is not empty.', resolve: (p) => p.record as never }),
      secret: t.string({ nullable: true, description: 'The signing secret (whsec_…), shown here once: store it now.', resolve: (p) => p.secret }),
      userErrors: t.field({ type: [UserErrorRef], description: 'Problems with the input. When present nothing was changed.', resolve: (p) => p.userErrors }),
    }),
  });
const CreatePayload = SecretPayload('WebhookEndpointCreatePayload', 'Result of webhookEndpointCreate.');
const RotatePayload = SecretPayload('WebhookEndpointRotateSecretPayload', 'Result of webhookEndpointRotateSecret.');
const UpdatePayload = payloadType('WebhookEndpointUpdatePayload', 'webhookEndpoint', WebhookEndpointRef, 'Result of webhookEndpointUpdate.');
const DeletePayload = payloadType('WebhookEndpointDeletePayload', 'webhookEndpoint', WebhookEndpointRef, 'Result of webhookEndpointDelete: the endpoint as it was.');
const ReplayPayload = payloadType('WebhookDeliveryReplayPayload', 'delivery', WebhookDeliveryRef, 'Result of webhookDeliveryReplay: the new delivery.');

const NOT_FOUND = userError('NOT_FOUND', f('id'), 'No webhook endpoint of your organisation has this ID.');

/** The endpoint, when the caller manages its partner's endpoints; else null (NOT_FOUND). */
async function ownEndpoint(ctx: Context, globalId: string | number) {
  const id = idOf(String(globalId), 'WebhookEndpoint');
  const endpoint = id ? await ctx.prisma.webhookEndpoint.findUnique({ where: { id } }) : null;
  return endpoint && allows(ctx.viewer, policies.partnerWebhookManagers(endpoint.partnerId)) ? endpoint : null;
}

const withSecret = (secret: string) => (p: { record: unknown; userErrors: UserError[] }): Secreted => ({ ...p, secret: p.record ? secret : null });

builder.mutationFields((t) => ({
  webhookEndpointCreate: t.field({
    type: CreatePayload,
    description: `Registers a webhook endpoint for a partner; the signing secret is in the payload, once. A partner has at most ${MAX_ENDPOINTS} endpoints. Only a signed-in member of the partner.`,
    authScopes: (_root, { input }) => policies.partnerPeople(idOf(String(input.partnerId), 'Partner')),
    args: { input: t.arg({ type: WebhookEndpointCreateInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const partnerId = idOf(String(input.partnerId), 'Partner')!;
      const secret = newWebhookSecret();
      const result = await runMutation(ctx, {
        region: NOT_REGIONAL,
        validate: async () => (input.url.length > URL_MAX ? [userError('TOO_LONG', f('url'), `At most ${URL_MAX} characters.`)] : endpointUrlProblems(input.url, f('url'))),
        run: async (tx) => {
          await tx.$queryRaw`SELECT id FROM "Partner" WHERE id = ${partnerId}::uuid FOR UPDATE`;
          if ((await tx.webhookEndpoint.count({ where: { partnerId } })) >= MAX_ENDPOINTS) {
            refuse(userError('LIMIT_REACHED', f('partnerId'), `A partner has at most ${MAX_ENDPOINTS} webhook endpoints; delete one first.`));
          }
          const stored = sealSecret(secret, ctx.webhookKey ?? null);
          return tx.webhookEndpoint.create({ data: { partnerId, url: input.url, eventTypes: [...new Set(input.eventTypes ?? [])], secret: stored } });
        },
      });
      return withSecret(secret)(result);
    },
  }),
  webhookEndpointRotateSecret: t.field({
    type: RotatePayload,
    description: 'Gives an endpoint a new signing secret (in the payload, once); the old one keeps signing beside it for the overlap, so receivers can switch without losing events. Provincial staff or signed-in members of the partner.',
    authScopes: policies.signedIn,
    args: { input: t.arg({ type: WebhookEndpointRotateInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const endpoint = await ownEndpoint(ctx, input.id);
      if (!endpoint) return { record: null, secret: null, userErrors: [NOT_FOUND] };
      const hours = input.overlapHours ?? DEFAULT_OVERLAP_HOURS;
      const secret = newWebhookSecret();
      const result = await runMutation(ctx, {
        region: NOT_REGIONAL,
        validate: () => (hours < 0 || hours > MAX_OVERLAP_HOURS ? [userError('INVALID_VALUE', f('overlapHours'), `From 0 to ${MAX_OVERLAP_HOURS} hours.`)] : []),
        run: (tx) =>
          tx.webhookEndpoint.update({
            where: { id: endpoint.id },
            data: {
              secret: sealSecret(secret, ctx.webhookKey ?? null),
              previousSecret: resealed(endpoint.secret, ctx.webhookKey ?? null),
              previousExpiresAt: new Date(ctx.now.getTime() + hours * 3_600_000),
            },
          }),
      });
      return withSecret(secret)(result);
    },
  }),
  webhookEndpointUpdate: t.field({
    type: UpdatePayload,
    description: 'Changes an endpoint: URL, event types, or enabled (enabling again clears its failure run). Provincial staff or signed-in members of the partner.',
    authScopes: policies.signedIn,
    args: { input: t.arg({ type: WebhookEndpointUpdateInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const endpoint = await ownEndpoint(ctx, input.id);
      if (!endpoint) return failed([NOT_FOUND]);
      return runMutation(ctx, {
        region: NOT_REGIONAL,
        validate: async () => (input.url == null ? [] : input.url.length > URL_MAX ? [userError('TOO_LONG', f('url'), `At most ${URL_MAX} characters.`)] : endpointUrlProblems(input.url, f('url'))),
        run: (tx) =>
          tx.webhookEndpoint.update({
            where: { id: endpoint.id },
            data: {
              ...(input.url != null ? { url: input.url } : {}),
              ...(input.eventTypes != null ? { eventTypes: [...new Set(input.eventTypes)] } : {}),
              ...(input.enabled === true ? { enabled: true, disabledAt: null, failingSince: null } : {}),
              ...(input.enabled === false && endpoint.enabled ? { enabled: false, disabledAt: ctx.now } : {}),
            },
          }),
      });
    },
  }),
  webhookEndpointDelete: t.field({
    type: DeletePayload,
    description: 'Removes an endpoint and its delivery log; pending deliveries are dropped. Provincial staff or signed-in members of the partner.',
    authScopes: policies.signedIn,
    args: { input: t.arg({ type: ByIdInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const endpoint = await ownEndpoint(ctx, input.id);
      if (!endpoint) return failed([NOT_FOUND]);
      return runMutation(ctx, { region: NOT_REGIONAL, run: (tx) => tx.webhookEndpoint.delete({ where: { id: endpoint.id } }) });
    },
  }),
  webhookDeliveryReplay: t.field({
    type: ReplayPayload,
    description: 'Sends an event again to its endpoint, as a new delivery with the same webhook-id (receivers deduplicate on it). Provincial staff or signed-in members of the partner.',
    authScopes: policies.signedIn,
    args: { input: t.arg({ type: ReplayInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idOf(String(input.id), 'WebhookDelivery');
      const delivery = id ? await ctx.prisma.webhookDelivery.findUnique({ where: { id }, include: { endpoint: true } }) : null;
      if (!delivery || !allows(ctx.viewer, policies.partnerWebhookManagers(delivery.endpoint.partnerId))) {
        return failed([userError('NOT_FOUND', f('id'), 'No webhook delivery of your organisation has this ID.')]);
      }
      return runMutation(ctx, {
        region: NOT_REGIONAL,
        run: (tx) =>
          tx.webhookDelivery.create({
            data: { endpointId: delivery.endpointId, eventId: delivery.eventId, subjectId: delivery.subjectId, nextAttemptAt: ctx.now },
            include: { endpoint: { select: { partnerId: true } } },
          }),
      });
    },
  }),
}));

builder.queryField('webhookEndpoints', (t) =>
  t.prismaConnection({
    type: 'WebhookEndpoint',
    cursor: 'id',
    description: "A partner's webhook endpoints, newest first. Provincial staff or signed-in members of the partner.",
    args: { partnerId: t.arg.id({ required: true, description: 'Global ID of the partner.' }) },
    authScopes: policies.signedIn,
    resolve: (query, _root, args, ctx) => {
      const partnerId = idOf(String(args.partnerId), 'Partner');
      if (!partnerId || !allows(ctx.viewer, policies.partnerWebhookManagers(partnerId))) return [];
      return ctx.prisma.webhookEndpoint.findMany({ ...query, where: { partnerId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
    },
  }),
);
