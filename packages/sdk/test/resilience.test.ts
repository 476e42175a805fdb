import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  ForbiddenError,
  NetworkError,
  RateLimitedError,
  ServerError,
  TemuBisnisClient,
  TemuBisnisError,
  TimeoutError,
  ValidationError,
  ViewerDocument,
} from '../src/index';
import { closedPort, json, type ScriptedServer, startScriptedServer } from './support/scripted-server';

/**
 * Retries, timeouts, persisted operations and the mapping of HTTP answers onto error classes,
 * against real local HTTP servers whose answers each test scripts (fetch is never mocked).
 */

const viewer = { viewer: { authenticated: true, role: null, apiKeyScopes: ['LEADS_READ'], enterpriseIds: [], user: null, partner: null } };
const closed = { opportunity: { id: 'T3Bw', title: 'Closed' }, userErrors: [] };

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function clientFor(url: string, options: Partial<ConstructorParameters<typeof TemuBisnisClient>[0]> = {}) {
  return new TemuBisnisClient({ endpoint: url, apiKey: 'tb_key_test', retries: { retries: 2, baseDelayMs: 10 }, ...options });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('retries', () => {
  it('waits the Retry-After of a 429 (1 s) and then succeeds, with the same request id', async () => {
    server = await startScriptedServer((_req, i, res) =>
      i === 0
        ? json(res, 429, { errors: [{ message: 'Rate limit exceeded', extensions: { code: 'RATE_LIMITED' } }] }, { 'retry-after': '1' })
        : json(res, 200, { data: viewer }),
    );
    const started = performance.now();
    const result = await clientFor(server.url).viewer();
    const elapsed = performance.now() - started;
    expect(result.authenticated).toBe(true);
    expect(server.requests).toHaveLength(2);
    expect(elapsed).toBeGreaterThanOrEqual(990);
    expect(elapsed).toBeLessThan(5_000);
    expect(server.requests[1]!.headers['x-request-id']).toBe(server.requests[0]!.headers['x-request-id']);
  });

  it('retries a query after a 503 and succeeds', async () => {
    server = await startScriptedServer((_req, i, res) =>
      i === 0 ? json(res, 503, { errors: [{ message: 'Service unavailable' }] }) : json(res, 200, { data: viewer }),
    );
    expect((await clientFor(server.url).viewer()).authenticated).toBe(true);
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry an anonymous mutation: no key is kept without a credential, so one request, and the 503 is thrown', async () => {
    server = await startScriptedServer((_req, _i, res) => json(res, 503, { errors: [{ message: 'Service unavailable' }] }));
    const error = await failure(clientFor(server.url, { apiKey: undefined }).opportunities.close({ id: 'T3Bw', reason: 'CLOSED' }));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).status).toBe(503);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers['idempotency-key']).toBeUndefined();
  });

  it('retries a mutation under one Idempotency-Key of its own per call: the same on every attempt, another for the next call', async () => {
    server = await startScriptedServer((_req, i, res) =>
      i % 2 === 0 ? json(res, 503, { errors: [{ message: 'Service unavailable' }] }) : json(res, 200, { data: { opportunityClose: closed } }),
    );
    const client = clientFor(server.url);
    expect((await client.opportunities.close({ id: 'T3Bw', reason: 'CLOSED' })).title).toBe('Closed');
    expect((await client.opportunities.close({ id: 'T3Bw', reason: 'CLOSED' })).title).toBe('Closed');
    const [a, b, c, d] = server.requests.map((r) => r.headers['idempotency-key']);
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(b).toBe(a);
    expect(c).toMatch(/^[0-9a-f-]{36}$/);
    expect(d).toBe(c);
    expect(c).not.toBe(a);
  });

  it("retries a mutation under the caller's own idempotency key, sending it each time", async () => {
    server = await startScriptedServer((_req, i, res) =>
      i === 0 ? json(res, 503, { errors: [{ message: 'Service unavailable' }] }) : json(res, 200, { data: { opportunityClose: closed } }),
    );
    const result = await clientFor(server.url).opportunities.close({ id: 'T3Bw', reason: 'CLOSED' }, { idempotencyKey: 'close-T3Bw-1' });
    expect(result.title).toBe('Closed');
    expect(server.requests.map((r) => r.headers['idempotency-key'])).toEqual(['close-T3Bw-1', 'close-T3Bw-1']);
  });

  it('comes back after the Retry-After of 409 IDEMPOTENCY_KEY_IN_USE (the first attempt still runs) and gets its answer', async () => {
    const inUse = { message: 'A request with this Idempotency-Key is still running.', extensions: { code: 'IDEMPOTENCY_KEY_IN_USE', retryAfter: 1 } };
    server = await startScriptedServer((_req, i, res) =>
      i === 0 ? json(res, 409, { errors: [inUse] }, { 'retry-after': '1' }) : json(res, 200, { data: { opportunityClose: closed } }),
    );
    const started = performance.now();
    expect((await clientFor(server.url).opportunities.close({ id: 'T3Bw', reason: 'CLOSED' })).title).toBe('Closed');
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(server.requests).toHaveLength(2);
  });

  it('IDEMPOTENCY_KEY_REUSED (422) is a ValidationError, never retried', async () => {
    const reused = { message: 'This Idempotency-Key was already used with another operation or other variables.', extensions: { code: 'IDEMPOTENCY_KEY_REUSED' } };
    server = await startScriptedServer((_req, _i, res) => json(res, 422, { errors: [reused] }));
    const error = await failure(clientFor(server.url).opportunities.close({ id: 'T3Bw', reason: 'CLOSED' }, { idempotencyKey: 'k1' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(server.requests).toHaveLength(1);
  });

  it('gives up after the configured retries and throws the last error', async () => {
    server = await startScriptedServer((_req, _i, res) => json(res, 503, { errors: [{ message: 'Down for maintenance' }] }));
    const error = await failure(clientFor(server.url).viewer());
    expect(error).toBeInstanceOf(ServerError);
    expect((error as Error).message).toBe('Down for maintenance');
    expect(server.requests).toHaveLength(3);
  });

  it('does not sleep through a Retry-After longer than maxDelayMs: the RateLimitedError is thrown at once, with the budget headers', async () => {
    server = await startScriptedServer((_req, _i, res) =>
      json(res, 429, { errors: [{ message: 'Rate limit exceeded', extensions: { code: 'RATE_LIMITED', retryAfter: 120 } }] }, {
        'retry-after': '120',
        'x-ratelimit-limit': '600',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': '120',
      }),
    );
    const started = performance.now();
    const error = (await failure(clientFor(server.url, { retries: { retries: 3, maxDelayMs: 5_000 } }).viewer())) as RateLimitedError;
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ status: 429, retryAfter: 120, limit: 600, remaining: 0, reset: 120, code: 'RATE_LIMITED' });
    expect(server.requests).toHaveLength(1);
  });

  it('retries a refused connection for a query and then throws a NetworkError with the cause', async () => {
    const port = await closedPort();
    const error = (await failure(clientFor(`http://127.0.0.1:${port}/graphql`).viewer())) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toBeInstanceOf(TemuBisnisError);
    expect(error.status).toBeUndefined();
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.cause).toBeInstanceOf(TypeError);
  });
});

