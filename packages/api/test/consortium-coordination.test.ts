import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCEPT, buyRequest, CAPACITY, codes, DECLINE, DELIVER, PROPOSE, SEND, sentraWith, setCapacity, consortiumSetting } from './consortium-fixtures';
import { dbId, memberOfPartner, STAFF, unique } from './forum-fixtures';
import { globalId } from './support/ids';
import { startTestServer, type TestServer } from './support/server';

/**
 * Consortium offers run by a sentra's coordinator (issue 19): who may propose, send and withdraw;
 * a member withdrawing its acceptance and staff or the coordinator withdrawing the whole offer;
 * deliveries against the shares; the events each step raises and who receives them. Over real
 * HTTP, on both databases.
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

const SET_COORDINATOR = /* GraphQL */ `
  mutation ($input: SentraCoordinatorSetInput!) { sentraCoordinatorSet(input: $input) { sentra { id coordinator { name email } } userErrors { code field message } } }`;
const WITHDRAW = /* GraphQL */ `
  mutation ($input: ConsortiumOfferSendInput!) { consortiumOfferWithdraw(input: $input) { offer { id status } userErrors { code field message } } }`;
const READ = /* GraphQL */ `
  query ($id: ID!) { node(id: $id) { ... on ConsortiumOffer { status contact { name email } shares { quantity status delivered enterprise { id } } } } }`;

/** A new person of the enterprise, with their database id and sign-in headers. */
async function personOf(enterpriseId: string) {
  const email = `koordinator.${unique()}@ikm-uji.example`;
  const user = await api.db.prisma.user.create({ data: { email, name: 'Koordinator Uji', role: 'ENTERPRISE', memberships: { create: [{ enterpriseId, role: 'OWNER' }] } } });
  return { id: user.id, email, headers: await api.as(email) };
}

/** A sentra of `count` IKM, each free to commit `free` pcs, with a coordinator (a person of the first member). */
async function coordinatedSentra(count: number, free: number) {
  const { sentra, members } = await sentraWith(api, count, districtId);
  for (const m of members) await setCapacity(api, staff, m.id, free, 100);
  const coordinator = await personOf(members[0]!.id);
  const set = (await api.gql(SET_COORDINATOR, { input: { sentraId: globalId('Sentra', sentra.id), userId: coordinator.id } }, staff)).data!.sentraCoordinatorSet;
  expect(set.userErrors).toEqual([]);
  return { sentra, members, coordinator };
}

const proposeInput = (opportunityId: string, sentraId: string, coordinatorId: string) => ({
  opportunityId: globalId('Opportunity', opportunityId),
  sentraId: globalId('Sentra', sentraId),
  coordinatorId: globalId('Enterprise', coordinatorId),
});

const forbidden = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;

