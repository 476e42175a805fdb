import { builder } from '../../builder';
import { forumRegency } from '../../auth/region';
import type { Context } from '../../context';
import {
  FollowUpStageEnum,
  ForumStatusEnum,
  MeetingOutcomeEnum,
  MeetingRequestStatusEnum,
  MeetingStatusEnum,
  PairingRuleEnum,
} from '../../common/enums';
import { localTime, planOf, requestStatus, zoneAbbreviation } from '../../domain/forum';
import type { Prisma } from '../../generated/prisma/client';
import {
  actsFor,
  ownParticipantsWhere,
  participantReadersOf,
  visibleForumsWhere,
  visibleMeetingsWhere,
  visibleRequestsWhere,
} from '../access';
import { agendaPath, wallPlanPath } from '../paths';

/** Natural order of table names: "Meja 2" before "Meja 10". */
export const naturalCompare = new Intl.Collator('id', { numeric: true, sensitivity: 'base' }).compare;

export const ParticipantSideEnum = builder.enumType('ParticipantSide', {
  description: 'Which side of the marketplace a forum participant is on: ENTERPRISE (an IKM) or PARTNER (a buyer, supplier, distributor or funder).',
  values: {
    ENTERPRISE: { description: 'An IKM (industri kecil dan menengah) from the Disperin registry.' },
    PARTNER: { description: 'A partner organisation: buyer, raw-material supplier, distributor or funder.' },
  },
});

const BreakRef = builder.objectRef<{ startTime: string; minutes: number }>('ForumBreak').implement({
  description: 'A break in the forum day (istirahat, e.g. coffee, lunch or prayer time), in local time.',
  fields: (t) => ({
    startTime: t.exposeString('startTime', { description: 'When the break begins, local time HH:MM.' }),
    minutes: t.exposeInt('minutes', { description: 'How long it lasts, in minutes.' }),
  }),
});

/** Where-filter for MeetingRequest by the status people see (EXPIRED derived from expiresAt). */
export function requestStatusWhere(status: string | null | undefined, now: Date): Prisma.MeetingRequestWhereInput {
  if (!status) return {};
  if (status === 'PENDING') return { status: 'PENDING', expiresAt: { gt: now } };
  if (status === 'EXPIRED') return { OR: [{ status: 'EXPIRED' }, { status: 'PENDING', expiresAt: { lte: now } }] };
  return { status: status as Prisma.MeetingRequestWhereInput['status'] & string };
}

