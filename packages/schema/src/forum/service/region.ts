import { idOf } from '../../common/global-id';
import { outsideRegion, type RegionTarget } from '../../common/region';
import type { Context } from '../../context';
import type { Problem } from '../../domain/problems';
import type { Prisma } from '../../generated/prisma/client';

/**
 * The region of the forum a change touches (found by `where`: its id, or a participant, request or
 * meeting of it) as the target of a staff member's change (common/region.ts), named by `field`: its
 * kecamatan, or without one its organising office's kabupaten/kota. None when there is no such
 * forum (the mutation answers NOT_FOUND itself).
 */
export async function forumRegion(ctx: Pick<Context, 'prisma'>, where: Prisma.MatchmakingSessionWhereInput, field: string[]): Promise<RegionTarget[]> {
  const forum = await ctx.prisma.matchmakingSession.findFirst({ where, select: { districtId: true, organiserRegencyId: true } });
  return forum ? [{ districtId: forum.districtId, regencyId: forum.organiserRegencyId, field }] : [];
}

type ForumRecord = 'Forum' | 'ForumParticipant' | 'MeetingRequest' | 'Meeting';

const FORUM_OF: Record<ForumRecord, (id: string) => Prisma.MatchmakingSessionWhereInput> = {
  Forum: (id) => ({ id }),
  ForumParticipant: (id) => ({ participants: { some: { id } } }),
  MeetingRequest: (id) => ({ meetingRequests: { some: { id } } }),
  Meeting: (id) => ({ meetings: { some: { id } } }),
};

/**
 * forumRegion of the forum that a record of it belongs to, named by the record's global ID (the
 * input's `field`): what staff do at a forum for a participant (register it, answer or send its
 * requests, check it in, record outcomes, feedback and follow-ups) is the forum's office's work.
 * None for an ID of another type or of nothing: the mutation answers NOT_FOUND itself.
 */
export function forumRegionOf(ctx: Pick<Context, 'prisma'>, record: ForumRecord, globalId: string | number, field: string[]): Promise<RegionTarget[]> {
  const id = idOf(String(globalId), record);
  return id ? forumRegion(ctx, FORUM_OF[record](id), field) : Promise.resolve([]);
}


/** Where staff act at a forum, said in the description of each mutation they use for its participants. */
export const FORUM_STAFF_REGION =
  " Staff of a kabupaten/kota's Disperin office act only at the forums of their own kabupaten/kota (the venue's kecamatan; without one, the organising office's), the provincial office's at all: another office gets FORBIDDEN.";

/**
 * The forum's region asked at once, for a resolver with work before its transaction (a schedule
 * run's seconds, an accept's early checks, an import's progress record): the refusal of an officer
 * of another office, or the targets for runMutation's region step.
 */
export async function forumRegionFirst(
  ctx: Pick<Context, 'prisma' | 'viewer'>,
  where: Prisma.MatchmakingSessionWhereInput,
  field: string[],
): Promise<{ region: RegionTarget[]; outside: Problem[] }> {
  if (ctx.viewer.regencyId === null) return { region: [], outside: [] };
  const region = await forumRegion(ctx, where, field);
  return { region, outside: await outsideRegion(ctx, region) };
}
