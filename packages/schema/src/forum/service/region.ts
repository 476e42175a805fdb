import type { RegionTarget } from '../../common/region';
import type { Context } from '../../context';
import type { Prisma } from '../../generated/prisma/client';

/**
 * The kecamatan of the forum a change touches (found by `where`: its id, or a meeting of it) as
 * the target of a staff member's change (common/region.ts), named by `field`; none when there is
 * no such forum (the mutation answers NOT_FOUND itself).
 */
export async function forumRegion(ctx: Pick<Context, 'prisma'>, where: Prisma.MatchmakingSessionWhereInput, field: string[]): Promise<RegionTarget[]> {
  const forum = await ctx.prisma.matchmakingSession.findFirst({ where, select: { districtId: true } });
  return forum ? [{ districtId: forum.districtId, field }] : [];
}
