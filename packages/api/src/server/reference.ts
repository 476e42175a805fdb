import { schema } from '@temu-bisnis/schema';
import { renderReference } from '../docs/reference';
import type { Route } from './route';

/** The API reference (generated from the schema), linked from GraphiQL. */
export const REFERENCE_PATH = '/docs/reference';

let page: Uint8Array<ArrayBuffer> | undefined;

/** GET /docs/reference: the same page `pnpm docs:reference` writes, rendered once per process. */
export const referenceRoute: Route = {
  matches: (pathname) => pathname === REFERENCE_PATH || pathname === `${REFERENCE_PATH}/`,
  serve: async ({ request }) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } });
    page ??= new TextEncoder().encode(renderReference(schema));
    return new Response(request.method === 'HEAD' ? null : page, {
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=300' },
    });
  },
};
