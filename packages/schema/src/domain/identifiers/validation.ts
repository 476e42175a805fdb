import type { ProblemCode } from '../problems';

/** Codes the domain parsers return: a subset of the problem codes, so each is a GraphQL UserErrorCode. */
export type ValidationCode = Extract<ProblemCode, 'INVALID_NIB' | 'INVALID_NPWP' | 'INVALID_KBLI' | 'INVALID_PHONE' | 'INVALID_EMAIL' | 'INVALID_MONEY'>;

/**
 * Outcome of parsing user input. A failure carries a SCREAMING_SNAKE `code` and a plain-English
 * `message` that the GraphQL layer copies into a UserError.
 */
export type Validation<T> =
  | { ok: true; value: T }
  | { ok: false; code: ValidationCode; message: string };

export type Invalid = Extract<Validation<never>, { ok: false }>;

export function valid<T>(value: T): Validation<T> {
  return { ok: true, value };
}

export function invalid(code: ValidationCode, message: string): Invalid {
  return { ok: false, code, message };
}
