import type { SchedulingInstance } from '@temu-bisnis/schema/domain/scheduling/index';
import { expect } from 'vitest';
import { createForum, transition, unique } from './forum-fixtures';
import type { TestServer } from './support/server';

/** Forums built from the scheduler's generated instances, over real HTTP with the organiser's bulk mutations. */

export const IMPORT = /* GraphQL */ `
  mutation ($input: ForumParticipantImportInput!) {
    forumParticipantImport(input: $input) { participants { id } createdEnterprises createdPartners userErrors { code field message } }
  }`;
export const BULK_CREATE = /* GraphQL */ `
  mutation ($input: MeetingRequestBulkCreateInput!) {
    meetingRequestBulkCreate(input: $input) { requests { id status } userErrors { code field message } }
  }`;
export const BULK_RESPOND = /* GraphQL */ `
  mutation ($input: MeetingRequestBulkRespondInput!) {
    meetingRequestBulkRespond(input: $input) { requests { id status } userErrors { code field message } }
  }`;
export const SCHEDULE = /* GraphQL */ `
  mutation ($input: ForumScheduleInput!) {
    forumSchedule(input: $input) {
      run { objective { meetings priority } method provenOptimal meetingsUpperBound gap heldFixed baselineMeetings elapsedMs createdMeetings { id } unscheduled { reason } }
      userErrors { code field message }
    }
  }`;
export const PROGRESS = /* GraphQL */ `query ($forumId: ID!) { forumProgress(forumId: $forumId) { operation phase done total finishedAt } }`;

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
let nibCounter = 0;

/** The roster of a generated forum as Disperin's CSV: partners by new slugs, IKM by new NIBs (created by the import). */
function rosterOf(instance: SchedulingInstance, tag: string): { csv: string; order: string[] } {
  const slotStart = new Map(instance.slots.map((s, i) => [s.id, i]));
  const breaks = new Set(instance.slots.filter((s) => s.isBreak).map((s) => s.id));
  // A cap above the meeting slots caps nothing; the forum only takes 1 to that many.
  const meetingSlots = instance.slots.length - breaks.size;
  const lines = ['name,nib,partner,role,availability,cap,sector,district,founded'];
  for (const p of instance.participants) {
    const times = p.availableSlotIds.filter((id) => !breaks.has(id)).map((id) => clock(9 * 60 + 20 * slotStart.get(id)!));
    // Nobody available at all would be a bad row; the generator always gives someone a slot or two.
    const availability = times.join(';');
    const cap = p.meetingCap == null ? '' : Math.min(p.meetingCap, meetingSlots);
    if (p.id.startsWith('m')) lines.push(`Mitra ${tag} ${p.id},,mitra-${tag}-${p.id},BUYER,${availability},${cap},,,`);
    else {
      nibCounter += 1;
      lines.push(`"IKM ${tag} ${p.id}, Semarang",${`77${String(nibCounter).padStart(11, '0')}`},,IKM,${availability},${cap},FOOD_BEVERAGE,33.74.02,2015-03-01`);
    }
  }
  return { csv: `${lines.join('\n')}\n`, order: instance.participants.map((p) => p.id) };
}

/** The forum of a generated instance: the same slots (20 minutes from 09:00, its break), tables, roster and requests. */
export async function forumOf(api: TestServer, staff: Record<string, string>, instance: SchedulingInstance, count: { calls: number }) {
  const breakIndex = instance.slots.findIndex((s) => s.isBreak);
  count.calls += 2; // forumCreate and forumOpenRegistration
  const forum = await createForum(api, staff, {
    startTime: '09:00',
    endTime: clock(9 * 60 + 20 * instance.slots.length),
    breaks: breakIndex >= 0 ? [{ startTime: clock(9 * 60 + 20 * breakIndex), minutes: 20 }] : [],
    tableCount: instance.tables.length,
  });
  const tag = unique();
  const { csv, order } = rosterOf(instance, tag);
  count.calls += 1;
  const res = await api.gql(IMPORT, { input: { forumId: forum.id, csv } }, staff);
  expect(res.errors).toBeUndefined();
  const imported = res.data!.forumParticipantImport;
  expect(imported.userErrors).toEqual([]);
  const participantOf = new Map(order.map((id, i) => [id, imported.participants[i].id as string]));
  const items = instance.requests.map((r) => ({
    fromParticipantId: participantOf.get(r.requesterId),
    toParticipantId: participantOf.get(r.recipientId),
    priority: r.priority,
  }));
  count.calls += 1;
  const created = (await api.gql(BULK_CREATE, { input: { forumId: forum.id, items } }, staff)).data!.meetingRequestBulkCreate;
  expect(created.userErrors).toEqual([]);
  count.calls += 1;
  const answered = (
    await api.gql(BULK_RESPOND, { input: { forumId: forum.id, items: created.requests.map((r: { id: string }) => ({ id: r.id, accept: true })) } }, staff)
  ).data!.meetingRequestBulkRespond;
  expect(answered.userErrors).toEqual([]);
  expect(answered.requests.every((r: { status: string }) => r.status === 'ACCEPTED')).toBe(true);
  count.calls += 1;
  expect((await transition(api, staff, 'forumStartScheduling', forum.id, 'closeRegistrationEarly: true')).forum?.status).toBe('SCHEDULING');
  return forum;
}

