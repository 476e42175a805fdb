import { isStaff } from '../auth/viewer';
import { funderMayRead } from '../consent/access';
import type { Context } from '../context';
import type { ConsentScope } from '../domain/consent';

/**
 * Who may read an enterprise's private data: NPWP, turnover and capital, bookkeeping, credit, the
 * exact figures behind its size class, and its contacts' phone numbers and e-mail addresses.
 *
 * Disperin staff and the enterprise's own members. This is the one place the rule lives; funders
 * holding an active consent are added per consent scope by canSeeProtected below. The return type
 * allows a Promise so a check may read the database (through a per-request loader, to stay free
 * of N+1).
 */
export function canSeePrivate(enterpriseId: string | null | undefined, ctx: Context): boolean | Promise<boolean> {
  if (!enterpriseId) return false;
  return isStaff(ctx.viewer) || ctx.viewer.enterpriseIds.includes(enterpriseId);
}

/**
 * canSeePrivate, extended to funders: a funder (person or API key with leads:read) holding the
 * enterprise's active consent covering `scope` may read too, and that read of `fields` is audited
 * (consent/access.ts; consents are loaded once per request, so lists stay free of N+1).
 */
export function canSeeProtected(
  enterpriseId: string | null | undefined,
  ctx: Context,
  { scope, fields }: { scope: ConsentScope; fields: string[] },
): boolean | Promise<boolean> {
  if (!enterpriseId) return false;
  const own = canSeePrivate(enterpriseId, ctx);
  if (own === true) return true;
  return Promise.resolve(own).then((ok) => ok || funderMayRead(enterpriseId, scope, fields, ctx));
}

/**
 * Field options for a private field of an enterprise-owned object: scope-auth decides with
 * canSeePrivate (or, when the field is consent-protected, canSeeProtected with its consent scope
 * and field name), and a caller who may not see it gets null instead of an error, so the public
 * profile around it still resolves.
 */
export function privateFieldAuth<Parent>(
  enterpriseIdOf: (parent: Parent) => string | null | undefined,
  consent?: { scope: ConsentScope; field: string },
) {
  return {
    authScopes: (parent: Parent, _args: object, ctx: Context) =>
      consent
        ? canSeeProtected(enterpriseIdOf(parent), ctx, { scope: consent.scope, fields: [consent.field] })
        : canSeePrivate(enterpriseIdOf(parent), ctx),
    unauthorizedResolver: () => null,
  };
}

/** The note of private fields a funder may read under the enterprise's consent. */
export const consentNote = (scope: ConsentScope) =>
  `Private: visible to Disperin staff, members of this enterprise, and funders holding its active consent with scope ${scope} (each such read is recorded in the enterprise's data access log); null for everyone else.`;
