import { SCOPE } from '../auth/key-scopes';
import { demand, policies } from '../auth/policies';
import { isStaff } from '../auth/viewer';
import { builder } from '../builder';
import { idOf } from '../common/global-id';
import { refuse, refuseIf, runMutation, underInput } from '../common/mutation';
import { failed, payloadType } from '../common/payload';
import { checkText, type UserError, userError } from '../common/user-errors';
import type { Context } from '../context';
import { localTime, registrationProblems } from '../domain/forum';
import { FORUM_STAFF_REGION, forumRegion, forumRegionOf } from './service/region';
import { lockForum, lockParticipants } from './service/store';
import { ForumParticipantRef } from './types/objects';

const MAX_ATTENDEES = 5;
const ATTENDEE_MAX = 120;
const f = (...path: string[]) => ['input', ...path];

const ForumRegisterInput = builder.inputType('ForumRegisterInput', {
  description:
    'Registers an IKM or a partner organisation for a forum. Give enterpriseId or partnerId; when both are omitted you register the partner you act for, or your enterprise when you belong to exactly one.',
  fields: (t) => ({
    forumId: t.id({ required: true, description: 'Global ID of the forum.' }),
    enterpriseId: t.id({ description: 'Global ID of the IKM to register.' }),
    partnerId: t.id({ description: 'Global ID of the partner organisation to register.' }),
    attendees: t.stringList({
      required: true,
      description: `Names of the people who will sit at the table: 1 to ${MAX_ATTENDEES}, each at most ${ATTENDEE_MAX} characters.`,
    }),
    availableSlotIds: t.idList({
      description: 'Global IDs of the ForumSlots the participant can meet in (breaks are not allowed). Default: every meeting slot of the day.',
    }),
    meetingCap: t.int({ description: 'Most meetings wanted, 1 up to the number of meeting slots; omitted means no cap.' }),
  }),
});

const ForumParticipantUpdateInput = builder.inputType('ForumParticipantUpdateInput', {
  description: 'Changes to a registration. Omitted fields stay as they are; meetingCap null removes the cap.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global ID of the ForumParticipant.' }),
    attendees: t.stringList({ description: `Names of the people who will attend, 1 to ${MAX_ATTENDEES}.` }),
    availableSlotIds: t.idList({
      description: 'Global IDs of the ForumSlots the participant can meet in; must keep every slot where it already has a meeting.',
    }),
    meetingCap: t.int({ description: 'Most meetings wanted; not below the meetings already booked. null removes the cap.' }),
  }),
});

const ForumRegisterPayload = payloadType('ForumRegisterPayload', 'participant', ForumParticipantRef, 'Result of forumRegister.');
const ForumParticipantUpdatePayload = payloadType(
  'ForumParticipantUpdatePayload',
  'participant',
  ForumParticipantRef,
  'Result of forumParticipantUpdate.',
);

function checkAttendees(names: readonly string[] | null | undefined, errors: UserError[]): string[] | undefined {
  if (names === undefined || names === null) return undefined;
  if (names.length === 0) errors.push(userError('REQUIRED', f('attendees'), 'Name at least one person who will attend.'));
  if (names.length > MAX_ATTENDEES) errors.push(userError('TOO_MANY', f('attendees'), `At most ${MAX_ATTENDEES} attendees; got ${names.length}.`));
  names.forEach((n, i) => {
    errors.push(...checkText(n, f('attendees', String(i)), { required: true, max: ATTENDEE_MAX }));
  });
  return names.map((n) => n.trim());
}

/** Slot global IDs → ids of the forum's meeting slots; errors for unknown ones and breaks. */
function checkSlots(
  ids: readonly (string | number)[] | null | undefined,
  slots: readonly { id: string; isBreak: boolean }[],
  errors: UserError[],
): string[] | undefined {
  if (ids === undefined || ids === null) return undefined;
  const byId = new Map(slots.map((s) => [s.id, s]));
  const out: string[] = [];
  ids.forEach((gid, i) => {
    const id = idOf(String(gid), 'ForumSlot');
    const slot = id ? byId.get(id) : undefined;
    if (!slot) errors.push(userError('NOT_FOUND', f('availableSlotIds', String(i)), 'No slot of this forum has this ID.'));
    else if (slot.isBreak) errors.push(userError('INVALID_VALUE', f('availableSlotIds', String(i)), 'This slot is a break; nobody meets then.'));
    else if (!out.includes(id!)) out.push(id!);
  });
  return out;
}

