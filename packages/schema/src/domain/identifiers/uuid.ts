import { randomBytes } from 'node:crypto';

/** A uuid no row has, for filters that must match nothing. */
export const NO_ID = '00000000-0000-0000-0000-000000000000';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID as the database writes it (8-4-4-4-12 hex digits, any case). */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}

/** True for a UUID exactly as the API hands ids out: lower case, so one id has one spelling. */
export function isCanonicalUuid(text: string): boolean {
  return isUuid(text) && text === text.toLowerCase();
}

/** The largest Unix time in milliseconds a version 7 UUID holds: 48 bits. */
export const UUID_V7_MAX_MS = 2 ** 48 - 1;

/**
 * A version 7 UUID (RFC 9562 §5.7): the Unix time in milliseconds in the first 48 bits, the version
 * 7, then random bits with the variant 10 in the first two of the ninth byte. Ordered by time, like
 * the ids of Prisma's `@default(uuid(7))`, for rows that are written with raw SQL.
 */
export function uuidV7(ms: number = Date.now(), random: Uint8Array = randomBytes(10)): string {
  if (!Number.isInteger(ms) || ms < 0 || ms > UUID_V7_MAX_MS) throw new RangeError('uuidV7 takes a Unix time in milliseconds from 0 to 2^48 - 1.');
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes.set(random.subarray(0, 10), 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `count` version 7 UUIDs of one instant: one call for their random bits (a call costs more than the bits). */
export function uuidsV7(count: number, ms: number = Date.now()): string[] {
  const random = randomBytes(10 * count);
  return Array.from({ length: count }, (_, i) => uuidV7(ms, random.subarray(10 * i, 10 * i + 10)));
}
