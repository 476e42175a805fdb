import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiKeyOf,
  bookMeeting,
  createForum,
  dbId,
  type ForumHandle,
  forumRowCounts,
  freeOrganisations,
  globalId,
  memberOfPartner,
  OPEN_SLUG,
  ownerOf,
  register,
  registerOk,
  STAFF,
  tableHash,
  transition,
} from './forum-fixtures';
import { startTestServer, type TestServer } from './support/server';

let api: TestServer;
let staff: Record<string, string>;
let forum: ForumHandle;
let enterprises: { id: string; name: string }[];
let partners: { id: string; name: string; kind: string }[];

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  staff = await api.as(STAFF);
  forum = await createForum(api, staff);
  ({ enterprises, partners } = await freeOrganisations(api, forum.dbId, { enterprises: 8, partners: 4 }));
}, 120_000);
afterAll(() => api?.close());

const PARTICIPANT = /* GraphQL */ `
  query ($id: ID!) { node(id: $id) { ... on ForumParticipant { id name side isMine attendees meetingCap meetingCount availableSlots { id } agenda { tableName } agendaUrl } } }`;

describe('forumRegister', () => {
  it('an IKM owner registers their own enterprise with attendees, availability and a cap', async () => {
    const owner = await ownerOf(api, enterprises[0]!.id);
    const slots = forum.meetingSlots.slice(0, 3).map((s) => s.id);
    const res = await register(api, owner, { forumId: forum.id, attendees: [' Siti Rahayu ', 'Budi Santoso'], availableSlotIds: slots, meetingCap: 2 });
    expect(res.errors).toBeUndefined();
    const { participant, userErrors } = res.data!.forumRegister;
    expect(userErrors).toEqual([]);
    expect(participant).toMatchObject({ name: enterprises[0]!.name, side: 'ENTERPRISE', attendees: ['Siti Rahayu', 'Budi Santoso'], meetingCap: 2 });
    expect(participant.availableSlots.map((s: { id: string }) => s.id)).toEqual(slots);

    // Private fields: the owner and staff see them; another IKM and the public do not.
    const other = await ownerOf(api, enterprises[1]!.id);
    const mine = await api.gql(PARTICIPANT, { id: participant.id }, owner);
    expect(mine.data!.node).toMatchObject({ isMine: true, attendees: ['Siti Rahayu', 'Budi Santoso'], meetingCap: 2, meetingCount: 0, agenda: [] });
    expect(mine.data!.node.agendaUrl).toBe(`/forums/${forum.dbId}/agenda/${dbId(participant.id)}`);
    for (const headers of [other, {}]) {
      const seen = await api.gql(PARTICIPANT, { id: participant.id }, headers);
      expect(seen.errors).toBeUndefined();
      expect(seen.data!.node).toMatchObject({ name: enterprises[0]!.name, isMine: false, attendees: null, meetingCap: null, meetingCount: null, availableSlots: null, agenda: null, agendaUrl: null });
    }
    const byStaff = await api.gql(PARTICIPANT, { id: participant.id }, staff);
    expect(byStaff.data!.node.attendees).toEqual(['Siti Rahayu', 'Budi Santoso']);

    const again = await register(api, owner, { forumId: forum.id });
    expect(again.data!.forumRegister.userErrors).toEqual([expect.objectContaining({ code: 'TAKEN', field: ['input', 'enterpriseId'] })]);
  });

  it('registers by default for every meeting slot and without a cap', async () => {
    const owner = await ownerOf(api, enterprises[2]!.id);
    const res = await register(api, owner, { forumId: forum.id });
    expect(res.data!.forumRegister.userErrors).toEqual([]);
    expect(res.data!.forumRegister.participant.meetingCap).toBeNull();
    expect(res.data!.forumRegister.participant.availableSlots.map((s: { id: string }) => s.id)).toEqual(forum.meetingSlots.map((s) => s.id));
  });

  it('partner members and API keys with sessions:write register their partner; other keys may not', async () => {
    const member = await memberOfPartner(api, partners[0]!.id);
    const byMember = await register(api, member, { forumId: forum.id });
    expect(byMember.data!.forumRegister.userErrors).toEqual([]);
    expect(byMember.data!.forumRegister.participant).toMatchObject({ side: 'PARTNER', name: partners[0]!.name });

    const key = await apiKeyOf(api, partners[1]!.id, ['sessions:write']);
    const byKey = await register(api, key, { forumId: forum.id, attendees: ['Account Officer'] });
    expect(byKey.data!.forumRegister.userErrors).toEqual([]);

    const readOnly = await apiKeyOf(api, partners[2]!.id, ['opportunities:read']);
    const before = await forumRowCounts(api);
    const refused = await register(api, readOnly, { forumId: forum.id });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await forumRowCounts(api)).toEqual(before);
  });

  it('nobody registers another organisation except Disperin staff', async () => {
    const owner = await ownerOf(api, enterprises[3]!.id);
    const before = await forumRowCounts(api);
    const other = await register(api, owner, { forumId: forum.id, enterpriseId: globalId('Enterprise', enterprises[4]!.id) });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const partner = await register(api, owner, { forumId: forum.id, partnerId: globalId('Partner', partners[3]!.id) });
    expect(partner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await register(api, {}, { forumId: forum.id, enterpriseId: globalId('Enterprise', enterprises[4]!.id) });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await forumRowCounts(api)).toEqual(before);
    // Staff register an IKM on its behalf.
    await registerOk(api, staff, forum.id, { enterpriseId: enterprises[4]!.id });
  });

  it('validates attendees, slots and cap, and writes nothing when anything is wrong', async () => {
    const owner = await ownerOf(api, enterprises[5]!.id);
    const breakSlot = forum.slots.find((s) => s.isBreak)!;
    const before = await forumRowCounts(api);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ attendees: [] }, 'input.attendees', 'REQUIRED'],
      [{ attendees: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'input.attendees', 'TOO_MANY'],
      [{ attendees: ['x'.repeat(121)] }, 'input.attendees.0', 'TOO_LONG'],
      [{ availableSlotIds: [breakSlot.id] }, 'input.availableSlotIds.0', 'INVALID_VALUE'],
      [{ availableSlotIds: [globalId('ForumSlot', '00000000-0000-7000-8000-000000000000')] }, 'input.availableSlotIds.0', 'NOT_FOUND'],
      [{ meetingCap: 0 }, 'input.meetingCap', 'INVALID_VALUE'],
      [{ meetingCap: forum.meetingSlots.length + 1 }, 'input.meetingCap', 'INVALID_VALUE'],
    ];
    for (const [input, field, code] of cases) {
      const res = await register(api, owner, { forumId: forum.id, ...input });
      expect(res.errors).toBeUndefined();
      expect(res.data!.forumRegister.participant).toBeNull();
      expect(res.data!.forumRegister.userErrors.map((e: { field: string[]; code: string }) => [e.field.join('.'), e.code])).toEqual([[field, code]]);
    }
    expect(await forumRowCounts(api)).toEqual(before);
  });

  it('registers at the seeded forum while its registration is open', async () => {
    const seeded = await api.db.prisma.matchmakingSession.findUniqueOrThrow({ where: { slug: OPEN_SLUG } });
    const [free] = (await freeOrganisations(api, seeded.id, { enterprises: 1, partners: 0 })).enterprises;
    const owner = await ownerOf(api, free!.id);
    const res = await register(api, owner, { forumId: globalId('Forum', seeded.id), meetingCap: 3 });
    expect(res.data!.forumRegister.userErrors).toEqual([]);
    const forumView = await api.gql(`query ($id: ID!) { node(id: $id) { ... on Forum { registrationIsOpen myParticipants { name } } } }`, { id: globalId('Forum', seeded.id) }, owner);
    expect(forumView.data!.node).toEqual({ registrationIsOpen: true, myParticipants: [{ name: free!.name }] });
  });
});

