import { globalId, type OutboxEvent } from '../common/outbox';
import type { Opportunity } from '../generated/prisma/client';

/**
 * Opportunity events: public records, so every partner and signed-in viewer may receive them. The
 * payload is what `opportunities` shows anyone, and what a saved search filters on.
 */
export function opportunityEvent(type: 'opportunity.posted' | 'opportunity.closed', o: Opportunity): OutboxEvent {
  return {
    type,
    subject: { typename: 'Opportunity', id: o.id },
    audience: { public: true },
    payload: {
      id: globalId('Opportunity', o.id),
      kind: o.kind,
      status: o.status,
      title: o.title,
      sector: o.sector,
      productCategory: o.productCategory,
      districtCodes: o.districtCodes,
      amountMin: o.amountMin?.toString() ?? null,
      amountMax: o.amountMax?.toString() ?? null,
      validUntil: o.validUntil.toISOString(),
      partnerId: o.partnerId ? globalId('Partner', o.partnerId) : null,
      enterpriseId: o.enterpriseId ? globalId('Enterprise', o.enterpriseId) : null,
    },
  };
}
