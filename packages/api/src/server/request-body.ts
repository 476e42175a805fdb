import type { IncomingMessage } from 'node:http';

/** A body refused for its size: the answer, a GraphQL error as yoga's would have been. */
export interface BodyRefusal {
  status: 413;
  body: string;
}

/**
 * The body of a request for yoga, read here whole and at most `limit` bytes, then handed to yoga as
 * a buffer (IncomingMessage.body, which @whatwg-node/server takes as it is). Yoga's own limit
 * (maxRequestBodySize) pipes every body through a web TransformStream instead: measured over HTTP
 * on this project's pages, 1 ms of CPU per request (40 % of a `{ __typename }`, a fifth of the
 * marketplace page). Refused, like yoga would: a Content-Length that is not one decimal number
 * (Node's HTTP parser answers 400 before this code runs), a declared or actual size over the limit
 * (413), before anything is parsed.
 */
export function readRequestBody(req: IncomingMessage, limit: number): Promise<Buffer | BodyRefusal> {
  const tooLarge: BodyRefusal = {
    status: 413,
    body: JSON.stringify({ errors: [{ message: `The request body is larger than ${limit} bytes.`, extensions: { code: 'REQUEST_ENTITY_TOO_LARGE' } }] }),
  };
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) return Promise.resolve(tooLarge);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      // The rest is not kept; the response closes the connection (http.ts).
      req.off('data', onData);
      req.off('end', onEnd);
      resolve(tooLarge);
    };
    const onEnd = () => resolve(Buffer.concat(chunks, size));
    req.on('data', onData);
    req.on('end', onEnd);
    req.once('error', reject);
  });
}
