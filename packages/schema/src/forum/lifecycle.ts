import { builder, type Types } from '../builder';
import { PairingRuleEnum } from '../common/enums';
import { idOf } from '../common/global-id';
import { refuse, refuseIf, runMutation, type Tx, underInput } from '../common/mutation';
import { failed, payloadType } from '../common/payload';
import { checkText, type UserError, userError } from '../common/user-errors';
import type { Context } from '../context';
import {
  DEFAULT_TIME_ZONE,
  editableIn,
  FORUM_ACTIONS,
  type ForumAction,
  type ForumPart,
  type ForumStatus,
  generateSlots,
  localParts,
  mayEdit,
  planOf,
  transitionProblems,
  ttlProblems,
} from '../domain/forum';
import { districtIdOf } from '../district/codes';
import { searchText } from '../domain/search';
import type { Prisma } from '../generated/prisma/client';
import { ForumRef } from './types';
import { lockForum } from './store';

const TITLE_MIN = 3;
const TITLE_MAX = 200;
const MAX_TABLES = 100;
const TABLE_NAME_MAX = 40;
const f = (...path: string[]) => ['input', ...path];

const ForumBreakInput = builder.inputType('ForumBreakInput', {
  description: 'A break in the forum day (coffee, lunch, prayer time).',
  fields: (t) => ({
    startTime: t.string({ required: true, description: 'When it begins, local time HH:MM, e.g. "12:00".' }),
    minutes: t.int({ required: true, description: 'How long it lasts: 5 to 180 minutes.' }),
  }),
});

/** Fields shared by create and update; on update an omitted field stays as it is. */
function forumFields(t: PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>) {
  return {
    address: t.string({ description: 'Street address of the venue, at most 300 characters.' }),
    districtCode: t.string({ description: 'Kemendagri code of the kecamatan of the venue (33.74.01–16); null for none.' }),
    timeZone: t.string({ description: 'Time zone of the venue; Asia/Jakarta (WIB) by default. Other Indonesian zones: Asia/Pontianak, Asia/Makassar, Asia/Jayapura.' }),
    breaks: t.field({ type: [ForumBreakInput], description: 'Breaks of the day, at most 8; they must lie inside the day and not overlap.' }),
    tableNames: t.stringList({
      description: `Names of the meeting tables, e.g. ["Meja 1", "Meja 2"]; at most ${MAX_TABLES}, unique, each at most ${TABLE_NAME_MAX} characters. On update this replaces every table (DRAFT only).`,
    }),
    pairingRule: t.field({ type: PairingRuleEnum, description: 'Who may meet whom; ENTERPRISE_PARTNER_ONLY by default.' }),
    requestTtlHours: t.int({ description: 'Hours a meeting request waits for an answer: 1 to 336; 48 by default.' }),
  };
}

const ForumCreateInput = builder.inputType('ForumCreateInput', {
  description:
    'A new Temu Bisnis forum, created in DRAFT. The day is cut into slots from startTime to endTime: meetings of meetingMinutes back to back, and the breaks at their times (a break begins early when the meetings before it do not fill the time exactly).',
  fields: (t) => ({
    title: t.string({ required: true, description: `Title, ${TITLE_MIN} to ${TITLE_MAX} characters, e.g. "Temu Bisnis IKM Kota Semarang 2027".` }),
    slug: t.string({ description: 'Short name for URLs (a-z, 0-9, dashes), 3 to 80 characters; made from the title when omitted.' }),
    venue: t.string({ required: true, description: 'Venue, e.g. "Gedung Oudetrap, Kota Lama"; at most 200 characters.' }),
    date: t.field({ type: 'Date', required: true, description: 'The forum day (local date), today or later.' }),
    meetingMinutes: t.int({ required: true, description: 'Length of one meeting: 15, 20 or 30.' }),
    startTime: t.string({ required: true, description: 'First meeting begins, local time HH:MM, e.g. "09:00".' }),
    endTime: t.string({ required: true, description: 'No meeting ends after this, local time HH:MM, e.g. "15:00".' }),
    tableCount: t.int({ description: `Creates tables "Meja 1" … "Meja n" (1 to ${MAX_TABLES}) when tableNames is omitted.` }),
    registrationOpensAt: t.field({ type: 'DateTime', required: true, description: 'Registration opens.' }),
    registrationClosesAt: t.field({ type: 'DateTime', required: true, description: 'Registration closes: after it opens and no later than the first slot.' }),
    ...forumFields(t),
  }),
});

