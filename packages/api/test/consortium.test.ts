import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fixtures from './consortium-fixtures';
import { ACCEPT, codes, DECLINE, DELIVER, PROPOSE, SEND, consortiumSetting } from './consortium-fixtures';
import { DAY_MS, memberOfPartner, ownerOf } from './forum-fixtures';
import { globalId } from './support/ids';
import { startTestServer, type TestServer } from './support/server';

/**
 * Consortium offers over real HTTP (issue 19): capacity, propose, accept and decline shares,
 * send to the buyer; every broken rule a userError with nothing written; who sees what; and 100
 * simultaneous acceptances across overlapping consortia that never over-commit a member.
 */

let api: TestServer;
let staff: Record<string, string>;
let districtId: string;
let buyerId: string;

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  ({ staff, districtId, buyerId } = await consortiumSetting(api));
});
afterAll(async () => api?.close());

const READ = /* GraphQL */ `
  query ($id: ID!) { node(id: $id) { ... on ConsortiumOffer { status coordinator { id } shares { quantity status enterprise { id } } } } }`;

const sentraWith = (count: number) => fixtures.sentraWith(api, count, districtId);
const buyRequest = (quantity: number, validForDays = 30) => fixtures.buyRequest(api, buyerId, quantity, validForDays);
const setCapacity = (enterpriseId: string, monthlyCapacity: number, sharePercent: number, headers = staff) =>
  fixtures.setCapacity(api, headers, enterpriseId, monthlyCapacity, sharePercent);
const offerCount = () => api.db.prisma.consortiumOffer.count();

