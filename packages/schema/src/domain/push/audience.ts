import type { ConsentScope, FunderType } from '../consent';

/**
 * Who may receive an event. An event is written with its audience (issue 16: "a payload that holds
 * only what its receiver may see"); subscriptions and webhooks both ask `mayReceive`, so a push
 * never reaches anyone the queries would not show the same record to.
 */
export interface Audience {
  /** Every signed-in viewer and every partner (public records: opportunities, forum schedules). */
  public: boolean;
  /** Partners involved (their members and API keys). */
  partnerIds: readonly string[];
  /** Enterprises involved (their people). */
  enterpriseIds: readonly string[];
  /** People involved by name (a sentra's coordinator, who may belong to none of the enterprises). */
  userIds: readonly string[];
  /** Disperin staff (ADMIN, OFFICER). */
  staff: boolean;
  /** Every funder of this subtype (a consent granted to all banks). */
  funderType: FunderType | null;
  /** A funder with an active consent of this enterprise covering `consentScope` may receive it too. */
  consentEnterpriseId: string | null;
  consentScope: ConsentScope | null;
}

export interface Receiver {
  partnerId: string | null;
  funderType: FunderType | null;
  enterpriseIds: readonly string[];
  /** The person receiving (subscriptions); webhooks have none. */
  userId?: string | null;
  /** Whether the person is Disperin staff. */
  staff?: boolean;
  /** Whether the receiver holds an active consent of the enterprise covering the scope (funders). */
  consented: (enterpriseId: string, scope: ConsentScope) => boolean;
}

export const PRIVATE: Audience = { public: false, partnerIds: [], enterpriseIds: [], userIds: [], staff: false, funderType: null, consentEnterpriseId: null, consentScope: null };

export function mayReceive(receiver: Receiver, audience: Audience): boolean {
  if (audience.public) return true;
  if (receiver.partnerId !== null && audience.partnerIds.includes(receiver.partnerId)) return true;
  if (audience.funderType !== null && receiver.funderType === audience.funderType) return true;
  if (receiver.enterpriseIds.some((id) => audience.enterpriseIds.includes(id))) return true;
  if (audience.staff && receiver.staff === true) return true;
  if (receiver.userId != null && audience.userIds.includes(receiver.userId)) return true;
  return audience.consentEnterpriseId !== null && audience.consentScope !== null && receiver.consented(audience.consentEnterpriseId, audience.consentScope);
}