describe('the sentra coordinator', () => {
  it('is set by staff to a person of a member; proposes, sends and withdraws for its own sentra only; nobody else but staff may', async () => {
    const { sentra, members, coordinator } = await coordinatedSentra(3, 400);
    const other = await coordinatedSentra(2, 400);
    const sentraId = globalId('Sentra', sentra.id);

    // Setting: staff only; the person must belong to one of the sentra's active members.
    const outsider = await personOf(other.members[0]!.id);
    const before = await api.db.prisma.sentra.findUniqueOrThrow({ where: { id: sentra.id } });
    expect(forbidden(await api.gql(SET_COORDINATOR, { input: { sentraId, userId: outsider.id } }, coordinator.headers))).toBe('FORBIDDEN');
    expect(codes((await api.gql(SET_COORDINATOR, { input: { sentraId, userId: outsider.id } }, staff)).data!.sentraCoordinatorSet)).toEqual(['input.userId:INVALID_VALUE']);
    const unknown = (await api.gql(SET_COORDINATOR, { input: { sentraId, userId: '0190a000-0000-7000-8000-000000000000' } }, staff)).data!.sentraCoordinatorSet;
    expect(codes(unknown)).toEqual(['input.userId:NOT_FOUND']);
    expect(JSON.stringify(unknown.userErrors)).not.toContain('0190a000');
    expect((await api.db.prisma.sentra.findUniqueOrThrow({ where: { id: sentra.id } })).coordinatorUserId).toBe(before.coordinatorUserId);
    // Who the coordinator is: staff and the coordinator see it, a member's owner does not.
    const SENTRA = `query ($id: ID!) { node(id: $id) { ... on Sentra { coordinator { email } } } }`;
    expect((await api.gql(SENTRA, { id: sentraId }, staff)).data!.node.coordinator).toEqual({ email: coordinator.email });
    expect((await api.gql(SENTRA, { id: sentraId }, coordinator.headers)).data!.node.coordinator).toEqual({ email: coordinator.email });
    const member = await personOf(members[1]!.id);
    expect((await api.gql(SENTRA, { id: sentraId }, member.headers)).data!.node.coordinator).toBeNull();

    // Proposing: the coordinator for its own sentra; not for another, not for an ad-hoc group; an IKM member or a buyer never.
    const request = await buyRequest(api, buyerId, 900);
    const input = proposeInput(request.id, sentra.id, members[0]!.id);
    const offers = () => api.db.prisma.consortiumOffer.count({ where: { opportunityId: request.id } });
    expect(forbidden(await api.gql(PROPOSE, { input: proposeInput(request.id, sentra.id, members[0]!.id) }, other.coordinator.headers))).toBe('FORBIDDEN');
    expect(forbidden(await api.gql(PROPOSE, { input: { ...input, sentraId: null, memberIds: members.map((m) => globalId('Enterprise', m.id)) } }, coordinator.headers))).toBe('FORBIDDEN');
    expect(forbidden(await api.gql(PROPOSE, { input }, member.headers))).toBe('FORBIDDEN');
    const buyer = await memberOfPartner(api, buyerId);
    expect(forbidden(await api.gql(PROPOSE, { input }, buyer))).toBe('FORBIDDEN');
    expect(await offers()).toBe(0);
    const { offer, userErrors } = (await api.gql(PROPOSE, { input }, coordinator.headers)).data!.consortiumOfferPropose;
    expect(userErrors).toEqual([]);
    expect(offer.contact).toEqual({ name: 'Koordinator Uji', email: coordinator.email });
    // Staff proposing for the sentra make its coordinator the contact too.
    const byStaff = (await api.gql(PROPOSE, { input: proposeInput((await buyRequest(api, buyerId, 300)).id, sentra.id, members[1]!.id) }, staff)).data!.consortiumOfferPropose;
    expect(byStaff.offer.contact).toEqual({ name: 'Koordinator Uji', email: coordinator.email });

    // Sending and withdrawing: the contact person or staff. A member's own people are FORBIDDEN;
    // another sentra's coordinator does not learn the offer exists (NOT_FOUND).
    for (const s of offer.shares) await api.gql(ACCEPT, { input: { shareId: s.id } }, staff);
    expect(forbidden(await api.gql(SEND, { input: { offerId: offer.id } }, member.headers))).toBe('FORBIDDEN');
    expect(codes((await api.gql(SEND, { input: { offerId: offer.id } }, other.coordinator.headers)).data!.consortiumOfferSend)).toEqual(['input.offerId:NOT_FOUND']);
    expect(codes((await api.gql(WITHDRAW, { input: { offerId: offer.id } }, other.coordinator.headers)).data!.consortiumOfferWithdraw)).toEqual(['input.offerId:NOT_FOUND']);
    expect((await api.gql(SEND, { input: { offerId: offer.id } }, coordinator.headers)).data!.consortiumOfferSend.offer.status).toBe('SENT');
    // The buyer sees one contact; the coordinator sees the offer in its list.
    expect((await api.gql(READ, { id: offer.id }, buyer)).data!.node.contact).toEqual({ name: 'Koordinator Uji', email: coordinator.email });
    const LIST = `{ consortiumOffers { totalCount nodes { id } } }`;
    const listed = (await api.gql(LIST, {}, coordinator.headers)).data!.consortiumOffers.nodes.map((n: { id: string }) => n.id);
    expect(listed).toEqual(expect.arrayContaining([offer.id, byStaff.offer.id]));
  }, 60_000);
});

