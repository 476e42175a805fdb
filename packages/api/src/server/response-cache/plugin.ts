import { GRAPHQL_PATH } from '../not-found';
import { isAnonymous } from '@temu-bisnis/schema/auth/viewer';
import { useResponseCache } from '@graphql-yoga/plugin-response-cache';
import {
  type GraphQLSchema,
  getNamedType,
  getOperationAST,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Authentication } from '../../auth/authenticate';
import type { ResponseStore } from './store';

/**
 * Root fields of the public directory and marketplace. An anonymous answer made only of them is
 * cached; everything else (forums, leads, the viewer, node lookups) always runs.
 */
const CACHED_ROOT_FIELDS = new Set([
  'districts',
  'districtByCode',
  'sentra',
  'sentraBySlug',
  'enterprises',
  'enterprise',
  'partners',
  'partner',
  'partnerBySlug',
  'opportunities',
  'opportunity',
]);

/**
 * Figures computed from records the answer does not hold (counts, aggregates, match scores):
 * invalidation by the types an answer holds would not see them change, so answers asking for them
 * always run.
 */
const UNCACHED_FIELDS = [
  'Sentra.capacityByCategory',
  'Sentra.sizeClassBreakdown',
  'Sentra.memberCount',
  'Sentra.openOpportunityCount',
  'Enterprise.recommendedPartners',
  'Partner.recommendedEnterprises',
];

export interface ResponseCacheOptions {
  store: ResponseStore;
  /** How long an answer is kept at most: the bound on what no mutation announces (the clock, CLI writes). */
  ttlMs: number;
}

/** Whoever http.ts authenticated; yoga puts it on every context it builds. */
type WithAuth = { auth?: Authentication };

/**
 * A request is served from the cache only when http.ts authenticated it as nobody: answers depend
 * on the viewer (private fields, consent, audit records of funders' reads), so a signed-in caller
 * never gets a shared answer and never puts one there; its own answers are not cached at all.
 */
function anonymous(context: WithAuth): boolean {
  const auth = context.auth;
  return auth !== undefined && 'viewer' in auth && isAnonymous(auth.viewer);
}

/** Whether the response cache takes this request (when there is one): an anonymous caller's, at /graphql. */
export function cachedRequest(request: Request, context: WithAuth): boolean {
  return anonymous(context) && new URL(request.url).pathname === GRAPHQL_PATH;
}

/**
 * The response cache: anonymous public reads from the store, every mutation dropping the answers
 * that hold the types it changes, and HTTP caching headers on GET.
 */
export function responseCachePlugins(schema: GraphQLSchema, { store, ttlMs }: ResponseCacheOptions): Plugin[] {
  return [
    useResponseCache<WithAuth>({
      cache: store,
      session: () => null,
      // Only /graphql: the pages beside it (forum agenda, reports, the CSV export) run their own
      // queries through yoga's execution without GraphQL params, and sign in with ?token=.
      enabled: cachedRequest,
      ttl: ttlMs,
      ttlPerSchemaCoordinate: uncachedCoordinates(schema),
      // Mutations invalidate by their payload's types below, whoever sends them.
      invalidateViaMutation: false,
      includeExtensionMetadata: false,
    }),
    useInvalidationByMutation(schema, store),
    {
      // Persisted operations can be sent as GET: a shared HTTP cache may keep an anonymous answer
      // but must ask again each time (the ETag makes that a 304), since a mutation may have
      // invalidated it; nothing answered to a credential is stored anywhere.
      onResponse({ request, response, serverContext }) {
        if (request.method !== 'GET') return;
        if (anonymous(serverContext as WithAuth) && response.headers.has('etag')) {
          response.headers.set('cache-control', 'public, no-cache');
        } else {
          response.headers.set('cache-control', 'private, no-store');
        }
        response.headers.set('vary', 'Authorization');
      },
    },
  ];
}

/** Query fields outside the public directory, and the computed figures: a TTL of 0 means never cached. */
function uncachedCoordinates(schema: GraphQLSchema): Record<string, number> {
  const root = Object.keys(schema.getQueryType()?.getFields() ?? {}).filter((field) => !CACHED_ROOT_FIELDS.has(field));
  return Object.fromEntries([...root.map((field) => `Query.${field}`), ...UNCACHED_FIELDS].map((c) => [c, 0]));
}

/**
 * After a mutation, drops every cached answer holding an object of a type its payload declares
 * (e.g. enterpriseUpdate → Enterprise), or a page of them, whether or not the caller selected it
 * and whether or not it succeeded: a type is dropped a little too often rather than too late.
 */
function useInvalidationByMutation(schema: GraphQLSchema, store: ResponseStore): Plugin {
  const typesOf = invalidatedTypes(schema);
  return {
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation !== 'mutation') return;
      const types = new Set(rootFields(operation).flatMap((field) => typesOf.get(field) ?? []));
      return {
        onExecuteDone: () => store.invalidate([...types].map((typename) => ({ typename }))),
      };
    },
  };
}

function rootFields(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
}

/** Mutation field → the object types its payload holds, with the connections and edges that list them. */
function invalidatedTypes(schema: GraphQLSchema): Map<string, string[]> {
  const listing = new Map<string, string[]>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const fields = type.getFields();
    for (const name of ['nodes', 'node'] as const) {
      const field = fields[name];
      if (!field || !/(Connection|Edge)$/.test(type.name)) continue;
      const listed = getNamedType(field.type).name;
      listing.set(listed, [...(listing.get(listed) ?? []), type.name]);
    }
  }
  const mutations = schema.getMutationType()?.getFields() ?? {};
  return new Map(
    Object.entries(mutations).map(([name, field]) => {
      const payload = getNamedType(field.type);
      const held = isObjectType(payload)
        ? Object.values(payload.getFields())
            .map((f) => getNamedType(f.type))
            .filter((t) => isObjectType(t) && t.name !== 'UserError')
            .map((t) => t.name)
        : [];
      const types = [payload.name, ...held];
      return [name, [...new Set(types.flatMap((t) => [t, ...(listing.get(t) ?? [])]))]];
    }),
  );
}
