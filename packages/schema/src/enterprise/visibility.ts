import { isStaff } from '../auth/viewer';
import type { Context } from '../context';

/**
 * Who may read an enterprise's private data: NPWP, turnover and capital, bookkeeping, credit, the
 * exact figures behind its size class, and its contacts' phone numbers and e-mail addresses.
 *
 * Today: Disperin staff and the enterprise's own members. This is the one place the rule lives;
 * the planned extension (counterparts of a scheduled meeting, funders holding an unrevoked consent)
 * belongs here too. The return type already allows a Promise so such a check may read the
 * database (through a per-request loader, to stay free of N+1).
 */
export function canSeePrivate(enterpriseId: string | null | undefined, ctx: Context): boolean | Promise<boolean> {
  if (!enterpriseId) return false;
  return isStaff(ctx.viewer) || ctx.viewer.enterpriseIds.includes(enterpriseId);
}

/**
 * Field options for a private field of an enterprise-owned object: scope-auth decides with
 * canSeePrivate, and a caller who may not see it gets null instead of an error, so the public
 * profile around it still resolves.
 */
export function privateFieldAuth<Parent>(enterpriseIdOf: (parent: Parent) => string | null | undefined) {
  return {
    authScopes: (parent: Parent, _args: object, ctx: Context) => canSeePrivate(enterpriseIdOf(parent), ctx),
    unauthorizedResolver: () => null,
  };
}

/** Scope map for changing an enterprise's profile and products: staff or the enterprise's members. */
export function editScopes(enterpriseId: string | null) {
  return enterpriseId ? { $any: { staff: true, enterpriseMember: enterpriseId } } : { staff: true };
}

/** The note appended to descriptions of private fields. */
export const PRIVATE_NOTE =
  'Private: visible to Disperin staff and members of this enterprise; null for everyone else.';
