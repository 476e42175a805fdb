import { decodeGlobalID } from '@pothos/plugin-relay';

/** The database id behind a global ID of the expected type, or null for anything else. */
export function idOf(globalId: string, typename: string): string | null {
  try {
    const { typename: actual, id } = decodeGlobalID(globalId);
    return actual === typename && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
  } catch {
    return null;
  }
}
