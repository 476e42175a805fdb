import { builder } from '../builder';

/** Business-rule failures a caller can fix; they travel in a payload's `userErrors`, never as top-level errors. */
export const USER_ERROR_CODES = {
  NOT_FOUND: 'No record has that ID, or it is not visible to you.',
  REQUIRED: 'A required value is missing.',
  TOO_LONG: 'A text is longer than allowed.',
  TOO_MANY: 'A list has more items than allowed.',
  INVALID_VALUE: 'A value is not allowed here.',
  INVALID_NIB: 'The NIB (Nomor Induk Berusaha) is not valid.',
  INVALID_NPWP: 'The NPWP (Nomor Pokok Wajib Pajak) is not valid.',
  INVALID_KBLI: 'The KBLI code is not valid.',
  INVALID_PHONE: 'The phone number is not a valid Indonesian number.',
  INVALID_EMAIL: 'The e-mail address is not valid.',
  INVALID_MONEY: 'The amount is not a whole, non-negative number of rupiah.',
  TAKEN: 'The value is already used by another record.',
  TOO_SHORT: 'A text is shorter than allowed.',
  INVALID_RANGE: 'A minimum is above its maximum, or an end does not come after its start.',
  IN_PAST: 'A date or time that must lie in the future is in the past.',
  INVALID_TRANSITION: 'The record cannot move from its current status to the one requested (e.g. a financing lead from NEW straight to APPROVED).',
  ALREADY_REQUESTED: 'The same request was made recently and is still pending; it is not recorded twice.',
  FORUM_NOT_OPEN: "The forum's status or registration window does not allow this now (e.g. registering after registration closed).",
  PAIRING_NOT_ALLOWED: "The forum's pairing rule does not let these two participants meet (e.g. two IKM at an IKM-with-partner forum).",
  REQUEST_EXPIRED: 'The meeting request expired before it was answered; the requester can send it again.',
  NOT_AVAILABLE: 'A participant declared itself unavailable in the chosen slot.',
  SLOT_TAKEN: 'The chosen slot is no longer free: one of the participants already meets someone then, or every table is taken.',
  NO_FREE_SLOT: 'No slot ahead is free for both participants with a table left.',
  CAP_REACHED: 'A participant already has as many meetings as its meeting cap allows.',
  ALREADY_RECORDED: 'This was already recorded and can be recorded only once (e.g. a second rating from the same side).',
  LIMIT_REACHED: 'An organisation already has as many of these as allowed (e.g. 10 working API keys); remove or revoke one first.',
  CONSENT_REQUIRED: "The enterprise's active consent does not cover what this needs (e.g. moving a financing lead to IN_REVIEW without scopes NEEDS and FINANCIALS).",
  TOO_EARLY: 'It is too early for this (e.g. starting a forum before its day, or a 6-month follow-up two months after the forum).',
} as const;

export type UserErrorCode = keyof typeof USER_ERROR_CODES;

export interface UserError {
  code: UserErrorCode;
  /** Path to the input field, e.g. ['input', 'products', '0', 'monthlyCapacity']. */
  field: string[];
  message: string;
}

export const UserErrorCodeEnum = builder.enumType('UserErrorCode', {
  description: 'Machine-readable reason of a user error.',
  values: Object.fromEntries(
    Object.entries(USER_ERROR_CODES).map(([code, description]) => [code, { description }]),
  ) as Record<UserErrorCode, { description: string }>,
});

export const UserErrorRef = builder.objectRef<UserError>('UserError').implement({
  description: 'A problem with the input that the caller can fix. Nothing was changed.',
  fields: (t) => ({
    code: t.field({ type: UserErrorCodeEnum, resolve: (e) => e.code }),
    field: t.stringList({
      description: 'Path to the offending input field, e.g. ["input", "name"].',
      resolve: (e) => e.field,
    }),
    message: t.exposeString('message', { description: 'A sentence for a person.' }),
  }),
});

export function userError(code: UserErrorCode, field: string[], message: string): UserError {
  return { code, field, message };
}

/** Checks of free text shared by every mutation: required-ness and a length cap. */
export function checkText(
  value: string | null | undefined,
  field: string[],
  { required = false, max }: { required?: boolean; max: number },
): UserError[] {
  const label = field.at(-1) ?? 'value';
  if (value === undefined || value === null) {
    return required ? [userError('REQUIRED', field, `${label} is required.`)] : [];
  }
  if (required && value.trim() === '') return [userError('REQUIRED', field, `${label} must not be empty.`)];
  if (value.length > max) {
    return [userError('TOO_LONG', field, `${label} must be at most ${max} characters; got ${value.length}.`)];
  }
  return [];
}
