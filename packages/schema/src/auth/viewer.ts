import type { FunderType, PartnerKind, UserRole } from '../generated/prisma/enums';
import { type ApiScope, NON_LEAD_SCOPES, SCOPE } from './key-scopes';

/** Who is calling: a person signed in with a token, a partner's program with an API key, or nobody. */
export interface Viewer {
  userId: string | null;
  apiKeyId: string | null;
  /** The person's role; null for anonymous callers and API keys. */
  role: UserRole | null;
  /** Enterprises the person owns or works for. */
  enterpriseIds: readonly string[];
  /** The partner organisation the person or API key acts for. */
  partner: { id: string; kind: PartnerKind; funderType: FunderType | null } | null;
  /** An API key's scopes (e.g. leads:read); null for people, whose role decides. */
  scopes: readonly string[] | null;
  /**
   * The kabupaten/kota (Regency id) whose records a staff member may change: their Disperin office's
   * (auth/region.ts); null when not limited: the provincial office, which serves all of Jawa
   * Tengah, and everyone who is not staff (other rules decide for them).
   */
  regencyId: string | null;
}

export const ANONYMOUS: Viewer = {
  userId: null,
  apiKeyId: null,
  role: null,
  enterpriseIds: [],
  partner: null,
  scopes: null,
  regencyId: null,
};

export function isStaffRole(role: UserRole | null): boolean {
  return role === 'ADMIN' || role === 'OFFICER';
}

export function isStaff(viewer: Viewer): boolean {
  return isStaffRole(viewer.role);
}

export function isAnonymous(viewer: Viewer): boolean {
  return viewer.userId === null && viewer.apiKeyId === null;
}

/**
 * The scopes a signed-in person holds: people carry no key, so their memberships stand in for one.
 * A partner's members hold what a key of that partner may use (the lead scopes only at a FUNDER);
 * an enterprise's members post opportunities and take part in forums; Disperin staff act on
 * everyone's behalf except in a funder's pipeline (README: staff never see it). A person with no
 * organisation and no staff role holds none: being signed in alone opens no scoped field.
 */
function personScopes(viewer: Viewer): readonly ApiScope[] {
  if (viewer.partner) return viewer.partner.kind === 'FUNDER' ? Object.values(SCOPE) : NON_LEAD_SCOPES;
  if (isStaff(viewer)) return NON_LEAD_SCOPES;
  if (viewer.enterpriseIds.length > 0) return [SCOPE.OPPORTUNITIES_READ, SCOPE.OPPORTUNITIES_WRITE, SCOPE.SESSIONS_WRITE];
  return [];
}

/** Whether the caller holds `scope`: an API key when it carries it, a person when a membership gives it. */
export function hasApiScope(viewer: Viewer, scope: ApiScope): boolean {
  if (isAnonymous(viewer)) return false;
  return (viewer.scopes ?? personScopes(viewer)).includes(scope);
}
