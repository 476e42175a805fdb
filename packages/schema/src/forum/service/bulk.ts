import { idOf } from '../../common/global-id';
import { refuse, refuseIf, runMutationInto, type Tx, underInput } from '../../common/mutation';
import { forumRegion } from './region';
import { checkText, type UserError, userError } from '../../common/user-errors';
import type { Context } from '../../context';
import {
  existingRequestProblem,
  type ForumStatus,
  hasExpired,
  MESSAGE_MAX,
  meetingRequestsProblems,
  pairingProblems,
  priorityProblems,
  requestExpiry,
} from '../../domain/forum';
import type { Problem } from '../../domain/problems';
import type { MeetingRequest } from '../../generated/prisma/client';
import { lockForum } from './store';

/**
 * An organiser's bulk work on meeting requests: up to BULK_MAX items in one mutation, checked
 * together against one read of the forum, written with a few statements. ALL_OR_NOTHING writes
 * nothing when any item has a problem; PER_ITEM writes the items without problems and reports
 * the others. Problems carry the item's index in `field` (['input', 'items', '7', ...]).
 */
export const BULK_MAX = 1_000;
export type BulkMode = 'ALL_OR_NOTHING' | 'PER_ITEM';

export interface BulkResult {
  /** One entry per item, in item order; null for an item not applied. */
  requests: (MeetingRequest | null)[];
}

const item = (i: number, ...path: string[]) => ['items', String(i), ...path];

/** Too many items, or none: refused before any work. */
function sizeProblems(count: number): Problem[] {
  if (count === 0) return [{ code: 'REQUIRED', field: ['input', 'items'], message: 'Give at least one item.' }];
  return count > BULK_MAX ? [{ code: 'TOO_MANY', field: ['input', 'items'], message: `At most ${BULK_MAX} items in one call; got ${count}.` }] : [];
}

/**
 * The forum the items belong to, locked exclusively (single requests and answers wait), and
 * the check that it takes meeting requests now.
 */
async function lockOpenForum(tx: Tx, forumId: string) {
  const forum = await lockForum(tx, forumId, 'UPDATE');
  if (!forum) refuse(userError('NOT_FOUND', ['input', 'forumId'], 'No forum has this ID.'));
  refuseIf(underInput(meetingRequestsProblems(forum.status as ForumStatus, ['forumId'])));
  return forum;
}

/** Splits item problems by mode: all-or-nothing refuses on any; per-item skips the items that have one. */
function settle(problems: Problem[], mode: BulkMode): Set<number> {
  if (mode === 'ALL_OR_NOTHING') refuseIf(underInput(problems));
  return new Set(problems.map((p) => Number(p.field[1])));
}

/** A bulk call's payload without results. */
const NONE = { requests: null };

/** The forum and mode of a bulk call, or its refusal: no such forum, or too many items (or none). */
function bulkStart(input: {
  forumId: string | number;
  items: readonly unknown[];
  mode?: BulkMode | null;
}): { forumId: string; mode: BulkMode } | { refused: { requests: null; userErrors: Problem[] } } {
  const forumId = idOf(String(input.forumId), 'Forum');
  if (!forumId) return { refused: { ...NONE, userErrors: [userError('NOT_FOUND', ['input', 'forumId'], 'No forum has this ID.')] } };
  const tooMany = sizeProblems(input.items.length);
  if (tooMany.length > 0) return { refused: { ...NONE, userErrors: tooMany } };
  return { forumId, mode: input.mode ?? 'ALL_OR_NOTHING' };
}

export interface BulkCreateItem {
  fromParticipantId: string | number;
  toParticipantId: string | number;
  priority?: number | null;
  message?: string | null;
}

