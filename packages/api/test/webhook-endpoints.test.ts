import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, DEFAULT_DISPATCHER, type DispatcherOptions } from '../src/push/dispatcher';
import { BPR, BRI, createEnterprise, enterpriseGid, memberOf, ownerOf, partnerId } from './financing-fixtures';
import { distributionOffer } from './opportunity-fixtures';
import { startReceiver } from './support/receiver';
import { startTestServer, type TestServer } from './support/server';

/**
 * Webhook endpoints over the API: registration (secret once), the SSRF rules at registration and at
 * connect time, rotation with overlap, the delivery log and replay, disabling after a day of
 * failures, and who receives what: no webhook carries an event its partner could not query.
 */

let api: TestServer;
const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

const CREATE = `mutation($input: WebhookEndpointCreateInput!) { webhookEndpointCreate(input: $input) {
  webhookEndpoint { id url eventTypes enabled } secret userErrors { code field message } } }`;
const ROTATE = `mutation($input: WebhookEndpointRotateSecretInput!) { webhookEndpointRotateSecret(input: $input) { secret userErrors { code field } } }`;
const LOG = `query($id: ID!) { node(id: $id) { ... on WebhookEndpoint { deliveries(first: 50) { nodes { id eventId eventType status attempts lastStatusCode log { statusCode latencyMs error } } } } } }`;

const OPTIONS: DispatcherOptions = {
  ...DEFAULT_DISPATCHER,
  retry: { baseMs: 50, capMs: 200, windowMs: 60_000, disableAfterMs: 60_000 },
  rules: { production: false, allowHosts: ['127.0.0.1'] },
  timeoutMs: 500,
  idleMs: 20,
};

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
});
afterAll(() => api?.close());
afterEach(async () => {
  delete process.env.WEBHOOK_ALLOW_HOSTS;
  await api.db.prisma.webhookEndpoint.updateMany({ data: { enabled: false } });
});

async function register(slug: string, url: string, eventTypes?: string[]) {
  process.env.WEBHOOK_ALLOW_HOSTS = '127.0.0.1';
  const member = await memberOf(api, slug);
  const res = await api.gql(CREATE, { input: { partnerId: gid('Partner', await partnerId(api, slug)), url, ...(eventTypes ? { eventTypes } : {}) } }, member.headers);
  expect(res.errors).toBeUndefined();
  expect(res.data!.webhookEndpointCreate.userErrors).toEqual([]);
  return { ...res.data!.webhookEndpointCreate, headers: member.headers } as { webhookEndpoint: { id: string }; secret: string; headers: Record<string, string> };
}

async function drain(options: DispatcherOptions = OPTIONS) {
  const dispatcher = createDispatcher(api.db.prisma, options);
  for (let i = 0; i < 40 && (await dispatcher.runOnce()) > 0; i += 1);
}

describe('updating and deleting an endpoint', () => {
  const UPDATE = `mutation($input: WebhookEndpointUpdateInput!) { webhookEndpointUpdate(input: $input) { webhookEndpoint { url } userErrors { code field message } } }`;
  const DELETE = `mutation($input: WebhookEndpointDeleteInput!) { webhookEndpointDelete(input: $input) { userErrors { code field message } } }`;

  it('refuses a private URL, or an endpoint of another partner, with a typed error and changes nothing', async () => {
    const { webhookEndpoint, headers } = await register('distribusi-pangan-jateng', 'http://127.0.0.1:9/hooks');
    delete process.env.WEBHOOK_ALLOW_HOSTS;
    const before = await api.db.prisma.webhookEndpoint.findMany({ orderBy: { id: 'asc' } });

    const privateUrl = await api.gql(UPDATE, { input: { id: webhookEndpoint.id, url: 'http://10.0.0.7/x' } }, headers);
    expect(privateUrl.data!.webhookEndpointUpdate.webhookEndpoint).toBeNull();
    expect(privateUrl.data!.webhookEndpointUpdate.userErrors).toEqual([expect.objectContaining({ field: ['input', 'url'] })]);
    expect(privateUrl.data!.webhookEndpointUpdate.userErrors[0].message).not.toContain('10.0.0.7');

    const other = await memberOf(api, BRI);
    for (const [query, name] of [
      [UPDATE, 'webhookEndpointUpdate'],
      [DELETE, 'webhookEndpointDelete'],
    ] as const) {
      const input = name === 'webhookEndpointUpdate' ? { id: webhookEndpoint.id, url: 'https://hooks.example/x' } : { id: webhookEndpoint.id };
      const res = await api.gql(query, { input }, other.headers);
      expect(res.data![name].userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'id'] })]);
    }
    expect(await api.db.prisma.webhookEndpoint.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
  });
});