const ForumUpdateInput = builder.inputType('ForumUpdateInput', {
  description: `Changes to a forum. Omitted fields stay as they are. What may change depends on the status: title, venue, address and kecamatan until the forum is over; the day's layout (date, time zone, meeting length, start, end, breaks, tableNames) in ${editableIn('LAYOUT').join(', ')}; new tables (addTableNames) in ${editableIn('ADD_TABLES').join(', ')}; the registration window in ${editableIn('REGISTRATION_WINDOW').join(', ')}; the pairing rule in ${editableIn('PAIRING_RULE').join(', ')}; requestTtlHours (for new requests) in ${editableIn('REQUEST_TTL').join(', ')}.`,
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global ID of the forum.' }),
    title: t.string({ description: `Title, ${TITLE_MIN} to ${TITLE_MAX} characters.` }),
    venue: t.string({ description: 'Venue, at most 200 characters.' }),
    date: t.field({ type: 'Date', description: 'The forum day (local date), today or later.' }),
    meetingMinutes: t.int({ description: 'Length of one meeting: 15, 20 or 30.' }),
    startTime: t.string({ description: 'First meeting begins, local time HH:MM.' }),
    endTime: t.string({ description: 'No meeting ends after this, local time HH:MM.' }),
    addTableNames: t.stringList({ description: 'New tables beside the existing ones, e.g. ["Meja 9", "Meja 10"].' }),
    registrationOpensAt: t.field({ type: 'DateTime', description: 'Registration opens.' }),
    registrationClosesAt: t.field({ type: 'DateTime', description: 'Registration closes.' }),
    ...forumFields(t),
  }),
});

const ForumCreatePayload = payloadType('ForumCreatePayload', 'forum', ForumRef, 'Result of forumCreate.');
const ForumUpdatePayload = payloadType('ForumUpdatePayload', 'forum', ForumRef, 'Result of forumUpdate.');

type CreateInput = typeof ForumCreateInput.$inferInput;
type UpdateInput = typeof ForumUpdateInput.$inferInput;

function slugify(title: string): string {
  return (
    searchText(title)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80)
      .replace(/-+$/g, '') || 'forum'
  );
}

/** Table names: trimmed, non-empty, unique (case-insensitive), capped. */
function checkTableNames(names: readonly string[], field: string[], existing: readonly string[] = []) {
  const errors: UserError[] = [];
  const seen = new Set(existing.map((n) => n.toLowerCase()));
  if (names.length + existing.length > MAX_TABLES) {
    errors.push(userError('TOO_MANY', field, `A forum has at most ${MAX_TABLES} tables; got ${names.length + existing.length}.`));
    return { errors, names: [] as string[] };
  }
  const clean: string[] = [];
  names.forEach((raw, i) => {
    const name = raw.trim();
    if (name === '') errors.push(userError('REQUIRED', [...field, String(i)], 'A table name must not be empty.'));
    else if (name.length > TABLE_NAME_MAX) errors.push(userError('TOO_LONG', [...field, String(i)], `A table name has at most ${TABLE_NAME_MAX} characters.`));
    else if (seen.has(name.toLowerCase())) errors.push(userError('TAKEN', [...field, String(i)], `The forum already has a table named "${name}".`));
    else {
      seen.add(name.toLowerCase());
      clean.push(name);
    }
  });
  return { errors, names: clean };
}

async function optionalDistrictId(ctx: Context, code: string | null | undefined, errors: UserError[]): Promise<string | null | undefined> {
  if (code === undefined) return undefined;
  if (code === null || code.trim() === '') return null;
  return districtIdOf(ctx.prisma, code, f('districtCode'), errors);
}

/** Layout of the day with current values for what the input omits. */
interface Layout {
  date: Date;
  timeZone: string;
  meetingMinutes: number;
  startTime: string;
  endTime: string;
  breaks: { startTime: string; minutes: number }[];
}

function checkDate(date: Date | null | undefined, timeZone: string, now: Date, errors: UserError[]) {
  if (!date) return;
  const today = localParts(now, timeZone).date;
  if (date.toISOString().slice(0, 10) < today) {
    errors.push(userError('IN_PAST', f('date'), `The forum day ${date.toISOString().slice(0, 10)} has passed (today is ${today} in ${timeZone}).`));
  }
}

