import { globalId } from '@temu-bisnis/schema/common/outbox';
import { expireConsents } from '@temu-bisnis/schema/consent/expiry';
import { newWebhookSecret } from '@temu-bisnis/schema/domain/push/signature';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, DEFAULT_DISPATCHER, type DispatcherOptions, NOT_ENTITLED } from '../src/push/dispatcher';
import { BRI, createEnterprise, DAY_MS, enterpriseGid, insertConsent, memberOf, ownerOf, partnerId } from './financing-fixtures';
import { type Receiver, startReceiver } from './support/receiver';
import { startTestServer, type TestServer } from './support/server';
import { hangUpAll, subscribe, waitFor } from './support/sse';

/**
 * Consent is checked when an event is handed over, not only when it was written: a consent revoked
 * or expired in between stops a webhook (the delivery is SKIPPED in the log, never sent) and a
 * subscription. The expiry sweeper writes consent.expired once per consent, however many sweep.
 */

let api: TestServer;
let receiver: Receiver;
let bri: string;
const secret = newWebhookSecret();
const FAST: DispatcherOptions = { ...DEFAULT_DISPATCHER, rules: { production: false, allowHosts: ['127.0.0.1'] }, timeoutMs: 2_000, idleMs: 20 };

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  bri = await partnerId(api, BRI);
  receiver = await startReceiver(() => [secret]);
  await api.db.prisma.webhookEndpoint.updateMany({ data: { enabled: false } });
  await api.db.prisma.webhookEndpoint.create({ data: { partnerId: bri, url: receiver.url, eventTypes: ['financing_need.created'], secret } });
});
afterAll(async () => {
  hangUpAll();
  await receiver?.stop();
  await api?.close();
});

const NEED = `mutation($input: FinancingNeedCreateInput!) { financingNeedCreate(input: $input) { financingNeed { id } userErrors { code } } }`;

/** An enterprise with an owner, and its need stated over the API (its event fans out to BRI's endpoint only under consent). */
async function enterpriseWithNeed(consent: (enterpriseId: string, owner: Record<string, string>) => Promise<string>) {
  const enterprise = await createEnterprise(api);
  const owner = (await ownerOf(api, enterprise)).headers;
  const consentId = await consent(enterprise, owner);
  const res = await api.gql(NEED, { input: { enterpriseId: enterpriseGid(enterprise), amount: '30000000', purpose: 'WORKING_CAPITAL', tenorMonths: 12 } }, owner);
  expect(res.data!.financingNeedCreate.userErrors).toEqual([]);
  return { enterprise, owner, consentId, needId: res.data!.financingNeedCreate.financingNeed.id as string };
}

async function grantOverApi(enterprise: string, owner: Record<string, string>): Promise<string> {
  const res = await api.gql(
    `mutation($input: ConsentGrantInput!) { consentGrant(input: $input) { consent { id } userErrors { code } } }`,
    { input: { enterpriseId: enterpriseGid(enterprise), funderType: 'BANK', scopes: ['NEEDS'], expiresAt: new Date(Date.now() + 30 * DAY_MS).toISOString() } },
    owner,
  );
  expect(res.data!.consentGrant.userErrors).toEqual([]);
  return res.data!.consentGrant.consent.id;
}

async function revokeOverApi(consentId: string, owner: Record<string, string>) {
  const res = await api.gql(`mutation($input: ConsentRevokeInput!) { consentRevoke(input: $input) { userErrors { code } } }`, { input: { id: consentId } }, owner);
  expect(res.data!.consentRevoke.userErrors).toEqual([]);
}

/** The BRI endpoint's delivery of the need's event, with its log. */
const deliveryOf = (needId: string) => api.db.prisma.webhookDelivery.findFirstOrThrow({ where: { subjectId: needId, endpoint: { partnerId: bri } }, include: { log: true } });

async function drain(options: DispatcherOptions) {
  const dispatcher = createDispatcher(api.db.prisma, options);
  while ((await dispatcher.runOnce()) > 0);
}

