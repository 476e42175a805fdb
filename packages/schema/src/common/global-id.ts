import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { isCanonicalUuid } from '../domain/identifiers/uuid';

/**
 * The type and row id behind a global ID, or null unless it is exactly what the API hands out:
 * base64 of "Type:uuid" with a canonical UUID (every row id is `@db.Uuid`), re-encoding to the same text. Anything else (36
 * dashes, upper case, stray base64 padding or whitespace) never reaches the database, where a
 * malformed UUID is a fault, not an empty answer.
 */
export function decodedGlobalId(globalId: string): { typename: string; id: string } | null {
  try {
    const decoded = decodeGlobalID(globalId);
    const canonical = isCanonicalUuid(decoded.id) && encodeGlobalID(decoded.typename, decoded.id) === globalId;
    return canonical ? decoded : null;
  } catch {
    return null;
  }
}

/** The database id behind a global ID of the expected type, or null for anything else. */
export function idOf(globalId: string, typename: string): string | null {
  const decoded = decodedGlobalId(globalId);
  return decoded?.typename === typename ? decoded.id : null;
}
