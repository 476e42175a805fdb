import { globalId, type OutboxEvent } from '../common/outbox';
import type { Consent } from '../generated/prisma/client';

/**
 * A consent's events go to the enterprise's people and to the funder it names (or every funder of
 * the subtype it names): the parties `consents` shows it to. A revoked or expired consent still
 * reaches them, so a funder learns it may no longer read.
 */
export function consentEvent(type: 'consent.granted' | 'consent.revoked' | 'consent.expired', consent: Consent): OutboxEvent {
  return {
    type,
    subject: { typename: 'Consent', id: consent.id },
    audience: {
      enterpriseIds: [consent.enterpriseId],
      partnerIds: consent.funderId ? [consent.funderId] : [],
      funderType: consent.funderId ? null : consent.funderType,
    },
    payload: {
      id: globalId('Consent', consent.id),
      enterpriseId: globalId('Enterprise', consent.enterpriseId),
      scopes: consent.scopes,
      expiresAt: consent.expiresAt.toISOString(),
    },
  };
}
