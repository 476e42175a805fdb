import type { IncomingMessage, ServerResponse } from 'node:http';
import { schema } from '@temu-bisnis/schema';
import { renderReference } from '../docs/reference';

/** The API reference (generated from the schema), linked from GraphiQL. */
export const REFERENCE_PATH = '/docs/reference';

let page: Buffer | undefined;

/** GET /docs/reference: the same page `pnpm docs:reference` writes, rendered once per process. */
export async function serveReference(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  page ??= Buffer.from(renderReference(schema));
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': page.length, 'cache-control': 'public, max-age=300' });
  res.end(req.method === 'HEAD' ? undefined : page);
}
