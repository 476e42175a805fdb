import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createDispatcher, DEFAULT_DISPATCHER } from '../../api/src/push/dispatcher';
import { distributionOffer } from '../../api/test/opportunity-fixtures';
import { startReceiver } from '../../api/test/support/receiver';
import { startTestServer, type TestServer } from '../../api/test/support/server';
import { TemuBisnisClient, verifyWebhook, WebhookVerificationError } from '../src/index';

/**
 * The SDK's push side against the real API: endpoint management, verifyWebhook on a delivery the
 * dispatcher really sent, and client.subscribe as an async iterator.
 */

let api: TestServer;
let client: TemuBisnisClient;
let partnerGid: string;
let headers: Record<string, string>;

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  const member = await api.db.prisma.organisationMembership.findFirstOrThrow({ where: { partner: { slug: 'distribusi-pangan-jateng' } }, include: { user: true } });
  headers = await api.as(member.user.email);
  client = new TemuBisnisClient({ endpoint: `${api.url}/graphql`, token: headers.authorization });
  partnerGid = Buffer.from(`Partner:${member.partnerId}`).toString('base64');
});
afterAll(() => api?.close());

const post = (title: string) => api.gql(`mutation($input: OpportunityPostInput!) { opportunityPost(input: $input) { opportunity { id } } }`, { input: distributionOffer(title) }, headers);

describe('webhooks through the SDK', () => {
  it('registers an endpoint, and verifyWebhook accepts what the dispatcher sent and nothing altered', async () => {
    const receiver = await startReceiver(() => []);
    process.env.WEBHOOK_ALLOW_HOSTS = '127.0.0.1';
    const { webhookEndpoint, secret } = await client.webhooks.create({ partnerId: partnerGid, url: receiver.url, eventTypes: ['OPPORTUNITY_POSTED'] });
    delete process.env.WEBHOOK_ALLOW_HOSTS;
    expect((await client.webhooks.list({ partnerId: partnerGid })).nodes.map((e) => e.id)).toContain(webhookEndpoint.id);
    await post('SDK webhook');
    await createDispatcher(api.db.prisma, { ...DEFAULT_DISPATCHER, rules: { production: false, allowHosts: ['127.0.0.1'] } }).runOnce();
    expect(receiver.receipts).toHaveLength(1);
    const receipt = receiver.receipts[0]!;
    const log = await client.webhooks.deliveries({ id: webhookEndpoint.id, first: 5 });
    const delivery = log && 'deliveries' in log ? log.deliveries.nodes[0]! : null;
    expect(delivery).toMatchObject({ eventId: receipt.id, status: 'DELIVERED', lastStatusCode: 200 });
    const signed = receipt.headers;
    const event = await verifyWebhook(secret, new Headers(signed), receipt.body);
    expect(event).toMatchObject({ id: receipt.id, type: 'opportunity.posted', data: { title: 'SDK webhook' } });
    await expect(verifyWebhook(secret, signed, receipt.body.replace('SDK', 'XYZ'))).rejects.toBeInstanceOf(WebhookVerificationError);
    await expect(verifyWebhook('whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', signed, receipt.body)).rejects.toThrow('No signature matches.');
    await expect(verifyWebhook(secret, signed, receipt.body, { now: Date.now() + 600_000 })).rejects.toThrow('Timestamp outside the tolerance.');
    await receiver.stop();
  });
});

describe('client.subscribe', () => {
  it('yields typed events as they commit and ends on abort', async () => {
    const controller = new AbortController();
    const events = client.subscribe({ types: ['OPPORTUNITY_POSTED'], signal: controller.signal });
    const first = events.next();
    await new Promise((r) => setTimeout(r, 400));
    const posted = await post('SDK langsung');
    const { value } = await first;
    expect(value).toMatchObject({ type: 'OPPORTUNITY_POSTED', subjectId: posted.data!.opportunityPost.opportunity.id, data: { title: 'SDK langsung' } });
    controller.abort();
    expect((await events.next()).done).toBe(true);
  });

  it("over graphql-ws (transport: 'ws'): the same typed events, resumed from `after`, ended on abort", async () => {
    const controller = new AbortController();
    const missed = (await post('SDK WS terlewat')).data!.opportunityPost.opportunity.id as string;
    // Resuming after the event before it: the missed one first, then live.
    const [, previous] = await api.db.prisma.event.findMany({ where: { type: 'opportunity.posted' }, orderBy: { seq: 'desc' }, take: 2 });
    const events = client.subscribe({ types: ['OPPORTUNITY_POSTED'], transport: 'ws', webSocket: WebSocket, signal: controller.signal, after: previous!.id });
    expect((await events.next()).value).toMatchObject({ subjectId: missed, data: { title: 'SDK WS terlewat' } });
    const next = events.next();
    await new Promise((r) => setTimeout(r, 400));
    const posted = (await post('SDK WS langsung')).data!.opportunityPost.opportunity.id as string;
    expect((await next).value).toMatchObject({ type: 'OPPORTUNITY_POSTED', subjectId: posted, data: { title: 'SDK WS langsung' } });
    controller.abort();
    expect((await events.next()).done).toBe(true);
  });

  it('over graphql-ws: a credential that is not live is an error, not a reconnect loop', async () => {
    const stranger = new TemuBisnisClient({ endpoint: `${api.url}/graphql`, token: 'tb_user_0000000000000000000000000000000000000000000' });
    await expect(stranger.subscribe({ transport: 'ws', webSocket: WebSocket }).next()).rejects.toThrow(/Subscription refused: The sign-in token is not recognised/);
  });
});
