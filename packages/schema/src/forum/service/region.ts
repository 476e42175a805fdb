import type { RegionTarget } from '../../common/region';
import type { Context } from '../../context';

/**
 * A forum's kecamatan as the target of a staff member's change (common/region.ts), named by `field`;
 * none for a forum that does not exist (the mutation answers NOT_FOUND itself).
 */
export async function forumRegion(ctx: Pick<Context, 'prisma'>, forumId: string, field: string[]): Promise<RegionTarget[]> {
  const forum = await ctx.prisma.matchmakingSession.findUnique({ where: { id: forumId }, select: { districtId: true } });
  return forum ? [{ districtId: forum.districtId, field }] : [];
}