function checkWindow(opensAt: Date, closesAt: Date, firstSlot: Date | null, errors: UserError[]) {
  if (closesAt.getTime() <= opensAt.getTime()) {
    errors.push(userError('INVALID_RANGE', f('registrationClosesAt'), 'registrationClosesAt must come after registrationOpensAt.'));
  } else if (firstSlot && closesAt.getTime() > firstSlot.getTime()) {
    errors.push(
      userError('INVALID_RANGE', f('registrationClosesAt'), `Registration must close no later than the first slot begins (${firstSlot.toISOString()}).`),
    );
  }
}

function slotRows(layout: Layout, errors: UserError[]) {
  const { slots, problems } = generateSlots(layout);
  errors.push(...underInput(problems));
  return slots;
}

async function createForum(ctx: Context, input: CreateInput) {
  const errors: UserError[] = [];
  errors.push(...checkText(input.title, f('title'), { required: true, max: TITLE_MAX }));
  if (input.title.trim().length > 0 && input.title.trim().length < TITLE_MIN) {
    errors.push(userError('TOO_SHORT', f('title'), `title must be at least ${TITLE_MIN} characters.`));
  }
  errors.push(...checkText(input.venue, f('venue'), { required: true, max: 200 }));
  errors.push(...checkText(input.address, f('address'), { max: 300 }));
  const slug = input.slug?.trim() || slugify(input.title);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length < 3 || slug.length > 80) {
    errors.push(userError('INVALID_VALUE', f('slug'), 'slug is 3 to 80 characters of a-z, 0-9 and single dashes, e.g. "temu-bisnis-2027".'));
  }
  const districtId = await optionalDistrictId(ctx, input.districtCode, errors);
  const timeZone = input.timeZone?.trim() || DEFAULT_TIME_ZONE;
  const layout: Layout = {
    date: input.date,
    timeZone,
    meetingMinutes: input.meetingMinutes,
    startTime: input.startTime,
    endTime: input.endTime,
    breaks: input.breaks ?? [],
  };
  const slots = slotRows(layout, errors);
  checkDate(input.date, timeZone, ctx.now, errors);
  checkWindow(input.registrationOpensAt, input.registrationClosesAt, slots[0]?.startsAt ?? null, errors);
  errors.push(...underInput(ttlProblems(input.requestTtlHours, ['requestTtlHours'])));
  let tableNames: string[] = [];
  if (input.tableNames) {
    const checked = checkTableNames(input.tableNames, f('tableNames'));
    errors.push(...checked.errors);
    tableNames = checked.names;
  } else if (input.tableCount !== null && input.tableCount !== undefined) {
    if (!Number.isInteger(input.tableCount) || input.tableCount < 1 || input.tableCount > MAX_TABLES) {
      errors.push(userError('INVALID_VALUE', f('tableCount'), `tableCount is 1 to ${MAX_TABLES}; got ${input.tableCount}.`));
    } else tableNames = Array.from({ length: input.tableCount }, (_, i) => `Meja ${i + 1}`);
  }
  if (errors.length > 0) return failed(errors);
  if (await ctx.prisma.matchmakingSession.findUnique({ where: { slug }, select: { id: true } })) {
    return failed([userError('TAKEN', f('slug'), `Another forum already uses the slug "${slug}"; give a slug.`)]);
  }
  return runMutation(ctx, {
    run: async (tx) => {
      const created = await tx.matchmakingSession.create({
        data: {
          slug,
          title: input.title.trim(),
          venue: input.venue.trim(),
          address: input.address?.trim() ?? '',
          districtId: districtId ?? null,
          date: input.date,
          timeZone,
          meetingMinutes: input.meetingMinutes,
          registrationOpensAt: input.registrationOpensAt,
          registrationClosesAt: input.registrationClosesAt,
          requestTtlHours: input.requestTtlHours ?? 48,
          pairingRule: input.pairingRule ?? 'ENTERPRISE_PARTNER_ONLY',
          status: 'DRAFT',
        },
      });
      await tx.sessionSlot.createMany({ data: slots.map((s) => ({ ...s, sessionId: created.id })) });
      if (tableNames.length > 0) await tx.sessionTable.createMany({ data: tableNames.map((name) => ({ name, sessionId: created.id })) });
      return created;
    },
    onUniqueViolation: () => userError('TAKEN', f('slug'), `Another forum already uses the slug "${slug}".`),
  });
}

