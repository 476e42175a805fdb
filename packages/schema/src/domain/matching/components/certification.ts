import { certificatesHeld } from '../../certificates';
import { CERTIFICATION_TEXT, capitalise, listText } from '../text';
import { type Component, evaluation } from './common';

/**
 * Certifications required against those held: the share held, each missing one named. A
 * certificate counts through its expiry date (domain/certificates.ts).
 */
export const certificationFit: Component = (enterprise, ask, { asOf }) => {
  const required = [...new Set(ask.requiredCertifications)];
  if (required.length === 0) {
    return evaluation('CERTIFICATION', 1, `${capitalise(ask.noun)} requires no certification.`);
  }
  const { held, expiredOn } = certificatesHeld(enterprise.certifications, asOf);
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
