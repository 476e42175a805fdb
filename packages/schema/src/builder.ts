import SchemaBuilder from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLError } from 'graphql';
import { hasApiScope, isAnonymous, isStaff } from './auth/viewer';
import type { Context } from './context';
import type PrismaTypes from './generated/pothos-types';
import { getDatamodel } from './generated/pothos-types';
import type { PartnerKind } from './generated/prisma/enums';

export interface TemuTypes {
  Context: Context;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  AuthScopes: {
    /** Any signed-in person or API key. */
    authenticated: boolean;
    /** Disperin staff: ADMIN or OFFICER. */
    staff: boolean;
    admin: boolean;
    /** A person who belongs to this enterprise. */
    enterpriseMember: string;
    /** A person or API key acting for this partner organisation. */
    partnerMember: string;
    /** A person or API key acting for a partner of this kind. */
    partnerKind: PartnerKind;
    /** An API key with this scope, or a signed-in person. */
    apiScope: string;
  };
  Scalars: {
    ID: { Input: string; Output: string | number | bigint };
    DateTime: { Input: Date; Output: Date };
    Date: { Input: Date; Output: Date };
    Money: { Input: bigint; Output: bigint | number };
  };
}

/** The builder's resolved type map, for helpers that take refs. */
export type Types = PothosSchemaTypes.ExtendDefaultTypes<TemuTypes>;

export const builder = new SchemaBuilder<TemuTypes>({
  plugins: [ScopeAuthPlugin, PrismaPlugin, RelayPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: ({ viewer }) => ({
      authenticated: !isAnonymous(viewer),
      staff: isStaff(viewer),
      admin: viewer.role === 'ADMIN',
      enterpriseMember: (id) => viewer.enterpriseIds.includes(id),
      partnerMember: (id) => viewer.partner?.id === id,
      partnerKind: (kind) => viewer.partner?.kind === kind,
      apiScope: (scope) => hasApiScope(viewer, scope),
    }),
    unauthorizedError: (_parent, { viewer }, _info, result) =>
      new GraphQLError(isAnonymous(viewer) ? 'Sign in or send an API key to do this.' : result.message, {
        extensions: { code: isAnonymous(viewer) ? 'UNAUTHENTICATED' : 'FORBIDDEN' },
      }),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
  },
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'warn',
  },
});

builder.queryType({ description: 'Read access to the Temu Bisnis directory, marketplace and forums.' });
builder.mutationType({
  description:
    'Changes. Each mutation takes one `input` and returns a payload with the changed object and `userErrors`.',
});