export const ForumRef = builder.prismaNode('MatchmakingSession', {
  name: 'Forum',
  description:
    'A Temu Bisnis forum: a business matchmaking day that Disperin Kota Semarang holds for IKM and partner organisations (buyers, suppliers, distributors, funders), with time slots, tables, registered participants, meeting requests and scheduled meetings. Forums in DRAFT are visible to the Disperin staff of the forum\'s kabupaten/kota (its office\'s, or the provincial office\'s) only.',
  id: { field: 'id' },
  findUnique: (id, ctx) => ({ id, AND: [visibleForumsWhere(ctx.viewer)] }),
  nullable: true,
  authScopes: async (forum, ctx) => forum.status !== 'DRAFT' || { staffOf: await forumRegency(ctx, forum.id) },
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Stable short name used in URLs, e.g. "temu-bisnis-ikm-semarang-2027".' }),
    title: t.exposeString('title', { description: 'Title, e.g. "Temu Bisnis IKM Kota Semarang 2027".' }),
    venue: t.exposeString('venue', { description: 'Venue, e.g. "Gedung Oudetrap, Kota Lama".' }),
    address: t.exposeString('address', { description: 'Street address of the venue.' }),
    district: t.relation('district', { nullable: true, description: 'The kecamatan of the venue; null when none was given.' }),
    organiserRegency: t.relation('organiserRegency', {
      nullable: true,
      description:
        "The kabupaten/kota of the Disperin office that organises the forum (the creating officer's office); null for the provincial office. A forum without a kecamatan belongs to this office: its staff and the provincial office's change it and act at it.",
    }),
    date: t.expose('date', { type: 'Date', description: 'The forum day, a local calendar date in timeZone.' }),
    timeZone: t.exposeString('timeZone', { description: 'IANA time zone of the venue; Asia/Jakarta (WIB, UTC+7) for Semarang.' }),
    meetingMinutes: t.exposeInt('meetingMinutes', { description: 'Length of one meeting: 15, 20 or 30 minutes.' }),
    startTime: t.string({
      nullable: true,
      description: 'When the first slot begins, local time HH:MM; null before slots exist.',
      select: { timeZone: true, slots: { select: { startsAt: true, endsAt: true, isBreak: true } } },
      resolve: (f) => planOf(f.slots, f.timeZone)?.startTime ?? null,
    }),
    endTime: t.string({
      nullable: true,
      description: 'When the last slot ends, local time HH:MM; null before slots exist.',
      select: { timeZone: true, slots: { select: { startsAt: true, endsAt: true, isBreak: true } } },
      resolve: (f) => planOf(f.slots, f.timeZone)?.endTime ?? null,
    }),
    breaks: t.field({
      type: [BreakRef],
      description: 'Breaks of the day in time order (local time).',
      select: { timeZone: true, slots: { select: { startsAt: true, endsAt: true, isBreak: true } } },
      resolve: (f) => planOf(f.slots, f.timeZone)?.breaks ?? [],
    }),
    registrationOpensAt: t.expose('registrationOpensAt', { type: 'DateTime', description: 'Registration opens.' }),
    registrationClosesAt: t.expose('registrationClosesAt', {
      type: 'DateTime',
      description: 'Registration closes; after it staff may start scheduling. Disperin staff may still add participants.',
    }),
    registrationIsOpen: t.boolean({
      description: 'True while IKM and partners may register themselves: status REGISTRATION_OPEN and now inside the registration window.',
      resolve: (f, _args, ctx) =>
        f.status === 'REGISTRATION_OPEN' && f.registrationOpensAt <= ctx.now && ctx.now < f.registrationClosesAt,
    }),
    requestTtlHours: t.exposeInt('requestTtlHours', {
      description: 'Hours a meeting request waits for an answer before it expires (never later than the first slot).',
    }),
    pairingRule: t.expose('pairingRule', { type: PairingRuleEnum, description: 'Who may meet whom.' }),
    status: t.expose('status', { type: ForumStatusEnum, description: 'Where the forum is in its lifecycle.' }),
    isDemo: t.exposeBoolean('isDemo', { description: 'True for demonstration data from the seed.' }),
    slots: t.relation('slots', {
      description: 'Time slots of the day in time order, breaks included (isBreak).',
      query: { orderBy: [{ index: 'asc' }] },
    }),
    tables: t.field({
      type: [ForumTableRef],
      description: 'Meeting tables, in natural name order ("Meja 2" before "Meja 10").',
      select: { tables: true },
      resolve: (f) => [...f.tables].sort((a, b) => naturalCompare(a.name, b.name) || a.id.localeCompare(b.id)),
    }),
    tableCount: t.relationCount('tables', { description: 'Number of tables.' }),
    participants: t.relatedConnection('participants', {
      cursor: 'id',
      totalCount: true,
      description: 'Registered participants (IKM and partner organisations), by registration time.',
      args: { side: t.arg({ type: ParticipantSideEnum, description: 'Only IKM or only partners.' }) },
      query: (args) => ({
        where: args.side === 'ENTERPRISE' ? { enterpriseId: { not: null } } : args.side === 'PARTNER' ? { partnerId: { not: null } } : {},
        orderBy: [{ registeredAt: 'asc' }, { id: 'asc' }],
      }),
    }),
    myParticipants: t.relation('participants', {
      description:
        'Your own registrations at this forum: those of the enterprises you belong to and of the partner you act for (an API key needs SESSIONS_WRITE). Empty when you have none.',
      query: (_args, ctx) => ({ where: ownParticipantsWhere(ctx.viewer), orderBy: [{ registeredAt: 'asc' }, { id: 'asc' }] }),
    }),
    meetingRequests: t.relatedConnection('meetingRequests', {
      cursor: 'id',
      totalCount: true,
      description:
        "Meeting requests, newest first: every one for the Disperin staff of the forum's kabupaten/kota (its office's, or the provincial office's), those you sent or received for everyone else (empty when you have none).",
      args: { status: t.arg({ type: MeetingRequestStatusEnum, description: 'Only requests that have this status now (EXPIRED is derived).' }) },
      query: (args, ctx) => ({
        where: { AND: [visibleRequestsWhere(ctx.viewer), requestStatusWhere(args.status, ctx.now)] },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
    }),
    meetings: t.relatedConnection('meetings', {
      cursor: 'id',
      totalCount: true,
      description:
        "Scheduled meetings in agenda order (slot, then table): every one for the Disperin staff of the forum's kabupaten/kota (its office's, or the provincial office's), those of your own participants for everyone else.",
      args: { status: t.arg({ type: MeetingStatusEnum, description: 'Only meetings with this status.' }) },
      query: (args, ctx) => ({
        where: { ...visibleMeetingsWhere(ctx.viewer), ...(args.status ? { status: args.status } : {}) },
        orderBy: [{ slot: { index: 'asc' } }, { table: { name: 'asc' } }, { id: 'asc' }],
      }),
    }),
    wallPlanUrl: t.string({
      description:
        'Path of the printable wall plan (tables × slots) on this API server, e.g. /forums/<id>/wall-plan. Public while the forum is SCHEDULED or IN_PROGRESS; the Disperin staff of the forum\'s kabupaten/kota (its office\'s, or the provincial office\'s) always (send a Bearer header or ?token=).',
      resolve: (f) => wallPlanPath(f.id),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the forum was created.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When the forum last changed.' }),
  }),
});

export const ForumSlotRef = builder.prismaNode('SessionSlot', {
  name: 'ForumSlot',
  description: 'A time slot of a forum day; in a break slot nobody meets.',
  id: { field: 'id' },
  findUnique: (id, ctx) => ({ id, session: visibleForumsWhere(ctx.viewer) }),
  nullable: true,
  fields: (t) => ({
    index: t.exposeInt('index', { description: 'Position in the day: 1, 2, 3… (breaks included).' }),
    startsAt: t.expose('startsAt', { type: 'DateTime', description: 'When the slot begins.' }),
    endsAt: t.expose('endsAt', { type: 'DateTime', description: 'When the slot ends.' }),
    isBreak: t.exposeBoolean('isBreak', { description: 'True for a break (istirahat): no meetings.' }),
    label: t.string({
      description: 'Local time span with the zone abbreviation, e.g. "09:20–09:40 WIB".',
      select: { session: { select: { timeZone: true } } },
      resolve: (s) => `${localTime(s.startsAt, s.session.timeZone)}–${localTime(s.endsAt, s.session.timeZone)} ${zoneAbbreviation(s.session.timeZone)}`,
    }),
    forum: t.relation('session', { description: 'The forum.' }),
  }),
});

export const ForumTableRef = builder.prismaNode('SessionTable', {
  name: 'ForumTable',
  description: 'A meeting table at a forum, e.g. "Meja 1".',
  id: { field: 'id' },
  findUnique: (id, ctx) => ({ id, session: visibleForumsWhere(ctx.viewer) }),
  nullable: true,
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Name shown on the table and in agendas, e.g. "Meja 1".' }),
    forum: t.relation('session', { description: 'The forum.' }),
  }),
});

