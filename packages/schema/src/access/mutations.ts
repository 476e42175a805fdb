import { hashSecret, newSecret, API_KEY_PREFIX, visiblePrefix } from '../auth/secrets';
import { allows, policies } from '../auth/policies';
import { builder } from '../builder';
import { idOf } from '../common/global-id';
import { refuse, runMutation, runMutationInto } from '../common/mutation';
import { NOT_REGIONAL } from '../common/region';
import { failed, payloadType, succeeded } from '../common/payload';
import { checkText, type UserError, UserErrorRef, userError } from '../common/user-errors';
import { ApiScopeEnum, scopeValue } from './scopes';
import { ApiKeyRef } from './types';

const MAX_KEY_LIFETIME_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

/** At most this many keys of one partner work at a time: each is a credential to guard and rotate. */
export const MAX_ACTIVE_KEYS = 10;


const ApiKeyCreateInput = builder.inputType('ApiKeyCreateInput', {
  description: 'A new API key for a partner organisation.',
  fields: (t) => ({
    partnerId: t.id({ required: true, description: 'Global ID of the partner organisation.' }),
    name: t.string({ required: true, description: 'What the key is for (at most 100 characters).' }),
    scopes: t.field({ type: [ApiScopeEnum], required: true, description: 'At least one scope.' }),
    expiresAt: t.field({
      type: 'DateTime',
      required: true,
      description: `When the key stops working: in the future and at most ${MAX_KEY_LIFETIME_DAYS} days ahead.`,
    }),
  }),
});

const ApiKeyCreatePayload = builder
  .objectRef<{ apiKey: unknown; secret: string | null; userErrors: UserError[] }>('ApiKeyCreatePayload')
  .implement({
    description: 'Result of apiKeyCreate. The secret is shown here once and never again.',
    fields: (t) => ({
      apiKey: t.field({ type: ApiKeyRef, nullable: true, description: 'The new key.', resolve: (p) => p.apiKey as never }),
      secret: t.string({
        nullable: true,
        description: 'The key itself, to send as `Authorization: Bearer <secret>`. Store it now: it cannot be shown again.',
        resolve: (p) => p.secret,
      }),
      userErrors: t.field({ type: [UserErrorRef], description: 'Problems with the input.', resolve: (p) => p.userErrors }),
    }),
  });

const NO_KEY = { apiKey: null, secret: null } as const;

builder.mutationField('apiKeyCreate', (t) =>
  t.field({
    type: ApiKeyCreatePayload,
    description: `Creates an API key for a partner's program. Only a signed-in member of the partner (not staff, not another key). A partner has at most ${MAX_ACTIVE_KEYS} working keys (neither revoked nor expired): one more is a LIMIT_REACHED user error on ["input","partnerId"]; revoke one first.`,
    args: { input: t.arg({ type: ApiKeyCreateInput, required: true }) },
    // Partners are public, so a caller who is not a member is FORBIDDEN (partnerPerson), whether or not the ID exists.
    authScopes: (_root, { input }) => policies.partnerPeople(idOf(String(input.partnerId), 'Partner')),
    resolve: async (_root, { input }, ctx) => {
      const partnerId = idOf(String(input.partnerId), 'Partner');
      const partner = partnerId ? await ctx.prisma.partner.findUnique({ where: { id: partnerId } }) : null;
      if (!partner) {
        return { ...NO_KEY, userErrors: [userError('NOT_FOUND', ['input', 'partnerId'], 'No partner you are a member of has this ID.')] };
      }
      const errors: UserError[] = [...checkText(input.name, ['input', 'name'], { required: true, max: 100 })];
      if (input.scopes.length === 0) errors.push(userError('REQUIRED', ['input', 'scopes'], 'Give the key at least one scope.'));
      const lifetime = input.expiresAt.getTime() - ctx.now.getTime();
      if (lifetime <= 0 || lifetime > MAX_KEY_LIFETIME_DAYS * DAY_MS) {
        errors.push(
          userError('INVALID_VALUE', ['input', 'expiresAt'], `The expiry must be in the future and at most ${MAX_KEY_LIFETIME_DAYS} days ahead.`),
        );
      }
      const secret = newSecret(API_KEY_PREFIX);
      return runMutationInto(ctx, {
        region: NOT_REGIONAL,
        validate: () => errors,
        run: async (tx) => {
          // The partner's row lock queues concurrent creations, so the count cannot be overtaken.
          await tx.$queryRaw`SELECT id FROM "Partner" WHERE id = ${partner.id}::uuid FOR UPDATE`;
          const working = await tx.apiKey.count({
            where: { partnerId: partner.id, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: ctx.now } }] },
          });
          if (working >= MAX_ACTIVE_KEYS) {
            refuse(userError('LIMIT_REACHED', ['input', 'partnerId'], `This partner already has ${MAX_ACTIVE_KEYS} working API keys; revoke one first.`));
          }
          const apiKey = await tx.apiKey.create({
            data: {
              partnerId: partner.id,
              name: input.name.trim(),
              prefix: visiblePrefix(secret),
              hash: hashSecret(secret),
              scopes: [...new Set(input.scopes.map(scopeValue))],
              expiresAt: input.expiresAt,
              createdById: ctx.viewer.userId,
            },
          });
          return { apiKey, secret };
        },
      }, NO_KEY);
    },
  }),
);

const ApiKeyRevokeInput = builder.inputType('ApiKeyRevokeInput', {
  description: 'The API key to revoke.',
  fields: (t) => ({ id: t.id({ required: true, description: 'Global ID of the key.' }) }),
});

const ApiKeyRevokePayload = payloadType('ApiKeyRevokePayload', 'apiKey', ApiKeyRef, 'Result of apiKeyRevoke.');

builder.mutationField('apiKeyRevoke', (t) =>
  t.field({
    type: ApiKeyRevokePayload,
    description: 'Revokes an API key at once; requests with it fail from then on. Revoking twice changes nothing.',
    args: { input: t.arg({ type: ApiKeyRevokeInput, required: true }) },
    authScopes: { authenticated: true },
    resolve: async (_root, { input }, ctx) => {
      const id = idOf(String(input.id), 'ApiKey');
      const key = id ? await ctx.prisma.apiKey.findUnique({ where: { id } }) : null;
      if (!key || !allows(ctx.viewer, policies.partnerKeyManagers(key.partnerId))) {
        return failed([userError('NOT_FOUND', ['input', 'id'], 'No API key you manage has this ID.')]);
      }
      if (key.revokedAt) return succeeded(key);
      return runMutation(ctx, { region: NOT_REGIONAL, run: (tx) => tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: ctx.now } }) });
    },
  }),
);

builder.queryField('apiKeys', (t) =>
  t.prismaConnection({
    type: 'ApiKey',
    cursor: 'id',
    description: "A partner's API keys, newest first. Staff or signed-in members of the partner.",
    args: { partnerId: t.arg.id({ required: true, description: 'Global ID of the partner.' }) },
    authScopes: { authenticated: true },
    resolve: (query, _root, args, ctx) => {
      const partnerId = idOf(String(args.partnerId), 'Partner');
      if (!partnerId || !allows(ctx.viewer, policies.partnerKeyManagers(partnerId))) return [];
      return ctx.prisma.apiKey.findMany({ ...query, where: { partnerId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
    },
  }),
);
