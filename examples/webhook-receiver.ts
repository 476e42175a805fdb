/**
 * A partner's webhook receiver: a plain Node HTTP server that verifies each delivery with the
 * SDK's verifyWebhook (Standard Webhooks signature and timestamp), ignores repeats by event id
 * (deliveries are at least once), and answers 2xx fast so the dispatcher does not retry.
 *
 *   TEMU_BISNIS_WEBHOOK_SECRET=whsec_… PORT=8787 pnpm --filter @temu-bisnis/examples webhook-receiver
 *
 * The secret is what webhookEndpointCreate (client.webhooks.create) showed once. While rotating,
 * set TEMU_BISNIS_WEBHOOK_SECRET to "new,old": both verify during the overlap.
 */
import { createServer } from 'node:http';
import { verifyWebhook, WebhookVerificationError } from '@temu-bisnis/sdk';

const secrets = (process.env.TEMU_BISNIS_WEBHOOK_SECRET ?? '').split(',').filter(Boolean);
if (secrets.length === 0) throw new Error('Set TEMU_BISNIS_WEBHOOK_SECRET to the endpoint secret (whsec_…).');

/** Event ids already handled; a real receiver keeps them in its database, with its own changes. */
const seen = new Set<string>();

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    const body = Buffer.concat(chunks).toString('utf8');
    try {
      const event = await verifyWebhook(secrets, req.headers as Record<string, string>, body);
      if (!seen.has(event.id)) {
        seen.add(event.id);
        console.log(`${event.timestamp} ${event.type} ${event.subjectId}`, event.data);
      }
      res.writeHead(204).end();
    } catch (error) {
      res.writeHead(error instanceof WebhookVerificationError ? 400 : 500).end();
    }
  });
});

server.listen(Number(process.env.PORT ?? 8787), () => console.log(`listening on :${Number(process.env.PORT ?? 8787)}`));
