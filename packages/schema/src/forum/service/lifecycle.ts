import { idOf } from '../../common/global-id';
import { refuse, refuseIf, runMutation, type Tx, underInput } from '../../common/mutation';
import { failed } from '../../common/payload';
import { checkText, type UserError, userError } from '../../common/user-errors';
import type { Context } from '../../context';
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
} from '../../domain/forum';
import type { RegionTarget } from '../../common/region';
import { forumRegion } from './region';
import { districtIdOf } from '../../district/codes';
import { NO_ID } from '../../domain/identifiers/uuid';
import { searchText } from '../../domain/search';
import type { Meeting, MeetingRequest, Prisma } from '../../generated/prisma/client';
import type { ForumCreateInput, ForumUpdateInput } from '../types/lifecycle';
import { meetingEvents, requestEvent, type Side, schedulePublished } from './events';
import { lockForum } from './store';

/** A forum's creation, changes and status transitions, each checked under the forum's row lock. */

export const TITLE_MIN = 3;
export const TITLE_MAX = 200;
export const MAX_TABLES = 100;
export const TABLE_NAME_MAX = 40;
const f = (...path: string[]) => ['input', ...path];

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
    else if (seen.has(name.toLowerCase())) errors.push(userError('TAKEN', [...field, String(i)], 'The forum already has a table of this name (names are compared without case).'));
    else {
      seen.add(name.toLowerCase());
      clean.push(name);
    }
  });
  return { errors, names: clean };
}

/**
 * Where a forum's change moves it, named by input.districtCode, as a region target: the kecamatan
 * given, or with the kecamatan removed the organising office's kabupaten/kota (`organiser`, null for
 * the provincial office), to which the forum then belongs. None without a change or a forum.
 */
async function movedRegion(ctx: Context, code: string | null | undefined, forum: RegionTarget | undefined): Promise<RegionTarget[]> {
  const districtId = await optionalDistrictId(ctx, code, []);
  if (districtId) return [{ districtId, field: f('districtCode') }];
  return districtId === null && forum ? [{ districtId: null, regencyId: forum.regencyId ?? null, field: f('districtCode') }] : [];
}

/**
 * The office that organises a forum an officer creates: theirs (null for the provincial office;
 * a staff member without an office, NO_ID, organises none and is refused).
 */
