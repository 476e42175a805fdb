import { createHmac, hash } from 'node:crypto';

/**
 * Deterministic ids for the demo rows: the first 128 bits of SHA-256("<kind>:<stable key>"),
 * formatted as an RFC 9562 version-8 (custom) UUID, so a re-run produces the same primary keys and
 * inserts nothing new. Stable keys are natural keys where a row has one (NIB, slug, e-mail,
 * Kemendagri code) and parent id + position otherwise. One-shot `hash`: seed:synthetic makes
 * about ten per IKM, and createHash's objects cost twice the digest.
 */
export function stableId(kind: string, key: string): string {
  return uuidOf(hash('sha256', `${kind}:${key}`, 'hex'));
}

/**
 * Ids of protected demo rows (financing needs, consents, the funders' pipeline): HMAC-SHA-256 of
 * the same "<kind>:<key>" under the database's seed secret (SeedSecret, made at the first seed).
 * Re-running the seed on that database gives the same ids, but knowing the public NIB or
 * opportunity id no longer lets anyone compute a lead's id.
 */
export function secretId(secret: string, kind: string, key: string): string {
  return uuidOf(createHmac('sha256', secret).update(`${kind}:${key}`, 'utf8').digest('hex'));
}

/** The first 32 hex digits of a digest as a UUID: version 8 in digit 12, the RFC 9562 variant (10xx) in digit 16. */
function uuidOf(hex: string): string {
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
