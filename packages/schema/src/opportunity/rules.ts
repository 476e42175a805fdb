import type { OpportunityKind, PartnerKind } from '../generated/prisma/enums';

/** Who posts an opportunity of a kind: partners offer or request from IKM, IKM from partners. */
export type PosterSide = 'PARTNER' | 'ENTERPRISE';

export const PARTNER_OPPORTUNITY_KINDS = ['BUY_REQUEST', 'SUPPLY_OFFER', 'DISTRIBUTION_OFFER', 'FINANCING_OFFER'] as const;
export const ENTERPRISE_OPPORTUNITY_KINDS = ['SELL_OFFER', 'SUPPLY_REQUEST', 'DISTRIBUTION_REQUEST', 'FINANCING_REQUEST'] as const;
export const FINANCING_OPPORTUNITY_KINDS: readonly OpportunityKind[] = ['FINANCING_OFFER', 'FINANCING_REQUEST'];

export function posterSide(kind: OpportunityKind): PosterSide {
  return (PARTNER_OPPORTUNITY_KINDS as readonly string[]).includes(kind) ? 'PARTNER' : 'ENTERPRISE';
}

export function needsAmount(kind: OpportunityKind): boolean {
  return FINANCING_OPPORTUNITY_KINDS.includes(kind);
}

/** What each kind of partner posts: a bank offers financing, it does not buy batik. Distributors also buy to resell. */
export const KINDS_BY_PARTNER_KIND: Record<PartnerKind, readonly OpportunityKind[]> = {
  BUYER: ['BUY_REQUEST'],
  SUPPLIER: ['SUPPLY_OFFER'],
  DISTRIBUTOR: ['DISTRIBUTION_OFFER', 'BUY_REQUEST'],
  FUNDER: ['FINANCING_OFFER'],
};

export function partnerMayPost(partnerKind: PartnerKind, kind: OpportunityKind): boolean {
  return KINDS_BY_PARTNER_KIND[partnerKind].includes(kind);
}