function organiserOf(ctx: Context): string | null {
  return ctx.viewer.regencyId === NO_ID ? null : ctx.viewer.regencyId;
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

export async function createForum(ctx: Context, input: CreateInput) {
  const districtErrors: UserError[] = [];
  const districtId = await optionalDistrictId(ctx, input.districtCode, districtErrors);
  const slug = input.slug?.trim() || slugify(input.title);
  const timeZone = input.timeZone?.trim() || DEFAULT_TIME_ZONE;
  const layout: Layout = {
    date: input.date,
    timeZone,
    meetingMinutes: input.meetingMinutes,
    startTime: input.startTime,
    endTime: input.endTime,
    breaks: input.breaks ?? [],
  };
  let slots: ReturnType<typeof slotRows> = [];
  let tableNames: string[] = [];
  return runMutation(ctx, {
    // A forum without a kecamatan belongs to its organising office: the creator's, which it matches,
    // except for a staff member without an office.
    region: () => [districtId ? { districtId, field: f('districtCode') } : { districtId: null, regencyId: organiserOf(ctx), field: f('districtCode') }],
    // After the region: an officer of another office learns nothing, not even that a slug is taken.
    validate: async () => {
      const errors = [...districtErrors];
      errors.push(...checkText(input.title, f('title'), { required: true, max: TITLE_MAX }));
      if (input.title.trim().length > 0 && input.title.trim().length < TITLE_MIN) {
        errors.push(userError('TOO_SHORT', f('title'), `title must be at least ${TITLE_MIN} characters.`));
      }
      errors.push(...checkText(input.venue, f('venue'), { required: true, max: 200 }));
      errors.push(...checkText(input.address, f('address'), { max: 300 }));
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length < 3 || slug.length > 80) {
        errors.push(userError('INVALID_VALUE', f('slug'), 'slug is 3 to 80 characters of a-z, 0-9 and single dashes, e.g. "temu-bisnis-2027".'));
      }
      slots = slotRows(layout, errors);
      checkDate(input.date, timeZone, ctx.now, errors);
      checkWindow(input.registrationOpensAt, input.registrationClosesAt, slots[0]?.startsAt ?? null, errors);
      errors.push(...underInput(ttlProblems(input.requestTtlHours, ['requestTtlHours'])));
      if (input.tableNames) {
        const checked = checkTableNames(input.tableNames, f('tableNames'));
        errors.push(...checked.errors);
        tableNames = checked.names;
      } else if (input.tableCount !== null && input.tableCount !== undefined) {
        if (!Number.isInteger(input.tableCount) || input.tableCount < 1 || input.tableCount > MAX_TABLES) {
          errors.push(userError('INVALID_VALUE', f('tableCount'), `tableCount is 1 to ${MAX_TABLES}.`));
        } else tableNames = Array.from({ length: input.tableCount }, (_, i) => `Meja ${i + 1}`);
      }
      if (errors.length > 0) return errors;
      if (await ctx.prisma.matchmakingSession.findUnique({ where: { slug }, select: { id: true } })) {
        return [userError('TAKEN', f('slug'), input.slug?.trim() ? 'Another forum already uses this slug; give another.' : 'Another forum already uses the slug made from the title; give a slug.')];
      }
      return [];
    },
    run: async (tx) => {
      const created = await tx.matchmakingSession.create({
        data: {
          slug,
          title: input.title.trim(),
          venue: input.venue.trim(),
          address: input.address?.trim() ?? '',
          districtId: districtId ?? null,
          organiserRegencyId: organiserOf(ctx),
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
    onUniqueViolation: () => userError('TAKEN', f('slug'), 'Another forum already uses this slug; give another.'),
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

export async function updateForum(ctx: Context, input: UpdateInput) {
  const id = idOf(String(input.id), 'Forum');
  if (!id) return failed([userError('NOT_FOUND', f('id'), 'No forum has this ID.')]);
  return runMutation(ctx, {
    region: async () => {
      const own = await forumRegion(ctx, { id }, f('id'));
      return [...own, ...(await movedRegion(ctx, input.districtCode, own[0]))];
    },
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

/**
 * One status change in a transaction that holds the forum row: the conditions are checked on
 * the facts as they are under the lock, then the status and its side effects are written.
 */
export async function transition(ctx: Context, action: ForumAction, globalId: string | number, options: { closeRegistrationEarly?: boolean | null } = {}) {
  const id = idOf(String(globalId), 'Forum');
  if (!id) return failed([userError('NOT_FOUND', f('id'), 'No forum has this ID.')]);
  let calledOff: CalledOff = NOTHING_CALLED_OFF;
  return runMutation(ctx, {
    region: () => forumRegion(ctx, { id }, f('id')),
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
      calledOff = await sideEffects(tx, action, id, ctx.now);
      return tx.matchmakingSession.update({ where: { id }, data: { status: FORUM_ACTIONS[action].to } });
    },
    // A published schedule concerns everyone; each meeting and pending request a cancelled forum
    // called off, its two sides.
    events: async (_forum, tx) => [
      ...(action === 'PUBLISH_SCHEDULE' ? [schedulePublished(id)] : []),
      ...(await meetingEvents(tx, 'meeting.cancelled', calledOff.meetings)),
      ...calledOff.requests.map((r) => requestEvent('meeting_request.cancelled', r, [r.requester, r.recipient])),
    ],
  });
}

const SIDE = { select: { enterpriseId: true, partnerId: true } } as const;
type CalledOff = { meetings: Meeting[]; requests: (MeetingRequest & { requester: Side; recipient: Side })[] };
const NOTHING_CALLED_OFF: CalledOff = { meetings: [], requests: [] };

/** The transition's changes beside the status; answers the meetings and pending requests it called off (CANCEL). */
async function sideEffects(tx: Tx, action: ForumAction, id: string, now: Date): Promise<CalledOff> {
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
    const meetings = await tx.meeting.findMany({ where: { sessionId: id, status: 'SCHEDULED' } });
    await tx.meeting.updateMany({ where: { id: { in: meetings.map((m) => m.id) } }, data: { status: 'CANCELLED', updatedAt: now } });
    const pending = await tx.meetingRequest.findMany({ where: { sessionId: id, status: 'PENDING', expiresAt: { gt: now } }, include: { requester: SIDE, recipient: SIDE } });
    const cancelled = { status: 'CANCELLED', respondedAt: now } as const;
    await tx.meetingRequest.updateMany({ where: { id: { in: pending.map((r) => r.id) } }, data: cancelled });
    return { meetings, requests: pending.map((r) => ({ ...r, ...cancelled })) };
  }
  return NOTHING_CALLED_OFF;
}
