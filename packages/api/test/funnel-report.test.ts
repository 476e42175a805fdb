import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRI, createEnterprise, DISTRIBUTOR, enterpriseGid, JUTA, memberOf, ownerOf, partnerId, STAFF_EMAIL } from './financing-fixtures';
import { startTestServer, type TestServer } from './support/server';

/**
 * The funnel report against a hand-built year (2019, before any demo data): forum A with six IKM,
 * forum B with four (one of them also at A), small forums C and D with five more IKM between them,
 * their requests, meetings, deals, follow-ups, needs, leads and turnover, and six comparable
 * non-participants. Every number below is counted by hand. One meeting is between two IKM of forum
 * A: a meeting is one meeting, so every row and the total count it once, while both IKM stand behind
 * it for the k = 5 rule. Consortium deliveries of 2019: six by five BATIK IKM (E1 twice) and two by
 * E9, the one food IKM (at forum B); one of 2020. B, C and D are each hidden (fewer than 5 IKM), and
 * together hold at least 5 IKM in every column where A is shown, so the total less A reveals no small
 * group; by sector the food row is E9 alone, so the batik row falls with it (total − batik = E9).
 */

let api: TestServer;
let staff: Record<string, string>;
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const at = (iso: string) => new Date(`${iso}T03:00:00.000Z`);

const E: string[] = [];
const ROW = `participants { value suppressed } meetingRequests { value suppressed } meetingsHeld { value suppressed }
  deals { value suppressed } dealValue { value suppressed } followUps3 { value suppressed } followUps6 { value suppressed }
  financingNeeds { value suppressed } leadsContacted { value suppressed } leadsApproved { value suppressed }
  approvedValue { value suppressed } leadsDisbursed { value suppressed } disbursedValue { value suppressed }
  consortiumDeliveries { value suppressed } consortiumDeliveringIkm { value suppressed }
  turnoverGrowth { participantsPercent { value suppressed } comparisonPercent { value suppressed } participants { value suppressed } comparables { value suppressed } }`;
const QUERY = `query($d: ReportDimension!, $y: Int!) { funnelReport(dimension: $d, year: $y) { dimension year rows { key label ${ROW} } total { key label ${ROW} } } }`;

async function forum(slug: string, date: string, enterprises: string[], partners: string[]) {
  const p = api.db.prisma;
  const session = await p.matchmakingSession.create({
    data: {
      slug,
      title: `Forum uji ${slug}`,
      venue: 'Gedung Uji',
      date: day(date),
      registrationOpensAt: at('2019-01-01'),
      registrationClosesAt: at(date),
      status: 'COMPLETED',
    },
  });
  const slot = await p.sessionSlot.create({ data: { sessionId: session.id, index: 0, startsAt: at(date), endsAt: new Date(at(date).getTime() + 20 * 60_000) } });
  const ids = new Map<string, string>();
  for (const enterpriseId of enterprises) ids.set(enterpriseId, (await p.forumParticipant.create({ data: { sessionId: session.id, enterpriseId } })).id);
  for (const pid of partners) ids.set(pid, (await p.forumParticipant.create({ data: { sessionId: session.id, partnerId: pid } })).id);
  let table = 0;
  /** A request from an IKM to a partner, with its meeting when status is given. */
  const meet = async (from: string, to: string, meeting?: { status: 'HELD' | 'NO_SHOW'; outcome?: 'DEAL' | 'FOLLOW_UP'; value?: bigint; followUps?: number[] }) => {
    const request = await p.meetingRequest.create({
      data: { sessionId: session.id, requesterId: ids.get(from)!, recipientId: ids.get(to)!, status: meeting ? 'ACCEPTED' : 'PENDING', expiresAt: at(date) },
    });
    if (!meeting) return;
    table += 1;
    const t = await p.sessionTable.create({ data: { sessionId: session.id, name: `Meja ${table}` } });
    const m = await p.meeting.create({
      data: { sessionId: session.id, requestId: request.id, slotId: slot.id, tableId: t.id, status: meeting.status, outcome: meeting.outcome ?? null, dealValue: meeting.value ?? null },
    });
    for (const monthsAfter of meeting.followUps ?? []) await p.meetingFollowUp.create({ data: { meetingId: m.id, monthsAfter, stage: 'NEGOTIATION_STARTED' } });
  };
  return { id: session.id, meet };
}

