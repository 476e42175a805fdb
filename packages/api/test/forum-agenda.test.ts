import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiKeyOf,
  bookMeeting,
  COMPLETED_SLUG,
  createForum,
  freeOrganisations,
  globalId,
  ownerOf,
  registerOk,
  STAFF,
  transition,
} from './forum-fixtures';
import { startTestServer, type TestServer } from './support/server';

let api: TestServer;
let staff: Record<string, string>;
let forumDbId: string;
/** An enterprise participant of the COMPLETED forum with at least two meetings. */
let participant: { id: string; enterpriseId: string; name: string };
let owner: Record<string, string>;
let stranger: Record<string, string>;

/** The participant's meetings as the database has them: local time (WIB = UTC+7), table, counterpart. */
async function expectedAgenda(participantId: string) {
  const seats = await api.db.prisma.meetingSeat.findMany({
    where: { participantId },
    include: {
      meeting: {
        include: {
          slot: true,
          table: true,
          seats: { include: { participant: { include: { enterprise: { select: { name: true } }, partner: { select: { name: true } } } } } },
        },
      },
    },
  });
  const wib = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(11, 16);
  return seats
    .sort((a, b) => a.meeting.slot.index - b.meeting.slot.index)
    .map((s) => {
      const other = s.meeting.seats.find((x) => x.participantId !== participantId)!.participant;
      return {
        localStartTime: wib(s.meeting.slot.startsAt),
        localEndTime: wib(s.meeting.slot.endsAt),
        tableName: s.meeting.table.name,
        counterpart: other.enterprise?.name ?? other.partner!.name,
      };
    });
}

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  staff = await api.as(STAFF);
  const forum = await api.db.prisma.matchmakingSession.findUniqueOrThrow({ where: { slug: COMPLETED_SLUG } });
  forumDbId = forum.id;
  const candidates = await api.db.prisma.forumParticipant.findMany({
    where: { sessionId: forum.id, enterpriseId: { not: null } },
    include: { enterprise: { select: { name: true } }, _count: { select: { seats: true } } },
    orderBy: { id: 'asc' },
  });
  const chosen = candidates.find((c) => c._count.seats >= 2)!;
  participant = { id: chosen.id, enterpriseId: chosen.enterpriseId!, name: chosen.enterprise!.name };
  owner = await ownerOf(api, participant.enterpriseId);
  const other = candidates.find((c) => c.id !== chosen.id)!;
  stranger = await ownerOf(api, other.enterpriseId!);
}, 120_000);
afterAll(() => api?.close());

/** Text as the pages print it, HTML-escaped. */
const h = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const agendaPath = () => `/forums/${forumDbId}/agenda/${participant.id}`;
const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => fetch(`${api.url}${path}`, { headers, method });
const tokenOf = (headers: Record<string, string>) => headers.authorization!.replace(/^Bearer /, '');

describe('participant.agenda', () => {
  it('lists the meetings in time order with local times (Asia/Jakarta), tables, counterparts and their profiles', async () => {
    const res = await api.gql(
      `query ($id: ID!) { node(id: $id) { ... on ForumParticipant { name agenda {
         localStartTime localEndTime timeZone tableName status startsAt
         counterpart { name side } counterpartProfile { name side partnerKind summary products offers }
         slot { label } table { name } meeting { id } } } } }`,
      { id: globalId('ForumParticipant', participant.id) },
      owner,
    );
    expect(res.errors).toBeUndefined();
    const agenda = res.data!.node.agenda as any[];
    expect(agenda.map((a) => ({ localStartTime: a.localStartTime, localEndTime: a.localEndTime, tableName: a.tableName, counterpart: a.counterpart.name }))).toEqual(
      await expectedAgenda(participant.id),
    );
    for (const item of agenda) {
      expect(item.timeZone).toBe('WIB');
      expect(item.slot.label).toBe(`${item.localStartTime}–${item.localEndTime} WIB`);
      expect(item.counterpartProfile.name).toBe(item.counterpart.name);
      expect(item.counterpartProfile.summary.length).toBeLessThanOrEqual(281);
      expect(item.counterpartProfile.side).toBe(item.counterpart.side);
    }
    const hidden = await api.gql(`query ($id: ID!) { node(id: $id) { ... on ForumParticipant { agenda { tableName } } } }`, { id: globalId('ForumParticipant', participant.id) }, stranger);
    expect(hidden.data!.node.agenda).toBeNull();
  });

  it('statement count of forum.meetings does not grow with the page size', async () => {
    const query = /* GraphQL */ `
      query ($id: ID!, $first: Int!) { node(id: $id) { ... on Forum {
        meetings(first: $first) { totalCount nodes { id status slot { label startsAt } table { name }
          seats { checkedInAt participant { name side enterprise { name } partner { name } } } } } } } }`;
    const counts: Record<number, number> = {};
    const sizes: Record<number, number> = {};
    for (const first of [10, 100]) {
      counts[first] = await api.statementsDuring(async () => {
        const res = await api.gql(query, { id: globalId('Forum', forumDbId), first }, staff);
        expect(res.errors).toBeUndefined();
        sizes[first] = res.data!.node.meetings.nodes.length;
      });
    }
    console.log(`statements: forum meetings first:10 = ${counts[10]}, first:100 = ${counts[100]} (${sizes[10]} and ${sizes[100]} meetings) [${api.db.kind}]`);
    expect(sizes[10]).toBe(10);
    expect(sizes[100]).toBeGreaterThan(50);
    expect(counts[100]).toBe(counts[10]);
  });
});

