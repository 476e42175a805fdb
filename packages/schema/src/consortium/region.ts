import type { RegionTarget } from '../common/region';
import { staffEnterprisesWhere } from '../auth/region';
import type { Context } from '../context';
import type { Prisma } from '../generated/prisma/client';

/**
 * The region of the consortium offer a change touches (found by `where`: its id, or a share of
 * it) as the target of a staff member's change (common/region.ts), named by `field`: its sentra's
 * kecamatan, or an ad-hoc group's (no sentra) its coordinating IKM's. Staff of a kabupaten/kota's
 * office run, answer for members, send, withdraw and record deliveries of their own region's
 * offers only. None when there is no such offer (the mutation answers NOT_FOUND itself).
 */
export async function offerRegion(ctx: Pick<Context, 'prisma'>, where: Prisma.ConsortiumOfferWhereInput, field: string[]): Promise<RegionTarget[]> {
  const offer = await ctx.prisma.consortiumOffer.findFirst({
    where,
    select: { sentra: { select: { districtId: true } }, coordinator: { select: { districtId: true } } },
  });
  return offer ? [{ districtId: (offer.sentra ?? offer.coordinator).districtId, field }] : [];
}

/** The offers staff read whole: all, or those of their kabupaten/kota (offerRegion's rule: the sentra's kecamatan, else the coordinator's). */
export function staffOffersWhere(viewer: Context['viewer']): Prisma.ConsortiumOfferWhereInput {
  const regencyId = viewer.regencyId;
  return regencyId === null ? {} : { OR: [{ sentra: { district: { regencyId } } }, { sentraId: null, coordinator: staffEnterprisesWhere(viewer) }] };
}

/**
 * The regions a proposal touches: the sentra's kecamatan; for an ad-hoc group (no sentra), its
 * coordinator's and each named member's (ids that decode to nothing are validation's to report).
 */
export async function proposalRegion(
  ctx: Pick<Context, 'prisma'>,
  sentraId: string | null,
  coordinatorId: string | null,
  memberIds: readonly (string | null)[],
): Promise<RegionTarget[]> {
  if (sentraId) {
    const sentra = await ctx.prisma.sentra.findUnique({ where: { id: sentraId }, select: { districtId: true } });
    return sentra ? [{ districtId: sentra.districtId, field: ['input', 'sentraId'] }] : [];
  }
  const named = [[coordinatorId, ['input', 'coordinatorId']] as const, ...memberIds.map((id, i) => [id, ['input', 'memberIds', String(i)]] as const)];
  const ids = named.flatMap(([id]) => (id ? [id] : []));
  const enterprises = await ctx.prisma.enterprise.findMany({ where: { id: { in: ids } }, select: { id: true, districtId: true } });
  const districtOf = new Map(enterprises.map((e) => [e.id, e.districtId]));
  return named.flatMap(([id, field]) => {
    const districtId = id ? districtOf.get(id) : undefined;
    return districtId ? [{ districtId, field: [...field] }] : [];
  });
}