describe('registration window and status', () => {
  it('closes for members when scheduling starts; staff may still add participants', async () => {
    const closing = await createForum(api, staff);
    const { enterprises: free } = await freeOrganisations(api, closing.dbId, { enterprises: 2, partners: 0 });
    expect((await transition(api, staff, 'forumStartScheduling', closing.id, 'closeRegistrationEarly: true')).forum?.status).toBe('SCHEDULING');
    const owner = await ownerOf(api, free[0]!.id);
    const late = await register(api, owner, { forumId: closing.id });
    expect(late.data!.forumRegister.userErrors).toEqual([expect.objectContaining({ code: 'FORUM_NOT_OPEN', field: ['input', 'forumId'] })]);
    await registerOk(api, staff, closing.id, { enterpriseId: free[1]!.id });
  });

  it('is not open before registrationOpensAt, nor in a draft', async () => {
    const future = await createForum(api, staff, { registrationOpensAt: new Date(Date.now() + 5 * 86_400_000).toISOString() });
    const draft = await createForum(api, staff, {}, { open: false });
    const { enterprises: free } = await freeOrganisations(api, future.dbId, { enterprises: 1, partners: 0 });
    const owner = await ownerOf(api, free[0]!.id);
    const early = await register(api, owner, { forumId: future.id });
    expect(early.data!.forumRegister.userErrors).toEqual([expect.objectContaining({ code: 'FORUM_NOT_OPEN' })]);
    expect(early.data!.forumRegister.userErrors[0].message).toMatch(/opens at/);
    const inDraft = await register(api, owner, { forumId: draft.id });
    expect(inDraft.data!.forumRegister.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'forumId'] })]);
  });
});

