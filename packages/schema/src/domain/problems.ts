/**
 * Every business-rule failure a caller can fix, with its description. This one list feeds the
 * GraphQL enum UserErrorCode and types every Problem, so a code missing here does not compile.
 */
export const PROBLEM_CODES = {
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
  NO_FREE_SLOT: 'No slot ahead is free for both participants with a table left (their shared slots are taken).',
  NO_COMMON_SLOT: 'The two participants share no meeting slot ahead in which both are available: no schedule can place the meeting until one of them changes its availability.',
  CAP_REACHED: 'A participant already has as many meetings as its meeting cap allows.',
  ALREADY_RECORDED: 'This was already recorded and can be recorded only once (e.g. a second rating from the same side).',
  LIMIT_REACHED: 'An organisation already has as many of these as allowed (e.g. 10 working API keys); remove or revoke one first.',
  CONSENT_REQUIRED: "The enterprise's active consent does not cover what this needs (e.g. moving a financing lead to IN_REVIEW without scopes NEEDS and FINANCIALS).",
  OVER_CAPACITY: "A member would commit more than its stated share of capacity, counting its accepted shares of every live consortium offer.",
  OUTSIDE_REGION: "A member is outside the consortium's region: not a member of the sentra the offer is for, or, in an ad-hoc group, neither in the kecamatan of delivery nor in one next to it.",
  OPPORTUNITY_CLOSED: 'The buy request is no longer open (expired, closed or fulfilled).',
  NOT_COVERED: 'The accepted shares of a consortium offer do not yet cover the volume requested.',
  FORBIDDEN: "The record belongs to a kabupaten/kota outside the region of your Disperin office; only that kabupaten/kota's office or the provincial office may change it. Nothing was changed.",
  TOO_EARLY: 'It is too early for this (e.g. starting a forum before its day, or a 6-month follow-up two months after the forum).',
} as const;

export type ProblemCode = keyof typeof PROBLEM_CODES;

/**
 * A rule an input breaks, in plain data. It travels in a mutation payload's `userErrors`, never as
 * a top-level error. `field` is the path to the offending input field: domain functions give it
 * below `input` (e.g. ['breaks', '0', 'startTime']) and the GraphQL layer puts it under `input`.
 */
export interface Problem {
  code: ProblemCode;
  field: string[];
  message: string;
}

export function problem(code: ProblemCode, field: string[], message: string): Problem {
  return { code, field, message };
}