describe('webhooks re-check consent when they send', () => {
  it('a consent revoked after the need was stated: the delivery is SKIPPED in the log and never sent; a consented one is sent', async () => {
    const revoked = await enterpriseWithNeed(grantOverApi);
    const kept = await enterpriseWithNeed(grantOverApi);
    // Both were entitled when written.
    expect((await deliveryOf(revoked.needId)).status).toBe('PENDING');
    await revokeOverApi(revoked.consentId, revoked.owner);
    await drain(FAST);
    expect(receiver.receipts.map((r) => r.subjectId)).toContain(kept.needId);
    expect(receiver.receipts.map((r) => r.subjectId)).not.toContain(revoked.needId);
    const skipped = await deliveryOf(revoked.needId);
    expect(skipped).toMatchObject({ status: 'SKIPPED', lastError: NOT_ENTITLED, deliveredAt: null });
    expect(skipped.log.map((a) => [a.statusCode, a.error])).toEqual([[null, NOT_ENTITLED]]);
    expect((await deliveryOf(kept.needId)).status).toBe('DELIVERED');
    // The partner reads it in its delivery log.
    const log = await api.gql(
      `query($p: ID!) { webhookEndpoints(partnerId: $p) { edges { node { deliveries(first: 10) { edges { node { subjectId status log { error } } } } } } } }`,
      { p: globalId('Partner', bri) },
      (await memberOf(api, BRI)).headers,
    );
    expect(log.errors).toBeUndefined();
    type Edges<T> = { edges: { node: T }[] };
    const nodes = (log.data!.webhookEndpoints as Edges<{ deliveries: Edges<unknown> }>).edges.flatMap((e) => e.node.deliveries.edges.map((d) => d.node));
    expect(nodes).toContainEqual({ subjectId: revoked.needId, status: 'SKIPPED', log: [{ error: NOT_ENTITLED }] });
    // A replay is checked the same way: skipped again, still not sent.
    const replay = await api.gql(`mutation($id: ID!) { webhookDeliveryReplay(input: { id: $id }) { delivery { id } userErrors { code } } }`, { id: globalId('WebhookDelivery', skipped.id) }, (await memberOf(api, BRI)).headers);
    expect(replay.data!.webhookDeliveryReplay.userErrors).toEqual([]);
    await drain(FAST);
    const again = await api.db.prisma.webhookDelivery.findMany({ where: { subjectId: revoked.needId }, select: { status: true } });
    expect(again.map((d) => d.status)).toEqual(['SKIPPED', 'SKIPPED']);
    expect(receiver.receipts.map((r) => r.subjectId)).not.toContain(revoked.needId);
  });

  it('a consent that expired after the need was stated: skipped likewise', async () => {
    const expiring = await enterpriseWithNeed((e) => insertConsent(api, e, { funderSlug: BRI, scopes: ['NEEDS'], expiresAt: new Date(Date.now() + 3_600_000) }));
    const lasting = await enterpriseWithNeed((e) => insertConsent(api, e, { funderSlug: BRI, scopes: ['NEEDS'] }));
    expect((await deliveryOf(expiring.needId)).status).toBe('PENDING');
    // The dispatcher runs two hours later: the first consent has ended.
    await drain({ ...FAST, now: () => new Date(Date.now() + 2 * 3_600_000) });
    expect((await deliveryOf(expiring.needId)).status).toBe('SKIPPED');
    expect((await deliveryOf(lasting.needId)).status).toBe('DELIVERED');
    expect(receiver.receipts.map((r) => r.subjectId)).not.toContain(expiring.needId);
  });
});

describe('subscriptions re-check consent when they hand an event over', () => {
  it('a resumer does not get a need whose consent was revoked since; it gets the consented one', async () => {
    const [last] = await api.db.prisma.event.findMany({ orderBy: { seq: 'desc' }, take: 1 });
    const revoked = await enterpriseWithNeed(grantOverApi);
    const kept = await enterpriseWithNeed(grantOverApi);
    await revokeOverApi(revoked.consentId, revoked.owner);
    const sub = await subscribe(api, (await memberOf(api, BRI)).headers, { types: ['FINANCING_NEED_CREATED'], after: last!.id });
    await waitFor(() => sub.received.some((e) => e.subjectId === kept.needId));
    sub.close();
    expect(sub.received.map((e) => e.subjectId)).not.toContain(revoked.needId);
  });
});

describe('the consent expiry sweeper', () => {
  const past = (days: number) => new Date(Date.now() - days * DAY_MS);
  const expiredEvents = (consentIds: string[]) =>
    api.db.prisma.event.findMany({ where: { type: 'consent.expired', subjectId: { in: consentIds.map((id) => globalId('Consent', id)) } } });

  it('expires each consent past its end date once, with exactly one consent.expired, however many sweep at once', async () => {
    const enterprise = await createEnterprise(api);
    const ended = await insertConsent(api, enterprise, { funderSlug: BRI, grantedAt: past(40), expiresAt: past(1) });
    const endedToo = await insertConsent(api, enterprise, { funderType: 'BANK', grantedAt: past(40), expiresAt: past(2) });
    const revoked = await insertConsent(api, enterprise, { funderSlug: BRI, grantedAt: past(40), expiresAt: past(1) });
    await api.db.prisma.consentRevocation.create({ data: { consentId: revoked, revokedAt: past(5) } });
    const running = await insertConsent(api, enterprise, { funderSlug: BRI });
    const now = new Date();
    const counts = await Promise.all([1, 2, 3, 4].map(() => expireConsents(api.db.prisma, now)));
    expect(counts.reduce((s, n) => s + n, 0)).toBeGreaterThanOrEqual(2);
    expect(await expireConsents(api.db.prisma, new Date())).toBe(0);
    const events = await expiredEvents([ended, endedToo, revoked, running]);
    expect(events.map((e) => e.subjectId).sort()).toEqual([globalId('Consent', ended), globalId('Consent', endedToo)].sort());
    // To the parties the consent concerned: the enterprise and the funder it names (or its subtype).
    const byId = new Map(events.map((e) => [e.subjectId, e]));
    expect(byId.get(globalId('Consent', ended))).toMatchObject({ enterpriseIds: [enterprise], partnerIds: [bri], funderType: null, public: false });
    expect(byId.get(globalId('Consent', endedToo))).toMatchObject({ partnerIds: [], funderType: 'BANK' });
    const rows = await api.db.prisma.consent.findMany({ where: { id: { in: [ended, endedToo, revoked, running] } } });
    expect(Object.fromEntries(rows.map((r) => [r.id, r.expiredAt !== null]))).toEqual({ [ended]: true, [endedToo]: true, [revoked]: false, [running]: false });
  });

  it('the dispatcher loop runs it', async () => {
    const consent = await insertConsent(api, await createEnterprise(api), { funderSlug: BRI, grantedAt: past(40), expiresAt: past(1) });
    const dispatcher = createDispatcher(api.db.prisma, { ...FAST, sweepMs: 0 });
    dispatcher.start();
    try {
      await waitFor(async () => (await expiredEvents([consent])).length > 0);
    } finally {
      await dispatcher.stop();
    }
    expect(await expiredEvents([consent])).toHaveLength(1);
  });
});