/** meetingRequestBulkCreate: many requests, sent by staff on behalf of the requesters. */
export async function createMany(ctx: Context, input: { forumId: string | number; items: readonly BulkCreateItem[]; mode?: BulkMode | null }) {
  const start = bulkStart(input);
  if ('refused' in start) return start.refused;
  const { forumId, mode } = start;
  let skipped: Problem[] = [];
  const result = await runMutationInto<BulkResult>(
    ctx,
    {
      region: () => forumRegion(ctx, { id: forumId }, ['input', 'forumId']),
      run: async (tx) => {
        const forum = await lockOpenForum(tx, forumId);
        const [participants, existing, lastSlot] = await Promise.all([
          tx.forumParticipant.findMany({
            where: { sessionId: forumId },
            select: { id: true, enterpriseId: true, enterprise: { select: { name: true } }, partner: { select: { name: true } } },
          }),
          tx.meetingRequest.findMany({ where: { sessionId: forumId }, select: { id: true, requesterId: true, recipientId: true, status: true, expiresAt: true } }),
          tx.sessionSlot.findFirst({ where: { sessionId: forumId, isBreak: false }, orderBy: { index: 'desc' }, select: { startsAt: true } }),
        ]);
        const expiresAt = requestExpiry(ctx.now, forum.requestTtlHours, lastSlot?.startsAt ?? null);
        if (expiresAt.getTime() <= ctx.now.getTime()) {
          refuse(userError('FORUM_NOT_OPEN', ['input', 'forumId'], 'The last meeting slot of the forum has begun; no meeting can be requested any more.'));
        }
        const byId = new Map(participants.map((p) => [p.id, p]));
        const side = (p: (typeof participants)[number]) => ({
          id: p.id,
          side: p.enterpriseId ? ('ENTERPRISE' as const) : ('PARTNER' as const),
          name: p.enterprise?.name ?? p.partner?.name ?? 'The participant',
        });
        const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
        const earlier = new Map(existing.map((r) => [pairKey(r.requesterId, r.recipientId), r]));
        const inBatch = new Set<string>();
        const problems: Problem[] = [];
        const rows: { i: number; requesterId: string; recipientId: string; priority: number; message: string; renew: string | null }[] = [];
        input.items.forEach((it, i) => {
          const before = problems.length;
          const from = idOf(String(it.fromParticipantId), 'ForumParticipant');
          const to = idOf(String(it.toParticipantId), 'ForumParticipant');
          const a = from ? byId.get(from) : undefined;
          const b = to ? byId.get(to) : undefined;
          if (!a) problems.push({ code: 'NOT_FOUND', field: item(i, 'fromParticipantId'), message: 'No participant of this forum has this ID.' });
          if (!b) problems.push({ code: 'NOT_FOUND', field: item(i, 'toParticipantId'), message: 'No participant of this forum has this ID.' });
          const priority = it.priority ?? 3;
          problems.push(...priorityProblems(priority, item(i, 'priority')));
          problems.push(...checkText(it.message, ['items', String(i), 'message'], { max: MESSAGE_MAX }));
          if (!a || !b || problems.length > before) return;
          const pairing = pairingProblems(side(a), side(b), forum.pairingRule, item(i, 'toParticipantId'));
          if (pairing.length > 0) {
            problems.push(...pairing);
            return;
          }
          const key = pairKey(a.id, b.id);
          if (inBatch.has(key)) {
            problems.push({ code: 'ALREADY_REQUESTED', field: item(i, 'toParticipantId'), message: 'An earlier item of this call asks for the same pair.' });
            return;
          }
          const old = earlier.get(key);
          const verdict = old ? existingRequestProblem({ ...old, sameDirection: old.requesterId === a.id }, ctx.now, item(i, 'toParticipantId')) : null;
          if (verdict?.problem) {
            problems.push(verdict.problem);
            return;
          }
          inBatch.add(key);
          rows.push({ i, requesterId: a.id, recipientId: b.id, priority, message: it.message?.trim() ?? '', renew: verdict?.renew ? old!.id : null });
        });
        const skip = settle(problems, mode);
        skipped = problems;
        const kept = rows.filter((r) => !skip.has(r.i));
        const data = (r: (typeof kept)[number]) => ({ message: r.message, priority: r.priority, status: 'PENDING' as const, expiresAt, respondedAt: null, createdAt: ctx.now });
        const created = await tx.meetingRequest.createManyAndReturn({
          data: kept.filter((r) => !r.renew).map((r) => ({ ...data(r), sessionId: forumId, requesterId: r.requesterId, recipientId: r.recipientId })),
        });
        // A declined or expired pair asked again: the old row is renewed (rare; one statement each).
        const renewed = await Promise.all(kept.filter((r) => r.renew).map((r) => tx.meetingRequest.update({ where: { id: r.renew! }, data: data(r) })));
        const byPair = new Map([...created, ...renewed].map((r) => [`${r.requesterId}|${r.recipientId}`, r]));
        const requests: (MeetingRequest | null)[] = input.items.map(() => null);
        for (const r of kept) requests[r.i] = byPair.get(`${r.requesterId}|${r.recipientId}`) ?? null;
        return { requests };
      },
      onUniqueViolation: () => userError('ALREADY_REQUESTED', ['input', 'items'], 'A request between one of these pairs was just sent; send the batch again.'),
    },
    NONE,
  );
  return withSkipped(result, skipped);
}

