import { builder } from '../builder';
import { policies } from '../auth/policies';
import { ApiScopeEnum, scopeName } from './scopes';

export const ApiKeyRef = builder.prismaNode('ApiKey', {
  description:
    "An API key of a partner organisation's program. The secret is shown once, at creation; only its hash is stored.",
  id: { field: 'id' },
  nullable: true,
  authScopes: (key) => policies.partnerKeyManagers(key.partnerId),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'What the key is for, e.g. "Loan origination system".' }),
    prefix: t.exposeString('prefix', { description: 'The first characters of the secret, to recognise it in support.' }),
    scopes: t.field({
      type: [ApiScopeEnum],
      description: 'What the key may do.',
      resolve: (key) => key.scopes.flatMap((s) => scopeName(s) ?? []),
    }),
    partner: t.relation('partner', { description: 'The organisation the key acts for.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true, description: 'When the key stops working.' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true, description: 'When the key was revoked.' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true, description: 'When the key last authenticated a request, to the minute: a program calling steadily updates it once a minute.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the key was created.' }),
  }),
});
