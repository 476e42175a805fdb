import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRI, enterpriseGid, insertConsent, leadGid, memberOf, STAFF_EMAIL } from './financing-fixtures';
import { bookMeeting, COMPLETED_SLUG, createForum, daysAhead, dbId, freeOrganisations, registerOk } from './forum-fixtures';
import { globalId } from './support/ids';
import { startTestServer, type TestServer } from './support/server';

/**
 * ForumFunnelEntry, the per-participant summary the funnel report sums, is kept by triggers in the
 * transaction of every write it is built from. After each kind of mutation that feeds it, the kept
 * rows equal a rebuild from the raw tables (forum_funnel_refresh of every participant, rolled back),
 * and the figure the mutation moves has moved.
 */

let api: TestServer;
let staff: Record<string, string>;

const ENTRIES = `SELECT "participantId"::text, "forumDate"::text, sector::text, "sentraId"::text, "districtId"::text, requests, held, deals,
  "dealValue"::text, "followUps3", "followUps6", "ikmRequests", needs, contacted, approved, "approvedValue"::text, disbursed, "disbursedValue"::text,
  "shareSector"::text, "sizeClass", before::text, after::text
  FROM "ForumFunnelEntry" ORDER BY "participantId"`;

type Entry = Record<string, string | number | null>;

class Rollback extends Error {}