describe('withdrawing', () => {
  it('a member withdraws its acceptance until the offer is sent, and the units are free again', async () => {
    const { sentra, members } = await coordinatedSentra(2, 500);
    const [a] = members as [(typeof members)[0]];
    const owner = await personOf(a.id);
    const first = (await api.gql(PROPOSE, { input: proposeInput((await buyRequest(api, buyerId, 1_000)).id, sentra.id, a.id) }, staff)).data!.consortiumOfferPropose.offer;
    const second = (await api.gql(PROPOSE, { input: proposeInput((await buyRequest(api, buyerId, 1_000)).id, sentra.id, a.id) }, staff)).data!.consortiumOfferPropose.offer;
    const shareOf = (o: typeof first) => o.shares.find((s: { enterprise: { id: string } }) => s.enterprise.id === globalId('Enterprise', a.id)).id;
    expect((await api.gql(ACCEPT, { input: { shareId: shareOf(first) } }, owner.headers)).data!.consortiumShareAccept.share.status).toBe('ACCEPTED');
    expect(codes((await api.gql(ACCEPT, { input: { shareId: shareOf(second) } }, owner.headers)).data!.consortiumShareAccept)).toEqual(['input.shareId:OVER_CAPACITY']);
    expect((await api.gql(DECLINE, { input: { shareId: shareOf(first) } }, owner.headers)).data!.consortiumShareDecline.share.status).toBe('DECLINED');
    expect((await api.gql(ACCEPT, { input: { shareId: shareOf(second) } }, owner.headers)).data!.consortiumShareAccept.share.status).toBe('ACCEPTED');
    // Once the offer is with the buyer, the acceptance stands.
    for (const s of second.shares) await api.gql(ACCEPT, { input: { shareId: s.id } }, staff);
    expect((await api.gql(SEND, { input: { offerId: second.id } }, staff)).data!.consortiumOfferSend.offer.status).toBe('SENT');
    expect(codes((await api.gql(DECLINE, { input: { shareId: shareOf(second) } }, owner.headers)).data!.consortiumShareDecline)).toEqual(['input.shareId:INVALID_TRANSITION']);
    const events = await api.db.prisma.event.findMany({ where: { type: 'consortium.member_declined', subjectId: globalId('ConsortiumShare', dbId(shareOf(first))) } });
    expect(events.map((e) => (e.payload as { withdrawnAcceptance: boolean }).withdrawnAcceptance)).toEqual([true]);
  }, 60_000);

  it('the coordinator or staff withdraw the whole offer: capacity released, every later step refused, the buyer told', async () => {
    const { sentra, members, coordinator } = await coordinatedSentra(2, 500);
    const member = await personOf(members[1]!.id);
    const request = await buyRequest(api, buyerId, 1_000);
    const offer = (await api.gql(PROPOSE, { input: proposeInput(request.id, sentra.id, members[0]!.id) }, staff)).data!.consortiumOfferPropose.offer;
    for (const s of offer.shares) await api.gql(ACCEPT, { input: { shareId: s.id } }, staff);
    expect((await api.gql(SEND, { input: { offerId: offer.id } }, staff)).data!.consortiumOfferSend.offer.status).toBe('SENT');
    // Every member is full: no other offer of the sentra can be proposed.
    expect(codes((await api.gql(PROPOSE, { input: proposeInput((await buyRequest(api, buyerId, 400)).id, sentra.id, members[0]!.id) }, staff)).data!.consortiumOfferPropose)).toEqual([
      'input.opportunityId:NOT_COVERED',
    ]);

    expect(forbidden(await api.gql(WITHDRAW, { input: { offerId: offer.id } }, member.headers))).toBe('FORBIDDEN');
    expect(codes((await api.gql(WITHDRAW, { input: { offerId: globalId('ConsortiumOffer', '0190a000-0000-7000-8000-000000000000') } }, staff)).data!.consortiumOfferWithdraw)).toEqual(['input.offerId:NOT_FOUND']);
    expect((await api.gql(WITHDRAW, { input: { offerId: offer.id } }, coordinator.headers)).data!.consortiumOfferWithdraw.offer.status).toBe('WITHDRAWN');
    expect(codes((await api.gql(WITHDRAW, { input: { offerId: offer.id } }, staff)).data!.consortiumOfferWithdraw)).toEqual(['input.offerId:INVALID_TRANSITION']);
    expect(codes((await api.gql(SEND, { input: { offerId: offer.id } }, staff)).data!.consortiumOfferSend)).toEqual(['input.offerId:INVALID_TRANSITION']);
    expect(codes((await api.gql(DECLINE, { input: { shareId: offer.shares[0].id } }, staff)).data!.consortiumShareDecline)).toEqual(['input.shareId:INVALID_TRANSITION']);
    const deliver = await api.gql(DELIVER, { input: { shareId: offer.shares[0].id, quantity: 1, deliveredOn: new Date().toISOString().slice(0, 10) } }, staff);
    expect(codes(deliver.data!.consortiumDeliveryRecord)).toEqual(['input.shareId:INVALID_TRANSITION']);
    // The buyer, who had it, sees it withdrawn (and was told); the capacity is free for a new offer.
    const buyer = await memberOfPartner(api, buyerId);
    expect((await api.gql(READ, { id: offer.id }, buyer)).data!.node.status).toBe('WITHDRAWN');
    const told = await api.db.prisma.event.findFirstOrThrow({ where: { type: 'consortium.withdrawn', subjectId: globalId('ConsortiumOffer', dbId(offer.id)) } });
    expect(told.partnerIds).toEqual([buyerId]);
    expect(told.payload).toMatchObject({ wasSent: true });
    const again = (await api.gql(PROPOSE, { input: proposeInput((await buyRequest(api, buyerId, 400)).id, sentra.id, members[0]!.id) }, staff)).data!.consortiumOfferPropose;
    expect(again.userErrors).toEqual([]);
    for (const s of again.offer.shares) expect((await api.gql(ACCEPT, { input: { shareId: s.id } }, staff)).data!.consortiumShareAccept.userErrors).toEqual([]);
    // A withdrawal after a delivery is refused.
    expect((await api.gql(SEND, { input: { offerId: again.offer.id } }, staff)).data!.consortiumOfferSend.offer.status).toBe('SENT');
    await api.gql(DELIVER, { input: { shareId: again.offer.shares[0].id, quantity: 10, deliveredOn: new Date().toISOString().slice(0, 10) } }, coordinator.headers);
    expect(codes((await api.gql(WITHDRAW, { input: { offerId: again.offer.id } }, staff)).data!.consortiumOfferWithdraw)).toEqual(['input.offerId:INVALID_TRANSITION']);
  }, 60_000);

  it('withdrawn acceptances racing the sending never leave a sent offer uncovered; a withdrawal racing a delivery never leaves a withdrawn offer with deliveries', async () => {
    const { sentra, members } = await coordinatedSentra(2, 10_000);
    const today = new Date().toISOString().slice(0, 10);
    const offers = [];
    for (let k = 0; k < 6; k += 1) {
      const o = (await api.gql(PROPOSE, { input: proposeInput((await buyRequest(api, buyerId, 200)).id, sentra.id, members[0]!.id) }, staff)).data!.consortiumOfferPropose.offer;
      for (const s of o.shares) await api.gql(ACCEPT, { input: { shareId: s.id } }, staff);
      offers.push(o);
    }
    // Half: send while a member withdraws its acceptance. The other half: sent first, then withdraw while a delivery is recorded.
    const racing = offers.slice(0, 3);
    const sentFirst = offers.slice(3);
    for (const o of sentFirst) await api.gql(SEND, { input: { offerId: o.id } }, staff);
    const results = await Promise.all([
      ...racing.flatMap((o) => [api.gql(SEND, { input: { offerId: o.id } }, staff), api.gql(DECLINE, { input: { shareId: o.shares[0].id } }, staff)]),
      ...sentFirst.flatMap((o) => [
        api.gql(WITHDRAW, { input: { offerId: o.id } }, staff),
        api.gql(DELIVER, { input: { shareId: o.shares[0].id, quantity: 5, deliveredOn: today } }, staff),
      ]),
    ]);
    for (const r of results) expect(r.errors).toBeUndefined();
    for (const o of racing) {
      const row = await api.db.prisma.consortiumOffer.findUniqueOrThrow({ where: { id: dbId(o.id) }, include: { shares: true } });
      const accepted = row.shares.filter((s) => s.status === 'ACCEPTED').reduce((sum, s) => sum + s.quantity, 0);
      // Exactly one of the two went through: sent with both acceptances, or still proposed with one.
      expect(['SENT', 'PROPOSED']).toContain(row.status);
      expect(accepted).toBe(row.status === 'SENT' ? 200 : 100);
    }
    for (const o of sentFirst) {
      const row = await api.db.prisma.consortiumOffer.findUniqueOrThrow({ where: { id: dbId(o.id) } });
      const delivered = await api.db.prisma.consortiumDelivery.count({ where: { share: { offerId: row.id } } });
      expect(delivered).toBe(row.status === 'WITHDRAWN' ? 0 : 1);
    }
  }, 60_000);
});