describe('a consortium offer from proposal to the buyer', () => {
  it('every rule refused with a userError and nothing written; shares within capacity; the buyer sees it only once sent', async () => {
    const { sentra, members } = await sentraWith(4);
    const [a, b, c, d] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0], (typeof members)[0]];
    const ownerD = await ownerOf(api, d.id);
    // Capacity: the owner sets its own; another enterprise's owner may not; bad numbers are userErrors.
    expect((await setCapacity(d.id, 1_000, 40, ownerD)).data!.consortiumCapacitySet.userErrors).toEqual([]);
    expect((await setCapacity(a.id, 1_000, 50, ownerD)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(codes((await setCapacity(a.id, -1, 101)).data!.consortiumCapacitySet)).toEqual(['input.monthlyCapacity:INVALID_VALUE', 'input.sharePercent:INVALID_VALUE']);
    for (const [m, cap] of [
      [a, 1_000],
      [b, 1_000],
      [c, 600],
    ] as const) {
      expect((await setCapacity(m.id, cap, 50)).data!.consortiumCapacitySet.capacity).toMatchObject({ unit: 'pcs', sharePercent: 50 });
    }
    // free: a 500, b 500, c 300, d 400 = 1,700
    const request = await buyRequest(1_200);
    const input = { opportunityId: globalId('Opportunity', request.id), sentraId: globalId('Sentra', sentra.id), coordinatorId: globalId('Enterprise', a.id) };
    const before = await offerCount();

    expect((await api.gql(PROPOSE, { input }, ownerD)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const outsider = await api.db.prisma.enterprise.findFirstOrThrow({ where: { sentraId: { not: sentra.id }, status: 'ACTIVE' } });
    const outside = (await api.gql(PROPOSE, { input: { ...input, memberIds: [a.id, outsider.id].map((id) => globalId('Enterprise', id)) } }, staff)).data!.consortiumOfferPropose;
    expect(codes(outside)).toEqual(['input.memberIds.1:OUTSIDE_REGION']);
    const tooBig = await buyRequest(1_701);
    const uncovered = (await api.gql(PROPOSE, { input: { ...input, opportunityId: globalId('Opportunity', tooBig.id) } }, staff)).data!.consortiumOfferPropose;
    expect(codes(uncovered)).toEqual(['input.opportunityId:NOT_COVERED']);
    expect(uncovered.userErrors[0].message).not.toContain('1701');
    const lapsed = await buyRequest(100, -1);
    expect(codes((await api.gql(PROPOSE, { input: { ...input, opportunityId: globalId('Opportunity', lapsed.id) } }, staff)).data!.consortiumOfferPropose)).toEqual([
      'input.opportunityId:OPPORTUNITY_CLOSED',
    ]);
    expect(codes((await api.gql(PROPOSE, { input: { ...input, coordinatorId: globalId('Enterprise', outsider.id) } }, staff)).data!.consortiumOfferPropose)).toEqual([
      'input.coordinatorId:INVALID_VALUE',
    ]);
    expect(await offerCount()).toBe(before);

    const { offer, userErrors } = (await api.gql(PROPOSE, { input }, staff)).data!.consortiumOfferPropose;
    expect(userErrors).toEqual([]);
    expect(offer).toMatchObject({ status: 'PROPOSED', quantity: 1_200, unit: 'pcs', acceptedQuantity: 0, coordinator: { id: globalId('Enterprise', a.id) } });
    const shareOf = new Map(offer.shares.map((s: { enterprise: { id: string } }) => [s.enterprise.id, s]));
    const share = (m: { id: string }) => shareOf.get(globalId('Enterprise', m.id)) as { id: string; quantity: number; reasons: string[] };
    // Same tier for all: 1,200 of 1,700 spread to the same utilisation (about 70.6 %), never above what each is free to commit.
    expect(offer.shares.reduce((s: number, x: { quantity: number }) => s + x.quantity, 0)).toBe(1_200);
    for (const [m, free] of [
      [a, 500],
      [b, 500],
      [c, 300],
      [d, 400],
    ] as const) {
      expect(share(m).quantity).toBeLessThanOrEqual(free);
      expect(share(m).quantity).toBeGreaterThanOrEqual(Math.floor(free * 0.7));
      expect(share(m).reasons[0]).toMatch(/^Commits (50|40) % of/);
    }

    const buyer = await memberOfPartner(api, buyerId);
    expect((await api.gql(READ, { id: offer.id }, buyer)).data?.node ?? null).toBeNull();

    // D's owner answers D's share, not A's (NOT_FOUND, as for an unknown ID).
    expect((await api.gql(ACCEPT, { input: { shareId: share(d).id } }, ownerD)).data!.consortiumShareAccept.share.status).toBe('ACCEPTED');
    expect(codes((await api.gql(ACCEPT, { input: { shareId: share(a).id } }, ownerD)).data!.consortiumShareAccept)).toEqual(['input.shareId:NOT_FOUND']);
    expect(codes((await api.gql(ACCEPT, { input: { shareId: share(d).id } }, ownerD)).data!.consortiumShareAccept)).toEqual(['input.shareId:INVALID_TRANSITION']);
    for (const m of [a, b]) expect((await api.gql(ACCEPT, { input: { shareId: share(m).id } }, staff)).data!.consortiumShareAccept.userErrors).toEqual([]);
    const notYet = (await api.gql(SEND, { input: { offerId: offer.id } }, staff)).data!.consortiumOfferSend;
    expect(codes(notYet)).toEqual(['input.offerId:NOT_COVERED']);
    // Lowering a capacity below what accepted shares hold is refused.
    expect(codes((await setCapacity(a.id, 1_000, 10)).data!.consortiumCapacitySet)).toEqual(['input.sharePercent:OVER_CAPACITY']);
    expect((await api.gql(ACCEPT, { input: { shareId: share(c).id } }, staff)).data!.consortiumShareAccept.userErrors).toEqual([]);
    const sent = (await api.gql(SEND, { input: { offerId: offer.id } }, staff)).data!.consortiumOfferSend;
    expect(sent.offer).toMatchObject({ status: 'SENT', acceptedQuantity: 1_200 });
    expect(codes((await api.gql(DECLINE, { input: { shareId: share(c).id } }, staff)).data!.consortiumShareDecline)).toEqual(['input.shareId:INVALID_TRANSITION']);

    const seen = (await api.gql(READ, { id: offer.id }, buyer)).data!.node;
    expect(seen).toMatchObject({ status: 'SENT', coordinator: { id: globalId('Enterprise', a.id) } });
    expect(seen.shares).toHaveLength(4);
    const otherBuyer = await api.db.prisma.partner.findFirstOrThrow({ where: { kind: 'BUYER', id: { not: buyerId } } });
    expect((await api.gql(READ, { id: offer.id }, await memberOfPartner(api, otherBuyer.id))).data?.node ?? null).toBeNull();
  }, 120_000);

  it('a declined share is not counted; the buyer sees only the members that accepted', async () => {
    const { sentra, members } = await sentraWith(3);
    for (const m of members) await setCapacity(m.id, 1_000, 100);
    const request = await buyRequest(900);
    const { offer } = (
      await api.gql(
        PROPOSE,
        { input: { opportunityId: globalId('Opportunity', request.id), sentraId: globalId('Sentra', sentra.id), coordinatorId: globalId('Enterprise', members[0]!.id) } },
        staff,
      )
    ).data!.consortiumOfferPropose;
    expect(offer.shares.map((s: { quantity: number }) => s.quantity)).toEqual([300, 300, 300]);
    await api.gql(ACCEPT, { input: { shareId: offer.shares[0].id } }, staff);
    await api.gql(ACCEPT, { input: { shareId: offer.shares[1].id } }, staff);
    expect((await api.gql(DECLINE, { input: { shareId: offer.shares[2].id } }, staff)).data!.consortiumShareDecline.share.status).toBe('DECLINED');
    expect(codes((await api.gql(SEND, { input: { offerId: offer.id } }, staff)).data!.consortiumOfferSend)).toEqual(['input.offerId:NOT_COVERED']);
    // Covered by the two, once the request asks for less: the buyer then sees two members.
    await api.db.prisma.consortiumOffer.update({ where: { id: Buffer.from(offer.id, 'base64').toString().split(':')[1]! }, data: { quantity: 600 } });
    expect((await api.gql(SEND, { input: { offerId: offer.id } }, staff)).data!.consortiumOfferSend.offer.status).toBe('SENT');
    const buyer = await memberOfPartner(api, buyerId);
    const seen = (await api.gql(READ, { id: offer.id }, buyer)).data!.node;
    expect(seen.shares.map((s: { status: string }) => s.status)).toEqual(['ACCEPTED', 'ACCEPTED']);
    // The list answers what the object does: the buyer's sent offers only; another partner none.
    const LIST = `query ($o: ID) { consortiumOffers(opportunityId: $o) { totalCount nodes { id status } } }`;
    const listed = (await api.gql(LIST, { o: globalId('Opportunity', request.id) }, buyer)).data!.consortiumOffers;
    expect(listed).toEqual({ totalCount: 1, nodes: [{ id: offer.id, status: 'SENT' }] });
    const other = await api.db.prisma.partner.findFirstOrThrow({ where: { kind: 'DISTRIBUTOR' } });
    expect((await api.gql(LIST, {}, await memberOfPartner(api, other.id))).data!.consortiumOffers.totalCount).toBe(0);
  }, 60_000);
});

describe('certificates against the first day of delivery', () => {
  it('a required certificate that expired the day before delivery begins gives no share, and the candidates say why; the day of or after, it counts', async () => {
    const { sentra, members } = await sentraWith(3);
    const [before, dayOf, after] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]];
    // Delivery begins today in Semarang (the request opened two days ago); @db.Date is a calendar day.
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const day = (offset: number) => new Date(Date.parse(`${today}T00:00:00.000Z`) + offset * DAY_MS);
    for (const [m, offset] of [
      [before, -1],
      [dayOf, 0],
      [after, 1],
    ] as const) {
      await setCapacity(m.id, 1_000, 100);
      await api.db.prisma.certification.create({ data: { enterpriseId: m.id, kind: 'SNI', expiresOn: day(offset) } });
    }
    const request = await api.db.prisma.opportunity.update({ where: { id: (await buyRequest(2_000)).id }, data: { requiredCertifications: ['SNI'] } });
    const input = { opportunityId: globalId('Opportunity', request.id), sentraId: globalId('Sentra', sentra.id), coordinatorId: globalId('Enterprise', dayOf.id) };

    const CANDIDATES = `query ($id: ID!) { consortiumCandidates(opportunityId: $id) { groups { sentra { id } free covers members { enterprise { id } free quantity reasons } } } }`;
    const groups = (await api.gql(CANDIDATES, { id: input.opportunityId }, staff)).data!.consortiumCandidates.groups;
    const group = groups.find((g: { sentra: { id: string } | null }) => g.sentra?.id === input.sentraId);
    expect(group).toMatchObject({ free: 2_000, covers: true });
    const listed = new Map(group.members.map((m: { enterprise: { id: string } }) => [m.enterprise.id, m]));
    expect(listed.get(globalId('Enterprise', before.id))).toMatchObject({
      free: 0,
      quantity: 0,
      reasons: [`Member of ${sentra.name}.`, `Left out: its required certificate SNI expired on ${day(-1).toISOString().slice(0, 10)}, before delivery begins on ${today}.`],
    });
    expect(listed.get(globalId('Enterprise', dayOf.id))).toMatchObject({ free: 1_000, quantity: 1_000 });

    const { offer, userErrors } = (await api.gql(PROPOSE, { input }, staff)).data!.consortiumOfferPropose;
    expect(userErrors).toEqual([]);
    expect(offer.shares.map((s: { enterprise: { id: string }; quantity: number }) => [s.enterprise.id, s.quantity]).sort()).toEqual(
      [
        [globalId('Enterprise', dayOf.id), 1_000],
        [globalId('Enterprise', after.id), 1_000],
      ].sort(),
    );
    // One unit more than the two valid certificates can make a month: the expired one does not make up for it.
    await api.db.prisma.opportunity.update({ where: { id: request.id }, data: { quantity: 2_001 } });
    expect(codes((await api.gql(PROPOSE, { input }, staff)).data!.consortiumOfferPropose)).toEqual(['input.opportunityId:NOT_COVERED']);
  }, 60_000);
});

