import { auditRead, protectedAccess } from '../consent/access';
import type { Context } from '../context';
import type { ConsentScope } from '../domain/consent';

/**
 * Field options for a private field of an enterprise-owned object (NPWP, turnover and capital,
 * bookkeeping, credit, contacts): the policy is auth/policies.ts protectedAccessOf (Disperin staff of its kabupaten/kota,
 * the enterprise's members, and funders holding its active consent covering `scope`); the field's
 * explicit audit step notes a funder's read of `field`. The plugin resolves exposed fields itself,
 * so the audit follows the check here. A caller who may not see the field gets null instead of an
 * error, so the public profile around it still resolves.
 */
export function privateFieldAuth<Parent>(enterpriseIdOf: (parent: Parent) => string | null | undefined, scope: ConsentScope, field: string) {
  return {
    authScopes: async (parent: Parent, _args: object, ctx: Context) => {
      const enterpriseId = enterpriseIdOf(parent);
      return auditRead(await protectedAccess(enterpriseId, scope, ctx), enterpriseId, [field], ctx);
    },
    unauthorizedResolver: () => null,
  };
}

/** The note of private fields a funder may read under the enterprise's consent. */
export const consentNote = (scope: ConsentScope) =>
  `Private: visible to the Disperin staff of its kabupaten/kota's office or of the provincial office, members of this enterprise, and funders holding its active consent with scope ${scope} (each such read is recorded in the enterprise's data access log); null for everyone else.`;
