const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID as the database writes it (8-4-4-4-12 hex digits, any case). */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}
