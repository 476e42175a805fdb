/**
 * A rule a forum action breaks, in plain data: the GraphQL layer turns it into a UserError whose
 * field path is `['input', ...field]`. The codes are those of common/user-errors.ts.
 */
export type ForumProblemCode =
  | 'REQUIRED'
  | 'INVALID_VALUE'
  | 'INVALID_RANGE'
  | 'TOO_MANY'
  | 'TOO_LONG'
  | 'IN_PAST'
  | 'INVALID_TRANSITION'
  | 'FORUM_NOT_OPEN'
  | 'PAIRING_NOT_ALLOWED'
  | 'ALREADY_REQUESTED'
  | 'REQUEST_EXPIRED'
  | 'NOT_AVAILABLE'
  | 'SLOT_TAKEN'
  | 'NO_FREE_SLOT'
  | 'CAP_REACHED'
  | 'ALREADY_RECORDED'
  | 'TOO_EARLY';

export interface ForumProblem {
  code: ForumProblemCode;
  /** Path below `input`, e.g. ['breaks', '0', 'startTime']; empty for the input as a whole. */
  field: string[];
  message: string;
}

export function problem(code: ForumProblemCode, field: string[], message: string): ForumProblem {
  return { code, field, message };
}