describe('timeouts and cancellation', () => {
  it('aborts an attempt that gets no answer within timeoutMs and throws a TimeoutError (a NetworkError)', async () => {
    server = await startScriptedServer(() => {}); // never answers
    const started = performance.now();
    const error = await failure(clientFor(server.url, { timeoutMs: 200, retries: 0 }).viewer());
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as TimeoutError).timeoutMs).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('retries a timed-out query, each attempt with its own timeout', async () => {
    server = await startScriptedServer(() => {});
    // Long enough for each attempt to reach the server however busy the machine.
    const error = await failure(clientFor(server.url, { timeoutMs: 400, retries: { retries: 1, baseDelayMs: 1 } }).viewer());
    expect(error).toBeInstanceOf(TimeoutError);
    expect(server.requests).toHaveLength(2);
  });

  it('per-call options override the client: timeoutMs and retries', async () => {
    server = await startScriptedServer(() => {});
    const client = clientFor(server.url, { timeoutMs: 60_000 });
    const error = await failure(client.viewer({ timeoutMs: 100, retries: 0 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(100);
    // One attempt, no retry; on a busy machine it may be aborted before the server even read it.
    expect(server.requests.length).toBeLessThanOrEqual(1);
  });

  it("throws the caller's own abort reason unwrapped, and does not retry it", async () => {
    const controller = new AbortController();
    const reason = new Error('job cancelled');
    // The caller gives up once the request has reached the server, which never answers.
    server = await startScriptedServer(() => controller.abort(reason));
    const error = await failure(clientFor(server.url).viewer({ signal: controller.signal }));
    expect(error).toBe(reason);
    expect(server.requests).toHaveLength(1);
  });
});

describe('mapping HTTP answers onto error classes', () => {
  const cases: [string, number, unknown, new (...args: any[]) => TemuBisnisError][] = [
    ['401 UNAUTHENTICATED', 401, { errors: [{ message: 'Unknown API key', extensions: { code: 'UNAUTHENTICATED' } }] }, AuthenticationError],
    ['403 FORBIDDEN', 403, { errors: [{ message: 'Not allowed', extensions: { code: 'FORBIDDEN' } }] }, ForbiddenError],
    ['200 with a FORBIDDEN field error', 200, { data: null, errors: [{ message: 'Not allowed', path: ['viewer'], extensions: { code: 'FORBIDDEN' } }] }, ForbiddenError],
    ['400 BAD_USER_INPUT', 400, { errors: [{ message: 'filter.kbliPrefix: 2 to 5 digits', extensions: { code: 'BAD_USER_INPUT', field: ['filter', 'kbliPrefix'] } }] }, ValidationError],
    ['400 GRAPHQL_VALIDATION_FAILED', 400, { errors: [{ message: 'Cannot query field "x"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] }, ValidationError],
    ['500 with a GraphQL error', 500, { errors: [{ message: 'Unexpected error.' }] }, ServerError],
    ['200 with an error without a known code', 200, { data: { viewer: null }, errors: [{ message: 'Unexpected error.' }] }, ServerError],
  ];

  it.each(cases)('%s', async (_label, status, body, expected) => {
    server = await startScriptedServer((_req, _i, res) => json(res, status, body, { 'x-request-id': 'req-from-server' }));
    const error = (await failure(clientFor(server.url, { retries: 0 }).viewer())) as TemuBisnisError;
    expect(error).toBeInstanceOf(expected);
    expect(error.name).toBe(expected.name);
    expect(error.status).toBe(status);
    expect(error.requestId).toBe('req-from-server');
    expect(error.operationName).toBe('Viewer');
    expect(error.errors).toEqual((body as { errors: unknown[] }).errors);
  });

  it('a top-level BAD_USER_INPUT carries the field path in userErrors', async () => {
    server = await startScriptedServer((_req, _i, res) => json(res, 400, cases[3]![2]));
    const error = (await failure(clientFor(server.url).viewer())) as ValidationError;
    expect(error.userErrors).toEqual([{ code: 'BAD_USER_INPUT', field: ['filter', 'kbliPrefix'], message: 'filter.kbliPrefix: 2 to 5 digits' }]);
  });

  it('a 502 with an HTML body is a ServerError naming the status', async () => {
    server = await startScriptedServer((_req, _i, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>Bad Gateway</html>');
    });
    const error = (await failure(clientFor(server.url, { retries: 0 }).viewer())) as ServerError;
    expect(error).toBeInstanceOf(ServerError);
    expect(error.status).toBe(502);
    expect(error.message).toContain('HTTP 502');
  });

  it('a 200 whose body is not JSON is a ServerError', async () => {
    server = await startScriptedServer((_req, _i, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"data": {');
    });
    const error = (await failure(clientFor(server.url, { retries: 0 }).viewer())) as ServerError;
    expect(error).toBeInstanceOf(ServerError);
    expect(error.status).toBe(200);
  });

  it('when the server sends no x-request-id, the error carries the one the SDK sent', async () => {
    server = await startScriptedServer((_req, _i, res) => json(res, 500, { errors: [{ message: 'boom' }] }));
    const error = (await failure(clientFor(server.url, { retries: 0 }).viewer())) as ServerError;
    expect(error.requestId).toBe(server.requests[0]!.headers['x-request-id']);
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('FORBIDDEN carries the scope the server names (extensions.requiredScope); UNAUTHENTICATED its reason', async () => {
    server = await startScriptedServer((_req, i, res) =>
      i === 0
        ? json(res, 200, { data: null, errors: [{ message: 'Not allowed', extensions: { code: 'FORBIDDEN', requiredScope: 'LEADS_READ' } }] })
        : json(res, 401, { errors: [{ message: 'The API key has expired.', extensions: { code: 'UNAUTHENTICATED', reason: 'EXPIRED' } }] }),
    );
    const forbidden = (await failure(clientFor(server.url).viewer())) as ForbiddenError;
    expect(forbidden).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'LEADS_READ', field: [] });
    const expired = (await failure(clientFor(server.url).viewer())) as AuthenticationError;
    expect(expired).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'EXPIRED' });
  });

  it('code is always set: the SDK names failures that carry none', async () => {
    server = await startScriptedServer((_req, _i, res) => json(res, 200, { data: { viewer: null }, errors: [{ message: 'Unexpected error.' }] }));
    expect(await failure(clientFor(server.url, { retries: 0 }).viewer())).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    expect(await failure(clientFor(`http://127.0.0.1:${await closedPort()}/graphql`, { retries: 0 }).viewer())).toMatchObject({ code: 'NETWORK_ERROR' });
  });

  it('a 404 that is not GraphQL names the endpoint and hints at /graphql', async () => {
    server = await startScriptedServer((_req, _i, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html>Not Found</html>');
    });
    const error = (await failure(clientFor(server.url, { retries: 0 }).viewer())) as ServerError;
    expect(error).toMatchObject({ code: 'ENDPOINT_NOT_FOUND', status: 404 });
    expect(error.message).toContain(`HTTP 404 from ${server.url}`);
    expect(error.message).toContain('ending in /graphql');
  });

  it("a mutation payload's userErrors become a ValidationError with the userErrors", async () => {
    const userErrors = [{ code: 'INVALID_TRANSITION', field: ['input', 'status'], message: 'A NEW lead cannot be APPROVED.' }];
    server = await startScriptedServer((_req, _i, res) => json(res, 200, { data: { leadStatusUpdate: { review: null, userErrors } } }));
    const error = (await failure(clientFor(server.url).financingLeads.updateStatus({ leadId: 'TGVhZA', status: 'APPROVED' }))) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.userErrors).toEqual(userErrors);
    expect(error.message).toBe('input.status: A NEW lead cannot be APPROVED.');
    expect(error).toMatchObject({ code: 'INVALID_TRANSITION', field: ['input', 'status'] });
    expect(error.status).toBe(200);
    expect(error.operationName).toBe('LeadStatusUpdate');
  });
});

describe('what goes over the wire', () => {
  it('sends the credential, a request id, the operation name and the document', async () => {
    server = await startScriptedServer((_req, _i, res) => json(res, 200, { data: viewer }, { 'x-ratelimit-limit': '600', 'x-ratelimit-remaining': '599', 'x-ratelimit-reset': '60' }));
    const client = clientFor(server.url, { headers: { 'x-partner-job': 'nightly' } });
    await client.viewer();
    const [request] = server.requests;
    expect(request!.headers.authorization).toBe('Bearer tb_key_test');
    expect(request!.headers['x-partner-job']).toBe('nightly');
    expect(request!.headers['content-type']).toMatch(/application\/json/);
    expect(request!.body.operationName).toBe('Viewer');
    expect(request!.body.query).toBe(ViewerDocument.toString());
    expect(request!.body.extensions).toBeUndefined();
    expect(client.rateLimit).toEqual({ limit: 600, remaining: 599, reset: 60 });
  });

  it('sends a sign-in token the same way; refuses apiKey and token together', async () => {
    server = await startScriptedServer((_req, _i, res) => json(res, 200, { data: viewer }));
    await new TemuBisnisClient({ endpoint: server.url, token: 'tb_user_abc' }).viewer();
    expect(server.requests[0]!.headers.authorization).toBe('Bearer tb_user_abc');
    expect(() => new TemuBisnisClient({ endpoint: server!.url, token: 'a', apiKey: 'b' })).toThrow(/not both/);
    expect(() => new TemuBisnisClient({ endpoint: '/graphql' })).toThrow(/absolute URL/);
  });

  it('the raw escape hatch runs a string document; a string mutation is retried under one key of its own', async () => {
    server = await startScriptedServer((req, _i, res) =>
      req.body.operationName === 'Count' ? json(res, 200, { data: { sentra: { totalCount: 20 } } }) : json(res, 503, { errors: [{ message: 'down' }] }),
    );
    const client = clientFor(server.url);
    const data = await client.request<{ sentra: { totalCount: number } }>('query Count { sentra { totalCount } }');
    expect(data.sentra.totalCount).toBe(20);
    await expect(client.request('mutation Archive($id: ID!) { enterpriseArchive(input: { id: $id }) { userErrors { code } } }', { id: 'x' })).rejects.toBeInstanceOf(ServerError);
    expect(server.requests.map((r) => r.body.operationName)).toEqual(['Count', 'Archive', 'Archive', 'Archive']);
    expect(new Set(server.requests.slice(1).map((r) => r.headers['idempotency-key'])).size).toBe(1);
    expect(server.requests[0]!.headers['idempotency-key']).toBeUndefined();
  });
});

describe('persisted operations (Apollo APQ format)', () => {
  const notFound = { errors: [{ message: 'No persisted operation has this hash.', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] };

  it("sends the SDK operation's precomputed hash instead of the document", async () => {
    server = await startScriptedServer((_req, _i, res) => json(res, 200, { data: viewer }));
    await clientFor(server.url, { persistedOperations: true }).viewer();
    const { body } = server.requests[0]!;
    expect(body.query).toBeUndefined();
    expect(body.operationName).toBe('Viewer');
    expect(body.extensions).toEqual({
      persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(ViewerDocument.toString()).digest('hex') },
    });
  });

  it('falls back to the full document when the server does not know the hash, and does not try that hash again', async () => {
    server = await startScriptedServer((req, _i, res) => (req.body.query ? json(res, 200, { data: viewer }) : json(res, 400, notFound)));
    const client = clientFor(server.url, { persistedOperations: true });
    await client.viewer();
    await client.viewer();
    expect(server.requests.map((r) => (r.body.query ? 'document' : 'hash'))).toEqual(['hash', 'document', 'document']);
  });

  it('recognises the default yoga/Apollo answer "PersistedQueryNotFound" too', async () => {
    server = await startScriptedServer((req, _i, res) =>
      req.body.query ? json(res, 200, { data: viewer }) : json(res, 200, { errors: [{ message: 'PersistedQueryNotFound' }] }),
    );
    await clientFor(server.url, { persistedOperations: true }).viewer();
    expect(server.requests).toHaveLength(2);
  });

  it('hashes documents of your own with Web Crypto', async () => {
    const document = 'query Count { sentra { totalCount } }';
    server = await startScriptedServer((_req, _i, res) => json(res, 200, { data: { sentra: { totalCount: 20 } } }));
    await clientFor(server.url, { persistedOperations: true }).request(document);
    expect(server.requests[0]!.body.extensions?.persistedQuery.sha256Hash).toBe(createHash('sha256').update(document).digest('hex'));
  });
});