function checkCap(cap: number | null | undefined, meetingSlots: number, booked: number, errors: UserError[]) {
  if (cap === undefined || cap === null) return;
  if (!Number.isInteger(cap) || cap < 1 || cap > meetingSlots) {
    errors.push(userError('INVALID_VALUE', f('meetingCap'), `meetingCap is 1 to ${meetingSlots} (the meeting slots of the day).`));
  } else if (cap < booked) {
    errors.push(userError('INVALID_VALUE', f('meetingCap'), `The participant already has ${booked} meetings; the cap cannot go below that.`));
  }
}

type Owner = { enterpriseId: string | null; partnerId: string | null };

function resolveOwner(ctx: Context, input: typeof ForumRegisterInput.$inferInput): { owner: Owner } | { error: UserError } {
  if (input.enterpriseId != null && input.partnerId != null) {
    return { error: userError('INVALID_VALUE', f('partnerId'), 'Give either enterpriseId or partnerId, not both.') };
  }
  if (input.enterpriseId != null) {
    const id = idOf(String(input.enterpriseId), 'Enterprise');
    return id ? { owner: { enterpriseId: id, partnerId: null } } : { error: userError('NOT_FOUND', f('enterpriseId'), 'No enterprise has this ID.') };
  }
  if (input.partnerId != null) {
    const id = idOf(String(input.partnerId), 'Partner');
    return id ? { owner: { enterpriseId: null, partnerId: id } } : { error: userError('NOT_FOUND', f('partnerId'), 'No partner has this ID.') };
  }
  if (ctx.viewer.partner) return { owner: { enterpriseId: null, partnerId: ctx.viewer.partner.id } };
  if (ctx.viewer.enterpriseIds.length === 1) return { owner: { enterpriseId: ctx.viewer.enterpriseIds[0]!, partnerId: null } };
  return { error: userError('REQUIRED', f('enterpriseId'), 'Say whom to register: give enterpriseId or partnerId.') };
}

const NOT_YOURS = 'Only Disperin staff and the organisation\'s own people (members, or a partner API key with SESSIONS_WRITE) may register it or change its registration.';

