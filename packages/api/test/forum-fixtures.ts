import { API_KEY_PREFIX, hashSecret, newSecret, visiblePrefix } from '@temu-bisnis/schema/auth/secrets';
import { expect } from 'vitest';
import { globalId } from './support/ids';
import type { TestServer } from './support/server';

/**
 * Fixtures of the forum tests: fresh forums built through the API, sign-ins of new members of
 * seeded organisations, and the one thing the API cannot do — let time pass — done in the
 * database (moving a forum's day to today, or a request's expiry into the past).
 */

export const STAFF = 'petugas.ikm@disperin.semarangkota.go.id';
export const DAY_MS = 86_400_000;
export const COMPLETED_SLUG = 'temu-bisnis-ikm-semarang-2025';
export const OPEN_SLUG = 'temu-bisnis-ikm-semarang-2027';

/** The database id behind a global ID. */
export function dbId(id: string): string {
  return Buffer.from(id, 'base64').toString('utf8').split(':')[1]!;
}

export { globalId };

let counter = 0;
export function unique(): string {
  counter += 1;
  return `${Date.now().toString(36)}${process.pid.toString(36)}${counter}`;
}

export const isoDate = (d: Date) => d.toISOString().slice(0, 10);
export const daysAhead = (n: number) => isoDate(new Date(Date.now() + n * DAY_MS));

/** A new person who belongs to the enterprise, signed in. */
export async function ownerOf(api: TestServer, enterpriseId: string): Promise<Record<string, string>> {
  const email = `pemilik.${unique()}@ikm-uji.example`;
  await api.db.prisma.user.create({
    data: { email, name: 'Pemilik Uji', role: 'ENTERPRISE', memberships: { create: [{ enterpriseId, role: 'OWNER' }] } },
  });
  return api.as(email);
}

/** A new person who belongs to the partner, signed in. */
export async function memberOfPartner(api: TestServer, partnerId: string): Promise<Record<string, string>> {
  const email = `anggota.${unique()}@mitra-uji.example`;
  await api.db.prisma.user.create({
    data: { email, name: 'Anggota Mitra Uji', role: 'PARTNER', memberships: { create: [{ partnerId, role: 'STAFF' }] } },
  });
  return api.as(email);
}

/** An API key of the partner with these scopes, as an Authorization header. */
export async function apiKeyOf(api: TestServer, partnerId: string, scopes: string[]): Promise<Record<string, string>> {
  const secret = newSecret(API_KEY_PREFIX);
  await api.db.prisma.apiKey.create({ data: { partnerId, name: 'forum test key', prefix: visiblePrefix(secret), hash: hashSecret(secret), scopes } });
  return { authorization: `Bearer ${secret}` };
}

/** Active enterprises and partners not registered for the forum yet. */
export async function freeOrganisations(api: TestServer, forumDbId: string, n: { enterprises: number; partners: number }) {
  const taken = await api.db.prisma.forumParticipant.findMany({ where: { sessionId: forumDbId }, select: { enterpriseId: true, partnerId: true } });
  const [enterprises, partners] = await Promise.all([
    api.db.prisma.enterprise.findMany({
      where: { status: 'ACTIVE', id: { notIn: taken.flatMap((t) => (t.enterpriseId ? [t.enterpriseId] : [])) } },
      select: { id: true, name: true },
      orderBy: { nib: 'asc' },
      take: n.enterprises,
    }),
    api.db.prisma.partner.findMany({
      where: { status: 'ACTIVE', id: { notIn: taken.flatMap((t) => (t.partnerId ? [t.partnerId] : [])) } },
      select: { id: true, name: true, kind: true },
      orderBy: { slug: 'asc' },
      take: n.partners,
    }),
  ]);
  return { enterprises, partners };
}

export interface ForumHandle {
  id: string;
  dbId: string;
  slots: { id: string; isBreak: boolean; label: string; startsAt: string }[];
  meetingSlots: { id: string; isBreak: boolean; label: string; startsAt: string }[];
  tables: { id: string; name: string }[];
}

const CREATE = /* GraphQL */ `
  mutation ($input: ForumCreateInput!) {
    forumCreate(input: $input) {
      forum { id status slots { id isBreak label startsAt } tables { id name } }
      userErrors { code field message }
    }
  }`;

/** forumCreate's input: a forum 60 days ahead, 09:00–11:20 WIB, 20-minute meetings, a break at 10:00, three tables; `input` overrides. */
export function forumCreateInput(input: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: `Temu Bisnis Uji ${unique()}`,
    venue: 'Gedung Oudetrap, Kota Lama',
    address: 'Jl. Letjen Suprapto, Semarang Utara',
    districtCode: '33.74.02',
    date: daysAhead(60),
    meetingMinutes: 20,
    startTime: '09:00',
    endTime: '11:20',
    breaks: [{ startTime: '10:00', minutes: 20 }],
    tableCount: 3,
    registrationOpensAt: new Date(Date.now() - 3_600_000).toISOString(),
    registrationClosesAt: new Date(Date.now() + 30 * DAY_MS).toISOString(),
    requestTtlHours: 72,
    ...input,
  };
}

/** A forum of forumCreateInput in DRAFT (or further, with `open`). */
export async function createForum(
  api: TestServer,
  staff: Record<string, string>,
  input: Record<string, unknown> = {},
  { open = true }: { open?: boolean } = {},
): Promise<ForumHandle> {
  const res = await api.gql(CREATE, { input: forumCreateInput(input) }, staff);
  expect(res.errors).toBeUndefined();
  expect(res.data!.forumCreate.userErrors).toEqual([]);
  const forum = res.data!.forumCreate.forum;
  if (open) {
    const opened = await api.gql(`mutation ($id: ID!) { forumOpenRegistration(input: { id: $id }) { userErrors { code message } } }`, { id: forum.id }, staff);
    expect(opened.data!.forumOpenRegistration.userErrors).toEqual([]);
  }
  return {
    id: forum.id,
    dbId: dbId(forum.id),
    slots: forum.slots,
    meetingSlots: forum.slots.filter((s: { isBreak: boolean }) => !s.isBreak),
    tables: forum.tables,
  };
}