describe('registration and SSRF', () => {
  it('shows the secret once and lists the endpoint to its partner only', async () => {
    const { webhookEndpoint, secret, headers } = await register('distribusi-pangan-jateng', 'http://127.0.0.1:9/hooks', ['OPPORTUNITY_POSTED']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    const again = await api.gql(`query($id: ID!) { node(id: $id) { ... on WebhookEndpoint { url eventTypes } } }`, { id: webhookEndpoint.id }, headers);
    expect(again.data!.node).toEqual({ url: 'http://127.0.0.1:9/hooks', eventTypes: ['OPPORTUNITY_POSTED'] });
    expect(JSON.stringify(again)).not.toContain(secret);
    const other = await memberOf(api, BRI);
    const theirs = await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: webhookEndpoint.id }, other.headers);
    expect(theirs.data?.node ?? null).toBeNull();
  });

  it.each([
    ['loopback', 'http://127.0.0.1:8080/x'],
    ['a DNS name resolving to loopback', 'http://localhost:8080/x'],
    ['another name for loopback in /etc/hosts', 'http://vm:8080/x'],
    ['private 10/8', 'http://10.0.0.7/x'],
    ['private 192.168/16', 'https://192.168.1.1/x'],
    ['link-local metadata', 'http://169.254.169.254/latest/meta-data'],
    ['IPv6 loopback', 'http://[::1]/x'],
    ['IPv6 unique-local', 'https://[fd00::1]/x'],
    ['IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]/x'],
  ])('refuses %s without the operator allow-list, writing nothing', async (_what, url) => {
    const member = await memberOf(api, 'distribusi-pangan-jateng');
    const before = await api.db.prisma.webhookEndpoint.count();
    const res = await api.gql(CREATE, { input: { partnerId: gid('Partner', await partnerId(api, 'distribusi-pangan-jateng')), url } }, member.headers);
    expect(res.data!.webhookEndpointCreate.userErrors).toEqual([{ code: 'INVALID_VALUE', field: ['input', 'url'], message: expect.not.stringContaining(url) }]);
    expect(await api.db.prisma.webhookEndpoint.count()).toBe(before);
  });

  it('refuses at connect time a name resolving to loopback and never follows a redirect', async () => {
    const target = await startReceiver(() => []);
    const redirector = createServer((_req, res) => res.writeHead(302, { location: target.url }).end());
    await new Promise<void>((r) => redirector.listen(0, '127.0.0.1', r));
    const port = (redirector.address() as AddressInfo).port;
    const partner = await partnerId(api, 'distribusi-pangan-jateng');
    // Written straight to the table, as if the name had resolved elsewhere at registration (DNS rebinding).
    const byName = await api.db.prisma.webhookEndpoint.create({ data: { partnerId: partner, url: target.url.replace('127.0.0.1', 'localhost'), eventTypes: [], secret: 'whsec_AAAA' } });
    const redirecting = await api.db.prisma.webhookEndpoint.create({ data: { partnerId: partner, url: `http://127.0.0.1:${port}/x`, eventTypes: [], secret: 'whsec_AAAA' } });
    const seller = await memberOf(api, 'distribusi-pangan-jateng');
    await api.gql(`mutation($input: OpportunityPostInput!) { opportunityPost(input: $input) { userErrors { code } } }`, { input: distributionOffer('SSRF uji') }, seller.headers);
    await drain();
    const attempts = await api.db.prisma.webhookAttempt.findMany({ where: { delivery: { endpointId: { in: [byName.id, redirecting.id] } } }, include: { delivery: true } });
    expect(attempts.filter((a) => a.delivery.endpointId === byName.id).map((a) => a.error)).toContain('the receiver resolves to a loopback, private or link-local address');
    expect(attempts.filter((a) => a.delivery.endpointId === redirecting.id).map((a) => [a.statusCode, a.error])).toContainEqual([302, 'redirect not followed']);
    expect(target.requests).toBe(0);
    await target.stop();
    redirector.close();
  });
});

