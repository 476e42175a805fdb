import { CERTIFICATION_TEXT, capitalise, listText } from '../text';
import type { CertificationKind } from '../types';
import { type Component, evaluation } from './common';

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Certifications required against those held: the share held, each missing one named. A
 * certificate counts through its expiry date (a @db.Date, read as a UTC calendar day).
 */
export const certificationFit: Component = (enterprise, ask, { asOf }) => {
  const required = [...new Set(ask.requiredCertifications)];
  if (required.length === 0) {
    return evaluation('CERTIFICATION', 1, `${capitalise(ask.noun)} requires no certification.`);
  }
  const expiredOn = new Map<CertificationKind, string>();
  const held = new Set<CertificationKind>();
  for (const c of enterprise.certifications) {
    if (c.expiresOn === null || day(c.expiresOn) >= day(asOf)) held.add(c.kind);
    else expiredOn.set(c.kind, day(c.expiresOn));
  }
  const has = required.filter((k) => held.has(k));
  const missing = required.filter((k) => !held.has(k)).map((k) => {
    const expired = expiredOn.get(k);
    return expired ? `${CERTIFICATION_TEXT[k]} (expired on ${expired})` : CERTIFICATION_TEXT[k];
  });
  const holds = listText(has.map((k) => CERTIFICATION_TEXT[k]));
  const reason =
    missing.length === 0
      ? `Holds ${holds} required by ${ask.noun}.`
      : `Missing ${listText(missing)} required by ${ask.noun}${has.length > 0 ? `; holds ${holds}` : ''}.`;
  return evaluation('CERTIFICATION', has.length / required.length, reason);
};