/** A sent consortium offer with an accepted share per IKM and its deliveries (days), inserted as recorded. */
async function deliveries(delivered: [enterpriseId: string, days: string[]][]) {
  const p = api.db.prisma;
  const opportunity = await p.opportunity.findFirstOrThrow({ select: { id: true } });
  const offer = await p.consortiumOffer.create({
    data: { opportunityId: opportunity.id, coordinatorId: delivered[0]![0], quantity: 1_000, unit: 'pcs', status: 'SENT', sentAt: at('2019-09-01') },
  });
  for (const [enterpriseId, days] of delivered) {
    const share = await p.consortiumShare.create({ data: { offerId: offer.id, enterpriseId, quantity: 100, status: 'ACCEPTED', reasons: [] } });
    for (const d of days) await p.consortiumDelivery.create({ data: { shareId: share.id, quantity: 10, deliveredOn: day(d) } });
  }
}

async function need(enterpriseId: string, createdAt: string, lead?: { status: 'CONTACTED' | 'IN_REVIEW' | 'APPROVED' | 'REJECTED' | 'DISBURSED'; history?: ('CONTACTED' | 'APPROVED')[]; disbursed?: bigint }) {
  const p = api.db.prisma;
  const n = await p.financingNeed.create({ data: { enterpriseId, amount: 50n * JUTA, purpose: 'WORKING_CAPITAL', tenorMonths: 12, createdAt: at(createdAt) } });
  if (!lead) return;
  const review = await p.leadReview.create({
    data: { financingNeedId: n.id, funderId: await partnerId(api, BRI), status: lead.status, disbursedAmount: lead.disbursed ?? null },
  });
  for (const toStatus of lead.history ?? []) await p.leadStatusChange.create({ data: { reviewId: review.id, toStatus } });
}

const RECORD = `mutation($input: EnterpriseYearFigureRecordInput!) { enterpriseYearFigureRecord(input: $input) { userErrors { code } } }`;

/** Turnover of 2018 and 2019, through the mutation (which keeps the growth summary the report reads). */
async function figures(enterpriseId: string, before: bigint, after: bigint) {
  for (const [year, turnover] of [[2018, before], [2019, after]] as const) {
    const res = await api.gql(RECORD, { input: { enterpriseId: enterpriseGid(enterpriseId), year, turnover: String(turnover), source: 'BOOKKEEPING', isEstimate: false } }, staff);
    expect(res.data?.enterpriseYearFigureRecord.userErrors).toEqual([]);
  }
}

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  staff = await api.as(STAFF_EMAIL);
  for (let i = 1; i <= 8; i += 1) E[i] = await createEnterprise(api, { annualTurnover: null, sector: 'BATIK', name: `IKM Corong ${i}` });
  E[9] = await createEnterprise(api, { annualTurnover: null, sector: 'FOOD_BEVERAGE', name: 'IKM Corong 9' });
  const [p1, p2] = [await partnerId(api, DISTRIBUTOR), await partnerId(api, BRI)];

  const a = await forum('corong-a-2019', '2019-05-10', E.slice(1, 7), [p1, p2]);
  await a.meet(E[1]!, p1, { status: 'HELD', outcome: 'DEAL', value: 100n * JUTA, followUps: [3, 6] });
  await a.meet(E[2]!, p1, { status: 'HELD', outcome: 'DEAL', value: 200n * JUTA, followUps: [3, 6] });
  await a.meet(E[3]!, p1, { status: 'HELD', outcome: 'DEAL', value: 50n * JUTA, followUps: [3] });
  await a.meet(E[4]!, p1, { status: 'HELD', outcome: 'DEAL', value: 5n * JUTA, followUps: [3] });
  await a.meet(E[5]!, p1, { status: 'HELD', outcome: 'DEAL', value: 10n * JUTA, followUps: [3] });
  await a.meet(E[6]!, p1, { status: 'NO_SHOW' });
  await a.meet(E[1]!, p2, { status: 'HELD', outcome: 'DEAL', value: 40n * JUTA, followUps: [3] });
  // A meeting between two IKM of the forum (E3 buys from E4): one meeting, counted once.
  await a.meet(E[3]!, E[4]!, { status: 'HELD', outcome: 'DEAL', value: 30n * JUTA });

  const b = await forum('corong-b-2019', '2019-09-10', [E[1]!, E[7]!, E[8]!, E[9]!], [p1]);
  await b.meet(E[7]!, p1, { status: 'HELD' });
  await b.meet(E[8]!, p1, { status: 'HELD' });

  // C and D: five BATIK IKM, each with a deal followed up at 3 months, a need contacted and turnover.
  for (let i = 10; i <= 14; i += 1) E[i] = await createEnterprise(api, { annualTurnover: null, sector: 'BATIK', name: `IKM Corong ${i}` });
  for (const [slug, date, members] of [['corong-c-2019', '2019-06-20', E.slice(10, 13)], ['corong-d-2019', '2019-07-20', E.slice(13, 15)]] as const) {
    const f = await forum(slug, date, [...members], [p1]);
    for (const e of members) {
      await f.meet(e, p1, { status: 'HELD', outcome: 'DEAL', value: JUTA, followUps: [3] });
      await need(e, '2019-08-01', { status: 'CONTACTED' });
      await figures(e, 100n * JUTA, 120n * JUTA);
    }
  }

  await need(E[1]!, '2019-06-01', { status: 'DISBURSED', history: ['CONTACTED', 'APPROVED'], disbursed: 45n * JUTA });
  await need(E[2]!, '2019-07-01', { status: 'APPROVED', history: ['CONTACTED'] });
  await need(E[3]!, '2019-08-01', { status: 'REJECTED', history: ['CONTACTED'] });
  await need(E[4]!, '2020-05-09', { status: 'CONTACTED' });
  await need(E[5]!, '2019-05-10', { status: 'IN_REVIEW' });
  await need(E[6]!, '2020-05-11'); // more than 12 months after forum A: not counted
  await need(E[7]!, '2019-01-15'); // before forum B: not counted

  await deliveries([
    [E[1]!, ['2019-10-01', '2019-11-01', '2020-01-02']],
    [E[2]!, ['2019-10-01']],
    [E[3]!, ['2019-10-02']],
    [E[4]!, ['2019-12-31']],
    [E[5]!, ['2019-01-01']],
    [E[9]!, ['2019-10-01', '2019-10-15']],
  ]);

  for (let i = 1; i <= 6; i += 1) await figures(E[i]!, 100n * JUTA, 120n * JUTA);
  for (let i = 1; i <= 6; i += 1) {
    const n = await createEnterprise(api, { annualTurnover: null, sector: 'BATIK', name: `IKM Pembanding ${i}` });
    await figures(n, 100n * JUTA, 110n * JUTA);
  }
  // A non-participant of another size class does not enter the comparison.
  await figures(await createEnterprise(api, { annualTurnover: null, sector: 'BATIK' }), 3_000n * JUTA, 9_000n * JUTA);
});
afterAll(() => api.close());

