import { globalId, type OutboxEvent } from '../common/outbox';
import type { FinancingNeed, LeadReview } from '../generated/prisma/client';

/**
 * A financing need is seen by its enterprise's people and by funders under a NEEDS consent of the
 * enterprise (as `financingNeed` shows it); the anonymised lead list is not pushed, so nothing here
 * needs k-anonymity. A lead's pipeline is its funder's alone (staff never see it).
 */
export function needEvent(type: 'financing_need.created' | 'financing_need.withdrawn', need: FinancingNeed): OutboxEvent {
  return {
    type,
    subject: { typename: 'FinancingNeed', id: need.id },
    audience: { enterpriseIds: [need.enterpriseId], consentEnterpriseId: need.enterpriseId, consentScope: 'NEEDS' },
    payload: {
      id: globalId('FinancingNeed', need.id),
      enterpriseId: globalId('Enterprise', need.enterpriseId),
      amount: need.amount.toString(),
      purpose: need.purpose,
      tenorMonths: need.tenorMonths,
      status: need.status,
    },
  };
}

export function leadStatusChanged(review: LeadReview): OutboxEvent {
  return {
    type: 'lead.status_changed',
    subject: { typename: 'FinancingLead', id: review.financingNeedId },
    audience: { partnerIds: [review.funderId] },
    payload: {
      leadId: globalId('FinancingLead', review.financingNeedId),
      reviewId: globalId('LeadReview', review.id),
      status: review.status,
    },
  };
}
