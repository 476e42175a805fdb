import { requestCache } from '../common/request-cache';
import type { Context } from '../context';
import { cellKey, type Release, releaseCells } from '../domain/anonymity';
import type { Prisma, Sector } from '../generated/prisma/client';

/**
 * What an anonymised lead may show of its enterprise: the release of its (sector, kecamatan) cell
 * of the public directory (domain/anonymity.ts), computed once per request from one grouped count
 * of the ACTIVE enterprises — the same set anyone can list with `enterprises`. `db`: a mutation's
 * transaction when it asks (on PGlite a read beside an open transaction would wait for it).
 */
export function directoryReleases(ctx: Context, db: Pick<Context['prisma'], 'enterprise'> = ctx.prisma): Promise<Map<string, Release<Sector>>> {
  return requestCache(ctx, 'anonymity:releases', async () => {
    const rows = await db.enterprise.groupBy({ by: ['sector', 'districtId'], where: { status: 'ACTIVE' }, _count: { _all: true } });
    return releaseCells(rows.map((r) => ({ sector: r.sector, districtId: r.districtId, count: r._count._all })));
  });
}

/** The release of one enterprise; an enterprise outside the active directory shows neither. */
export function releaseOf(releases: Map<string, Release<Sector>>, e: { sector: Sector; districtId: string }): Release<Sector> {
  return releases.get(cellKey(e.sector, e.districtId)) ?? { sector: null, districtId: null };
}

/**
 * Enterprises whose release shows this sector and/or kecamatan: the condition a sector or district
 * filter applies to an anonymised lead, so it matches exactly the leads that show that value.
 */
export function releasedWhere(
  releases: Map<string, Release<Sector>>,
  want: { sector?: Sector; districtId?: string },
): Prisma.EnterpriseWhereInput {
  const cells = [...releases].flatMap(([key, release]) => {
    if (want.sector !== undefined && release.sector !== want.sector) return [];
    if (want.districtId !== undefined && release.districtId !== want.districtId) return [];
    const [sector, districtId] = key.split('|') as [Sector, string];
    return [{ sector, districtId }];
  });
  return cells.length > 0 ? { OR: cells } : { id: { in: [] } };
}