describe('deliveries', () => {
  it('the coordinator records them, never more than a share; a member that delivered its promise is preferred next time', async () => {
    const { sentra, members } = await sentraWith(2);
    const [a, b] = members as [(typeof members)[0], (typeof members)[0]];
    for (const m of members) await setCapacity(m.id, 1_000, 100);
    const first = await buyRequest(1_000);
    const propose = async (opportunityId: string) =>
      (
        await api.gql(
          PROPOSE,
          { input: { opportunityId: globalId('Opportunity', opportunityId), sentraId: globalId('Sentra', sentra.id), coordinatorId: globalId('Enterprise', a.id) } },
          staff,
        )
      ).data!.consortiumOfferPropose.offer;
    const offer = await propose(first.id);
    const shareOf = (o: { shares: { id: string; enterprise: { id: string }; quantity: number; reasons: string[] }[] }, m: { id: string }) =>
      o.shares.find((s) => s.enterprise.id === globalId('Enterprise', m.id))!;
    const deliver = (shareId: string, quantity: number, headers: Record<string, string>, deliveredOn = new Date().toISOString().slice(0, 10)) =>
      api.gql(DELIVER, { input: { shareId, quantity, deliveredOn } }, headers);
    // Before the offer is sent nothing can be delivered against it.
    expect(codes((await deliver(shareOf(offer, b).id, 10, staff)).data!.consortiumDeliveryRecord)).toEqual(['input.shareId:INVALID_TRANSITION']);
    for (const s of offer.shares) await api.gql(ACCEPT, { input: { shareId: s.id } }, staff);
    expect((await api.gql(SEND, { input: { offerId: offer.id } }, staff)).data!.consortiumOfferSend.offer.status).toBe('SENT');
    const coordinator = await ownerOf(api, a.id);
    const memberB = await ownerOf(api, b.id);
    expect(codes((await deliver(shareOf(offer, b).id, 500, memberB)).data!.consortiumDeliveryRecord)).toEqual(['input.shareId:NOT_FOUND']);
    expect((await deliver(shareOf(offer, b).id, 500, coordinator)).data!.consortiumDeliveryRecord.delivery).toMatchObject({ quantity: 500 });
    expect(codes((await deliver(shareOf(offer, b).id, 1, coordinator)).data!.consortiumDeliveryRecord)).toEqual(['input.quantity:INVALID_VALUE']);
    expect(codes((await deliver(shareOf(offer, a).id, 0, coordinator, '2999-01-01')).data!.consortiumDeliveryRecord)).toEqual([
      'input.quantity:INVALID_VALUE',
      'input.deliveredOn:INVALID_VALUE',
    ]);
    expect((await deliver(shareOf(offer, a).id, 474, coordinator)).data!.consortiumDeliveryRecord.userErrors).toEqual([]); // 94.8 %
    // The month is over: the first offer holds no capacity any more, and its deliveries make the record.
    await api.db.prisma.opportunity.update({ where: { id: first.id }, data: { validUntil: new Date(Date.now() - DAY_MS) } });
    const next = await propose((await buyRequest(600)).id);
    expect(shareOf(next, b)).toMatchObject({ quantity: 600 });
    expect(shareOf(next, b).reasons).toContain('Proven: delivered 500 of 500 units promised before.');
    expect(next.shares).toHaveLength(1); // A, below 95 %, is not needed
  }, 60_000);

  it('a 3-month request is divided per month in the proposal; a share delivers at most share × months, and is promised that much', async () => {
    const { sentra, members } = await sentraWith(2);
    const [a, b] = members as [(typeof members)[0], (typeof members)[0]];
    for (const m of members) await setCapacity(m.id, 1_000, 100);
    // 4,500 over 3 months is 1,500 a month: within the 2,000 the two can make a month (as a monthly volume it would not be).
    const request = await api.db.prisma.opportunity.update({ where: { id: (await buyRequest(4_500)).id }, data: { deliveryMonths: 3 } });
    const input = { opportunityId: globalId('Opportunity', request.id), sentraId: globalId('Sentra', sentra.id), coordinatorId: globalId('Enterprise', a.id) };
    const { offer, userErrors } = (await api.gql(PROPOSE, { input }, staff)).data!.consortiumOfferPropose;
    expect(userErrors).toEqual([]);
    expect(offer).toMatchObject({ quantity: 1_500, unit: 'pcs' });
    expect(offer.shares.map((s: { quantity: number }) => s.quantity)).toEqual([750, 750]);
    expect(offer.shares[0].reasons.join(' ')).toContain('4,500 units over 3 months are 1,500 a month');
    for (const s of offer.shares) await api.gql(ACCEPT, { input: { shareId: s.id } }, staff);
    expect((await api.gql(SEND, { input: { offerId: offer.id } }, staff)).data!.consortiumOfferSend.offer.status).toBe('SENT');
    const shareOf = (m: { id: string }) => offer.shares.find((s: { enterprise: { id: string } }) => s.enterprise.id === globalId('Enterprise', m.id)).id as string;
    const deliver = (m: { id: string }, quantity: number) =>
      api.gql(DELIVER, { input: { shareId: shareOf(m), quantity, deliveredOn: new Date().toISOString().slice(0, 10) } }, staff);
    // 750 a month over 3 months: 2,250 in all, more than one month's share and not one unit over the period's.
    expect((await deliver(a, 2_000)).data!.consortiumDeliveryRecord.userErrors).toEqual([]);
    const over = (await deliver(a, 251)).data!.consortiumDeliveryRecord;
    expect(codes(over)).toEqual(['input.quantity:INVALID_VALUE']);
    expect(over.userErrors[0].message).toBe('The share has 250 pcs left to deliver.');
    expect((await deliver(a, 250)).data!.consortiumDeliveryRecord.userErrors).toEqual([]);
    expect((await deliver(b, 750)).data!.consortiumDeliveryRecord.userErrors).toEqual([]); // one month of three
    // The period is over: A delivered all it promised over the 3 months, B a third of it.
    await api.db.prisma.opportunity.update({ where: { id: request.id }, data: { validUntil: new Date(Date.now() - DAY_MS) } });
    const next = (await api.gql(PROPOSE, { input: { ...input, opportunityId: globalId('Opportunity', (await buyRequest(600)).id) } }, staff)).data!.consortiumOfferPropose.offer;
    const reasons = new Map(next.shares.map((s: { enterprise: { id: string }; reasons: string[] }) => [s.enterprise.id, s.reasons]));
    expect(reasons.get(globalId('Enterprise', a.id))).toContain('Proven: delivered 2,250 of 2,250 units promised before.');
    expect(reasons.has(globalId('Enterprise', b.id))).toBe(false);
  }, 60_000);
});

