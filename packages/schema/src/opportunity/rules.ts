import type { OpportunityKind } from '../generated/prisma/enums';

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