describe('forum.meetings', () => {
  it('pages through every meeting in agenda order without gaps or repeats', async () => {
    const seen: { id: string; index: number }[] = [];
    let after: string | null = null;
    let total = 0;
    for (let page = 0; page < 10; page += 1) {
      const res: any = await api.gql(
        `query ($id: ID!, $after: String) { node(id: $id) { ... on Forum { meetings(first: 30, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id slot { index } } } } } }`,
        { id: globalId('Forum', forumDbId), after },
        staff,
      );
      const c = res.data.node.meetings;
      total = c.totalCount;
      seen.push(...c.nodes.map((n: { id: string; slot: { index: number } }) => ({ id: n.id, index: n.slot.index })));
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(total).toBe(await api.db.prisma.meeting.count({ where: { sessionId: forumDbId } }));
    expect(new Set(seen.map((m) => m.id)).size).toBe(total);
    expect(seen.map((m) => m.index)).toEqual([...seen.map((m) => m.index)].sort((x, y) => x - y));
    // Everyone else sees only the meetings of their own participants.
    const own = await api.gql(`query ($id: ID!) { node(id: $id) { ... on Forum { meetings(first: 100) { totalCount } } } }`, { id: globalId('Forum', forumDbId) }, owner);
    expect(own.data!.node.meetings.totalCount).toBe(await api.db.prisma.meetingSeat.count({ where: { participantId: participant.id } }));
    const none = await api.gql(`query ($id: ID!) { node(id: $id) { ... on Forum { meetings(first: 5) { totalCount nodes { id } } } } }`, { id: globalId('Forum', forumDbId) });
    expect(none.data!.node.meetings).toEqual({ totalCount: 0, nodes: [] });
  });
});

describe('GET /forums/:id/agenda/:participantId', () => {
  it('shows the agenda to its own people (Bearer header or ?token=) and to staff, as escaped, printable HTML', async () => {
    for (const [how, res] of [
      ['header', await get(agendaPath(), owner)],
      ['token', await get(`${agendaPath()}?token=${encodeURIComponent(tokenOf(owner))}`)],
      ['staff', await get(agendaPath(), staff)],
    ] as const) {
      expect(res.status, how).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      const body = await res.text();
      expect(body).toContain('@page{size:A4;');
      expect(body).toContain('<meta name="viewport"');
      expect(body).toContain(h(participant.name));
      for (const item of await expectedAgenda(participant.id)) {
        expect(body).toContain(`${item.localStartTime}–${item.localEndTime} WIB`);
        expect(body).toContain(`<strong>${item.tableName}</strong>`);
        expect(body).toContain(h(item.counterpart));
      }
    }
    // A URL-encoded global ID works as well as the database id.
    const byGlobalId = await get(`/forums/${encodeURIComponent(globalId('Forum', forumDbId))}/agenda/${encodeURIComponent(globalId('ForumParticipant', participant.id))}`, owner);
    expect(byGlobalId.status).toBe(200);
  });

  it('refuses everyone else: 401 without or with bad credentials, 403 for another IKM, 404 for unknown pages', async () => {
    const anonymous = await get(agendaPath());
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(await anonymous.text()).not.toContain(participant.name);
    expect((await get(agendaPath(), stranger)).status).toBe(403);
    expect((await get(`${agendaPath()}?token=${encodeURIComponent(tokenOf(stranger))}`)).status).toBe(403);
    expect((await get(`${agendaPath()}?token=tb_user_not-a-token`)).status).toBe(401);
    // API keys belong in the header, never in a URL.
    const partner = await api.db.prisma.partner.findFirstOrThrow({ where: { status: 'ACTIVE' } });
    const key = await apiKeyOf(api, partner.id, ['sessions:write']);
    expect((await get(`${agendaPath()}?token=${encodeURIComponent(tokenOf(key))}`)).status).toBe(401);
    expect((await get(agendaPath(), key)).status).toBe(403);
    const otherForum = await api.db.prisma.matchmakingSession.findFirstOrThrow({ where: { NOT: { id: forumDbId } } });
    expect((await get(`/forums/${otherForum.id}/agenda/${participant.id}`, staff)).status).toBe(404);
    expect((await get(`/forums/${forumDbId}/agenda/not-an-id`, staff)).status).toBe(404);
    expect((await get(`/forums/${forumDbId}/nothing`, staff)).status).toBe(404);
    expect((await get(agendaPath(), staff, 'POST')).status).toBe(405);
  });

  it('escapes names: no HTML can be injected through an organisation name', async () => {
    const [first] = await expectedAgenda(participant.id);
    const seat = await api.db.prisma.meetingSeat.findFirstOrThrow({
      where: { participantId: participant.id },
      include: { meeting: { include: { seats: { include: { participant: true } } } } },
      orderBy: { slot: { index: 'asc' } },
    });
    const other = seat.meeting.seats.find((s) => s.participantId !== participant.id)!.participant;
    const evil = `<script>alert("x")</script><img src=x onerror=alert(1)> & Co`;
    if (other.partnerId) await api.db.prisma.partner.update({ where: { id: other.partnerId }, data: { name: evil, description: '<b>bold</b>' } });
    else await api.db.prisma.enterprise.update({ where: { id: other.enterpriseId! }, data: { name: evil, description: '<b>bold</b>' } });
    await api.db.prisma.forumParticipant.update({ where: { id: participant.id }, data: { attendees: ['"Ana" <ana@example.com>'] } });
    const body = await (await get(agendaPath(), owner)).text();
    expect(first).toBeDefined();
    expect(body).not.toContain('<script>alert');
    expect(body).not.toContain('<img src=x');
    expect(body).not.toContain('<b>bold</b>');
    expect(body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; Co');
    expect(body).toContain('&quot;Ana&quot; &lt;ana@example.com&gt;');
  });
});

describe('GET /forums/:id/wall-plan', () => {
  it('is for staff at a completed forum and shows every meeting in a table × slot grid', async () => {
    const path = `/forums/${forumDbId}/wall-plan`;
    expect((await get(path)).status).toBe(401);
    expect((await get(path, owner)).status).toBe(403);
    const res = await get(path, staff);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('@page{size:A4 landscape;');
    const meetings = await api.db.prisma.meeting.count({ where: { sessionId: forumDbId, status: { not: 'CANCELLED' } } });
    expect(body).toContain(`<p>${meetings} pertemuan di 10 meja.</p>`);
    expect(body).toContain('<th>Meja 10</th>');
    expect(body).toContain('Istirahat');
  });

  it('is public while a forum is SCHEDULED', async () => {
    const forum = await createForum(api, staff, { tableCount: 2 });
    const { enterprises, partners } = await freeOrganisations(api, forum.dbId, { enterprises: 1, partners: 1 });
    const e = await registerOk(api, staff, forum.id, { enterpriseId: enterprises[0]!.id });
    const p = await registerOk(api, staff, forum.id, { partnerId: partners[0]!.id });
    await bookMeeting(api, staff, e, p);
    const path = `/forums/${forum.dbId}/wall-plan`;
    expect((await get(path)).status).toBe(401);
    await transition(api, staff, 'forumStartScheduling', forum.id, 'closeRegistrationEarly: true');
    await transition(api, staff, 'forumPublishSchedule', forum.id);
    const res = await get(path);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain(h(enterprises[0]!.name));
    expect(body).toContain('<p>1 pertemuan di 2 meja.</p>');
    const viaApi = await api.gql(`query ($id: ID!) { node(id: $id) { ... on Forum { wallPlanUrl wallPlan { tables { name } rows { label isBreak cells { participantNames } } } } } }`, { id: forum.id });
    expect(viaApi.data!.node.wallPlanUrl).toBe(path);
    expect(viaApi.data!.node.wallPlan.rows[0].cells[0].participantNames.sort()).toEqual([enterprises[0]!.name, partners[0]!.name].sort());
  });
});