describe('concurrency', () => {
  it('100 simultaneous share acceptances across 10 overlapping consortia never exceed any member’s committed capacity', async () => {
    const { sentra, members } = await sentraWith(10);
    for (const m of members) await setCapacity(m.id, 1_000, 50); // 500 each
    const offers = [];
    for (let k = 0; k < 10; k += 1) {
      const request = await buyRequest(1_000);
      const { offer, userErrors } = (
        await api.gql(
          PROPOSE,
          { input: { opportunityId: globalId('Opportunity', request.id), sentraId: globalId('Sentra', sentra.id), coordinatorId: globalId('Enterprise', members[k]!.id) } },
          staff,
        )
      ).data!.consortiumOfferPropose;
      expect(userErrors).toEqual([]);
      offers.push(offer);
    }
    // Every offer gives every member 100: ten offers ask 1,000 of each member, who can commit 500.
    // Sent member by member, so that the acceptances in flight together are of the same member.
    const shares = offers
      .flatMap((o) => o.shares as { id: string; quantity: number; enterprise: { id: string } }[])
      .sort((x, y) => (x.enterprise.id < y.enterprise.id ? -1 : x.enterprise.id > y.enterprise.id ? 1 : 0));
    expect(shares).toHaveLength(100);
    expect(shares.every((s) => s.quantity === 100)).toBe(true);
    const answers = await Promise.all(shares.map((s) => api.gql(ACCEPT, { input: { shareId: s.id } }, staff)));
    const outcome = answers.map((r) => {
      expect(r.errors).toBeUndefined();
      return r.data!.consortiumShareAccept.userErrors[0]?.code ?? 'ACCEPTED';
    });
    const accepted = outcome.filter((o) => o === 'ACCEPTED').length;
    expect(outcome.filter((o) => o !== 'ACCEPTED').every((o) => o === 'OVER_CAPACITY')).toBe(true);
    const held = await api.db.prisma.consortiumShare.groupBy({
      by: ['enterpriseId'],
      where: { enterpriseId: { in: members.map((m) => m.id) }, status: 'ACCEPTED' },
      _sum: { quantity: true },
    });
    const worst = Math.max(...held.map((h) => h._sum.quantity ?? 0));
    console.log(`[${api.db.kind}] 100 simultaneous acceptances: ${accepted} accepted, ${100 - accepted} OVER_CAPACITY; most a member holds: ${worst} of 500`);
    expect(worst).toBeLessThanOrEqual(500);
    // Nothing is lost either: each member fills its 500 exactly.
    expect(held).toHaveLength(10);
    expect(held.every((h) => h._sum.quantity === 500)).toBe(true);
    expect(accepted).toBe(50);
  }, 180_000);
});
