import { createRequire } from 'node:module';
import type { Plugin } from 'graphql-yoga';

/**
 * GraphiQL's code, served by the API itself: a bank's intranet (or any machine without internet)
 * cannot reach the CDN yoga's default page loads it from. The files come from
 * @graphql-yoga/render-graphiql, yoga's own offline build of the same GraphiQL (pinned in
 * package.json); the version in the path lets browsers keep them for good.
 */
const { version } = createRequire(import.meta.url)('@graphql-yoga/render-graphiql/package.json') as { version: string };
export const GRAPHIQL_ASSETS_PATH = `/graphiql/${version}/`;

/** Monaco's workers by the label it asks for (see the page's MonacoEnvironment). */
export const WORKER_FILES = { editorWorkerService: 'editor.worker.js', json: 'json.worker.js', graphql: 'graphql.worker.js' } as const;

interface Asset {
  body: Uint8Array<ArrayBuffer>;
  type: string;
}

let assets: Promise<Map<string, Asset>> | undefined;

/** Loaded on the first request for one (about 9 MB of text), so a server whose GraphiQL stays closed never holds them. */
function loadAssets(): Promise<Map<string, Asset>> {
  assets ??= import('@graphql-yoga/render-graphiql/graphiql').then((m) => {
    const utf8 = new TextEncoder();
    const js = (text: string): Asset => ({ body: utf8.encode(text), type: 'text/javascript; charset=utf-8' });
    const [, favicon = ''] = /^data:[^,]*;base64,(.*)$/s.exec(m.favicon) ?? [];
    return new Map([
      ['graphiql.css', { body: utf8.encode(m.css), type: 'text/css; charset=utf-8' }],
      ['yoga-graphiql.js', js(m.js)],
      [WORKER_FILES.editorWorkerService, js(m.editorWorkerService)],
      [WORKER_FILES.json, js(m.jsonWorker)],
      [WORKER_FILES.graphql, js(m.graphqlWorker)],
      ['favicon.ico', { body: new Uint8Array(Buffer.from(favicon, 'base64')), type: 'image/x-icon' }],
    ]);
  });
  return assets;
}

/** Answers GET /graphiql/<version>/<file>; every other request passes on. */
export function useGraphiQLAssets(): Plugin {
  return {
    onRequest({ url, request, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(GRAPHIQL_ASSETS_PATH) || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      return loadAssets().then((files) => {
        const asset = files.get(url.pathname.slice(GRAPHIQL_ASSETS_PATH.length));
        endResponse(
          asset
            ? new fetchAPI.Response(request.method === 'HEAD' ? null : asset.body, {
                headers: { 'content-type': asset.type, 'cache-control': 'public, max-age=31536000, immutable' },
              })
            : new fetchAPI.Response('Not found.', { status: 404, headers: { 'content-type': 'text/plain' } }),
        );
      });
    },
  };
}
