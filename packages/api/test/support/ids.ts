import { encodeGlobalID } from '@temu-bisnis/schema';

/** The global ID the API uses for a database row, for tests that start from the database. */
export function globalId(typename: string, id: string): string {
  return encodeGlobalID(typename, id);
}
