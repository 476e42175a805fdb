// The generated enum unions, as types only: no Prisma code at run time.
import type { ConsentScope, FunderType } from '../../generated/prisma/enums';
import { type Problem, problem } from '../problems';

/**
 * Consent of an IKM to a funder, in the spirit of UU 27/2022 on personal data protection
 * (Pelindungan Data Pribadi): explicit (a person grants it, never a default), specific (named
 * scopes, one funder or one funder type), time-limited (an expiry at most a year ahead), revocable
 * (a revocation row, effective from its instant) and recorded (grants are never updated in place).
 *
 * Plain functions over plain data: the GraphQL layer loads the rows, these decide.
 */

export type { ConsentScope, FunderType };

export const CONSENT_SCOPES: readonly ConsentScope[] = ['PROFILE', 'FINANCIALS', 'NEEDS', 'DOCUMENTS'];

/** What each scope opens to a funder; the GraphQL enum quotes these. */
export const SCOPE_DESCRIPTIONS: Record<ConsentScope, string> = {
  PROFILE: "Who the enterprise is behind a lead, and its contact persons' phone numbers and e-mail addresses.",
  FINANCIALS:
    'Financial fields (annual turnover, business capital, bookkeeping, financial statements, current credit, NPWP) and the KUR readiness assessment computed from them.',
  NEEDS: 'The financing needs themselves: exact amount, tenor, collateral and dates, and filtering or sorting leads by amount or date. (A FINANCING_REQUEST the enterprise posts on the marketplace is public by its own choice and needs no consent; it is never linked to the anonymised lead.)',
  DOCUMENTS: 'Documents the enterprise uploads for financing (reserved: Temu Bisnis stores no documents yet).',
};

/** A grant as stored, with its revocation instant when revoked. */
export interface ConsentGrant {
  enterpriseId: string;
  /** The one funder the grant names; null for a grant to every funder of `funderType`. */
  funderId: string | null;
  funderType: FunderType | null;
  scopes: readonly ConsentScope[];
  grantedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** The funder asking: a partner organisation of kind FUNDER. */
export interface Funder {
  id: string;
  funderType: FunderType | null;
}

export type ConsentStatus = 'ACTIVE' | 'REVOKED' | 'EXPIRED' | 'NOT_YET_VALID';

/**
 * The status of a grant at instant `at`. A revocation wins over expiry once it has happened; the
 * grant is in force from grantedAt (inclusive) to expiresAt (exclusive): at the very instant of
 * expiry it no longer is.
 */
export function consentStatus(grant: Pick<ConsentGrant, 'grantedAt' | 'expiresAt' | 'revokedAt'>, at: Date): ConsentStatus {
  const t = at.getTime();
  if (grant.revokedAt !== null && grant.revokedAt.getTime() <= t) return 'REVOKED';
  if (grant.expiresAt.getTime() <= t) return 'EXPIRED';
  if (grant.grantedAt.getTime() > t) return 'NOT_YET_VALID';
  return 'ACTIVE';
}

export function isConsentActive(grant: Pick<ConsentGrant, 'grantedAt' | 'expiresAt' | 'revokedAt'>, at: Date): boolean {
  return consentStatus(grant, at) === 'ACTIVE';
}

/**
 * Whether a grant names this funder: by id, or, for a grant to a funder type, by the funder's
 * subtype. A grant to BANK never covers a BPR, a koperasi or a funder without a subtype.
 */
export function grantNamesFunder(grant: Pick<ConsentGrant, 'funderId' | 'funderType'>, funder: Funder): boolean {
  if (grant.funderId !== null) return grant.funderId === funder.id;
  return grant.funderType !== null && grant.funderType === funder.funderType;
}

/**
 * The scopes an enterprise currently lets this funder read: the union over its grants that name
 * the funder and are active at `at`. Grants of other enterprises are ignored.
 */
export function activeScopes(
  grants: readonly ConsentGrant[],
  { enterpriseId, funder, at }: { enterpriseId: string; funder: Funder; at: Date },
): Set<ConsentScope> {
  const scopes = new Set<ConsentScope>();
  for (const grant of grants) {
    if (grant.enterpriseId !== enterpriseId || !grantNamesFunder(grant, funder) || !isConsentActive(grant, at)) continue;
    for (const scope of grant.scopes) scopes.add(scope);
  }
  return scopes;
}

/** Whether the enterprise lets the funder read `scope` at `at`. */
export function consentAllows(
  grants: readonly ConsentGrant[],
  query: { enterpriseId: string; funder: Funder; scope: ConsentScope; at: Date },
): boolean {
  return activeScopes(grants, query).has(query.scope);
}

/** The longest a grant may run: one year. A funder that still needs the data asks again. */
export const MAX_CONSENT_DAYS = 366;
const DAY_MS = 86_400_000;

export interface GrantRequest {
  funderId: string | null | undefined;
  funderType: FunderType | null | undefined;
  scopes: readonly ConsentScope[];
  expiresAt: Date;
}

/**
 * Checks the shape of a grant before it is written: exactly one recipient (a funder or a funder
 * type), at least one scope and no scope twice, an expiry in the future and at most
 * MAX_CONSENT_DAYS ahead. Whether the funder exists is for the caller to check.
 */
export function checkGrantRequest(request: GrantRequest, now: Date): Problem[] {
  const problems: Problem[] = [];
  const hasFunder = request.funderId != null;
  const hasType = request.funderType != null;
  if (hasFunder === hasType) {
    problems.push(
      hasFunder
        ? problem('INVALID_VALUE', ['funderType'], 'Give either funderId (one funder) or funderType (every funder of that type), not both: a consent names its recipients exactly.')
        : problem('REQUIRED', ['funderId'], 'Name who may read the data: funderId for one funder, or funderType for every funder of that type.'),
    );
  }
  if (request.scopes.length === 0) {
    problems.push(problem('REQUIRED', ['scopes'], 'Choose at least one scope: PROFILE, FINANCIALS, NEEDS or DOCUMENTS.'));
  } else if (new Set(request.scopes).size !== request.scopes.length) {
    problems.push(problem('INVALID_VALUE', ['scopes'], 'Each scope may be listed once.'));
  }
  const ahead = request.expiresAt.getTime() - now.getTime();
  if (ahead <= 0) {
    problems.push(problem('IN_PAST', ['expiresAt'], 'The consent must expire in the future.'));
  } else if (ahead > MAX_CONSENT_DAYS * DAY_MS) {
    problems.push(
      problem('INVALID_VALUE', ['expiresAt'], `A consent runs at most ${MAX_CONSENT_DAYS} days (one year); choose an earlier expiry and grant again when it lapses.`),
    );
  }
  return problems;
}
