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