describe('rotation, delivery log, replay, disabling', () => {
  it('during the overlap both secrets sign; the log shows each attempt; a replay repeats the event id', async () => {
    let secrets: string[] = [];
    const receiver = await startReceiver(() => secrets, (n) => ({ status: n === 0 ? 503 : 200 }));
    const { webhookEndpoint, secret: old, headers } = await register('distribusi-pangan-jateng', receiver.url);
    const rotated = await api.gql(ROTATE, { input: { id: webhookEndpoint.id, overlapHours: 1 } }, headers);
    const fresh = rotated.data!.webhookEndpointRotateSecret.secret as string;
    expect(fresh).not.toBe(old);
    const seller = await memberOf(api, 'distribusi-pangan-jateng');
    await api.gql(`mutation($input: OpportunityPostInput!) { opportunityPost(input: $input) { userErrors { code } } }`, { input: distributionOffer('Rotasi uji') }, seller.headers);
    secrets = [old];
    await drain();
    await new Promise((r) => setTimeout(r, 300));
    await drain();
    expect(receiver.receipts.map((r) => r.signed)).toEqual([true]);
    const log = (await api.gql(LOG, { id: webhookEndpoint.id }, headers)).data!.node.deliveries.nodes;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ eventType: 'OPPORTUNITY_POSTED', status: 'DELIVERED', attempts: 2, lastStatusCode: 200 });
    expect(log[0].log.map((a: { statusCode: number }) => a.statusCode)).toEqual([503, 200]);

    // Only the new secret once the overlap is over.
    await api.gql(ROTATE, { input: { id: webhookEndpoint.id, overlapHours: 0 } }, headers);
    const current = (await api.db.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: Buffer.from(webhookEndpoint.id, 'base64').toString().split(':')[1]! } })).secret;
    const replay = await api.gql(`mutation($id: ID!) { webhookDeliveryReplay(input: { id: $id }) { delivery { eventId status } userErrors { code } } }`, { id: log[0].id }, headers);
    expect(replay.data!.webhookDeliveryReplay.delivery).toEqual({ eventId: log[0].eventId, status: 'PENDING' });
    secrets = [fresh];
    await drain();
    expect(receiver.receipts.map((r) => [r.id, r.signed])).toEqual([
      [log[0].eventId, true],
      [log[0].eventId, false],
    ]);
    secrets = [current];
    await api.gql(`mutation($id: ID!) { webhookDeliveryReplay(input: { id: $id }) { userErrors { code } } }`, { id: log[0].id }, headers);
    await drain();
    expect(receiver.receipts.at(-1)).toMatchObject({ id: log[0].eventId, signed: true });

    const stranger = await memberOf(api, BRI);
    const refused = await api.gql(`mutation($id: ID!) { webhookDeliveryReplay(input: { id: $id }) { userErrors { code } } }`, { id: log[0].id }, stranger.headers);
    expect(refused.data!.webhookDeliveryReplay.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
    await receiver.stop();
  });

  it('an endpoint failing for the whole (scaled) day is disabled and its partner told', async () => {
    const receiver = await startReceiver(() => [], () => ({ status: 500 }));
    const { webhookEndpoint } = await register('distribusi-pangan-jateng', receiver.url);
    const seller = await memberOf(api, 'distribusi-pangan-jateng');
    await api.gql(`mutation($input: OpportunityPostInput!) { opportunityPost(input: $input) { userErrors { code } } }`, { input: distributionOffer('Gagal uji') }, seller.headers);
    const options = { ...OPTIONS, retry: { ...OPTIONS.retry, disableAfterMs: 250 } };
    const dispatcher = createDispatcher(api.db.prisma, options);
    dispatcher.start();
    const id = Buffer.from(webhookEndpoint.id, 'base64').toString().split(':')[1]!;
    for (let i = 0; i < 100 && (await api.db.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id } })).enabled; i += 1) await new Promise((r) => setTimeout(r, 25));
    await dispatcher.stop();
    expect((await api.db.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id } })).enabled).toBe(false);
    const told = await api.db.prisma.event.findMany({ where: { type: 'webhook_endpoint.disabled', subjectId: webhookEndpoint.id } });
    expect(told).toHaveLength(1);
    expect(told[0]!.partnerIds).toEqual([await partnerId(api, 'distribusi-pangan-jateng')]);
    await receiver.stop();
  });
});

