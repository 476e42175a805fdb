import { encodeGlobalID } from '@pothos/plugin-relay';

/** The global ID the API uses for a database row, for tests that start from the database. */
export function globalId(typename: string, id: string): string {
  return encodeGlobalID(typename, id);
}
