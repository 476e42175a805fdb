/**
 * A funder's pipeline for one financing lead: plain rules over plain data, no GraphQL or database.
 *
 *   NEW → CONTACTED → IN_REVIEW → APPROVED → DISBURSED
 *                               ↘ REJECTED
 *
 * REJECTED and DISBURSED are final. A rejection carries a reason code from a fixed list; a
 * disbursement carries the amount and the date, and only an APPROVED lead can be disbursed.
 */
import type { ConsentScope } from '../domain/consent';
import { formatRupiah } from '../domain/money';
import { type Problem, problem } from '../domain/problems';

/** Mirrors the Prisma enum of the same name. */
export type LeadStatus = 'NEW' | 'CONTACTED' | 'IN_REVIEW' | 'APPROVED' | 'REJECTED' | 'DISBURSED';

export const NEXT_STATUSES: Record<LeadStatus, readonly LeadStatus[]> = {
  NEW: ['CONTACTED'],
  CONTACTED: ['IN_REVIEW'],
  IN_REVIEW: ['APPROVED', 'REJECTED'],
  APPROVED: ['DISBURSED'],
  REJECTED: [],
  DISBURSED: [],
};

export const PIPELINE_TEXT = 'NEW → CONTACTED → IN_REVIEW → APPROVED or REJECTED, then APPROVED → DISBURSED';

/**
 * The enterprise's consent scopes a move needs, held at the moment of the move (README: a funder
 * reads an IKM's financial fields and needs only under its active consent for that scope).
 * - CONTACTED: none. First contact goes through the platform (consentRequest), which is how a
 *   funder asks an anonymised lead for its data in the first place.
 * - IN_REVIEW and APPROVED: NEEDS and FINANCIALS. Reviewing and deciding weigh the exact need
 *   against the enterprise's finances (the KUR readiness assessment); without them the funder
 *   would be deciding on data it may not see.
 * - DISBURSED: NEEDS. The amount paid out is checked against the amount sought, which an answer
 *   would otherwise disclose.
 * - REJECTED: none. A funder can always close a lead, e.g. with ENTERPRISE_DECLINED after the
 *   enterprise revoked its consent.
 * A revocation does not undo moves already made (the history records what happened); it stops
 * the moves that need the revoked scope until the enterprise consents again.
 */
export const CONSENT_FOR_MOVE: Record<LeadStatus, readonly ConsentScope[]> = {
  NEW: [],
  CONTACTED: [],
  IN_REVIEW: ['NEEDS', 'FINANCIALS'],
  APPROVED: ['NEEDS', 'FINANCIALS'],
  REJECTED: [],
  DISBURSED: ['NEEDS'],
};

/** "IN_REVIEW needs NEEDS and FINANCIALS, …" for descriptions. */
export const CONSENT_FOR_MOVE_TEXT = Object.entries(CONSENT_FOR_MOVE)
  .filter(([status, scopes]) => status !== 'NEW' && scopes.length > 0)
  .map(([status, scopes]) => `${status} needs ${scopes.join(' and ')}`)
  .join('; ');

/** Why a funder turns a lead down; the codes are stored, the descriptions shown. */
export const REJECTION_REASONS = {
  NOT_ELIGIBLE: 'The lead does not meet KUR or the funder\'s eligibility rules (e.g. business younger than 6 months, turnover above the KUR ceiling).',
  INSUFFICIENT_REPAYMENT_CAPACITY: 'Cash flow does not cover the instalments (kemampuan bayar tidak mencukupi).',
  POOR_CREDIT_HISTORY: 'The credit bureau record (SLIK OJK) shows arrears or a non-current collectibility.',
  INCOMPLETE_DOCUMENTS: 'Documents the funder asked for were not supplied.',
  INSUFFICIENT_COLLATERAL: 'The collateral offered does not cover the amount (agunan tidak mencukupi).',
  OUTSIDE_FUNDER_POLICY: "Outside the funder's sectors, area or ticket size.",
  ENTERPRISE_DECLINED: 'The enterprise withdrew or chose another offer.',
  UNREACHABLE: 'The enterprise could not be reached.',
  OTHER: 'Another reason, explained in the note (required with OTHER).',
} as const;

export type RejectionReason = keyof typeof REJECTION_REASONS;

export interface TransitionRequest {
  to: LeadStatus;
  reasonCode?: RejectionReason | null;
  disbursedAmount?: bigint | null;
  disbursedOn?: Date | null;
  note?: string | null;
}

