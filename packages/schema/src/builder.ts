import SchemaBuilder, { PothosValidationError } from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLError } from 'graphql';
import { type AuthScopes, holds, requiredScopeOf } from './auth/policies';
import { isAnonymous } from './auth/viewer';
import { forbidden } from './common/errors';
import { decodedGlobalId } from './common/global-id';
import { connectionNodesArePlanned } from './common/planned-id';
import type { Context } from './context';
import type PrismaTypes from './generated/pothos-types';
import { getDatamodel } from './generated/pothos-types';

export interface TemuTypes {
  Context: Context;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  /** The scopes of every policy, typed and decided in auth/policies.ts. */
  AuthScopes: AuthScopes;
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
 * Every type a Node and every id a canonical UUID (common/global-id.ts): anything else is the
 * caller's mistake (BAD_USER_INPUT), answered before it reaches the database. The message does not
 * repeat the id: errors never echo input.
 */
function decodeNodeId(globalId: string): { typename: string; id: string } {
  const decoded = decodedGlobalId(globalId);
  if (!decoded || !nodeTypeNames.has(decoded.typename)) {
    throw new PothosValidationError('This is not a global ID of this API: send an id exactly as the API returned it.');
  }
  return decoded;
}

/** The builder's resolved type map, for helpers that take refs. */
export type Types = PothosSchemaTypes.ExtendDefaultTypes<TemuTypes>;

export const builder = new SchemaBuilder<TemuTypes>({
  plugins: [ScopeAuthPlugin, PrismaPlugin, RelayPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: ({ viewer }) => ({
      authenticated: holds(viewer, 'authenticated', true),
      staff: holds(viewer, 'staff', true),
      staffOf: (regencyId) => holds(viewer, 'staffOf', regencyId),
      admin: holds(viewer, 'admin', true),
      enterpriseMember: (id) => holds(viewer, 'enterpriseMember', id),
      partnerMember: (id) => holds(viewer, 'partnerMember', id),
      partnerPerson: (id) => holds(viewer, 'partnerPerson', id),
      partnerKind: (kind) => holds(viewer, 'partnerKind', kind),
      apiScope: (scope) => holds(viewer, 'apiScope', scope),
    }),
    // One refusal shape (docs/architecture.md): UNAUTHENTICATED for nobody, else FORBIDDEN naming the missing scope.
    unauthorizedError: (_parent, { viewer }, _info, result) =>
      isAnonymous(viewer)
        ? new GraphQLError('Sign in or send an API key to do this.', { extensions: { code: 'UNAUTHENTICATED' } })
        : forbidden(result.message, requiredScopeOf(result.failure)),
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
    // A connection whose objects the planner reads in SQL (planner/) uses only its query's paging.
    onUnusedQuery:
      process.env.NODE_ENV === 'production'
        ? null
        : (info) => {
            if (!connectionNodesArePlanned(info.fieldNodes)) console.warn(`Prisma query was unused in resolver for ${info.parentType.name}.${info.fieldName}`);
          },
  },
});

builder.queryType({ description: 'Read access to the Temu Bisnis directory, marketplace and forums.' });
builder.mutationType({
  description:
    'Changes. Each mutation takes one `input` and returns a payload with the changed object and `userErrors`.',
});
