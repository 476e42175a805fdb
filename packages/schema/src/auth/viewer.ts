import type { FunderType, PartnerKind, UserRole } from '../generated/prisma/enums';

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
}

export const ANONYMOUS: Viewer = {
  userId: null,
  apiKeyId: null,
  role: null,
  enterpriseIds: [],
  partner: null,
  scopes: null,
};

export function isStaff(viewer: Viewer): boolean {
  return viewer.role === 'ADMIN' || viewer.role === 'OFFICER';
}

export function isAnonymous(viewer: Viewer): boolean {
  return viewer.userId === null && viewer.apiKeyId === null;
}

/** API keys carry explicit scopes; people are limited by role and membership instead. */
export function hasApiScope(viewer: Viewer, scope: string): boolean {
  return viewer.scopes === null ? !isAnonymous(viewer) : viewer.scopes.includes(scope);
}
