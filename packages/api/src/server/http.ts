import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from '../db/connection';
import type { ReadReplicas, ReplicaStatus } from '../db/replicas';
import type { Logger } from '../logger';
import { authenticateRequest } from '../auth/authenticate';
import { FORUM_PAGE_PREFIX, pageCredential } from './agenda/index';
import { REPORT_PAGE_PREFIX } from './reports/index';
import { readRequestBody } from './request-body';
import { type AdmissionLimits, createAdmissionGate, DEFAULT_ADMISSION } from './admission-gate';
import type { Admission, RateLimiter } from './security/rate-limit';
import { documentsRefused } from './security/persisted-operations';
import { serveWebSocket } from './websocket';
import type { TemuYoga } from './yoga';

export interface HttpServer {
  server: Server;
  url: string;
  /** Stops accepting connections, lets in-flight requests finish, then closes the database. */
  close(): Promise<void>;
}

export async function startHttpServer(
  yoga: TemuYoga,
  db: Database,
  logger: Logger,
  {
    port,
    host,
    rateLimiter,
    admission = DEFAULT_ADMISSION[db.kind],
    apiKeysPersistedOnly = false,
    maxBodyBytes,
    replicas,
  }: {
    port: number;
    host: string;
    /** MAX_REQUEST_BODY_BYTES: larger bodies are refused with 413 (request-body.ts). */
    maxBodyBytes: number;
    rateLimiter?: RateLimiter | null;
    admission?: AdmissionLimits;
    /** API_KEYS_PERSISTED_ONLY: API keys may send no documents, over WebSocket either. */
    apiKeysPersistedOnly?: boolean;
    /** Read replicas: /healthz lists each one's state, and close() closes them. */
    replicas?: ReadReplicas | undefined;
  },
): Promise<HttpServer> {
  const gate = createAdmissionGate(admission.concurrent, admission.waiting);
  const authenticate = (header: string | null) => authenticateRequest(db, header, new Date());
  /** The caller of a request (or of a WebSocket operation), counted against one budget per caller. */
  const admit = (req: IncomingMessage, header: string | null): Promise<Admission> =>
    rateLimiter ? rateLimiter.admit(req, header, authenticate) : authenticate(header).then((auth) => ({ headers: {}, auth }));
  const server = createServer(async (req, res) => {
    const requestId = acceptRequestId(req.headers['x-request-id']);
    req.headers['x-request-id'] = requestId;
    res.setHeader('x-request-id', requestId);
    if (req.url === '/healthz') {
      healthz(db, replicas).then(
        (body) => {
          res.writeHead(body.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        },
        () => res.writeHead(500).end(),
      );
      return;
    }
    // A subscription's stream stays open for hours and mostly idle: it takes no place.
    if (!req.headers.accept?.includes('text/event-stream')) {
      // Listening before the wait: a caller that hangs up while waiting gives its seat back at once.
      const { place, cancel } = gate.enter();
      let leave: (() => void) | null = null;
      res.on('close', () => (leave ? leave() : cancel()));
      leave = await place;
      if (!leave) {
        logger.warn('busy: request refused', { requestId, waiting: gate.waiting });
        return void res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' }).end(BUSY_BODY);
      }
    }
    const started = performance.now();
    logger.debug('request received', { requestId, method: req.method, path: req.url?.split('?')[0] });
    res.on('finish', () =>
      logger.info('request', {
        requestId,
        method: req.method,
        path: req.url?.split('?')[0],
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
      }),
    );
    const path = req.url?.split('?')[0] ?? '';
    const forumPage = path.startsWith(FORUM_PAGE_PREFIX) || path.startsWith(REPORT_PAGE_PREFIX);
    // Authenticated once, here, for everything yoga serves (GraphQL, and the forum pages and
    // exports its routes plugin answers, route.ts), and counted against one budget per caller;
    // /healthz above is free.
    const header = forumPage ? pageCredential(req) : (req.headers.authorization ?? null);
    let admission: Admission;
    try {
      admission = await admit(req, header);
    } catch (error) {
      logger.error('authentication failed', { requestId, error: error instanceof Error ? error.message : String(error) });
      return void res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'Unexpected error.' }] }));
    }
    for (const [name, value] of Object.entries(admission.headers)) res.setHeader(name, value);
    if ('refusal' in admission) return void res.writeHead(429, admission.refusal.headers).end(admission.refusal.body);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const body = await readRequestBody(req, maxBodyBytes).catch(() => null);
      // The caller went away while sending.
      if (body === null) return void res.destroy();
      if (!Buffer.isBuffer(body)) {
        return void res.writeHead(body.status, { 'content-type': 'application/json', connection: 'close' }).end(body.body);
      }
      (req as IncomingMessage & { body?: Buffer }).body = body;
    }
    void yoga(req, res, { auth: admission.auth });
  });
  // Subscriptions over graphql-ws on the same port and path; like SSE streams they take no place in the gate.
  const webSocket = serveWebSocket(server, yoga, { admit, logger, documentsRefused: documentsRefused({ apiKeysPersistedOnly }) });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: bound } = server.address() as AddressInfo;
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${bound}`;
  logger.info('listening', { url: `${url}/graphql`, database: db.kind });
  return {
    server,
    url,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Upgraded sockets count as open connections: server.close waits for them to end.
      await webSocket.close();
      await closed;
      await rateLimiter?.close();
      await replicas?.close();
      await db.close();
      logger.info('stopped');
    },
  };
}

const BUSY_BODY = JSON.stringify({ errors: [{ message: 'The server is busy. Retry in a second.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });

/**
 * The caller's request id when it is a sane token (the SDK sends one and keeps it across retries),
 * otherwise a fresh one: it is echoed in the response, logged and kept in audit records.
 */
function acceptRequestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(header) ? header : randomUUID();
}

/** The primary decides the status; a replica that is skipped only shows in its detail (the primary serves its reads). */
async function healthz(db: Database, replicas: ReadReplicas | undefined): Promise<{ status: 'ok' | 'unavailable'; database: string; replicas?: ReplicaStatus[] }> {
  const detail = replicas ? { replicas: replicas.status() } : {};
  try {
    await db.ping();
    return { status: 'ok', database: db.kind, ...detail };
  } catch {
    return { status: 'unavailable', database: db.kind, ...detail };
  }
}
