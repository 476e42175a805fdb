/**
 * Which certificates an IKM holds on a day. One rule for matching and consortium allocation: a
 * certificate counts through its expiry date (EnterpriseCertification.expiresOn, a @db.Date read
 * as a UTC calendar day); no expiry recorded, it counts.
 */

/** The calendar day of a date, YYYY-MM-DD (UTC, as @db.Date columns are read). */
export const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** Kinds held on `asOf`, and for each kind held only by expired certificates, the day it expired. */
export function certificatesHeld<K extends string>(certificates: readonly { kind: K; expiresOn: Date | null }[], asOf: Date) {
  const held = new Set<K>();
  const expiredOn = new Map<K, string>();
  const day = dayOf(asOf);
  for (const c of certificates) {
    if (c.expiresOn === null || dayOf(c.expiresOn) >= day) held.add(c.kind);
    else if (!expiredOn.has(c.kind) || expiredOn.get(c.kind)! < dayOf(c.expiresOn)) expiredOn.set(c.kind, dayOf(c.expiresOn));
  }
  for (const kind of held) expiredOn.delete(kind);
  return { held, expiredOn };
}