describe('deliveries and events', () => {
  it('the contact person records deliveries; every step raises its event for those who may see it, the buyer’s naming only what it sees', async () => {
    const { sentra, members, coordinator } = await coordinatedSentra(3, 500);
    const [a, b, c] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]];
    const endpoint = await api.db.prisma.webhookEndpoint.create({ data: { partnerId: buyerId, url: 'https://buyer.example/hooks', eventTypes: [], secret: 'whsec_dGVzdA==' } });
    const request = await buyRequest(api, buyerId, 1_000);
    const offer = (await api.gql(PROPOSE, { input: proposeInput(request.id, sentra.id, a.id) }, coordinator.headers)).data!.consortiumOfferPropose.offer;
    const shareOf = (m: { id: string }) => offer.shares.find((s: { enterprise: { id: string } }) => s.enterprise.id === globalId('Enterprise', m.id));
    await api.gql(ACCEPT, { input: { shareId: shareOf(a).id } }, staff);
    await api.gql(ACCEPT, { input: { shareId: shareOf(b).id } }, staff);
    await api.gql(DECLINE, { input: { shareId: shareOf(c).id } }, staff);
    // Two members cover it once the request asks for less.
    await api.db.prisma.consortiumOffer.update({ where: { id: dbId(offer.id) }, data: { quantity: shareOf(a).quantity + shareOf(b).quantity } });
    expect((await api.gql(SEND, { input: { offerId: offer.id } }, coordinator.headers)).data!.consortiumOfferSend.offer.status).toBe('SENT');
    const today = new Date().toISOString().slice(0, 10);
    expect((await api.gql(DELIVER, { input: { shareId: shareOf(b).id, quantity: 100, deliveredOn: today } }, coordinator.headers)).data!.consortiumDeliveryRecord.userErrors).toEqual([]);
    expect(codes((await api.gql(DELIVER, { input: { shareId: shareOf(b).id, quantity: shareOf(b).quantity, deliveredOn: today } }, coordinator.headers)).data!.consortiumDeliveryRecord)).toEqual([
      'input.quantity:INVALID_VALUE',
    ]);
    const buyer = await memberOfPartner(api, buyerId);
    const seen = (await api.gql(READ, { id: offer.id }, buyer)).data!.node;
    expect(seen.shares.find((s: { enterprise: { id: string } }) => s.enterprise.id === globalId('Enterprise', b.id)).delivered).toBe(100);

    const shareIds = offer.shares.map((s: { id: string }) => s.id);
    const events = await api.db.prisma.event.findMany({
      where: { subjectId: { in: [offer.id, ...shareIds] } },
      orderBy: { seq: 'asc' },
      include: { deliveries: { select: { endpointId: true } } },
    });
    const summary = events.map((e) => ({
      type: e.type,
      partner: e.partnerIds.includes(buyerId),
      staff: e.staff,
      contact: e.userIds.includes(coordinator.id),
      webhook: e.deliveries.some((d) => d.endpointId === endpoint.id),
    }));
    const inside = { partner: false, staff: true, contact: true, webhook: false };
    const toBuyer = { partner: true, staff: true, contact: true, webhook: true };
    expect(summary).toEqual([
      { type: 'consortium.invited', partner: false, staff: false, contact: false, webhook: false },
      { type: 'consortium.member_accepted', ...inside },
      { type: 'consortium.member_accepted', ...inside },
      { type: 'consortium.member_declined', ...inside },
      { type: 'consortium.offered', ...toBuyer },
      { type: 'consortium.delivered', ...toBuyer },
    ]);
    // The invitation goes to the members (no one else); the buyer's offer names the members that accepted, not the one that declined.
    expect(events.find((e) => e.type === 'consortium.invited')!.enterpriseIds.sort()).toEqual([a, b, c].map((m) => m.id).sort());
    const offered = events.find((e) => e.type === 'consortium.offered')!.payload as { memberIds: string[] };
    expect(offered.memberIds.sort()).toEqual([a, b].map((m) => globalId('Enterprise', m.id)).sort());
    expect(JSON.stringify(offered)).not.toContain(globalId('Enterprise', c.id));
    expect(events.find((e) => e.type === 'consortium.delivered')!.payload).toMatchObject({ quantity: 100, delivered: 100, deliveredOn: today });
  }, 60_000);
});