function allowedText(from: LeadStatus): string {
  const next = NEXT_STATUSES[from];
  return next.length === 0 ? `${from} is final: the lead cannot move any more` : `from ${from} it can move only to ${next.join(' or ')}`;
}

/**
 * Problems with moving a lead from `from` as requested; empty when the move is allowed.
 * `requestedAmount` caps the disbursement (a larger figure is a typo or a different deal);
 * `today` (in Semarang) bounds the disbursement date; `consentScopes` are the scopes the
 * enterprise's active consent gives the funder now. A move the consent does not cover is only
 * that problem: the other checks would tell the funder about data it may not read.
 */
export function checkTransition(
  from: LeadStatus,
  request: TransitionRequest,
  { requestedAmount, today, consentScopes }: { requestedAmount: bigint; today: Date; consentScopes: ReadonlySet<ConsentScope> },
): Problem[] {
  const problems: Problem[] = [];
  if (!NEXT_STATUSES[from].includes(request.to)) {
    problems.push(problem('INVALID_TRANSITION', ['status'], `This lead is ${from}; ${allowedText(from)}, not to ${request.to}. The pipeline is ${PIPELINE_TEXT}.`));
  } else {
    const missing = CONSENT_FOR_MOVE[request.to].filter((scope) => !consentScopes.has(scope));
    if (missing.length > 0) {
      return [
        problem('CONSENT_REQUIRED', ['status'], `Moving a lead to ${request.to} needs the enterprise's active consent with scope ${missing.join(' and ')}; ask for it with consentRequest.`),
      ];
    }
  }
  if (request.to === 'REJECTED') {
    if (!request.reasonCode) {
      problems.push(problem('REQUIRED', ['reasonCode'], 'A rejection needs a reasonCode, e.g. INSUFFICIENT_REPAYMENT_CAPACITY.'));
    } else if (request.reasonCode === 'OTHER' && !request.note?.trim()) {
      problems.push(problem('REQUIRED', ['note'], 'With reasonCode OTHER, explain the reason in the note.'));
    }
  } else if (request.reasonCode) {
    problems.push(problem('INVALID_VALUE', ['reasonCode'], 'A reasonCode is given only when rejecting a lead.'));
  }
  if (request.to === 'DISBURSED') {
    const amount = request.disbursedAmount;
    if (amount == null) {
      problems.push(problem('REQUIRED', ['disbursedAmount'], 'A disbursement needs the amount disbursed, in rupiah.'));
    } else if (amount <= 0n) {
      problems.push(problem('INVALID_VALUE', ['disbursedAmount'], 'The amount disbursed must be above Rp0.'));
    } else if (amount > requestedAmount) {
      problems.push(problem('INVALID_VALUE', ['disbursedAmount'], `The amount disbursed (${formatRupiah(amount)}) cannot exceed the amount the enterprise asked for (${formatRupiah(requestedAmount)}).`));
    }
    if (request.disbursedOn == null) {
      problems.push(problem('REQUIRED', ['disbursedOn'], 'A disbursement needs the date the money was paid out.'));
    } else if (request.disbursedOn > today) {
      problems.push(problem('INVALID_VALUE', ['disbursedOn'], 'The disbursement date cannot be in the future.'));
    }
  } else {
    if (request.disbursedAmount != null) {
      problems.push(problem('INVALID_VALUE', ['disbursedAmount'], 'disbursedAmount is given only with status DISBURSED.'));
    }
    if (request.disbursedOn != null) {
      problems.push(problem('INVALID_VALUE', ['disbursedOn'], 'disbursedOn is given only with status DISBURSED.'));
    }
  }
  return problems;
}

/** The stored rejection: "CODE" or "CODE: note". */
export function storedRejection(code: RejectionReason, note: string | null | undefined): string {
  const text = note?.trim();
  return text ? `${code}: ${text}` : code;
}

/** Reads a stored rejection; free text from before the codes existed reads as OTHER with that text. */
export function parseRejection(stored: string | null): { code: RejectionReason; note: string | null } | null {
  if (stored === null) return null;
  const match = /^([A-Z_]+)(?::\s*([\s\S]*))?$/.exec(stored);
  if (match && match[1]! in REJECTION_REASONS) return { code: match[1] as RejectionReason, note: match[2] ?? null };
  return { code: 'OTHER', note: stored };
}
