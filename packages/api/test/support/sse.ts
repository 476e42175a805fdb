import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestServer } from './server';

/** `subscription { events }` over SSE or graphql-ws as a client sees it, for the push tests. */

export const EVENTS = `subscription($after: String, $types: [WebhookEventType!]) { events(after: $after, types: $types) { id type subjectId data } }`;

export interface Pushed {
  id: string;
  type: string;
  subjectId: string;
  data: string;
  /** When it arrived (ms). */
  at: number;
}

export interface Subscription {
  status: number;
  received: Pushed[];
  errors: unknown[];
  close(): void;
}

/** Every subscription's hang-up: a test that failed before its own leaves none open for the servers' close to wait on. */
const open = new Set<() => void>();
export function hangUpAll(): void {
  for (const hangUp of open) hangUp();
  open.clear();
}

/** An SSE subscription (to a server's URL): what it received so far, and a way to hang up. */
export async function subscribe(server: Pick<TestServer, 'url'>, headers: Record<string, string>, variables: Record<string, unknown> = {}): Promise<Subscription> {
  const controller = new AbortController();
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ query: EVENTS, variables }),
    signal: controller.signal,
  });
  const received: Pushed[] = [];
  const errors: unknown[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const data = buffer
            .slice(0, end)
            .split('\n')
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trim())
            .join('');
          buffer = buffer.slice(end + 2);
          if (!data) continue;
          const message = JSON.parse(data) as { data?: { events: Omit<Pushed, 'at'> }; errors?: unknown[] };
          if (message.data?.events) received.push({ ...message.data.events, at: Date.now() });
          if (message.errors) errors.push(...message.errors);
        }
      }
    } catch {
      // hung up
    }
  })();
  const close = () => {
    controller.abort();
    open.delete(close);
  };
  open.add(close);
  // Let the subscription take its cursor before the test writes.
  await new Promise((r) => setTimeout(r, 400));
  return { status: response.status, received, errors, close };
}

/** A graphql-ws subscription: the credential in connection_init's payload, as the HTTP header. */
export interface WsSubscription extends Subscription {
  /** The close code and reason once the server closed the connection. */
  closed: { code: number; reason: string } | null;
  /** Resolves when the server completed the subscription (or the connection ended). */
  done: Promise<void>;
}

export async function subscribeWs(server: Pick<TestServer, 'url'>, headers: Record<string, string>, variables: Record<string, unknown> = {}): Promise<WsSubscription> {
  const received: Pushed[] = [];
  const errors: unknown[] = [];
  // Acknowledged (the credential admitted) or refused: a loaded machine may take longer than the pause below for that alone.
  let settle!: () => void;
  const acknowledged = new Promise<void>((resolve) => (settle = resolve));
  const state: WsSubscription = { status: 101, received, errors, closed: null, done: Promise.resolve(), close: () => {} };
  const client = createClient({
    url: `${server.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: headers,
    retryAttempts: 0,
    lazy: false,
    // Closes are recorded by on.closed; the default would print them.
    onNonLazyError: () => {},
    on: {
      connected: () => settle(),
      closed: (event) => {
        state.closed = { code: (event as CloseEvent).code, reason: (event as CloseEvent).reason };
        settle();
      },
    },
  });
  state.done = new Promise<void>((resolve) => {
    client.subscribe<{ events: Omit<Pushed, 'at'> }>(
      { query: EVENTS, variables },
      {
        next: (message) => {
          if (message.data?.events) received.push({ ...message.data.events, at: Date.now() });
          if (message.errors) errors.push(...message.errors);
        },
        error: (error) => {
          errors.push(...(Array.isArray(error) ? error : [error]));
          resolve();
        },
        complete: resolve,
      },
    );
  });
  const close = () => {
    void client.dispose();
    open.delete(close);
  };
  state.close = close;
  open.add(close);
  await acknowledged;
  // Then let the subscription take its cursor before the test writes.
  await new Promise((r) => setTimeout(r, 400));
  return state;
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
