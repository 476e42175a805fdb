import { REFERENCE_PATH } from './reference';
import type { Route } from './route';

/** Where the API answers GraphQL. */
export const GRAPHQL_PATH = '/graphql';

/**
 * Every path no other route serves, except /graphql: a wrong endpoint (a typo, a missing /graphql)
 * gets a GraphQL-shaped 404 that says where the API is, instead of an empty one. The path asked for
 * is not repeated. The last route (route.ts tries them in order).
 */
export const notFoundRoute: Route = {
  matches: (pathname) => pathname !== GRAPHQL_PATH,
  serve: async () => {
    const message = `Nothing is served at this path. The GraphQL endpoint is ${GRAPHQL_PATH}, e.g. http://host:4000${GRAPHQL_PATH}; its reference is at ${REFERENCE_PATH}.`;
    return Response.json(
      { errors: [{ message, extensions: { code: 'ENDPOINT_NOT_FOUND' } }] },
      { status: 404, headers: { 'cache-control': 'no-store' } },
    );
  },
};