type OwnedParticipant = { enterpriseId: string | null; partnerId: string | null; sessionId: string };
const ownOnly = {
  authScopes: (p: OwnedParticipant, _args: object, ctx: Context) => participantReadersOf(ctx, p),
  unauthorizedResolver: () => null,
};
const OWN_NOTE =
  "Private: the participant's own people and the Disperin staff of the forum's kabupaten/kota (its kecamatan's, or without one its organising office's) or of the provincial office; null for everyone else.";

export const ForumParticipantRef = builder.prismaNode('ForumParticipant', {
  description:
    'An IKM or a partner organisation registered for a forum. The organisation and its public profile are visible to everyone who can see the forum; attendees, availability, meeting cap, requests and agenda to the Disperin staff of the forum\'s kabupaten/kota (its office\'s, or the provincial office\'s) and the participant\'s own people (members of the enterprise or partner, and the partner\'s API keys with scope SESSIONS_WRITE).',
  id: { field: 'id' },
  findUnique: (id, ctx) => ({ id, session: visibleForumsWhere(ctx.viewer) }),
  nullable: true,
  fields: (t) => ({
    forum: t.relation('session', { description: 'The forum.' }),
    side: t.field({
      type: ParticipantSideEnum,
      description: 'ENTERPRISE for an IKM, PARTNER for a partner organisation.',
      resolve: (p) => (p.enterpriseId ? 'ENTERPRISE' : 'PARTNER'),
    }),
    name: t.string({
      description: 'Name of the enterprise or partner organisation.',
      select: { enterprise: { select: { name: true } }, partner: { select: { name: true } } },
      resolve: (p) => p.enterprise?.name ?? p.partner?.name ?? '',
    }),
    enterprise: t.relation('enterprise', { nullable: true, description: 'The IKM, for an enterprise participant.' }),
    partner: t.relation('partner', { nullable: true, description: 'The partner organisation, for a partner participant.' }),
    registeredAt: t.expose('registeredAt', { type: 'DateTime', description: 'When the participant registered.' }),
    attendees: t.stringList({
      nullable: true,
      description: `Names of the people who will sit at the table. ${OWN_NOTE}`,
      ...ownOnly,
      resolve: (p) => p.attendees,
    }),
    meetingCap: t.int({
      nullable: true,
      description: `Most meetings the participant wants; null means no cap. ${OWN_NOTE}`,
      ...ownOnly,
      resolve: (p) => p.meetingCap,
    }),
    availableSlots: t.field({
      type: [ForumSlotRef],
      nullable: true,
      description: `Slots the participant can meet in, in time order. ${OWN_NOTE}`,
      ...ownOnly,
      select: { availability: { select: { slot: true }, orderBy: { slot: { index: 'asc' } } } },
      resolve: (p) => p.availability.map((a) => a.slot),
    }),
    meetingCount: t.int({
      nullable: true,
      description: `Meetings booked for the participant. ${OWN_NOTE}`,
      ...ownOnly,
      select: { _count: { select: { seats: true } } },
      resolve: (p) => p._count.seats,
    }),
    sentRequests: t.relatedConnection('sentRequests', {
      cursor: 'id',
      nullable: true,
      description: `Meeting requests the participant sent, newest first. ${OWN_NOTE}`,
      ...ownOnly,
      args: { status: t.arg({ type: MeetingRequestStatusEnum, description: 'Only requests that have this status now.' }) },
      query: (args, ctx) => ({ where: requestStatusWhere(args.status, ctx.now), orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
    }),
    receivedRequests: t.relatedConnection('receivedRequests', {
      cursor: 'id',
      nullable: true,
      description: `Meeting requests the participant received, newest first. ${OWN_NOTE}`,
      ...ownOnly,
      args: { status: t.arg({ type: MeetingRequestStatusEnum, description: 'Only requests that have this status now.' }) },
      query: (args, ctx) => ({ where: requestStatusWhere(args.status, ctx.now), orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
    }),
    isMine: t.boolean({
      description: 'True when you act for this participant (a member of its enterprise or partner, or the partner\'s API key with SESSIONS_WRITE).',
      resolve: (p, _args, ctx) => actsFor(ctx.viewer, p),
    }),
    agendaUrl: t.string({
      nullable: true,
      description: `Path of the participant's printable agenda on this API server: /forums/<forum id>/agenda/<participant id>. ${OWN_NOTE}`,
      ...ownOnly,
      resolve: (p) => agendaPath(p.sessionId, p.id),
    }),
  }),
});

export const MeetingRequestRef = builder.prismaNode('MeetingRequest', {
  description:
    'A request from one forum participant to meet another, with a message and a priority. Visible to the Disperin staff of the forum\'s kabupaten/kota (its office\'s, or the provincial office\'s) and the two participants\' own people.',
  id: { field: 'id' },
  findUnique: (id, ctx) => ({ id, AND: [visibleRequestsWhere(ctx.viewer)] }),
  nullable: true,
  fields: (t) => ({
    forum: t.relation('session', { description: 'The forum.' }),
    requester: t.relation('requester', { description: 'Who asked for the meeting.' }),
    recipient: t.relation('recipient', { description: 'Who was asked; they accept or decline.' }),
    message: t.exposeString('message', { description: 'Why the requester wants to meet, in their words.' }),
    priority: t.exposeInt('priority', { description: 'How much the requester wants the meeting: 1 (nice to meet) to 5 (must meet). The scheduler favours higher priorities.' }),
    status: t.field({
      type: MeetingRequestStatusEnum,
      description: 'The status now: a PENDING request past expiresAt reads EXPIRED.',
      resolve: (r, _args, ctx) => requestStatus(r, ctx.now),
    }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'From this instant an unanswered request is EXPIRED.' }),
    respondedAt: t.expose('respondedAt', { type: 'DateTime', nullable: true, description: 'When it was accepted, declined or cancelled.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was sent.' }),
    meeting: t.relation('meeting', { nullable: true, description: 'The booked meeting, once accepted and scheduled.' }),
  }),
});

export const MeetingRef = builder.prismaNode('Meeting', {
  description:
    'A scheduled meeting of two forum participants at a slot and a table, with check-in, outcome, feedback and follow-ups. Visible to the Disperin staff of the forum\'s kabupaten/kota (its office\'s, or the provincial office\'s) and the two participants\' own people.',
  id: { field: 'id' },
  findUnique: (id, ctx) => ({ id, AND: [visibleMeetingsWhere(ctx.viewer)] }),
  nullable: true,
  fields: (t) => ({
    forum: t.relation('session', { description: 'The forum.' }),
    request: t.relation('request', { description: 'The accepted request behind the meeting.' }),
    slot: t.relation('slot', { description: 'When.' }),
    table: t.relation('table', { description: 'Where.' }),
    seats: t.relation('seats', {
      description: 'The two participants with their check-in.',
      query: { orderBy: [{ id: 'asc' }] },
    }),
    status: t.expose('status', { type: MeetingStatusEnum, description: 'SCHEDULED, HELD, NO_SHOW or CANCELLED.' }),
    locked: t.exposeBoolean('locked', {
      description: 'True when Disperin staff fixed the meeting at its slot and table; the scheduler never moves it.',
    }),
    outcome: t.expose('outcome', { type: MeetingOutcomeEnum, nullable: true, description: 'What the meeting led to; null until recorded.' }),
    dealValue: t.expose('dealValue', { type: 'Money', nullable: true, description: 'Value of the deal in rupiah, for outcome DEAL.' }),
    feedback: t.relation('feedback', {
      description: 'Ratings and comments, at most one from each side.',
      query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    }),
    followUps: t.relation('followUps', {
      description: 'Follow-ups 3 and 6 months after the forum.',
      query: { orderBy: [{ monthsAfter: 'asc' }] },
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the meeting was booked.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
  }),
});

builder.prismaObject('MeetingSeat', {
  description: "A participant's seat at a meeting; a participant has at most one seat per slot.",
  fields: (t) => ({
    participant: t.relation('participant', { description: 'Who sits here.' }),
    checkedInAt: t.expose('checkedInAt', { type: 'DateTime', nullable: true, description: 'When the participant checked in; null until then.' }),
  }),
});

builder.prismaObject('MeetingFeedback', {
  description: 'A rating (1–5) and comment from one side of a meeting.',
  fields: (t) => ({
    participant: t.relation('participant', { description: 'The side that gave it.' }),
    rating: t.exposeInt('rating', { description: '1 (poor) to 5 (excellent).' }),
    comment: t.exposeString('comment', { description: 'Comment in the participant\'s words; may be empty.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was given.' }),
  }),
});

builder.prismaObject('MeetingFollowUp', {
  description: 'Where a meeting stood some months after the forum (3 or 6).',
  fields: (t) => ({
    monthsAfter: t.exposeInt('monthsAfter', { description: 'Months after the forum: 3 or 6.' }),
    stage: t.expose('stage', { type: FollowUpStageEnum, description: 'The stage reached.' }),
    note: t.exposeString('note', { description: 'What happened, in words.' }),
    recordedAt: t.expose('recordedAt', { type: 'DateTime', description: 'When it was recorded.' }),
  }),
});