/** Which editable part each input field belongs to. */
const PART_OF: Record<string, ForumPart> = {
  title: 'DETAILS',
  venue: 'DETAILS',
  address: 'DETAILS',
  districtCode: 'DETAILS',
  date: 'LAYOUT',
  timeZone: 'LAYOUT',
  meetingMinutes: 'LAYOUT',
  startTime: 'LAYOUT',
  endTime: 'LAYOUT',
  breaks: 'LAYOUT',
  tableNames: 'LAYOUT',
  addTableNames: 'ADD_TABLES',
  registrationOpensAt: 'REGISTRATION_WINDOW',
  registrationClosesAt: 'REGISTRATION_WINDOW',
  pairingRule: 'PAIRING_RULE',
  requestTtlHours: 'REQUEST_TTL',
};

async function updateForum(ctx: Context, input: UpdateInput) {
  const id = idOf(String(input.id), 'Forum');
  if (!id) return failed([userError('NOT_FOUND', f('id'), 'No forum has this ID.')]);
  return runMutation(ctx, {
    run: async (tx) => {
      const locked = await lockForum(tx, id, 'UPDATE');
      if (!locked) refuse(userError('NOT_FOUND', f('id'), 'No forum has this ID.'));
      const current = await tx.matchmakingSession.findUniqueOrThrow({
        where: { id },
        include: { slots: { orderBy: { index: 'asc' } }, tables: { select: { name: true } } },
      });
      const status = current.status as ForumStatus;
      const errors: UserError[] = [];
      for (const [key, part] of Object.entries(PART_OF)) {
        if ((input as Record<string, unknown>)[key] !== undefined && !mayEdit(part, status)) {
          errors.push(userError('INVALID_TRANSITION', f(key), `${key} cannot change while the forum is ${status}; it can in ${editableIn(part).join(', ')}.`));
        }
      }
      refuseIf(errors);

      if (input.title !== undefined) {
        errors.push(...checkText(input.title, f('title'), { required: true, max: TITLE_MAX }));
        if (input.title && input.title.trim().length > 0 && input.title.trim().length < TITLE_MIN) {
          errors.push(userError('TOO_SHORT', f('title'), `title must be at least ${TITLE_MIN} characters.`));
        }
      }
      if (input.venue !== undefined) errors.push(...checkText(input.venue, f('venue'), { required: true, max: 200 }));
      errors.push(...checkText(input.address, f('address'), { max: 300 }));
      const districtId = await optionalDistrictId(ctx, input.districtCode, errors);
      errors.push(...underInput(ttlProblems(input.requestTtlHours, ['requestTtlHours'])));

      const layoutChanged = ['date', 'timeZone', 'meetingMinutes', 'startTime', 'endTime', 'breaks'].some(
        (k) => (input as Record<string, unknown>)[k] !== undefined && (input as Record<string, unknown>)[k] !== null,
      );
      const plan = planOf(current.slots, current.timeZone);
      let slots: ReturnType<typeof generateSlots>['slots'] | null = null;
      if (layoutChanged) {
        const layout: Layout = {
          date: input.date ?? current.date,
          timeZone: input.timeZone?.trim() || current.timeZone,
          meetingMinutes: input.meetingMinutes ?? current.meetingMinutes,
          startTime: input.startTime ?? plan?.startTime ?? '',
          endTime: input.endTime ?? plan?.endTime ?? '',
          breaks: input.breaks ?? plan?.breaks ?? [],
        };
        slots = slotRows(layout, errors);
        checkDate(input.date, layout.timeZone, ctx.now, errors);
      }
      const firstSlot = slots ? (slots[0]?.startsAt ?? null) : (current.slots[0]?.startsAt ?? null);
      if (input.registrationOpensAt || input.registrationClosesAt || slots) {
        checkWindow(input.registrationOpensAt ?? current.registrationOpensAt, input.registrationClosesAt ?? current.registrationClosesAt, firstSlot, errors);
      }
      let replaceTables: string[] | null = null;
      if (input.tableNames) {
        const checked = checkTableNames(input.tableNames, f('tableNames'));
        errors.push(...checked.errors);
        replaceTables = checked.names;
      }
      let addTables: string[] = [];
      if (input.addTableNames) {
        const checked = checkTableNames(input.addTableNames, f('addTableNames'), replaceTables ?? current.tables.map((t) => t.name));
        errors.push(...checked.errors);
        addTables = checked.names;
      }
      refuseIf(errors);

      const data: Prisma.MatchmakingSessionUncheckedUpdateInput = {
        title: input.title?.trim() ?? undefined,
        venue: input.venue?.trim() ?? undefined,
        address: input.address === undefined ? undefined : (input.address?.trim() ?? ''),
        districtId,
        date: input.date ?? undefined,
        timeZone: input.timeZone?.trim() || undefined,
        meetingMinutes: input.meetingMinutes ?? undefined,
        registrationOpensAt: input.registrationOpensAt ?? undefined,
        registrationClosesAt: input.registrationClosesAt ?? undefined,
        pairingRule: input.pairingRule ?? undefined,
        requestTtlHours: input.requestTtlHours ?? undefined,
      };
      const updated = await tx.matchmakingSession.update({ where: { id }, data });
      if (slots) {
        await tx.sessionSlot.deleteMany({ where: { sessionId: id } });
        await tx.sessionSlot.createMany({ data: slots.map((s) => ({ ...s, sessionId: id })) });
      }
      if (replaceTables) {
        await tx.sessionTable.deleteMany({ where: { sessionId: id } });
        await tx.sessionTable.createMany({ data: replaceTables.map((name) => ({ name, sessionId: id })) });
      }
      if (addTables.length > 0) await tx.sessionTable.createMany({ data: addTables.map((name) => ({ name, sessionId: id })) });
      return updated;
    },
  });
}

