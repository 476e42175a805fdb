import { createHash, createHmac } from 'node:crypto';

/**
 * Deterministic ids for the demo rows: the first 128 bits of SHA-256("<kind>:<stable key>"),
 * formatted as an RFC 9562 version-8 (custom) UUID, so a re-run produces the same primary keys and
 * inserts nothing new. Stable keys are natural keys where a row has one (NIB, slug, e-mail,
 * Kemendagri code) and parent id + position otherwise.
 */
export function stableId(kind: string, key: string): string {
  return uuidOf(createHash('sha256').update(`${kind}:${key}`, 'utf8').digest());
}

/**
 * Ids of protected demo rows (financing needs, consents, the funders' pipeline): HMAC-SHA-256 of
 * the same "<kind>:<key>" under the database's seed secret (SeedSecret, made at the first seed).
 * Re-running the seed on that database gives the same ids, but knowing the public NIB or
 * opportunity id no longer lets anyone compute a lead's id.
 */
export function secretId(secret: string, kind: string, key: string): string {
  return uuidOf(createHmac('sha256', secret).update(`${kind}:${key}`, 'utf8').digest());
}

function uuidOf(digest: Buffer): string {
  const bytes = digest.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80; // version 8
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