describe('authorisation: a webhook carries only what its partner may query', () => {
  it('deliveries go to the partners in the audience, and to no one else', async () => {
    const distributor = await register('distribusi-pangan-jateng', 'http://127.0.0.1:9/a');
    const bank = await register(BRI, 'http://127.0.0.1:9/b');
    const bpr = await register(BPR, 'http://127.0.0.1:9/c');
    const endpoints = { distributor: distributor.webhookEndpoint.id, bank: bank.webhookEndpoint.id, bpr: bpr.webhookEndpoint.id };
    const received = async (eventType: string) => {
      const rows = await api.db.prisma.webhookDelivery.findMany({ where: { event: { type: eventType } }, select: { endpointId: true } });
      const ids = new Set(rows.map((r) => gid('WebhookEndpoint', r.endpointId)));
      return Object.entries(endpoints).filter(([, id]) => ids.has(id)).map(([who]) => who);
    };
    const enterprise = await createEnterprise(api);
    const owner = await ownerOf(api, enterprise);
    // A need before any consent: no funder may see it, so no funder's webhook carries it.
    await api.gql(`mutation($input: FinancingNeedCreateInput!) { financingNeedCreate(input: $input) { userErrors { code } } }`, { input: { enterpriseId: enterpriseGid(enterprise), amount: '20000000', purpose: 'INVESTMENT', tenorMonths: 12 } }, owner.headers);
    expect(await received('financing_need.created')).toEqual([]);
    // A consent to every bank: BRI (a bank) is told, the BPR and the distributor are not.
    await api.gql(`mutation($input: ConsentGrantInput!) { consentGrant(input: $input) { userErrors { code } } }`, { input: { enterpriseId: enterpriseGid(enterprise), funderType: 'BANK', scopes: ['NEEDS'], expiresAt: new Date(Date.now() + 86_400_000 * 30).toISOString() } }, owner.headers);
    expect(await received('consent.granted')).toEqual(['bank']);
    // Under that consent a new need reaches BRI only.
    const need = await api.gql(`mutation($input: FinancingNeedCreateInput!) { financingNeedCreate(input: $input) { financingNeed { id } userErrors { code } } }`, { input: { enterpriseId: enterpriseGid(enterprise), amount: '30000000', purpose: 'INVESTMENT', tenorMonths: 12 } }, owner.headers);
    const deliveries = await api.db.prisma.webhookDelivery.findMany({ where: { event: { type: 'financing_need.created', subjectId: need.data!.financingNeedCreate.financingNeed.id } }, select: { endpointId: true } });
    expect(deliveries.map((d) => gid('WebhookEndpoint', d.endpointId))).toEqual([endpoints.bank]);
    // A public opportunity reaches everyone.
    const seller = await memberOf(api, 'distribusi-pangan-jateng');
    await api.gql(`mutation($input: OpportunityPostInput!) { opportunityPost(input: $input) { userErrors { code } } }`, { input: distributionOffer('Untuk semua') }, seller.headers);
    expect((await received('opportunity.posted')).sort()).toEqual(['bank', 'bpr', 'distributor']);
    // A lead's pipeline is its funder's own.
    const leadId = gid('FinancingLead', Buffer.from(need.data!.financingNeedCreate.financingNeed.id, 'base64').toString().split(':')[1]!);
    const moved = await api.gql(`mutation($input: LeadStatusUpdateInput!) { leadStatusUpdate(input: $input) { userErrors { code } } }`, { input: { leadId, status: 'CONTACTED' } }, bank.headers);
    expect(moved.data!.leadStatusUpdate.userErrors).toEqual([]);
    expect(await received('lead.status_changed')).toEqual(['bank']);
  });
});