describe('forumParticipantUpdate', () => {
  const UPDATE = /* GraphQL */ `
    mutation ($input: ForumParticipantUpdateInput!) {
      forumParticipantUpdate(input: $input) { participant { attendees meetingCap availableSlots { id } } userErrors { code field message } }
    }`;

  it('keeps the slots and the number of booked meetings', async () => {
    const owner = await ownerOf(api, enterprises[6]!.id);
    const mine = await register(api, owner, { forumId: forum.id, meetingCap: 3 });
    const me = mine.data!.forumRegister.participant.id as string;
    const partner = await registerOk(api, staff, forum.id, { partnerId: partners[3]!.id });
    await bookMeeting(api, staff, me, partner, forum.meetingSlots[1]!.id);

    const before = await tableHash(api, 'ParticipantAvailability');
    const dropBooked = await api.gql(UPDATE, { input: { id: me, availableSlotIds: [forum.meetingSlots[0]!.id, forum.meetingSlots[2]!.id] } }, owner);
    expect(dropBooked.data!.forumParticipantUpdate.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_VALUE', field: ['input', 'availableSlotIds'] })]);
    expect(dropBooked.data!.forumParticipantUpdate.userErrors[0].message).toMatch(/09:20/);
    expect(await tableHash(api, 'ParticipantAvailability')).toBe(before);

    const belowBooked = await api.gql(UPDATE, { input: { id: me, meetingCap: 1 } }, owner);
    expect(belowBooked.data!.forumParticipantUpdate.userErrors).toEqual([]);
    const ok = await api.gql(UPDATE, { input: { id: me, attendees: ['Siti'], availableSlotIds: forum.meetingSlots.slice(0, 2).map((s) => s.id), meetingCap: 1 } }, owner);
    expect(ok.data!.forumParticipantUpdate.userErrors).toEqual([]);
    expect(ok.data!.forumParticipantUpdate.participant).toEqual({
      attendees: ['Siti'],
      meetingCap: 1,
      availableSlots: forum.meetingSlots.slice(0, 2).map((s) => ({ id: s.id })),
    });
    const other = await ownerOf(api, enterprises[0]!.id);
    const notYours = await api.gql(UPDATE, { input: { id: me, meetingCap: null } }, other);
    expect(notYours.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
