/**
 * Push from the Temu Bisnis API: verifying webhook deliveries (Standard Webhooks) and a live
 * subscription to events over server-sent events (or graphql-ws) that resumes by itself after a disconnect.
 * Web Crypto and fetch only, so it runs in Node 20+, browsers, Deno, Bun and workers.
 */

/** Every event type, as in a webhook body's `type` (the GraphQL enum WebhookEventType spells them OPPORTUNITY_POSTED…). */
export type WebhookEventType =
  | 'opportunity.posted'
  | 'opportunity.closed'
  | 'meeting_request.created'
  | 'meeting_request.accepted'
  | 'meeting_request.declined'
  | 'meeting_request.cancelled'
  | 'meeting.scheduled'
  | 'meeting.moved'
  | 'meeting.cancelled'
  | 'forum.schedule_published'
  | 'consent.granted'
  | 'consent.revoked'
  | 'consent.expired'
  | 'lead.status_changed'
  | 'financing_need.created'
  | 'financing_need.withdrawn'
  | 'saved_search.matched'
  | 'consortium.invited'
  | 'consortium.member_accepted'
  | 'consortium.member_declined'
  | 'consortium.offered'
  | 'consortium.delivered'
  | 'consortium.withdrawn'
  | 'webhook_endpoint.disabled';

/** A webhook delivery's body, verified. `id` is the same on every retry and replay: deduplicate on it. */
export interface WebhookEvent {
  id: string;
  type: WebhookEventType;
  timestamp: string;
  /** Global ID of the record the event is about; events of one subject arrive in order. */
  subjectId: string;
  data: Record<string, unknown>;
}

export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const entry = Object.entries(headers as Record<string, string | string[] | undefined>).find(([k]) => k.toLowerCase() === name)?.[1];
  return Array.isArray(entry) ? entry[0] : entry;
}

function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function bytesToBase64(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)));
}

/**
 * Checks a delivery: `webhook-signature` holds a `v1,` HMAC-SHA256 of `id.timestamp.body` under
 * the secret (give both secrets while rotating), and `webhook-timestamp` is within the tolerance
 * (replays of old deliveries are refused). Pass the raw body, byte for byte. Returns the event.
 */