describe('ad-hoc groups of nearby IKM', () => {
  const CANDIDATES = /* GraphQL */ `
    query ($id: ID!) {
      consortiumCandidates(opportunityId: $id) {
        deliveryDistricts { code }
        nearbyDistricts { code }
        groups { sentra { id } free allocated covers members { enterprise { id } free quantity reasons } }
      }
    }`;
  let serial = 0;
  /** An active IKM of `sector` in the kecamatan `code`, free to commit `free` of `unit`. */
  async function ikm(code: string, sector: 'BATIK' | 'FOOD_BEVERAGE', unit: string, free: number) {
    serial += 1;
    const district = await api.db.prisma.district.findUniqueOrThrow({ where: { code } });
    const e = await api.db.prisma.enterprise.create({
      data: { nib: `77${String(Date.now() % 1e6).padStart(6, '0')}${String(serial).padStart(5, '0')}`, name: `IKM Sekitar ${unique()}`, sector, districtId: district.id, foundedOn: new Date('2016-01-01') },
    });
    const set = await api.gql(CAPACITY, { input: { enterpriseId: globalId('Enterprise', e.id), unit, monthlyCapacity: free, sharePercent: 100 } }, staff);
    expect(set.data!.consortiumCapacitySet.userErrors).toEqual([]);
    return e;
  }

  it('is found when no sentra can fill the request, of the best matches in the delivery kecamatan and its neighbours only; staff propose it and it runs to the buyer', async () => {
    const unit = `kain ${serial}${Date.now() % 1000}`;
    // A sentra in Gunungpati that cannot fill 1,000 alone, and IKM around Semarang Timur that can together.
    const { sentra, members: sentraMembers } = await sentraWith(api, 2, districtId);
    for (const m of sentraMembers) await api.gql(CAPACITY, { input: { enterpriseId: globalId('Enterprise', m.id), unit, monthlyCapacity: 300, sharePercent: 100 } }, staff);
    const timur = await ikm('33.74.03', 'BATIK', unit, 400); // Semarang Timur, the kecamatan of delivery
    const gayamsari = await ikm('33.74.04', 'BATIK', unit, 400); // next to it
    const tengah = await ikm('33.74.01', 'BATIK', unit, 400); // next to it
    const tugu = await ikm('33.74.16', 'BATIK', unit, 5_000); // across the city: could fill it alone, never nearby
    const food = await ikm('33.74.04', 'FOOD_BEVERAGE', unit, 5_000); // nearby, but makes something else
    const request = await api.db.prisma.opportunity.create({
      data: {
        kind: 'BUY_REQUEST',
        title: `Kain batik ${unique()}`,
        partnerId: buyerId,
        sector: 'BATIK',
        quantity: 1_000,
        unit,
        districtCodes: ['33.74.03'],
        validFrom: new Date(Date.now() - 86_400_000),
        validUntil: new Date(Date.now() + 30 * 86_400_000),
      },
    });
    const id = globalId('Opportunity', request.id);

    const res0 = await api.gql(CANDIDATES, { id }, staff);
    expect(res0.errors).toBeUndefined();
    const found = res0.data!.consortiumCandidates;
    expect(found.deliveryDistricts).toEqual([{ code: '33.74.03' }]);
    expect(found.nearbyDistricts.map((d: { code: string }) => d.code)).toEqual(['33.74.01', '33.74.02', '33.74.03', '33.74.04', '33.74.07']);
    type Group = { sentra: { id: string } | null; free: number; allocated: number; covers: boolean; members: { enterprise: { id: string }; quantity: number; reasons: string[] }[] };
    const [adHoc, ofSentra, ...rest] = found.groups as Group[];
    expect(rest).toEqual([]);
    expect(ofSentra).toMatchObject({ sentra: { id: globalId('Sentra', sentra.id) }, free: 600, allocated: 600, covers: false });
    expect(adHoc).toMatchObject({ sentra: null, free: 1_200, allocated: 1_000, covers: true });
    const ids = adHoc!.members.map((m) => m.enterprise.id);
    expect(ids.sort()).toEqual([timur, gayamsari, tengah].map((e) => globalId('Enterprise', e.id)).sort());
    for (const outsider of [tugu, food, ...sentraMembers]) expect(ids).not.toContain(globalId('Enterprise', outsider.id));
    const reasonsOf = (e: { id: string }) => adHoc!.members.find((m) => m.enterprise.id === globalId('Enterprise', e.id))!.reasons;
    expect(reasonsOf(timur)[0]).toBe('In Semarang Timur, the kecamatan of delivery.');
    expect(reasonsOf(gayamsari)[0]).toBe('In Gayamsari, next to the kecamatan of delivery Semarang Timur.');
    expect(reasonsOf(gayamsari)[1]).toMatch(/^Match \d+\/100 for the buy request: (1st|2nd|3rd) of 3 nearby IKM that make it and are free to commit kain/);
    expect(reasonsOf(gayamsari).some((r) => r.startsWith('Commits 100 % of 400 units a month'))).toBe(true);
    // Nobody but staff asks.
    const buyer = await memberOfPartner(api, buyerId);
    expect(forbidden(await api.gql(CANDIDATES, { id }, buyer))).toBe('FORBIDDEN');

    // Proposing the group: a member outside the neighbourhood is refused and nothing written; the group itself is offered.
    const input = { opportunityId: id, memberIds: ids, coordinatorId: globalId('Enterprise', timur.id) };
    const outside = (await api.gql(PROPOSE, { input: { ...input, memberIds: [...ids, globalId('Enterprise', tugu.id)] } }, staff)).data!.consortiumOfferPropose;
    expect(codes(outside)).toEqual(['input.memberIds.3:OUTSIDE_REGION']);
    expect(JSON.stringify(outside.userErrors)).not.toContain(tugu.id);
    expect(await api.db.prisma.consortiumOffer.count({ where: { opportunityId: request.id } })).toBe(0);
    const { offer, userErrors } = (await api.gql(PROPOSE, { input }, staff)).data!.consortiumOfferPropose;
    expect(userErrors).toEqual([]);
    // The officer who proposed it runs it: the buyer's one contact.
    expect(offer.contact.email).toBe(STAFF);
    expect(offer.coordinator.id).toBe(globalId('Enterprise', timur.id));
    const shares = Object.fromEntries(offer.shares.map((s: { enterprise: { id: string }; quantity: number }) => [s.enterprise.id, s.quantity]));
    expect(shares).toEqual(Object.fromEntries(adHoc!.members.map((m) => [m.enterprise.id, m.quantity])));
    // Each share says first where the member is, against the delivery.
    const shareOf = (e: { id: string }) => offer.shares.find((x: { enterprise: { id: string } }) => x.enterprise.id === globalId('Enterprise', e.id));
    expect(shareOf(gayamsari).reasons[0]).toBe('In Gayamsari, next to the kecamatan of delivery Semarang Timur.');

    // Its lifecycle: the members accept, staff send it, the buyer sees one offer with no sentra, a delivery is recorded.
    const owner = await personOf(gayamsari.id);
    for (const s of offer.shares) {
      const who = s.enterprise.id === globalId('Enterprise', gayamsari.id) ? owner.headers : staff;
      expect((await api.gql(ACCEPT, { input: { shareId: s.id } }, who)).data!.consortiumShareAccept.userErrors).toEqual([]);
    }
    expect((await api.gql(SEND, { input: { offerId: offer.id } }, staff)).data!.consortiumOfferSend.offer).toMatchObject({ status: 'SENT', acceptedQuantity: 1_000 });
    const seen = (await api.gql(`query ($id: ID!) { node(id: $id) { ... on ConsortiumOffer { status sentra { id } coordinator { id } shares { quantity } } } }`, { id: offer.id }, buyer)).data!.node;
    expect(seen).toMatchObject({ status: 'SENT', sentra: null, coordinator: { id: globalId('Enterprise', timur.id) } });
    expect(seen.shares.reduce((sum: number, s: { quantity: number }) => sum + s.quantity, 0)).toBe(1_000);
    const today = new Date().toISOString().slice(0, 10);
    expect((await api.gql(DELIVER, { input: { shareId: offer.shares[0].id, quantity: 50, deliveredOn: today } }, staff)).data!.consortiumDeliveryRecord.userErrors).toEqual([]);
    // Its members' units are now held: the same neighbourhood has too little left for a second request.
    const again = (await api.gql(CANDIDATES, { id }, staff)).data!.consortiumCandidates.groups as Group[];
    expect(again.find((g) => g.sentra === null)).toMatchObject({ covers: false, free: 200 });

    // No kecamatan of delivery named: the buyer's own is used; with neither, there is no ad-hoc group and proposing one is refused.
    const bare = await api.db.prisma.opportunity.create({
      data: { kind: 'BUY_REQUEST', title: `Kain batik ${unique()}`, partnerId: buyerId, sector: 'BATIK', quantity: 100, unit, validFrom: request.validFrom, validUntil: request.validUntil },
    });
    const bareId = globalId('Opportunity', bare.id);
    const { districtId: buyerDistrictId, district } = await api.db.prisma.partner.findUniqueOrThrow({ where: { id: buyerId }, select: { districtId: true, district: { select: { code: true } } } });
    expect((await api.gql(CANDIDATES, { id: bareId }, staff)).data!.consortiumCandidates.deliveryDistricts).toEqual(district ? [{ code: district.code }] : []);
    await api.db.prisma.partner.update({ where: { id: buyerId }, data: { districtId: null } });
    try {
      const none = (await api.gql(CANDIDATES, { id: bareId }, staff)).data!.consortiumCandidates;
      expect(none.nearbyDistricts).toEqual([]);
      expect((none.groups as Group[]).every((g) => g.sentra !== null)).toBe(true);
      const refused = (await api.gql(PROPOSE, { input: { ...input, opportunityId: bareId, memberIds: [globalId('Enterprise', tugu.id)], coordinatorId: globalId('Enterprise', tugu.id) } }, staff)).data!.consortiumOfferPropose;
      expect(codes(refused)).toEqual(['input.opportunityId:INVALID_VALUE']);
    } finally {
      await api.db.prisma.partner.update({ where: { id: buyerId }, data: { districtId: buyerDistrictId } });
    }
  }, 60_000);
});
