import { scopesGrantedTo } from '../consent/access';
import type { Context } from '../context';
import type { Funder } from '../domain/consent';
import { type Audience, mayReceive, type Receiver } from '../domain/push/audience';

/**
 * Whether a receiver may have an event now: `mayReceive` with the consents in force at `now`, read
 * when the event is handed over (a subscription's read, a webhook's send), not when it was written.
 * A consent revoked or expired in between stops the event. Subscriptions and the dispatcher both
 * ask this.
 */
export interface Recipient extends Omit<Receiver, 'consented'> {
  /** The funder whose consents count (null: consents give this receiver nothing). */
  funder: Funder | null;
}

export async function mayReceiveNow(db: Pick<Context['prisma'], 'consent'>, recipient: Recipient, audience: Audience, now: Date): Promise<boolean> {
  const enterpriseId = audience.consentEnterpriseId;
  const granted = enterpriseId && recipient.funder ? await scopesGrantedTo(db, enterpriseId, recipient.funder, now) : new Set<string>();
  return mayReceive({ ...recipient, consented: (id, scope) => id === enterpriseId && granted.has(scope) }, audience);
}