/** The entries as a full rebuild from the raw tables makes them, in a transaction that is rolled back. */
async function rebuilt(): Promise<Entry[]> {
  let rows: Entry[] = [];
  await api.db.prisma
    .$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SELECT forum_funnel_refresh(ARRAY(SELECT id FROM "ForumParticipant"))`);
      rows = await tx.$queryRawUnsafe<Entry[]>(ENTRIES);
      throw new Rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return rows;
}

async function expectCurrent() {
  const kept = await api.db.prisma.$queryRawUnsafe<Entry[]>(ENTRIES);
  expect(kept).toEqual(await rebuilt());
}

const entry = (participantId: string) => api.db.prisma.forumFunnelEntry.findUnique({ where: { participantId } });

/** A mutation `name` with an input of GraphQL type `type`, expected to succeed. */
async function mutate(name: string, type: string, input: Record<string, unknown>, headers = staff) {
  const res = await api.gql(`mutation($input: ${type}!) { ${name}(input: $input) { userErrors { code field } } }`, { input }, headers);
  expect(res.errors).toBeUndefined();
  expect(res.data![name].userErrors, name).toEqual([]);
}

/** An IKM participant of the seeded 2025 forum (17 December 2025) with a meeting held and no outcome or 6-month follow-up yet. */
let seeded: { participantId: string; enterpriseId: string; meetingId: string };

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  staff = await api.as(STAFF_EMAIL);
  const forum = await api.db.prisma.matchmakingSession.findUniqueOrThrow({ where: { slug: COMPLETED_SLUG } });
  const meeting = await api.db.prisma.meeting.findFirstOrThrow({
    where: { sessionId: forum.id, status: 'HELD', outcome: { not: 'DEAL' }, followUps: { none: { monthsAfter: 6 } }, request: { requester: { enterpriseId: { not: null } } } },
    include: { request: { include: { requester: true } } },
    orderBy: { id: 'asc' },
  });
  seeded = { participantId: meeting.request.requesterId, enterpriseId: meeting.request.requester.enterpriseId!, meetingId: globalId('Meeting', meeting.id) };
}, 120_000);
afterAll(() => api?.close());

describe('ForumFunnelEntry', () => {
  it('is backfilled for every IKM participant of the seed', async () => {
    const ikm = await api.db.prisma.forumParticipant.count({ where: { enterpriseId: { not: null } } });
    expect(await api.db.prisma.forumFunnelEntry.count()).toBe(ikm);
    await expectCurrent();
  });

  it('follows registration, requests and bookings, and the forum day', async () => {
    const forum = await createForum(api, staff);
    const { enterprises, partners } = await freeOrganisations(api, forum.dbId, { enterprises: 1, partners: 1 });
    const e1 = await registerOk(api, staff, forum.id, { enterpriseId: enterprises[0]!.id });
    const p1 = await registerOk(api, staff, forum.id, { partnerId: partners[0]!.id });
    expect(await entry(dbId(e1))).toMatchObject({ requests: 0, held: 0 });
    expect(await entry(dbId(p1))).toBeNull(); // partners have no entry
    await expectCurrent();
    // The API moves a forum's day only in DRAFT, before anyone registers; the database lets it move anyway.
    await api.db.prisma.matchmakingSession.update({ where: { id: forum.dbId }, data: { date: new Date(`${daysAhead(75)}T00:00:00.000Z`) } });
    expect((await entry(dbId(e1)))!.forumDate.toISOString().slice(0, 10)).toBe(daysAhead(75));
    await expectCurrent();
    await bookMeeting(api, staff, e1, p1);
    expect(await entry(dbId(e1))).toMatchObject({ requests: 1, held: 0 });
    await expectCurrent();
  });

  it('follows outcomes and follow-ups of meetings held', async () => {
    const before = (await entry(seeded.participantId))!;
    await mutate('meetingOutcomeRecord', 'MeetingOutcomeInput', { meetingId: seeded.meetingId, outcome: 'DEAL', dealValue: '25000000' });
    const dealt = (await entry(seeded.participantId))!;
    expect([dealt.deals, dealt.dealValue]).toEqual([before.deals + 1, before.dealValue + 25_000_000n]);
    await expectCurrent();
    await mutate('meetingFollowUpRecord', 'MeetingFollowUpInput', { meetingId: seeded.meetingId, monthsAfter: 6, stage: 'CONTRACT_SIGNED' });
    expect((await entry(seeded.participantId))!.followUps6).toBe(before.followUps6 + 1);
    await expectCurrent();
  });

  it('follows financing needs, lead stages, yearly figures and the IKM profile', async () => {
    const before = (await entry(seeded.participantId))!;
    const created = await api.gql(
      `mutation($input: FinancingNeedCreateInput!) { financingNeedCreate(input: $input) { financingNeed { id } userErrors { code } } }`,
      { input: { enterpriseId: enterpriseGid(seeded.enterpriseId), amount: '45000000', purpose: 'INVESTMENT', tenorMonths: 36, collateral: 'Mesin' } },
      staff,
    );
    expect(created.data!.financingNeedCreate.userErrors).toEqual([]);
    // Within 12 months of the forum of 17 December 2025.
    expect((await entry(seeded.participantId))!.needs).toBe(before.needs + 1);
    await expectCurrent();

    await insertConsent(api, seeded.enterpriseId, { funderSlug: BRI });
    const bri = await memberOf(api, BRI);
    await mutate('leadStatusUpdate', 'LeadStatusUpdateInput', { leadId: leadGid(dbId(created.data!.financingNeedCreate.financingNeed.id)), status: 'CONTACTED' }, bri.headers);
    expect((await entry(seeded.participantId))!.contacted).toBe(before.contacted + 1);
    await expectCurrent();

    for (const [year, turnover] of [[2024, '400000000'], [2025, '500000000']] as const) {
      await mutate('enterpriseYearFigureRecord', 'EnterpriseYearFigureRecordInput', { enterpriseId: enterpriseGid(seeded.enterpriseId), year, turnover, source: 'BOOKKEEPING', isEstimate: false });
    }
    expect(await entry(seeded.participantId)).toMatchObject({ before: 400_000_000n, after: 500_000_000n, sizeClass: 'MICRO' });
    await expectCurrent();

    const sector = before.sector === 'CRAFT' ? 'BATIK' : 'CRAFT';
    await mutate('enterpriseUpdate', 'EnterpriseUpdateInput', { id: enterpriseGid(seeded.enterpriseId), sector });
    expect(await entry(seeded.participantId)).toMatchObject({ sector, shareSector: sector });
    await expectCurrent();
  });
});