builder.mutationFields((t) => ({
  forumCreate: t.field({
    type: ForumCreatePayload,
    description: 'Creates a Temu Bisnis forum in DRAFT with its slots and tables. Disperin staff only.',
    authScopes: { staff: true },
    args: { input: t.arg({ type: ForumCreateInput, required: true }) },
    resolve: (_root, { input }, ctx) => createForum(ctx, input),
  }),
  forumUpdate: t.field({
    type: ForumUpdatePayload,
    description:
      'Changes a forum. Changing the layout (date, meeting length, times, breaks) regenerates the slots; this and replacing tables is possible in DRAFT only. Disperin staff only.',
    authScopes: { staff: true },
    args: { input: t.arg({ type: ForumUpdateInput, required: true }) },
    resolve: (_root, { input }, ctx) => updateForum(ctx, input),
  }),
}));

// --- Lifecycle transitions ---

const ForumTransitionInput = builder.inputType('ForumTransitionInput', {
  description: 'The forum to move to its next status.',
  fields: (t) => ({ id: t.id({ required: true, description: 'Global ID of the forum.' }) }),
});

const ForumStartSchedulingInput = builder.inputType('ForumStartSchedulingInput', {
  description: 'Closes registration and starts scheduling.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global ID of the forum.' }),
    closeRegistrationEarly: t.boolean({
      defaultValue: false,
      description: 'Close registration now although registrationClosesAt has not come (a staff decision).',
    }),
  }),
});

/**
 * One status change in a transaction that holds the forum row: the conditions are checked on
 * the facts as they are under the lock, then the status and its side effects are written.
 */
async function transition(ctx: Context, action: ForumAction, globalId: string | number, options: { closeRegistrationEarly?: boolean | null } = {}) {
  const id = idOf(String(globalId), 'Forum');
  if (!id) return failed([userError('NOT_FOUND', f('id'), 'No forum has this ID.')]);
  return runMutation(ctx, {
    run: async (tx) => {
      const locked = await lockForum(tx, id, 'UPDATE');
      if (!locked) refuse(userError('NOT_FOUND', f('id'), 'No forum has this ID.'));
      const [meetingSlotCount, tableCount, meetingCount, firstSlot] = await Promise.all([
        tx.sessionSlot.count({ where: { sessionId: id, isBreak: false } }),
        tx.sessionTable.count({ where: { sessionId: id } }),
        tx.meeting.count({ where: { sessionId: id } }),
        tx.sessionSlot.findFirst({ where: { sessionId: id }, orderBy: { index: 'asc' }, select: { startsAt: true } }),
      ]);
      const problems = transitionProblems(
        action,
        { ...locked, meetingSlotCount, tableCount, meetingCount, firstSlotStartsAt: firstSlot?.startsAt ?? null },
        ctx.now,
        { closeRegistrationEarly: options.closeRegistrationEarly ?? false },
      );
      refuseIf(underInput(problems));
      await sideEffects(tx, action, id, ctx.now);
      return tx.matchmakingSession.update({ where: { id }, data: { status: FORUM_ACTIONS[action].to } });
    },
  });
}