const REGISTER = /* GraphQL */ `
  mutation ($input: ForumRegisterInput!) {
    forumRegister(input: $input) {
      participant { id name side attendees meetingCap availableSlots { id } }
      userErrors { code field message }
    }
  }`;

export async function register(api: TestServer, headers: Record<string, string>, input: Record<string, unknown>) {
  return api.gql(REGISTER, { input: { attendees: ['Peserta Uji'], ...input } }, headers);
}

/** Registers through the API as staff and returns the participant's global ID. */
export async function registerOk(api: TestServer, staff: Record<string, string>, forumId: string, org: { enterpriseId?: string; partnerId?: string }, extra: Record<string, unknown> = {}) {
  const input = {
    forumId,
    ...(org.enterpriseId ? { enterpriseId: globalId('Enterprise', org.enterpriseId) } : {}),
    ...(org.partnerId ? { partnerId: globalId('Partner', org.partnerId) } : {}),
    ...extra,
  };
  const res = await register(api, staff, input);
  expect(res.errors).toBeUndefined();
  expect(res.data!.forumRegister.userErrors).toEqual([]);
  return res.data!.forumRegister.participant.id as string;
}

export const REQUEST_CREATE = /* GraphQL */ `
  mutation ($input: MeetingRequestCreateInput!) {
    meetingRequestCreate(input: $input) {
      request { id status priority message expiresAt requester { id } recipient { id } }
      userErrors { code field message }
    }
  }`;

export const REQUEST_ACCEPT = /* GraphQL */ `
  mutation ($input: MeetingRequestAcceptInput!) {
    meetingRequestAccept(input: $input) {
      request { id status respondedAt }
      meeting { id status slot { id label } table { id name } seats { participant { id } checkedInAt } }
      notBooked { code field message }
      userErrors { code field message }
    }
  }`;

/** Sends a request as staff on behalf of `from` and accepts it, booking at once (optionally in a slot); returns the meeting's global ID. */
export async function bookMeeting(api: TestServer, staff: Record<string, string>, from: string, to: string, slotId?: string): Promise<string> {
  const created = await api.gql(REQUEST_CREATE, { input: { fromParticipantId: from, toParticipantId: to, message: 'Uji', priority: 3 } }, staff);
  expect(created.data!.meetingRequestCreate.userErrors).toEqual([]);
  const accepted = await api.gql(REQUEST_ACCEPT, { input: { id: created.data!.meetingRequestCreate.request.id, bookNow: true, ...(slotId ? { slotId } : {}) } }, staff);
  expect(accepted.data!.meetingRequestAccept.userErrors).toEqual([]);
  return accepted.data!.meetingRequestAccept.meeting.id as string;
}

/** Moves the forum status straight through staff mutations. */
export async function transition(api: TestServer, staff: Record<string, string>, mutation: string, id: string, extra = '') {
  const res = await api.gql(
    `mutation ($id: ID!) { ${mutation}(input: { id: $id ${extra} }) { forum { id status } userErrors { code field message } } }`,
    { id },
    staff,
  );
  expect(res.errors).toBeUndefined();
  return res.data![mutation] as { forum: { id: string; status: string } | null; userErrors: { code: string; field: string[]; message: string }[] };
}

/**
 * Lets time pass: the forum's day becomes today (Asia/Jakarta) with its first slot begun
 * `startedMinutesAgo` minutes ago, every slot keeping its length and order, and the registration
 * window in the past.
 */
export async function moveForumDayToNow(api: TestServer, forumDbId: string, startedMinutesAgo: number): Promise<void> {
  const prisma = api.db.prisma;
  const slots = await prisma.sessionSlot.findMany({ where: { sessionId: forumDbId }, orderBy: { index: 'asc' } });
  const delta = Date.now() - startedMinutesAgo * 60_000 - slots[0]!.startsAt.getTime();
  const firstStart = new Date(slots[0]!.startsAt.getTime() + delta);
  const jakartaDate = isoDate(new Date(firstStart.getTime() + 7 * 3_600_000));
  await api.db.query(`UPDATE "SessionSlot" SET "startsAt" = "startsAt" + ($2 || ' milliseconds')::interval, "endsAt" = "endsAt" + ($2 || ' milliseconds')::interval WHERE "sessionId" = $1`, [
    forumDbId,
    String(delta),
  ]);
  await prisma.matchmakingSession.update({
    where: { id: forumDbId },
    data: {
      date: new Date(`${jakartaDate}T00:00:00.000Z`),
      registrationOpensAt: new Date(firstStart.getTime() - 10 * DAY_MS),
      registrationClosesAt: new Date(firstStart.getTime() - DAY_MS),
    },
  });
}

/** Row counts of the forum tables, to show that a refused mutation changed nothing. */
export async function forumRowCounts(api: TestServer): Promise<Record<string, number>> {
  const tables = ['MatchmakingSession', 'SessionSlot', 'SessionTable', 'ForumParticipant', 'ParticipantAvailability', 'MeetingRequest', 'Meeting', 'MeetingSeat', 'MeetingFeedback', 'MeetingFollowUp'];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = (await api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}"`))[0]!.n;
  return out;
}

/** A fingerprint of one table's rows (content, not just counts). */
export async function tableHash(api: TestServer, table: string): Promise<string> {
  const [row] = await api.db.query<{ h: string }>(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${table}" t`);
  return row!.h;
}
