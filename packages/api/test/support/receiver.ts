import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signatureMatches } from '@temu-bisnis/schema/domain/push/signature';

/**
 * A real HTTP webhook receiver on 127.0.0.1: it verifies each request's Standard Webhooks
 * signature, records what it got, and answers as the test says (200, 500, hang, slowly), or is
 * down (not listening) between stop() and start().
 */
export interface Receipt {
  id: string;
  subjectId: string;
  body: string;
  data: Record<string, unknown>;
  at: number;
  signed: boolean;
  /** The Standard Webhooks headers as sent. */
  headers: Record<string, string>;
}

export type Answer = { status: number; delayMs?: number } | 'hang';

export interface Receiver {
  url: string;
  receipts: Receipt[];
  requests: number;
  answer: (n: number) => Answer;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startReceiver(secret: () => string[], answer: (n: number) => Answer = () => ({ status: 200 })): Promise<Receiver> {
  let server: Server | null = null;
  let port = 0;
  const sockets = new Set<import('node:net').Socket>();
  const receiver: Receiver = {
    url: '',
    receipts: [],
    requests: 0,
    answer,
    async start() {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const body = Buffer.concat(chunks).toString();
          const n = receiver.requests++;
          const how = receiver.answer(n);
          if (how === 'hang') return;
          const id = String(req.headers['webhook-id']);
          const timestamp = Number(req.headers['webhook-timestamp']);
          const signed = secret().some((s) => signatureMatches(s, id, timestamp, body, String(req.headers['webhook-signature'] ?? '')));
          const reply = () => {
            if (how.status >= 200 && how.status < 300) {
              const parsed = JSON.parse(body) as { subjectId: string; data: Record<string, unknown> };
              const sent = Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((h) => [h, String(req.headers[h])]));
              receiver.receipts.push({ id, subjectId: parsed.subjectId, body, data: parsed.data, at: Date.now(), signed, headers: sent });
            }
            res.writeHead(how.status).end();
          };
          if (how.delayMs) setTimeout(reply, how.delayMs);
          else reply();
        });
      });
      server.on('connection', (s) => {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
      });
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
      receiver.url = `http://127.0.0.1:${port}/hooks`;
    },
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = null;
    },
  };
  await receiver.start();
  return receiver;
}

/**
 * What at-least-once delivery promises, checked on what a receiver got: every event id expected
 * arrived, nothing unexpected did, a repeated id repeats the same body, and within each subject the
 * events first arrived in the order they were written. Answers the figures for the report.
 */
export function deliveryFigures(receipts: readonly Receipt[], expected: readonly { id: string; subjectId: string }[]) {
  const first = new Map<string, Receipt>();
  let duplicates = 0;
  let sameBody = true;
  for (const r of receipts) {
    const seen = first.get(r.id);
    if (seen) {
      duplicates += 1;
      if (seen.body !== r.body) sameBody = false;
    } else first.set(r.id, r);
  }
  const order = new Map(expected.map((e, i) => [e.id, i]));
  const lastBySubject = new Map<string, number>();
  let outOfOrder = 0;
  for (const r of first.values()) {
    const i = order.get(r.id) ?? -1;
    if (i < (lastBySubject.get(r.subjectId) ?? -1)) outOfOrder += 1;
    lastBySubject.set(r.subjectId, i);
  }
  return {
    expected: expected.length,
    delivered: expected.filter((e) => first.has(e.id)).length,
    lost: expected.filter((e) => !first.has(e.id)).length,
    unexpected: [...first.keys()].filter((id) => !order.has(id)).length,
    duplicates,
    duplicatesSameBody: sameBody,
    outOfOrder,
    unsigned: receipts.filter((r) => !r.signed).length,
  };
}
