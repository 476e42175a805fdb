import type { Tx } from '../common/mutation';
import { globalId, type OutboxEvent } from '../common/outbox';
import { matchesSearch } from '../domain/push/saved-search';
import type { Opportunity } from '../generated/prisma/client';

/**
 * The saved_search.matched events of a newly posted opportunity, one per matching saved search,
 * each for its partner only; written with the opportunity (opportunityPost's events step). The
 * opportunity is public, so the payload is what `opportunities` shows anyone.
 */
export async function savedSearchMatches(tx: Tx, o: Opportunity): Promise<OutboxEvent[]> {
  const searches = await tx.savedSearch.findMany({
    where: { target: 'OPPORTUNITIES', OR: [{ kinds: { isEmpty: true } }, { kinds: { has: o.kind } }] },
    orderBy: { id: 'asc' },
  });
  return searches
    .filter((s) => matchesSearch(s, o))
    .map((s) => ({
      type: 'saved_search.matched' as const,
      subject: { typename: 'SavedSearch', id: s.id },
      audience: { partnerIds: [s.partnerId] },
      payload: {
        savedSearchId: globalId('SavedSearch', s.id),
        opportunityId: globalId('Opportunity', o.id),
        kind: o.kind,
        title: o.title,
        productCategory: o.productCategory,
        districtCodes: o.districtCodes,
        amountMin: o.amountMin?.toString() ?? null,
        amountMax: o.amountMax?.toString() ?? null,
      },
    }));
}

