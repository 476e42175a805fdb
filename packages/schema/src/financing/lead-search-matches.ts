import type { Tx } from '../common/mutation';
import { globalId, type OutboxEvent } from '../common/outbox';
import type { Context } from '../context';
import { amountBand } from '../domain/consent';
import { matchesLeadSearch } from '../domain/push/saved-search';
import type { FinancingNeed } from '../generated/prisma/client';
import { directoryReleases, releaseOf } from './anonymity';

/**
 * The saved_search.matched events of a newly stated financing need, one per funder's lead search it
 * matches, each for that funder only. Matching and payload use only what the anonymised lead shows
 * in the leads list (band, purpose, the released sector and kecamatan), whatever consent the funder
 * holds, so the event keeps the lead among at least k active IKM and stays true if a consent ends.
 */
export async function leadSearchMatches(ctx: Context, tx: Tx, need: FinancingNeed): Promise<OutboxEvent[]> {
  const searches = await tx.savedSearch.findMany({ where: { target: 'FINANCING_LEADS' }, orderBy: { id: 'asc' } });
  if (searches.length === 0) return [];
  const enterprise = await tx.enterprise.findUniqueOrThrow({ where: { id: need.enterpriseId }, select: { sector: true, districtId: true, status: true } });
  // The leads list shows open needs of active IKM only.
  if (need.status !== 'OPEN' || enterprise.status !== 'ACTIVE') return [];
  const release = releaseOf(await directoryReleases(ctx, tx), enterprise);
  const district = release.districtId ? await tx.district.findUnique({ where: { id: release.districtId }, select: { code: true } }) : null;
  const shown = { amountBand: amountBand(need.amount), purpose: need.purpose, sector: release.sector, districtCode: district?.code ?? null };
  return searches
    .filter((s) => matchesLeadSearch(s, shown))
    .map((s) => ({
      type: 'saved_search.matched' as const,
      subject: { typename: 'SavedSearch', id: s.id },
      audience: { partnerIds: [s.partnerId] },
      payload: { savedSearchId: globalId('SavedSearch', s.id), leadId: globalId('FinancingLead', need.id), ...shown },
    }));
}