builder.mutationFields((t) => ({
  forumRegister: t.field({
    type: ForumRegisterPayload,
    description: `Registers an IKM or a partner for a forum with its attendees, availability and meeting cap. IKM members, partner members and partner API keys (scope SESSIONS_WRITE) register their own organisation while registration is open (status REGISTRATION_OPEN, inside the window); Disperin staff register anyone on their behalf until the forum day is over.${FORUM_STAFF_REGION}`,
    authScopes: { apiScope: SCOPE.SESSIONS_WRITE },
    args: { input: t.arg({ type: ForumRegisterInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const forumId = idOf(String(input.forumId), 'Forum');
      if (!forumId) return failed([userError('NOT_FOUND', f('forumId'), 'No forum has this ID.')]);
      const resolved = resolveOwner(ctx, input);
      if ('error' in resolved) return failed([resolved.error]);
      const { owner } = resolved;
      const staff = isStaff(ctx.viewer);
      demand(ctx.viewer, policies.participantOrStaff(owner), NOT_YOURS);

      const errors: UserError[] = [];
      const orgField = owner.enterpriseId ? 'enterpriseId' : 'partnerId';
      const attendees = checkAttendees(input.attendees, errors);
      return runMutation(ctx, {
        // Staff register at the forums of their office only (the organisation may be of anywhere).
        region: () => forumRegionOf(ctx, 'Forum', input.forumId, f('forumId')),
        validate: async () => {
          const org = owner.enterpriseId
            ? await ctx.prisma.enterprise.findUnique({ where: { id: owner.enterpriseId }, select: { status: true } })
            : await ctx.prisma.partner.findUnique({ where: { id: owner.partnerId! }, select: { status: true } });
          if (!org) return [userError('NOT_FOUND', f(orgField), `No ${owner.enterpriseId ? 'enterprise' : 'partner'} has this ID.`)];
          // Reported with the forum's problems, found under its lock.
          if (org.status !== 'ACTIVE') errors.push(userError('INVALID_VALUE', f(orgField), 'An archived organisation cannot register.'));
          return [];
        },
        run: async (tx) => {
          const forum = await lockForum(tx, forumId, 'SHARE');
          if (!forum || (forum.status === 'DRAFT' && !staff)) refuse(userError('NOT_FOUND', f('forumId'), 'No forum has this ID.'));
          errors.push(...underInput(registrationProblems(forum, ctx.now, staff)));
          const slots = await tx.sessionSlot.findMany({ where: { sessionId: forumId }, select: { id: true, isBreak: true } });
          const meetingSlots = slots.filter((s) => !s.isBreak);
          const available = checkSlots(input.availableSlotIds, slots, errors) ?? meetingSlots.map((s) => s.id);
          checkCap(input.meetingCap, meetingSlots.length, 0, errors);
          refuseIf(errors);
          const created = await tx.forumParticipant.create({
            data: {
              sessionId: forumId,
              ...owner,
              attendees: attendees ?? [],
              meetingCap: input.meetingCap ?? null,
              registeredAt: ctx.now,
              registeredById: ctx.viewer.userId,
            },
          });
          await tx.participantAvailability.createMany({ data: available.map((slotId) => ({ participantId: created.id, slotId })) });
          return created;
        },
        onUniqueViolation: () => userError('TAKEN', f(orgField), 'This organisation is already registered for the forum.'),
      });
    },
  }),
  forumParticipantUpdate: t.field({
    type: ForumParticipantUpdatePayload,
    description: `Changes a registration: attendees, availability, meeting cap. The participant's own people while registration is open; Disperin staff until the forum is over. Availability must keep the slots of booked meetings and the cap must not fall below them.${FORUM_STAFF_REGION}`,
    authScopes: { apiScope: SCOPE.SESSIONS_WRITE },
    args: { input: t.arg({ type: ForumParticipantUpdateInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idOf(String(input.id), 'ForumParticipant');
      const current = id
        ? await ctx.prisma.forumParticipant.findUnique({ where: { id }, select: { id: true, sessionId: true, enterpriseId: true, partnerId: true } })
        : null;
      if (!id || !current) return failed([userError('NOT_FOUND', f('id'), 'No forum participant has this ID.')]);
      const staff = isStaff(ctx.viewer);
      demand(ctx.viewer, policies.participantOrStaff(current), NOT_YOURS);
      const errors: UserError[] = [];
      const attendees = checkAttendees(input.attendees, errors);
      return runMutation(ctx, {
        region: () => forumRegion(ctx, { id: current.sessionId }, f('id')),
        run: async (tx) => {
          const forum = await lockForum(tx, current.sessionId, 'SHARE');
          if (!forum) refuse(userError('NOT_FOUND', f('id'), 'No forum participant has this ID.'));
          errors.push(...underInput(registrationProblems(forum, ctx.now, staff)).map((e) => ({ ...e, field: f('id') })));
          await lockParticipants(tx, [id]);
          const [slots, seats] = await Promise.all([
            tx.sessionSlot.findMany({ where: { sessionId: current.sessionId }, select: { id: true, isBreak: true, startsAt: true } }),
            tx.meetingSeat.findMany({ where: { participantId: id }, select: { slotId: true } }),
          ]);
          const available = checkSlots(input.availableSlotIds, slots, errors);
          if (available) {
            const kept = new Set(available);
            for (const seat of seats) {
              if (!kept.has(seat.slotId)) {
                const slot = slots.find((s) => s.id === seat.slotId);
                errors.push(
                  userError(
                    'INVALID_VALUE',
                    f('availableSlotIds'),
                    `The participant has a meeting at ${slot ? localTime(slot.startsAt, forum.timeZone) : 'a slot'}; keep that slot available (cancel the meeting first).`,
                  ),
                );
              }
            }
          }
          checkCap(input.meetingCap, slots.filter((s) => !s.isBreak).length, seats.length, errors);
          refuseIf(errors);
          if (available) {
            await tx.participantAvailability.deleteMany({ where: { participantId: id } });
            await tx.participantAvailability.createMany({ data: available.map((slotId) => ({ participantId: id, slotId })) });
          }
          return tx.forumParticipant.update({
            where: { id },
            data: { attendees: attendees ?? undefined, meetingCap: input.meetingCap === undefined ? undefined : input.meetingCap },
          });
        },
      });
    },
  }),
}));

