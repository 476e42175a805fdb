import { isUuid } from './domain/identifiers/uuid';
import SchemaBuilder, { PothosValidationError } from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
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
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
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

/** Names of the types that implement Node; filled once the schema is built (schema.ts). */
export const nodeTypeNames = new Set<string>();


/**
 * Every id is a UUID and every type a Node: anything else is the caller's mistake (BAD_USER_INPUT),
 * answered before it reaches the database, where a malformed UUID would be a fault.
 */
function decodeNodeId(globalId: string): { typename: string; id: string } {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    throw new PothosValidationError(`"${globalId.slice(0, 80)}" is not a global ID of this API.`);
  }
  if (!nodeTypeNames.has(decoded.typename) || !isUuid(decoded.id)) {
    throw new PothosValidationError(`"${globalId.slice(0, 80)}" is not a global ID of this API.`);
  }
  return decoded;
}

/** The builder's resolved type map, for helpers that take refs. */
export type Types = PothosSchemaTypes.ExtendDefaultTypes<TemuTypes>;

export const builder = new SchemaBuilder<TemuTypes>({
  plugins: [ScopeAuthPlugin, PrismaPlugin, RelayPlugin, DataloaderPlugin],
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
    decodeGlobalID: decodeNodeId,
    cursorType: 'String',
    edgesFieldOptions: { nullable: false, description: 'The items of this page with their cursors.' },
    nodesOnConnection: { description: 'The items of this page (the same as edges { node }).' },
    pageInfoFieldOptions: { description: 'Cursors and whether more pages exist.' },
    cursorFieldOptions: { description: 'Opaque cursor of this item, for `after`/`before`.' },
    nodeFieldOptions: { nullable: false, description: 'The item.' },
    hasNextPageFieldOptions: { description: 'True when `first`/`after` can fetch more items.' },
    hasPreviousPageFieldOptions: { description: 'True when `last`/`before` can fetch more items.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of the page.' },
    endCursorFieldOptions: { description: 'Cursor of the last item of the page.' },
    firstArgOptions: { description: 'Return the first n items (default 20, at most 100).' },
    lastArgOptions: { description: 'Return the last n items (at most 100).' },
    afterArgOptions: { description: 'Return items after this cursor.' },
    beforeArgOptions: { description: 'Return items before this cursor.' },
    defaultConnectionTypeOptions: { description: 'A page of a list (Relay connection).' },
    defaultEdgeTypeOptions: { description: 'An item of a page with its cursor.' },
    nodeQueryOptions: { description: 'Any object by its global ID; null when it does not exist or is not visible to you.' },
    nodesQueryOptions: { description: 'Objects by their global IDs, in the same order; null for each one missing or not visible.' },
    pageInfoTypeOptions: { description: 'Relay page information.' },
    nodeTypeOptions: { description: 'An object with a global ID.' },
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