export interface BulkRespondItem {
  id: string | number;
  accept: boolean;
}

/**
 * meetingRequestBulkRespond: accepts (into the scheduler's pool; nothing is booked) or declines
 * pending requests of one forum.
 */
export async function respondMany(ctx: Context, input: { forumId: string | number; items: readonly BulkRespondItem[]; mode?: BulkMode | null }) {
  const start = bulkStart(input);
  if ('refused' in start) return start.refused;
  const { forumId, mode } = start;
  let skipped: Problem[] = [];
  const result = await runMutationInto<BulkResult>(
    ctx,
    {
      region: () => forumRegion(ctx, { id: forumId }, ['input', 'forumId']),
      run: async (tx) => {
        await lockOpenForum(tx, forumId);
        const ids = input.items.map((it) => idOf(String(it.id), 'MeetingRequest'));
        const found = await tx.meetingRequest.findMany({ where: { sessionId: forumId, id: { in: ids.filter((x): x is string => !!x) } } });
        const byId = new Map(found.map((r) => [r.id, r]));
        const seen = new Set<string>();
        const problems: Problem[] = [];
        input.items.forEach((_, i) => {
          const id = ids[i];
          const row = id ? byId.get(id) : undefined;
          if (!row) {
            problems.push({ code: 'NOT_FOUND', field: item(i, 'id'), message: 'No meeting request of this forum has this ID.' });
            return;
          }
          if (seen.has(row.id)) {
            problems.push({ code: 'INVALID_VALUE', field: item(i, 'id'), message: 'An earlier item of this call answers the same request.' });
            return;
          }
          seen.add(row.id);
          if (row.status !== 'PENDING') problems.push({ code: 'INVALID_TRANSITION', field: item(i, 'id'), message: `The request is already ${row.status}.` });
          else if (hasExpired(row.expiresAt, ctx.now)) problems.push({ code: 'REQUEST_EXPIRED', field: item(i, 'id'), message: 'The request expired; the requester can send it again.' });
        });
        const skip = settle(problems, mode);
        skipped = problems;
        const chosen = (accept: boolean) => input.items.flatMap((it, i) => (!skip.has(i) && it.accept === accept ? [ids[i]!] : []));
        const [accepted, declined] = [chosen(true), chosen(false)];
        await tx.meetingRequest.updateMany({ where: { id: { in: accepted } }, data: { status: 'ACCEPTED', respondedAt: ctx.now } });
        await tx.meetingRequest.updateMany({ where: { id: { in: declined } }, data: { status: 'DECLINED', respondedAt: ctx.now } });
        const after = new Map((await tx.meetingRequest.findMany({ where: { id: { in: [...accepted, ...declined] } } })).map((r) => [r.id, r]));
        return { requests: input.items.map((_, i) => (skip.has(i) ? null : (after.get(ids[i]!) ?? null))) };
      },
    },
    NONE,
  );
  return withSkipped(result, skipped);
}

/** A PER_ITEM run that applied something reports the items it skipped; otherwise the refusal stands as it is. */
function withSkipped<T extends { userErrors: UserError[] }>(result: T, skipped: Problem[]): T {
  return result.userErrors.length > 0 ? result : { ...result, userErrors: underInput(skipped) };
}