async function sideEffects(tx: Tx, action: ForumAction, id: string, now: Date): Promise<void> {
  if (action === 'COMPLETE') {
    // Settles the day: a meeting still SCHEDULED took place when both sides checked in, else it was a no-show.
    await tx.$executeRaw`
      UPDATE "Meeting" m SET
        status = (CASE WHEN (SELECT count(*) FROM "MeetingSeat" s WHERE s."meetingId" = m.id AND s."checkedInAt" IS NOT NULL) = 2
                       THEN 'HELD' ELSE 'NO_SHOW' END)::"MeetingStatus",
        "updatedAt" = ${now}
      WHERE m."sessionId" = ${id}::uuid AND m.status = 'SCHEDULED'`;
  }
  if (action === 'CANCEL') {
    await tx.meeting.updateMany({ where: { sessionId: id, status: 'SCHEDULED' }, data: { status: 'CANCELLED', updatedAt: now } });
    await tx.meetingRequest.updateMany({
      where: { sessionId: id, status: 'PENDING', expiresAt: { gt: now } },
      data: { status: 'CANCELLED', respondedAt: now },
    });
  }
}

const TRANSITIONS: { name: string; action: ForumAction; description: string }[] = [
  {
    name: 'forumOpenRegistration',
    action: 'OPEN_REGISTRATION',
    description:
      'DRAFT → REGISTRATION_OPEN. Needs at least one meeting slot and one table, a registration window that has not closed, and a forum day that has not begun. Disperin staff only.',
  },
  {
    name: 'forumPublishSchedule',
    action: 'PUBLISH_SCHEDULE',
    description: 'SCHEDULING → SCHEDULED: publishes the agendas. Needs at least one meeting. Disperin staff only.',
  },
  {
    name: 'forumStart',
    action: 'START',
    description: 'SCHEDULED → IN_PROGRESS, on the forum day (local date in its time zone), not before: check-in opens. Disperin staff only.',
  },
  {
    name: 'forumComplete',
    action: 'COMPLETE',
    description:
      'IN_PROGRESS → COMPLETED. Settles the day: each meeting still SCHEDULED becomes HELD when both sides checked in, NO_SHOW otherwise. Outcomes, feedback and follow-ups can still be recorded afterwards. Disperin staff only.',
  },
  {
    name: 'forumCancel',
    action: 'CANCEL',
    description:
      'Cancels a forum from any status but COMPLETED and CANCELLED: its scheduled meetings and pending requests are cancelled. Disperin staff only.',
  },
];

function transitionPayload(name: string) {
  const title = name[0]!.toUpperCase() + name.slice(1);
  return payloadType(`${title}Payload`, 'forum', ForumRef, `Result of ${name}.`);
}

builder.mutationFields((t) =>
  Object.fromEntries([
    ...TRANSITIONS.map(({ name, action, description }) => [
      name,
      t.field({
        type: transitionPayload(name),
        description,
        authScopes: { staff: true },
        args: { input: t.arg({ type: ForumTransitionInput, required: true }) },
        resolve: (_root, { input }, ctx) => transition(ctx, action, input.id),
      }),
    ]),
    [
      'forumStartScheduling',
      t.field({
        type: transitionPayload('forumStartScheduling'),
        description:
          'REGISTRATION_OPEN → SCHEDULING: closes registration so staff can build the schedule (forumSchedule). After registrationClosesAt, or earlier with closeRegistrationEarly: true. Disperin staff only.',
        authScopes: { staff: true },
        args: { input: t.arg({ type: ForumStartSchedulingInput, required: true }) },
        resolve: (_root, { input }, ctx) => transition(ctx, 'START_SCHEDULING', input.id, { closeRegistrationEarly: input.closeRegistrationEarly }),
      }),
    ],
  ]),
);

