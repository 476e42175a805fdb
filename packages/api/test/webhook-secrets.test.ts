import { randomBytes } from 'node:crypto';
import { signatureMatches } from '@temu-bisnis/schema/domain/push/signature';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, DEFAULT_DISPATCHER, type DispatcherOptions } from '../src/push/dispatcher';
import { memberOf, partnerId } from './financing-fixtures';
import { distributionOffer } from './opportunity-fixtures';
import { type Receiver, startReceiver } from './support/receiver';
import { startTestServer, type TestServer } from './support/server';

/**
 * Signing secrets sealed at rest under the server key (WEBHOOK_SECRET_KEY): the partner gets the
 * plaintext once, the database holds only the sealed form, and the dispatcher signs with the opened
 * secret (both during a rotation's overlap). Without the key it sends nothing and logs why.
 */

const key = randomBytes(32);
let api: TestServer;
let receiver: Receiver;
let secrets: string[] = [];
const SELLER = 'distribusi-pangan-jateng';
const OPTIONS: DispatcherOptions = { ...DEFAULT_DISPATCHER, rules: { production: false, allowHosts: ['127.0.0.1'] }, timeoutMs: 2_000, idleMs: 20, sealingKey: key };

beforeAll(async () => {
  api = await startTestServer({ seeded: true, webhookKey: key });
  receiver = await startReceiver(() => secrets);
  await api.db.prisma.webhookEndpoint.updateMany({ data: { enabled: false } });
});
afterAll(async () => {
  await receiver?.stop();
  await api?.close();
});

const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

async function drain(options: DispatcherOptions) {
  const dispatcher = createDispatcher(api.db.prisma, options);
  for (let i = 0; i < 20 && (await dispatcher.runOnce()) > 0; i += 1);
}

async function postOpportunity(headers: Record<string, string>, title: string): Promise<string> {
  const res = await api.gql(`mutation($input: OpportunityPostInput!) { opportunityPost(input: $input) { opportunity { id } userErrors { code } } }`, { input: distributionOffer(title) }, headers);
  expect(res.data!.opportunityPost.userErrors).toEqual([]);
  return res.data!.opportunityPost.opportunity.id;
}

describe('webhook signing secrets sealed with the server key', () => {
  it('the secret is returned once in clear, stored sealed, and signs deliveries (both secrets while rotating)', async () => {
    process.env.WEBHOOK_ALLOW_HOSTS = '127.0.0.1';
    const member = await memberOf(api, SELLER);
    const created = await api.gql(
      `mutation($input: WebhookEndpointCreateInput!) { webhookEndpointCreate(input: $input) { webhookEndpoint { id } secret userErrors { code } } }`,
      { input: { partnerId: gid('Partner', await partnerId(api, SELLER)), url: receiver.url, eventTypes: ['OPPORTUNITY_POSTED'] } },
      member.headers,
    );
    delete process.env.WEBHOOK_ALLOW_HOSTS;
    expect(created.data!.webhookEndpointCreate.userErrors).toEqual([]);
    const secret = created.data!.webhookEndpointCreate.secret as string;
    const endpointId = Buffer.from(created.data!.webhookEndpointCreate.webhookEndpoint.id, 'base64').toString().split(':')[1]!;
    expect(secret).toMatch(/^whsec_/);
    const row = await api.db.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
    expect(row.secret).toMatch(/^sealed:v1:/);
    expect(row.secret).not.toContain(secret.slice(6));

    secrets = [secret];
    const first = await postOpportunity(member.headers, 'Rahasia tersegel');
    await drain(OPTIONS);
    expect(receiver.receipts.filter((r) => r.subjectId === first).map((r) => r.signed)).toEqual([true]);

    // Rotation: the new secret is sealed too, and the old one (sealed) still signs beside it.
    const rotated = await api.gql(
      `mutation($input: WebhookEndpointRotateSecretInput!) { webhookEndpointRotateSecret(input: $input) { secret userErrors { code } } }`,
      { input: { id: created.data!.webhookEndpointCreate.webhookEndpoint.id, overlapHours: 1 } },
      member.headers,
    );
    const next = rotated.data!.webhookEndpointRotateSecret.secret as string;
    const after = await api.db.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
    expect([after.secret, after.previousSecret]).toEqual([expect.stringMatching(/^sealed:v1:/), row.secret]);
    const second = await postOpportunity(member.headers, 'Rahasia diputar');
    await drain(OPTIONS);
    const receipt = receiver.receipts.find((r) => r.subjectId === second)!;
    const h = receipt.headers;
    for (const s of [secret, next]) expect(signatureMatches(s, h['webhook-id']!, Number(h['webhook-timestamp']), receipt.body, h['webhook-signature']!)).toBe(true);

    // A dispatcher without the key sends nothing and says why in the log.
    const third = await postOpportunity(member.headers, 'Tanpa kunci');
    await drain({ ...OPTIONS, sealingKey: null });
    expect(receiver.receipts.map((r) => r.subjectId)).not.toContain(third);
    const delivery = await api.db.prisma.webhookDelivery.findFirstOrThrow({ where: { subjectId: third, endpointId }, include: { log: true } });
    expect(delivery.status).toBe('PENDING');
    expect(delivery.log.map((a) => a.error)).toEqual([expect.stringContaining('WEBHOOK_SECRET_KEY')]);
  });
});
