import type { RegionTarget } from '../common/region';
import type { Context } from '../context';
import type { Prisma } from '../generated/prisma/client';

/**
 * The kecamatan of the IKM a change touches (found by `where`: its id, or a product or credit
 * facility of it) as the target of a staff member's change (common/region.ts), named by `field`;
 * none when there is no such IKM (the mutation answers NOT_FOUND itself).
 */
export async function enterpriseRegion(ctx: Pick<Context, 'prisma'>, where: Prisma.EnterpriseWhereInput, field: string[]): Promise<RegionTarget[]> {
  const enterprise = await ctx.prisma.enterprise.findFirst({ where, select: { districtId: true } });
  return enterprise ? [{ districtId: enterprise.districtId, field }] : [];
}