const shown = (value: unknown) => ({ value, suppressed: false });
const hidden = { value: null, suppressed: true };

async function report(dimension: string, year = 2019, headers = staff) {
  const res = await api.gql(QUERY, { d: dimension, y: year }, headers);
  expect(res.errors).toBeUndefined();
  return res.data!.funnelReport;
}

describe('funnelReport', () => {
  it('counts every stage of forum A by hand, suppressing cells built from fewer than 5 IKM', async () => {
    const r = await report('FORUM');
    expect(r.rows.map((row: { label: string }) => row.label)).toEqual(['Forum uji corong-a-2019', 'Forum uji corong-b-2019', 'Forum uji corong-c-2019', 'Forum uji corong-d-2019']);
    expect(r.rows[0]).toMatchObject({
      participants: shown(6),
      meetingRequests: shown(8),
      meetingsHeld: shown(7), // E1 twice, E2–E5, and E3 with E4 once; E6's was a no-show
      deals: shown(7),
      dealValue: shown(String(435n * JUTA)),
      followUps3: shown(6),
      followUps6: hidden, // E1 and E2 only
      financingNeeds: shown(5), // E6's need came 12 months and a day later
      leadsContacted: shown(5), // E3's was contacted, then rejected
      leadsApproved: hidden, // E1 and E2
      approvedValue: hidden,
      leadsDisbursed: hidden,
      disbursedValue: hidden,
      turnoverGrowth: {
        participantsPercent: shown(20),
        comparisonPercent: shown(10),
        participants: shown(6),
        comparables: shown(6),
      },
    });
  });

  it('suppresses every cell of a forum with fewer than 5 IKM', async () => {
    const r = await report('FORUM');
    const b = r.rows[1];
    for (const [key, value] of Object.entries(b)) {
      if (key === 'key' || key === 'label') continue;
      if (key.startsWith('consortium')) expect(value).toBeNull(); // a delivery belongs to no forum
      else if (key === 'turnoverGrowth') for (const v of Object.values(value as object)) expect(v).toEqual(hidden);
      else expect(value).toEqual(hidden);
    }
  });

  it('counts each IKM once in the total, by sentra and by kecamatan', async () => {
    const total = (await report('FORUM')).total;
    expect(total).toMatchObject({
      key: 'total',
      participants: shown(14),
      meetingRequests: shown(15),
      meetingsHeld: shown(14),
      deals: shown(12),
      dealValue: shown(String(440n * JUTA)),
      followUps3: shown(11), // six at A (E1 twice), five at C and D
      financingNeeds: shown(10),
      leadsContacted: shown(10),
      turnoverGrowth: { participantsPercent: shown(20), comparisonPercent: shown(10), participants: shown(11), comparables: shown(6) },
    });
    const bySentra = await report('SENTRA');
    expect(bySentra.rows).toEqual([
      expect.objectContaining({ key: 'none', participants: shown(14), meetingsHeld: shown(14), deals: shown(12), dealValue: shown(String(440n * JUTA)) }),
    ]);
    const byDistrict = await report('DISTRICT');
    expect(byDistrict.rows).toEqual([expect.objectContaining({ label: 'Gunungpati', participants: shown(14) })]);
  });

  it('never lets the total less the shown rows reveal a group of fewer than 5 IKM', async () => {
    // By sector the food row is E9 alone: shown beside the total, the batik row would give E9's
    // figures by subtraction, so every batik cell falls with it while the total stays.
    const bySector = await report('SECTOR');
    expect(bySector.rows.map((r: { key: string }) => r.key)).toEqual(['BATIK', 'FOOD_BEVERAGE']);
    const attack = (r: { rows: Record<string, { value: unknown } | null>[]; total: Record<string, { value: unknown } | null> }, column: string) =>
      r.total[column]?.value != null && r.rows.some((row) => row[column]?.value == null) && r.rows.some((row) => row[column]?.value != null);
    for (const column of ['participants', 'meetingRequests', 'meetingsHeld', 'deals', 'followUps3', 'financingNeeds', 'leadsContacted', 'consortiumDeliveries']) {
      expect(bySector.total[column].value, column).not.toBeNull();
      expect(attack(bySector, column), column).toBe(false);
    }
    expect(bySector.rows[0].turnoverGrowth.participantsPercent).toEqual(hidden);
    // By forum, B (E1, E7, E8, E9), C (E10–E12) and D (E13, E14) are hidden and hold at least 5 IKM
    // in every column where A is shown, so A stays: the total less A is a figure of 5 IKM or more.
    const byForum = await report('FORUM');
    for (const column of ['participants', 'meetingRequests', 'meetingsHeld', 'deals', 'followUps3', 'financingNeeds', 'leadsContacted']) {
      expect(byForum.rows[0][column].value, column).not.toBeNull();
      for (const row of byForum.rows.slice(1)) expect(row[column], column).toEqual(hidden);
    }
  });

  it('counts the consortium deliveries of the year by the members\' group, suppressing those of fewer than 5 IKM', async () => {
    const bySector = await report('SECTOR');
    // BATIK: E1 twice, E2–E5 once (E1's of 2020 is not the year's); food: E9's two, one IKM. The
    // batik figure would give E9's by subtraction from the total, so it is hidden too.
    expect(bySector.rows.map((r: Record<string, unknown>) => [r.key, r.consortiumDeliveries, r.consortiumDeliveringIkm])).toEqual([
      ['BATIK', hidden, hidden],
      ['FOOD_BEVERAGE', hidden, hidden],
    ]);
    expect(bySector.total).toMatchObject({ consortiumDeliveries: shown(8), consortiumDeliveringIkm: shown(6) });
    const byForum = await report('FORUM');
    for (const row of byForum.rows) expect(row).toMatchObject({ consortiumDeliveries: null, consortiumDeliveringIkm: null });
    expect(byForum.total).toMatchObject({ consortiumDeliveries: shown(8), consortiumDeliveringIkm: shown(6) });
    expect((await report('DISTRICT')).rows[0]).toMatchObject({ consortiumDeliveries: shown(8), consortiumDeliveringIkm: shown(6) });
    // A year with one delivery (E1's of 2020) and no forum: the total is built from one IKM.
    expect((await report('SENTRA', 2020)).total).toMatchObject({ consortiumDeliveries: hidden, consortiumDeliveringIkm: hidden });
  });

  it('is empty for a year without forums', async () => {
    expect(await report('SENTRA', 2010)).toMatchObject({ rows: [], total: { participants: hidden } });
  });

  it('is for Disperin staff only', async () => {
    const owner = await ownerOf(api, E[1]!);
    const bri = await memberOf(api, BRI);
    for (const headers of [{}, owner.headers, bri.headers]) {
      const res = await api.gql(QUERY, { d: 'FORUM', y: 2019 }, headers);
      expect(res.data?.funnelReport ?? null).toBeNull();
      expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(res.errors?.[0]?.extensions?.code);
    }
  });
});