export async function verifyWebhook(
  secret: string | readonly string[],
  headers: HeaderBag,
  body: string,
  { toleranceSeconds = 300, now = Date.now() }: { toleranceSeconds?: number; now?: number } = {},
): Promise<WebhookEvent> {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError('Missing webhook-id, webhook-timestamp or webhook-signature.');
  const seconds = Number(timestamp);
  if (!Number.isInteger(seconds) || Math.abs(now / 1000 - seconds) > toleranceSeconds) throw new WebhookVerificationError('Timestamp outside the tolerance.');
  const given = signatures.split(' ').flatMap((s) => (s.startsWith('v1,') ? [s.slice(3)] : []));
  for (const candidate of typeof secret === 'string' ? [secret] : secret) {
    const key = await crypto.subtle.importKey('raw', base64ToBytes(candidate.replace(/^whsec_/, '')), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const expected = bytesToBase64(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${id}.${timestamp}.${body}`)));
    // Compared in full whatever the first difference: no early exit to time.
    if (given.some((g) => g.length === expected.length && [...g].reduce((diff, c, i) => diff | (c.charCodeAt(0) ^ expected.charCodeAt(i)), 0) === 0)) {
      const event = JSON.parse(body) as WebhookEvent;
      if (event.id !== id) throw new WebhookVerificationError('The body does not belong to this webhook-id.');
      return event;
    }
  }
  throw new WebhookVerificationError('No signature matches.');
}

/** An event as `subscription { events }` delivers it; `data` is parsed. */
export interface PushedEvent {
  id: string;
  type: string;
  subjectId: string;
  data: Record<string, unknown>;
}

export interface SubscribeOptions {
  /** Only these types (the GraphQL enum names, e.g. OPPORTUNITY_POSTED). */
  types?: readonly string[];
  /** Resume after this event id. */
  after?: string;
  /** Stop (end the iteration) when this signal aborts. */
  signal?: AbortSignal;
  /** Wait before reconnecting after the stream broke; default 1 000 ms. */
  reconnectMs?: number;
  /**
   * 'sse' (default): server-sent events over fetch. 'ws': the graphql-ws protocol on the same
   * endpoint (http→ws, https→wss); it needs the `graphql-ws` package installed beside the SDK, and
   * where there is no global WebSocket (Node 20) an implementation in `webSocket`. Same events, same
   * resumption, same errors.
   */
  transport?: 'sse' | 'ws';
  /** A WebSocket class for transport 'ws' where the runtime has none, e.g. `import WebSocket from 'ws'`. */
  webSocket?: unknown;
}

const SUBSCRIPTION = 'subscription Events($after: String, $types: [WebhookEventType!]) { events(after: $after, types: $types) { id type subjectId data } }';

type Connection = { endpoint: string; headers: Record<string, string>; fetch: typeof fetch };
type Pushed = { id: string; type: string; subjectId: string; data: string };

/** The stream of `events` over SSE or graphql-ws, reconnecting after a break with the last id received (nothing missed). */
export async function* subscribeEvents(connection: Connection, options: SubscribeOptions = {}): AsyncGenerator<PushedEvent> {
  const stream = options.transport === 'ws' ? overWebSocket : overSse;
  let after = options.after;
  while (!options.signal?.aborted) {
    try {
      for await (const event of stream(connection, options, after)) {
        after = event.id;
        yield { ...event, data: JSON.parse(event.data) as Record<string, unknown> };
      }
    } catch (error) {
      if (options.signal?.aborted) return;
      if (error instanceof WebhookVerificationError) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, options.reconnectMs ?? 1_000));
  }
}

/** The first error of a result, as the SDK's refusal (not retried: a reconnect would be refused alike). */
function refused(errors: readonly { message: string }[] | undefined): WebhookVerificationError | null {
  return errors?.length ? new WebhookVerificationError(errors[0]!.message) : null;
}

async function* overWebSocket(connection: Connection, options: SubscribeOptions, after: string | undefined): AsyncGenerator<Pushed> {
  const { createClient } = await import('graphql-ws');
  const authorization = Object.entries(connection.headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  const client = createClient({
    url: connection.endpoint.replace(/^http/, 'ws'),
    connectionParams: authorization ? { authorization } : {},
    // Reconnecting is subscribeEvents' job: it resumes from the last event, graphql-ws' own retry would not.
    retryAttempts: 0,
    ...(options.webSocket ? { webSocketImpl: options.webSocket } : {}),
  });
  const events = client.iterate<{ events: Pushed }>({ query: SUBSCRIPTION, variables: { after, types: options.types } });
  const stop = () => void events.return?.();
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    for await (const message of events) {
      const error = refused(message.errors);
      if (error) throw error;
      if (message.data?.events) yield message.data.events;
    }
  } catch (error) {
    // A refused credential closes the connection with 4403 and the reason; GraphQL errors come as a list.
    const close = error as { code?: number; reason?: string };
    if (close?.code === 4403) throw new WebhookVerificationError(`Subscription refused: ${close.reason ?? 'forbidden'}.`);
    throw (Array.isArray(error) && refused(error)) || error;
  } finally {
    options.signal?.removeEventListener('abort', stop);
    await client.dispose();
  }
}

async function* overSse(connection: Connection, options: SubscribeOptions, after: string | undefined): AsyncGenerator<Pushed> {
  const response = await connection.fetch(connection.endpoint, {
    method: 'POST',
    headers: { ...connection.headers, 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query: SUBSCRIPTION, variables: { after, types: options.types } }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!response.ok || !response.body) throw new WebhookVerificationError(`Subscription refused (HTTP ${response.status}).`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const data = buffer.slice(0, end).split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('');
      buffer = buffer.slice(end + 2);
      if (!data) continue;
      const message = JSON.parse(data) as { data?: { events: Pushed }; errors?: { message: string }[] };
      const error = refused(message.errors);
      if (error) throw error;
      if (message.data?.events) yield message.data.events;
    }
  }
}
